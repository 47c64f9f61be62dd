//! A validated deck: which scenarios an instructor wants shown, and how. Built only by
//! [`super::parse_deck`], so every value here already obeys the format's rules.

use crate::scenario::{Category, Scenario, Verdict};

/// The order the chosen items are shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// As listed: ids in file order, then each pick's draws. For a class that discusses the
    /// messages in a planned sequence.
    Fixed,
    /// Shuffled by the run's seed, so neighbours cannot tip each other off.
    Shuffled,
}

/// When the learner sees the explanation of each message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feedback {
    /// After every message: the way people learn.
    EachMessage,
    /// Only at the end: the way an exam measures, without teaching along the way.
    AtEnd,
}

/// Names as written in deck files. Tables, so the parser, the "did you mean" hints and the
/// `decks` listing read the same words.
pub const ORDERS: &[(&str, Order)] = &[("fixed", Order::Fixed), ("shuffled", Order::Shuffled)];
pub const FEEDBACKS: &[(&str, Feedback)] = &[("each", Feedback::EachMessage), ("end", Feedback::AtEnd)];
/// "genuine" is accepted too: it is the word learners see.
pub const VERDICTS: &[(&str, Verdict)] =
    &[("scam", Verdict::Scam), ("legit", Verdict::Legit), ("genuine", Verdict::Legit)];

impl Feedback {
    /// The word used in deck files.
    pub fn name(self) -> &'static str {
        FEEDBACKS.iter().find(|(_, f)| *f == self).map_or("each", |(n, _)| n)
    }
}

impl Order {
    /// The word used in deck files.
    pub fn name(self) -> &'static str {
        ORDERS.iter().find(|(_, o)| *o == self).map_or("shuffled", |(n, _)| n)
    }
}

/// Draw `count` scenarios that match every filter given; an empty filter matches everything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pick {
    pub categories: Vec<Category>,
    pub verdict: Option<Verdict>,
    pub difficulties: Vec<u8>,
    pub count: usize,
}

impl Pick {
    /// Does `s` pass this pick's filters? With a difficulty filter, scenarios without a
    /// difficulty are left out (as `smishdrill list --difficulty` does).
    pub fn matches(&self, s: &Scenario) -> bool {
        (self.categories.is_empty() || self.categories.contains(&s.category))
            && self.verdict.is_none_or(|v| v == s.verdict)
            && (self.difficulties.is_empty() || s.difficulty.is_some_and(|d| self.difficulties.contains(&d)))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deck {
    /// The file stem, e.g. "quick-10".
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    pub order: Order,
    /// Fixes the shuffle and the drawn variables, so everyone taking an exam gets the same
    /// items. Without it, each run uses its own seed.
    pub seed: Option<u64>,
    pub feedback: Feedback,
    /// Percent of answers that must be right to pass, 1..=100.
    pub pass_mark: u8,
    /// Seconds per message.
    pub time_limit: Option<u32>,
    /// Run the spot-the-flags step.
    pub spot: bool,
    /// Scenario ids, in file order.
    pub ids: Vec<String>,
    pub picks: Vec<Pick>,
    /// "sha256:" + 64 lowercase hex digits of the file's exact bytes: a result can name exactly
    /// which version of a deck was taken.
    pub checksum: String,
    /// The path, or "built-in:NAME" for a bundled deck.
    pub origin: String,
}

impl Deck {
    /// How many items a run shows: the ids plus every pick's count.
    pub fn items(&self) -> usize {
        self.ids.len() + self.picks.iter().map(|p| p.count).sum::<usize>()
    }
}
