//! The non-interactive commands.

mod check;
mod list;

pub use check::{check, check_report};
pub use list::{list, list_lines};
