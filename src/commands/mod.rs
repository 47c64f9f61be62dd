//! The non-interactive commands.

mod audit;
mod check;
mod decks;
mod list;
mod report;
mod session;

pub use audit::{audit_builtin, audit_paths, deck_scenarios};
pub use check::{DeckCheck, check, check_builtin, check_paths, check_report, check_report_with_decks};
pub use decks::{decks, decks_lines};
pub use list::{ListFilter, ListMode, filtered, list, list_lines, render_lines, summary_lines};
pub use report::{ReportArgs, ReportFormat, report};
pub use session::{Options, Plan, Stores, run as run_session};

use std::io::Write;

/// Prints lines to stdout. A closed pipe (`smishdrill list | head`) ends the output quietly
/// instead of panicking as `println!` would.
pub fn print_lines(lines: impl IntoIterator<Item = String>) {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in lines {
        if writeln!(out, "{line}").is_err() {
            return;
        }
    }
    let _ = out.flush();
}
