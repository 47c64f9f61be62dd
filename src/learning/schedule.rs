//! What to practise next. Each scenario sits in a Leitner box (1–5), replayed from the saved
//! answers: a miss sends it back to box 1, a clean answer moves it up one. A scenario in box b
//! is due again 2^(b-1) - 1 rounds after it was last seen, so misses come back next round and
//! mastered ones rarely. Leitner rather than FSRS: it needs no fitted parameters, is easy to
//! explain to a learner and an instructor, and a round of ten messages is too coarse a clock
//! for FSRS's day-based intervals to pay off.
//!
//! On top of that, categories and red-flag kinds the learner gets wrong weigh more, so a
//! learner who keeps missing lookalike links sees more of them.

use std::collections::HashMap;

use super::record::AnswerRecord;
use super::stats::{flag_kind_rates, rounds};
use crate::scenario::Scenario;

pub const BOXES: u8 = 5;

/// Where a scenario stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Card {
    pub r#box: u8,
    /// Index of the round it was last answered in.
    pub last_round: usize,
}

/// An answer counts as clean when the verdict was right and no red flag was missed.
fn clean(r: &AnswerRecord) -> bool {
    r.correct() && r.flags_missed.is_empty()
}

/// Every answered scenario's box, and the number of rounds played.
pub fn cards(history: &[AnswerRecord]) -> (HashMap<String, Card>, usize) {
    let rounds = rounds(history);
    let mut cards: HashMap<String, Card> = HashMap::new();
    for (i, round) in rounds.iter().enumerate() {
        for r in round {
            let b = cards.get(&r.scenario).map_or(1, |c| c.r#box); // New cards start in box 1.
            let r#box = if clean(r) { (b + 1).min(BOXES) } else { 1 };
            cards.insert(r.scenario.clone(), Card { r#box, last_round: i });
        }
    }
    (cards, rounds.len())
}

/// How much more likely each scenario of `pool` is to be drawn than an unseen one (1.0).
pub fn weights(pool: &[Scenario], history: &[AnswerRecord]) -> Vec<f64> {
    if history.is_empty() {
        return vec![1.0; pool.len()];
    }
    let (cards, played) = cards(history);
    let flag_rates = flag_kind_rates(history);
    let mut by_category: HashMap<&str, (usize, usize)> = HashMap::new();
    for r in history {
        let e = by_category.entry(&r.category).or_default();
        e.0 += usize::from(r.correct());
        e.1 += 1;
    }
    pool.iter()
        .map(|s| {
            let due = match cards.get(&s.id) {
                None => 1.0,
                Some(c) => {
                    let interval = (1usize << (c.r#box - 1)) - 1;
                    let waited = played.saturating_sub(c.last_round + 1);
                    match (waited >= interval, c.r#box) {
                        (true, 1) => 4.0,
                        (true, 2) => 2.0,
                        (true, _) => 1.0,
                        (false, _) => 0.2,
                    }
                }
            };
            let category = by_category.get(s.category.name()).map_or(1.0, |&(right, seen)| {
                // 0.5 when always right, 1.5 when always wrong; few answers pull towards 1.
                let accuracy = (right as f64 + 1.0) / (seen as f64 + 2.0);
                0.5 + (1.0 - accuracy)
            });
            let flags = s
                .flags
                .iter()
                .map(|f| {
                    flag_rates.get(f.kind.name()).map_or(1.0, |&(found, seen)| {
                        let missed = (seen - found) as f64 + 0.5;
                        1.0 + 2.0 * missed / (seen as f64 + 1.0)
                    })
                })
                .fold(1.0, f64::max);
            due * category * flags
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;
    use crate::scenario::Verdict;

    fn answer(round: &str, s: &Scenario, said: Verdict, missed: &[&str]) -> AnswerRecord {
        let mut r = AnswerRecord::new(round.into(), s, said, None, None, None);
        r.flags_missed = missed.iter().map(|k| k.to_string()).collect();
        r.spotted = true;
        r
    }

    #[test]
    fn boxes_rise_with_clean_answers_and_fall_on_a_miss() {
        let s = fixtures::scenario(fixtures::TOLL_SCAM);
        let h = vec![
            answer("1", &s, Verdict::Scam, &[]),
            answer("2", &s, Verdict::Scam, &[]),
            answer("3", &s, Verdict::Scam, &[]),
        ];
        assert_eq!(cards(&h).0["toll-fixture"], Card { r#box: 4, last_round: 2 });
        let mut h2 = h.clone();
        h2.push(answer("4", &s, Verdict::Legit, &[]));
        assert_eq!(cards(&h2).0["toll-fixture"].r#box, 1);
    }

    #[test]
    fn a_missed_scenario_weighs_more_than_a_mastered_one() {
        let pool = fixtures::pool();
        let toll = &pool[0];
        let usps = &pool[1];
        let h = vec![answer("1", toll, Verdict::Legit, &[]), answer("1", usps, Verdict::Legit, &[])];
        let w = weights(&pool, &h);
        assert!(w[0] > w[1], "{w:?}");
        assert!(w[0] > w[2], "missed beats unseen: {w:?}");
    }

    #[test]
    fn no_history_weighs_all_alike() {
        assert_eq!(weights(&fixtures::pool(), &[]), vec![1.0; 3]);
    }
}
