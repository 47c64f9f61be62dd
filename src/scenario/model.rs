//! A validated scenario: what the trainer shows and explains. Built only by the validator, so
//! every value here already obeys the format's rules (quotes occur in the thread, answers are in
//! range, text holds no control characters).

use super::kinds::{Category, FlagKind, SignKind, Verdict};

#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub id: String,
    pub verdict: Verdict,
    pub category: Category,
    pub title: String,
    pub context: Option<String>,
    /// Discussion notes for an instructor (presenter mode only).
    pub notes: Option<String>,
    /// 1 easy … 3 hard, after the NIST Phish Scale.
    pub difficulty: Option<u8>,
    pub thread: Vec<Message>,
    pub flags: Vec<Cue<FlagKind>>,
    pub signs: Vec<Cue<SignKind>>,
    pub question: Option<Question>,
    pub verify: Vec<String>,
    pub sources: Vec<String>,
    /// Where it was loaded from, for messages to the author.
    pub origin: String,
    /// The file's text when it has `[vars]`, so each round can draw a fresh variant.
    pub template: Option<TemplateText>,
    /// A round's pool entry for a bundled file not drawn yet ([`crate::corpus::Corpus::for_rounds`]):
    /// only the id, verdict, category, difficulty, flag kinds, origin and template are filled
    /// (what weighs and picks a round); its title, thread and explanation are empty until
    /// [`Scenario::variant`] draws it. Never shown as it is.
    pub undrawn: bool,
}

/// A scenario file's text, kept to draw its variants: borrowed from the binary for a bundled
/// file, shared for a file read from disk. (A copy of every bundled file's text was 150 pages
/// of fresh memory at start-up, each a page fault.) Two are equal when their texts are.
#[derive(Clone, Debug)]
pub enum TemplateText {
    Bundled(&'static str),
    Loaded(std::sync::Arc<str>),
}

impl std::ops::Deref for TemplateText {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            TemplateText::Bundled(text) => text,
            TemplateText::Loaded(text) => text,
        }
    }
}

impl PartialEq for TemplateText {
    fn eq(&self, other: &TemplateText) -> bool {
        **self == **other
    }
}

/// One bubble in the thread.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// `None` for a message the learner sent.
    pub sender: Option<String>,
    pub time: Option<String>,
    pub text: String,
}

impl Message {
    pub fn from_me(&self) -> bool {
        self.sender.is_none()
    }
}

/// A red flag or a genuine sign: a kind, the words in the message it points at, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Cue<K> {
    pub kind: K,
    /// Exact text from a sender or message; `None` only for signs that are an absence.
    pub quote: Option<String>,
    pub why: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub ask: String,
    pub choices: Vec<String>,
    /// 0-based index into `choices` (files write it 1-based).
    pub answer: usize,
    pub why: String,
    /// When the question is asked: before the reveal, or after it.
    pub asked: Asked,
}

/// When a follow-up question is asked. A question that needs the verdict ("how could a
/// scammer know…?") is asked after the explanation, so it never gives the answer away.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Asked {
    /// Before the reveal (the default): neutral, neither naming nor implying the verdict.
    #[default]
    Before,
    /// After the reveal in practice; in an exam it is not asked at all (nothing is revealed
    /// before the end, and the end is for the results).
    After,
}

impl Scenario {
    /// The sender shown at the top of the thread: the first message not sent by the learner.
    pub fn thread_sender(&self) -> &str {
        self.thread.iter().find_map(|m| m.sender.as_deref()).unwrap_or("Unknown sender")
    }
}
