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
    pub template: Option<std::sync::Arc<str>>,
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
    /// This scenario with its variables drawn again from `draw`. A scenario without variables,
    /// or a draw that fails the checks (which `check` tries hard to rule out), gives itself.
    pub fn variant(&self, draw: super::validate::Draw) -> Scenario {
        let Some(source) = &self.template else {
            return self.clone();
        };
        // Only the rules: a round has no use for `check`'s teaching findings and warnings.
        // A bundled file's TOML was read at build time; its variants are checked in full all
        // the same, since a round's seeds are not the ones `check` tried.
        let template = match super::baked::checked_template(&self.origin, source) {
            Some(t) => Ok(t),
            None => super::validate::parse_template(&self.origin, source),
        };
        let parsed = template.and_then(|t| t.variant_rules_only(draw));
        match parsed {
            Ok(parsed) => Scenario { template: self.template.clone(), ..parsed.scenario },
            Err(_) => self.clone(),
        }
    }

    /// The sender shown at the top of the thread: the first message not sent by the learner.
    pub fn thread_sender(&self) -> &str {
        self.thread.iter().find_map(|m| m.sender.as_deref()).unwrap_or("Unknown sender")
    }
}
