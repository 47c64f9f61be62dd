//! What to practise next. Each scenario sits in a Leitner box (1–5), replayed from the saved
//! answers: a miss sends it back to box 1, a clean answer moves it up one. A scenario in box b
//! is due again 2^(b-1) - 1 rounds after it was last seen, so misses come back next round and
//! mastered ones rarely. Leitner rather than FSRS: it needs no fitted parameters, is easy to
//! explain to a learner and an instructor, and a round of ten messages is too coarse a clock
//! for FSRS's day-based intervals to pay off.
//!
//! On top of that, categories and red-flag kinds the learner gets wrong weigh more, so a
//! learner who keeps missing lookalike links sees more of them.

use super::summary::Summary;
pub use super::summary::{BOXES, Card};
use crate::scenario::Scenario;

/// How much more likely each scenario of `pool` is to be drawn than an unseen one (1.0).
///
/// Boxes follow the answers in the order they were given (the log's order): when two trainers
/// ran at once and their rounds' answers interleave, that is the order the learner met them.
pub fn weights(pool: &[Scenario], history: &Summary) -> Vec<f64> {
    if history.is_empty() {
        return vec![1.0; pool.len()];
    }
    let played = history.rounds().len();
    let flag_rates = history.flag_kind_rates();
    pool.iter()
        .map(|s| {
            let due = match history.scenario(&s.id).map(|l| l.card) {
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
            let category = history.category(s.category.name()).map_or(1.0, |(right, seen)| {
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
    use crate::learning::record::AnswerRecord;
    use crate::scenario::Verdict;

    fn card(h: &[AnswerRecord], id: &str) -> Card {
        Summary::of(h).scenario(id).expect("answered").card
    }

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
        assert_eq!(card(&h, "toll-fixture"), Card { r#box: 4, last_round: 2 });
        let mut h2 = h.clone();
        h2.push(answer("4", &s, Verdict::Legit, &[]));
        assert_eq!(card(&h2, "toll-fixture").r#box, 1);
    }

    #[test]
    fn a_missed_scenario_weighs_more_than_a_mastered_one() {
        let pool = fixtures::pool();
        let toll = &pool[0];
        let usps = &pool[1];
        let h = vec![answer("1", toll, Verdict::Legit, &[]), answer("1", usps, Verdict::Legit, &[])];
        let w = weights(&pool, &Summary::of(&h));
        assert!(w[0] > w[1], "{w:?}");
        assert!(w[0] > w[2], "missed beats unseen: {w:?}");
    }

    #[test]
    fn no_history_weighs_all_alike() {
        assert_eq!(weights(&fixtures::pool(), &Summary::default()), vec![1.0; 3]);
    }
}
