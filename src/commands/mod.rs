//! The non-interactive commands.

mod audit;
mod check;
pub mod config;
mod course_place;
mod decks;
mod draft;
mod exam_intro;
pub mod inspect;
mod inspect_tui;
mod list;
mod plan;
mod report;
pub mod serve;
mod session;

pub use audit::{audit_builtin, audit_builtin_lines, audit_paths, deck_scenarios};
pub use check::{DeckCheck, check, check_builtin, check_paths, check_report, check_report_with_decks, problem_lines};
pub use decks::{decks, decks_lines};
pub use inspect::InspectArgs;
pub use list::{ListFilter, ListMode, filtered, list, list_lines, render_lines, summary_lines};
pub use report::{ReportArgs, ReportFormat, report};
pub use session::{Options, Plan, Stores, run as run_session};

use std::io::Write;

use crate::text_safety::terminal_line;

/// Prints lines to stdout, each through the one output rule ([`terminal_line`]): text from a
/// file can neither send a control sequence nor start a line of its own. A closed pipe
/// (`smishdrill list | head`) ends the output quietly instead of panicking as `println!` would.
pub fn print_lines(lines: impl IntoIterator<Item = String>) {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in lines {
        // The bytes themselves, without the formatting machinery (`check` may print thousands).
        if out.write_all(terminal_line(&line).as_bytes()).and_then(|()| out.write_all(b"\n")).is_err() {
            return;
        }
    }
    let _ = out.flush();
}

/// Prints a message to stderr, each of its lines through [`terminal_line`]. The message's own
/// line breaks are kept (a list of problems); text from a file or the command line inside it
/// must already be one line (a [`crate::scenario::Problem`] is), so it cannot add one. A
/// closed stderr is ignored.
pub fn eprint_text(text: &str) {
    let mut err = std::io::stderr().lock();
    for line in text.lines() {
        if writeln!(err, "{}", terminal_line(line)).is_err() {
            return;
        }
    }
}

/// A one-line message to stderr with the `smishdrill: ` prefix, through [`terminal_line`] as a
/// whole: a newline inside it (a typed path, a name from a file) shows as `␤`.
pub fn complain(message: &str) {
    eprint_text(&format!("smishdrill: {}", terminal_line(message)));
}

/// A message of several lines (a deck's problems, one per line), the prefix on the first; each
/// line through [`terminal_line`] (each problem is already one safe line).
pub fn complain_lines(message: &str) {
    eprint_text(&format!("smishdrill: {message}"));
}
