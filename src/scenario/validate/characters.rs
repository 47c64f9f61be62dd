//! The words of a problem that concern text itself: characters a field may not hold, and TOML's
//! own messages explained.

use std::ops::Range;

use crate::scenario::problem::ProblemKind;
use crate::text_safety::first_unsafe;

/// Top-level keys, for explaining TOML's most common surprise.
const TOP_LEVEL_KEYS: &[&str] = &["id", "verdict", "category", "title", "context", "notes", "difficulty"];

/// TOML's message, plus a hint when a top-level key was written below a `[[table]]` header and
/// so landed inside that table.
pub(super) fn explain_toml_error(message: &str) -> String {
    let message = message.trim();
    let misplaced = TOP_LEVEL_KEYS.iter().find(|k| message.starts_with(&format!("unknown field `{k}`")));
    match misplaced {
        Some(key) => format!(
            "`{key}` is a scenario key, but here it follows a [[table]] header, so TOML reads it as part of that table; move it above the first [[thread]]"
        ),
        None => message.to_string(),
    }
}

/// The first control, bidi or invisible character in `s` (the value at `span` of `source`), or a
/// line break where `multiline` is false: its byte offset in the file — the character itself
/// when the file holds it literally, else the value's start — and the problem. Shared by the
/// scenario and deck checkers so both apply the same rules in the same words.
pub(crate) fn forbidden_character(
    source: &str,
    s: &str,
    span: Range<usize>,
    key: &str,
    multiline: bool,
) -> Option<(usize, ProblemKind)> {
    // Most text is plain printable ASCII: check that byte-wise before looking at characters.
    if crate::text_safety::is_printable_ascii(s, multiline) {
        return None;
    }
    let newline = (!multiline).then(|| s.find('\n')).flatten();
    let (c, reason) = match (first_unsafe(s), newline) {
        (Some((i, c, why)), n) if n.is_none_or(|n| i < n) => (c, why.reason()),
        (_, Some(_)) => ('\n', "a line break, which this single-line field cannot hold"),
        (_, None) => return None,
    };
    let at = source.get(span.clone()).and_then(|raw| raw.find(c)).map_or(span.start, |i| span.start + i);
    Some((at, ProblemKind::ControlCharacter(format!("`{key}` contains U+{:04X}: {reason}", c as u32))))
}
