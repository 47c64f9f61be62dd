//! The bundled scenario files, as build.rs embedded them: below both the corpus (which loads
//! them) and the baked forms (which are indexed by them).

/// The scenarios under `scenarios/` at build time: (path shown in messages, file text).
pub const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_scenarios.rs"));
