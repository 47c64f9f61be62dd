//! Storage: every file the trainer writes — each learner's answers, the machine's completion
//! records, the course's resume points — as append-only JSON Lines that lose nothing and keep
//! damaged files aside. `learning` holds the pure code that reads these records; only this
//! module (and the commands at the edge) touches the files.

mod answer_line;
mod answer_window;
pub mod completions;
pub mod course_progress;
mod error;
pub mod jsonl;
pub mod progress;

pub use error::{StoreError, default_data_dir};
