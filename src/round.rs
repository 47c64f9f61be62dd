//! Chooses the scenarios of a round. A round always mixes scams and genuine messages (when the
//! pool has both), so that answering "scam" to everything never earns a perfect score, and the
//! share of genuine ones varies a little so learners cannot count their way to the answer.

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use crate::scenario::{Category, Scenario, Verdict};

/// What the learner asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundSpec {
    pub count: usize,
    /// Empty means every category.
    pub categories: Vec<Category>,
    pub seed: u64,
}

/// Indices into `pool` for one round, in the order they are shown, every scenario equally
/// likely. The same pool and spec always give the same round.
pub fn choose_round(pool: &[Scenario], spec: &RoundSpec) -> Vec<usize> {
    choose_weighted(pool, spec, &vec![1.0; pool.len()])
}

/// As [`choose_round`], with `weights[i]` saying how much more likely `pool[i]` is to be drawn
/// (see `learning::schedule`). The same pool, spec and weights always give the same round.
pub fn choose_weighted(pool: &[Scenario], spec: &RoundSpec, weights: &[f64]) -> Vec<usize> {
    let eligible = |s: &Scenario| spec.categories.is_empty() || spec.categories.contains(&s.category);
    let by_verdict = |v: Verdict| -> Vec<usize> {
        pool.iter().enumerate().filter(|(_, s)| s.verdict == v && eligible(s)).map(|(i, _)| i).collect()
    };
    let scams = by_verdict(Verdict::Scam);
    let legit = by_verdict(Verdict::Legit);
    let count = spec.count.min(scams.len() + legit.len());
    let mut rng = StdRng::seed_from_u64(spec.seed);

    let want_legit = legit_share(count, &mut rng);
    // Respect the share where the pool allows, then fill from whichever side has more.
    let take_legit = want_legit.min(legit.len()).max(count.saturating_sub(scams.len()));
    let take_scams = count - take_legit;

    let mut round = weighted_sample(&scams, weights, take_scams, &mut rng);
    round.extend(weighted_sample(&legit, weights, take_legit, &mut rng));
    round.shuffle(&mut rng);
    round
}

/// `amount` of `candidates` without replacement, each as likely as its weight
/// (Efraimidis–Spirakis: the largest keys ln(u)/w win).
fn weighted_sample(candidates: &[usize], weights: &[f64], amount: usize, rng: &mut StdRng) -> Vec<usize> {
    use rand::RngExt;
    let mut keyed: Vec<(f64, usize)> = candidates
        .iter()
        .map(|&i| {
            let w = weights.get(i).copied().filter(|w| w.is_finite() && *w > 0.0).unwrap_or(1e-6);
            let u: f64 = rng.random_range(f64::MIN_POSITIVE..1.0);
            (u.ln() / w, i)
        })
        .collect();
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    keyed.into_iter().take(amount).map(|(_, i)| i).collect()
}

/// How many genuine messages a round of `count` gets: about 40 %, give or take one, and at
/// least one of each verdict once a round has two or more messages.
fn legit_share(count: usize, rng: &mut StdRng) -> usize {
    use rand::RngExt;
    if count < 2 {
        return rng.random_range(0..=count);
    }
    let base = (count * 2).div_ceil(5) as i64;
    let jitter: i64 = if count >= 5 { rng.random_range(-1..=1) } else { 0 };
    (base + jitter).clamp(1, count as i64 - 1) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Message;
    use proptest::prelude::*;
    use std::collections::HashSet;

    fn pool(scams: usize, legit: usize) -> Vec<Scenario> {
        let make = |i: usize, verdict: Verdict| Scenario {
            id: format!("s{i}"),
            verdict,
            category: if i.is_multiple_of(2) { Category::Toll } else { Category::Postage },
            title: String::new(),
            context: None,
            notes: None,
            difficulty: None,
            thread: vec![Message { sender: Some("x".into()), time: None, text: "t".into() }],
            flags: vec![],
            signs: vec![],
            question: None,
            verify: vec![],
            sources: vec![],
            origin: String::new(),
            template: None,
            undrawn: false,
        };
        (0..scams)
            .map(|i| make(i, Verdict::Scam))
            .chain((scams..scams + legit).map(|i| make(i, Verdict::Legit)))
            .collect()
    }

    fn spec(count: usize, seed: u64) -> RoundSpec {
        RoundSpec { count, categories: vec![], seed }
    }

    #[test]
    fn same_seed_same_round_and_different_seeds_differ() {
        let p = pool(30, 20);
        assert_eq!(choose_round(&p, &spec(10, 7)), choose_round(&p, &spec(10, 7)));
        let rounds: HashSet<Vec<usize>> = (0..20).map(|s| choose_round(&p, &spec(10, s))).collect();
        assert!(rounds.len() > 15);
    }

    #[test]
    fn category_filter_keeps_only_those_categories() {
        let p = pool(30, 20);
        let r = choose_round(&p, &RoundSpec { count: 10, categories: vec![Category::Toll], seed: 3 });
        assert_eq!(r.len(), 10);
        assert!(r.iter().all(|&i| p[i].category == Category::Toll));
    }

    #[test]
    fn a_small_pool_gives_a_shorter_round() {
        let p = pool(3, 1);
        let r = choose_round(&p, &spec(10, 1));
        assert_eq!(r.len(), 4);
    }

    proptest! {
        #[test]
        fn rounds_never_repeat_and_always_mix(scams in 0usize..40, legit in 0usize..40, count in 0usize..25, seed: u64) {
            let p = pool(scams, legit);
            let r = choose_round(&p, &spec(count, seed));
            let unique: HashSet<_> = r.iter().collect();
            prop_assert_eq!(unique.len(), r.len());
            prop_assert_eq!(r.len(), count.min(scams + legit));
            let n_legit = r.iter().filter(|&&i| p[i].verdict == Verdict::Legit).count();
            if r.len() >= 2 && scams > 0 && legit > 0 {
                prop_assert!(n_legit >= 1 && n_legit < r.len(), "round of {} had {} genuine", r.len(), n_legit);
            }
        }
    }
}
