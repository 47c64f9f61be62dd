//! The follow-up question's part of the state: whether this session asks it, and the shuffled
//! order its choices are shown in.

use super::{App, fnv1a};

impl App {
    /// Whether this session asks `question` at all: one meant for after the reveal is not
    /// asked in an exam (nothing is revealed before its end).
    pub fn asks(&self, question: &crate::scenario::Question) -> bool {
        question.asked == crate::scenario::Asked::Before || !self.session.feedback_at_end
    }

    /// The order the current follow-up's choices are shown in: `order[shown position]` is the
    /// choice's index in the file. Shuffled, so the right answer's place in the file teaches
    /// nothing; seeded by the round's seed and the scenario's id, so a replay with the same
    /// seed shows the same order.
    pub fn choice_order(&self) -> Vec<usize> {
        use rand::SeedableRng;
        use rand::seq::SliceRandom;
        let Some(scenario) = self.current() else { return Vec::new() };
        let count = scenario.question.as_ref().map_or(0, |q| q.choices.len());
        let mut order: Vec<usize> = (0..count).collect();
        let seed = self.spec.seed ^ fnv1a(scenario.id.as_bytes()) ^ CHOICE_SALT;
        order.shuffle(&mut rand::rngs::StdRng::seed_from_u64(seed));
        order
    }
}

/// Mixed into the choice-order seed so it differs from the seed that draws the variables.
const CHOICE_SALT: u64 = 0x5eed_c401_ce00_0001;
