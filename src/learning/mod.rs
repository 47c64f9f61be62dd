//! Measured learning: spotting flags, signal-detection scores, saved progress, statistics and
//! the practice schedule. Domain code: no terminal, no drawing.

pub mod completion;
pub mod record;
pub mod schedule;
pub mod sdt;
pub mod spot;
pub mod stats;
pub mod summary;
