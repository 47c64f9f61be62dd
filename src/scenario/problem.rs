//! Problems found in scenario files, each tied to a `path:line:col` so an author can jump to it.

use std::fmt;
use std::ops::Range;

/// A 1-based line and column (in characters) inside a named file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: String,
    pub line: usize,
    pub col: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.col)
    }
}

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
    /// A rule of deck files (`src/deck/`), which share this format of problems. Boxed to keep
    /// every problem small.
    #[error(transparent)]
    Deck(Box<crate::deck::DeckProblem>),
}

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

/// A problem at a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub at: Location,
    pub kind: ProblemKind,
}

/// One line, always safe to print: the path and the message repeat what a file holds (ids,
/// quotes, key names, file names), so the whole line goes through the one output rule
/// ([`crate::text_safety::terminal_line`]): no escape sequence, invisible character or line
/// break from a file reaches the output, and no file can forge a line of `check`'s output.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = format!("{}: {}", self.at, self.kind);
        f.write_str(&crate::text_safety::terminal_line(&line))
    }
}

/// Turns byte offsets in one file's text into line and column numbers. The line index is
/// built on the first offset past the first line: a file without problems is located only at
/// its `id`, nearly always on line 1, and indexing every file's lines was a tenth of start-up.
pub struct SourceMap<'a> {
    path: &'a str,
    text: &'a str,
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// Where the first line ends (its `\n`, or the end of the text).
    first_break: std::cell::OnceCell<usize>,
}

impl<'a> SourceMap<'a> {
    pub fn new(path: &'a str, text: &'a str) -> Self {
        SourceMap { path, text, line_starts: std::cell::OnceCell::new(), first_break: std::cell::OnceCell::new() }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut line_starts = vec![0];
            line_starts.extend(self.text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
            line_starts
        })
    }

    pub fn path(&self) -> &str {
        self.path
    }

    /// Location of a byte offset; offsets past the end point just after the last character.
    pub fn locate(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let on_first_line = offset <= *self.first_break.get_or_init(|| self.text.find('\n').unwrap_or(self.text.len()));
        let (line_index, start) = if on_first_line {
            (0, 0)
        } else {
            let starts = self.line_starts();
            let line_index = starts.partition_point(|&s| s <= offset) - 1;
            (line_index, starts[line_index])
        };
        let col = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
        Location { path: self.path.to_string(), line: line_index + 1, col }
    }

    pub fn problem(&self, span: Range<usize>, kind: ProblemKind) -> Problem {
        Problem { at: self.locate(span.start), kind }
    }

    /// A problem about the file as a whole, reported at its first character.
    pub fn file_problem(&self, kind: ProblemKind) -> Problem {
        self.problem(0..0, kind)
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
