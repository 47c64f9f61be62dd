//! Problems found in scenario files, each tied to a `path:line:col` so an author can jump to it.
//! The shape (a kind at a place) and the source map are the leaf module `source`'s; these are
//! the scenario format's kinds, which the other formats reuse for what they share.

pub use crate::source::{Foreign, Hint, Location, SourceMap};

/// A problem in a scenario file (or one of another format kept with them, [`ProblemKind::Format`]).
pub type Problem = crate::source::Problem<ProblemKind>;

/// What is wrong. The `Display` text is the message after `path:line:col: `.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProblemKind {
    #[error("{0}")]
    Syntax(String),
    #[error("`{0}` is given twice")]
    Twice(&'static str),
    #[error("cannot read file: {0}")]
    Unreadable(String),
    #[error("missing required key `{0}`")]
    Missing(&'static str),
    #[error("`{key}` must not be empty")]
    Empty { key: &'static str },
    #[error("id `{0}` must be lowercase-kebab: letters a-z, digits and single hyphens")]
    BadId(String),
    #[error("duplicate id `{id}` (first used at {first})")]
    DuplicateId { id: String, first: String },
    #[error("unknown {what} `{value}`{hint}")]
    Unknown { what: &'static str, value: String, hint: Hint },
    #[error("difficulty must be 1, 2 or 3, not {0}")]
    DifficultyOutOfRange(i64),
    #[error("a message needs `sender` unless it has `from_me = true`")]
    NoSender,
    #[error("a message with `from_me = true` must not have a `sender`")]
    SenderFromMe,
    #[error("the thread needs at least one message from someone other than you")]
    NoIncoming,
    #[error("quote `{0}` appears in no sender or text of the thread")]
    QuoteNotFound(String),
    #[error("a scam needs at least two [[flag]] entries, found {0}")]
    TooFewFlags(usize),
    #[error("a genuine message must not have [[flag]] entries (use [[sign]] for what shows it is real)")]
    FlagsOnLegit,
    #[error("a genuine message needs at least one [[sign]]")]
    NoSigns,
    #[error("a scam must not have [[sign]] entries")]
    SignsOnScam,
    #[error("a scam needs at least one entry in `sources` (the public advisory it mirrors)")]
    NoSource,
    #[error("at most one [[question]] per scenario")]
    TooManyQuestions,
    #[error("a question needs 2 to 9 choices, found {0}")]
    ChoiceCount(usize),
    #[error("answer {answer} is out of range: choose 1 to {choices}")]
    AnswerOutOfRange { answer: i64, choices: usize },
    #[error("{0}")]
    ControlCharacter(String),
    #[error("source `{0}` is not an http(s) address")]
    BadSource(String),
    #[error("`{0}` is a real criminal domain from a public report; use an invented lookalike in the same shape")]
    KnownCriminalDomain(String),
    #[error("in the variant drawn with seed {seed}: {inner}")]
    InVariant { seed: u64, inner: Box<ProblemKind> },
    #[error("variable `{name}`: {why}")]
    BadVariable { name: String, why: String },
    #[error("`{{{0}}}` is used but not defined in [vars]")]
    UndefinedVariable(String),
    #[error("variable `{0}` is defined but never used")]
    UnusedVariable(String),
    #[error("{0}")]
    BadBraces(String),
    #[error("phone number `{0}` in a scam must use the fictional range 555-0100 to 555-0199")]
    RealLookingNumber(String),
    #[error(
        "`{0}` is a fixed calendar date: it goes stale, and a careful learner then reads the old date as a red flag; draw it with a `date` variable (see \"Variables\" in docs/scenario-format.md)"
    )]
    FixedDate(String),
    #[error(
        "this question is asked before the reveal, but `{0}` names or implies the verdict: reword it neutrally, or add `asked = \"after\"` to ask it after the explanation"
    )]
    QuestionNamesVerdict(String),
    #[error(
        "the right answer is the longest choice, {len} characters against a mean of {mean} for the others (more than 1.5×): it can be picked without reading; shorten it or lengthen the others"
    )]
    LongRightAnswer { len: usize, mean: usize },
    #[error(
        "the situation names the sender `{0}`: that gives the answer away (a learner checks the sender against the context instead of reading the message); say what the learner did and expects, not who texts them"
    )]
    ContextNamesSender(String),
    /// A rule of another format (a deck's, `src/deck/`) kept among these problems: the scenario
    /// format names no other format, so it holds them by their message.
    #[error("{0}")]
    Format(Foreign),
}

impl From<crate::source::Problem<crate::source::Unreadable>> for Problem {
    fn from(p: crate::source::Problem<crate::source::Unreadable>) -> Problem {
        Problem { at: p.at, kind: ProblemKind::Unreadable(p.kind.0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_characters_from_one() {
        let map = SourceMap::new("a.toml", "ab\ncdé f\n");
        assert_eq!(map.locate(0).to_string(), "a.toml:1:1");
        assert_eq!(map.locate(3).to_string(), "a.toml:2:1");
        // "é" is two bytes but one column.
        assert_eq!(map.locate(8).to_string(), "a.toml:2:5");
        assert_eq!(map.locate(999).line, 3);
    }

    #[test]
    fn problem_display_is_path_line_col_message() {
        let map = SourceMap::new("x.toml", "id = 1\n");
        let p = map.problem(5..6, ProblemKind::Missing("title"));
        assert_eq!(p.to_string(), "x.toml:1:6: missing required key `title`");
    }
}
