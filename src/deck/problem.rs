//! What can be wrong in a deck file, beyond what scenario files share (syntax, missing and empty
//! keys, control characters): the `Display` text is the message after `path:line:col: `.

use crate::scenario::problem::{Foreign, Hint, ProblemKind};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DeckProblem {
    #[error("unknown key `{key}`{hint}")]
    UnknownKey { key: String, hint: Hint },
    #[error(
        "`{0}` is a deck key, but here it follows a [[pick]] header, so TOML reads it as part of that pick; move it above the first [[pick]]"
    )]
    AfterPick(String),
    #[error("`{0}` belongs in a [[pick]] table")]
    PickKeyOutside(String),
    #[error("`{key}` must be {expected}")]
    WrongType { key: String, expected: &'static str },
    #[error("`{key}` must be {allowed}, not {value}")]
    OutOfRange { key: &'static str, value: String, allowed: &'static str },
    #[error("unknown {what} `{value}`{hint}; use one of: {choices}")]
    UnknownName { what: &'static str, value: String, hint: Hint, choices: String },
    #[error("no scenario with id `{id}`{hint} (`smishdrill list` shows the ids)")]
    UnknownScenario { id: String, hint: Hint },
    #[error("scenario `{id}` is listed twice (first at line {first_line})")]
    RepeatedId { id: String, first_line: usize },
    #[error("the deck shows nothing: list ids in `scenarios` or add a [[pick]]")]
    Nothing,
    #[error("this pick asks for {count} scenarios, but only {matching} match its filter{besides}")]
    TooFewMatches { count: usize, matching: usize, besides: &'static str },
}

impl From<DeckProblem> for ProblemKind {
    fn from(p: DeckProblem) -> ProblemKind {
        ProblemKind::Format(Foreign::new(p))
    }
}
