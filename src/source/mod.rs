//! The leaf under every file format: places in a text (`path:line:col`), problems at them, the
//! one bounded reader, and which format a path holds. Scenarios, decks, courses and the config
//! file build on it; it names none of them.

pub mod files;
mod kind;
mod location;
mod problem;

pub use kind::{COURSE_FILE, FileKind};
pub use location::{Location, SourceMap};
pub use problem::{Foreign, Hint, Problem, Unreadable};
