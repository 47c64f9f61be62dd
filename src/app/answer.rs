//! What the learner said about one message: the verdict, how sure, the marks, the follow-up's
//! choice and how long it took — and the confidence levels with their stable stored names.

use crate::scenario::Verdict;

/// What the learner said about one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// `None` when the time limit ran out before a verdict.
    pub verdict: Option<Verdict>,
    pub confidence: Option<Confidence>,
    /// Indices into `learning::spot::pieces` of what the learner marked; `None` when spotting
    /// was skipped (`--no-spot`).
    pub marks: Option<Vec<usize>>,
    /// The follow-up choice picked, as its 0-based index in the scenario file (not the number
    /// it had on screen: choices are shown shuffled), if the question was asked and answered.
    pub choice: Option<usize>,
    /// Seconds from showing the message to finishing the answer.
    pub seconds: u32,
    /// The per-message time limit ran out before the answer was finished.
    pub timed_out: bool,
}

impl Answer {
    pub fn new(verdict: Verdict) -> Answer {
        Answer { verdict: Some(verdict), confidence: None, marks: None, choice: None, seconds: 0, timed_out: false }
    }

    /// No verdict: the time ran out.
    pub fn timed_out() -> Answer {
        Answer { verdict: None, timed_out: true, ..Answer::new(Verdict::Scam) }
    }

    /// Whether the verdict matches the truth (no verdict is never right).
    pub fn is_right(&self, truth: Verdict) -> bool {
        self.verdict == Some(truth)
    }
}

/// How sure the learner was of a verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Confidence {
    Sure,
    FairlySure,
    Guessing,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Confidence::Sure, Confidence::FairlySure, Confidence::Guessing];

    /// The stable name written into progress and exam records (and their CSV and xAPI
    /// exports). These are the strings the records have always held, so old files load as they
    /// are; they are keys now, never shown: the display text is [`Confidence::key`]'s.
    pub fn stored(self) -> &'static str {
        match self {
            Confidence::Sure => "sure",
            Confidence::FairlySure => "fairly sure",
            Confidence::Guessing => "guessing",
        }
    }

    /// The catalogue key of the words shown for this level.
    pub fn key(self) -> &'static str {
        match self {
            Confidence::Sure => crate::i18n::key("confidence.sure"),
            Confidence::FairlySure => crate::i18n::key("confidence.fairly_sure"),
            Confidence::Guessing => crate::i18n::key("confidence.guessing"),
        }
    }

    /// The level of a stored name ([`Confidence::stored`]).
    pub fn parse(s: &str) -> Option<Confidence> {
        Confidence::ALL.into_iter().find(|c| c.stored() == s)
    }
}
