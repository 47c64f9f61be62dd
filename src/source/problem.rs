//! A problem at a place, for every file format: each format (scenario, deck, course, config)
//! has its own kinds of problem and shares this shape and its one safe way to print.

use std::fmt;
use std::sync::Arc;

use super::Location;

/// An optional " (did you mean `x`?)" suffix, kept as data so tests can match on it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Hint(pub Option<String>);

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(s) => write!(f, " (did you mean `{s}`?)"),
            None => Ok(()),
        }
    }
}

/// A problem at a place; `K` is the format's own kind of problem, whose `Display` text is the
/// message after `path:line:col: `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem<K> {
    pub at: Location,
    pub kind: K,
}

/// One line, always safe to print: the path and the message repeat what a file holds (ids,
/// quotes, key names, file names), so the whole line goes through the one output rule
/// ([`crate::text_safety::terminal_line`]): no escape sequence, invisible character or line
/// break from a file reaches the output, and no file can forge a line of `check`'s output.
impl<K: fmt::Display> fmt::Display for Problem<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line())
    }
}

impl<K: fmt::Display> Problem<K> {
    /// The line [`Display`](fmt::Display) writes, as its own string: built once at about a
    /// line's length and handed over as it is when nothing in it needs replacing (`to_string`
    /// would copy it again into a string grown from empty; `check` may print thousands).
    pub fn line(&self) -> String {
        use std::fmt::Write;
        let mut line = String::with_capacity(self.at.path.len() + 200);
        let _ = write!(line, "{}: {}", self.at, self.kind);
        match crate::text_safety::terminal_line(&line) {
            std::borrow::Cow::Borrowed(_) => line,
            std::borrow::Cow::Owned(safe) => safe,
        }
    }
}

/// Why a file could not be read at all (the bounded reader's problem kind).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot read file: {0}")]
pub struct Unreadable(pub String);

/// A problem of another format carried in a list of this format's problems (a deck's or a
/// course's problem among a scenario folder's): kept as its message, compared by it.
#[derive(Clone, Debug)]
pub struct Foreign(Arc<dyn std::error::Error + Send + Sync>);

impl Foreign {
    pub fn new(problem: impl std::error::Error + Send + Sync + 'static) -> Foreign {
        Foreign(Arc::new(problem))
    }

    /// The problem itself, to match on its kind (`downcast_ref::<DeckProblem>()`).
    pub fn get(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        &*self.0
    }
}

impl fmt::Display for Foreign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl PartialEq for Foreign {
    fn eq(&self, other: &Foreign) -> bool {
        self.to_string() == other.to_string()
    }
}

impl Eq for Foreign {}
