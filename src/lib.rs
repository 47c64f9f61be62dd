//! smishdrill: a terminal trainer that teaches people to recognise SMS phishing.
//!
//! Layers, from the inside out: `scenario` (the file format and its rules) and `corpus`,
//! `round` (what a round shows) are plain domain code; `app` holds the trainer's state and its
//! pure `update`; `ui` draws that state with ratatui; `terminal` owns the real terminal and the
//! event loop; `cli` and `commands` are the command line.
//!
//! No `unsafe` code: every speed-up so far was found without it (see docs/performance.md).
#![forbid(unsafe_code)]

pub mod app;
pub mod audit;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod course;
pub mod deck;
pub mod detect;
pub mod json_scan;

#[cfg(test)]
pub mod fixtures;
pub mod highlight;
pub mod i18n;
pub mod inspect_app;
pub mod inspect_input;
pub mod learning;
pub mod plain;
pub mod report;
pub mod round;
pub mod runtime;
pub mod scenario;
pub mod send;
pub mod serve;
pub mod source;
pub mod store;
pub mod terminal;
pub mod text_ranges;
pub mod text_safety;
pub mod ui;
