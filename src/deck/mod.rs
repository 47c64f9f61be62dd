//! Decks: a named set of scenarios and how to run them (order, feedback, pass mark, time
//! limit), written by instructors as TOML files (format: `docs/deck-format.md`). Bundled decks
//! live in `assets/decks/` and are compiled into the program. Knows nothing about terminals.

mod choose;
mod model;
mod parse;
mod problem;

use std::path::Path;

pub use model::{Deck, FEEDBACKS, Feedback, ORDERS, Order, Pick, VERDICTS};
pub use parse::{DECK_KEYS, PICK_KEYS, checksum, parse_deck};
pub use problem::DeckProblem;

use crate::scenario::Scenario;
use crate::scenario::problem::{Hint, Problem};
use crate::text_safety::sanitize_line;

const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_decks.rs"));

/// The bundled decks (name, source), embedded at build time from `assets/decks/*.toml`,
/// sorted by name.
pub fn embedded() -> &'static [(&'static str, &'static str)] {
    EMBEDDED
}

/// Why a deck could not be had.
#[derive(Debug, thiserror::Error)]
pub enum DeckError {
    #[error("no bundled deck named `{name}`{hint}; the bundled decks are: {names}")]
    UnknownName { name: String, hint: Hint, names: String },
    /// Every problem of the file, one `path:line:col: message` per line.
    #[error("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid { problems: Vec<Problem> },
}

/// Is `path` a deck file rather than a scenario? Decks sit in a folder named `decks`, or their
/// name ends in `.deck.toml`; `check` and the scenario loader both go by this.
pub fn is_deck_path(path: &Path) -> bool {
    crate::source::FileKind::of(path) == crate::source::FileKind::Deck
}

/// Where problems in a bundled deck are reported: the file it was built from.
pub fn embedded_path(name: &str) -> String {
    format!("assets/decks/{name}.toml")
}

/// A deck by bundled name ("quick-10") or by path to a file (anything containing '/' or ending
/// in ".toml" is a path), validated against `pool`.
pub fn find(name_or_path: &str, pool: &[Scenario]) -> Result<Deck, DeckError> {
    if name_or_path.contains('/') || name_or_path.ends_with(".toml") {
        let text = read(name_or_path).map_err(|p| DeckError::Invalid { problems: vec![p] })?;
        return parse_deck(name_or_path, &text, pool).map_err(|problems| DeckError::Invalid { problems });
    }
    match EMBEDDED.iter().find(|(name, _)| *name == name_or_path) {
        Some((name, text)) => {
            let deck =
                parse_deck(&embedded_path(name), text, pool).map_err(|problems| DeckError::Invalid { problems })?;
            Ok(Deck { origin: format!("built-in:{name}"), ..deck })
        }
        None => Err(DeckError::UnknownName {
            name: sanitize_line(name_or_path),
            hint: Hint(parse::closest(EMBEDDED.iter().map(|(n, _)| *n), name_or_path).map(str::to_string)),
            names: EMBEDDED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "),
        }),
    }
}

/// A deck file's text, or a problem at its first character (or at the first byte that is not
/// UTF-8) saying why it cannot be used: the one bounded reader ([`crate::source::files::read_text`]),
/// so a device, a pipe or a folder is refused at once and no read goes past the limit.
pub fn read(path: &str) -> Result<String, Problem> {
    crate::source::files::read_text(Path::new(path), "a deck").map_err(Problem::from)
}

#[cfg(test)]
mod tests;
