//! `Deck::choose`: seeded, no repeats, ids first, every pick's items match its filter.

use super::super::*;
use super::pool;
use crate::scenario::kinds::CATEGORIES;
use crate::scenario::{Category, Message, Verdict};
use proptest::prelude::*;
use std::collections::HashSet;

/// A pool where every combination of category, verdict and difficulty (or none) occurs.
fn synthetic(n: usize) -> Vec<Scenario> {
    (0..n)
        .map(|i| Scenario {
            id: format!("s{i}"),
            verdict: if i % 2 == 0 { Verdict::Scam } else { Verdict::Legit },
            category: CATEGORIES[i % CATEGORIES.len()].value,
            title: String::new(),
            context: None,
            notes: None,
            difficulty: [None, Some(1), Some(2), Some(3)][i % 4],
            thread: vec![Message { sender: Some("x".into()), time: None, text: "t".into() }],
            flags: vec![],
            signs: vec![],
            question: None,
            verify: vec![],
            sources: vec![],
            origin: String::new(),
            template: None,
            undrawn: false,
        })
        .collect()
}

fn deck(order: Order, ids: Vec<String>, picks: Vec<Pick>) -> Deck {
    let mut d = find("quick-10", pool()).unwrap();
    d.order = order;
    d.ids = ids;
    d.picks = picks;
    d
}

#[test]
fn the_same_seed_gives_the_same_items_and_seeds_differ() {
    let d = find("quick-10", pool()).unwrap();
    assert_eq!(d.choose(pool(), 5), d.choose(pool(), 5));
    let runs: HashSet<Vec<usize>> = (0..10).map(|s| d.choose(pool(), s)).collect();
    assert!(runs.len() > 5, "{} distinct runs of 10", runs.len());
}

#[test]
fn fixed_order_keeps_the_ids_in_file_order_for_any_seed() {
    let d = find("classroom-45min", pool()).unwrap();
    for seed in [0, 1, 99] {
        let ids: Vec<&str> = d.choose(pool(), seed).iter().map(|&i| pool()[i].id.as_str()).collect();
        assert_eq!(ids, d.ids);
    }
}

#[test]
fn ids_come_before_picks_and_are_never_drawn_again() {
    let pool = synthetic(28);
    let pick = Pick { categories: vec![Category::Toll], verdict: None, difficulties: vec![], count: 3 };
    let d = deck(Order::Fixed, vec!["s0".into(), "s7".into()], vec![pick]);
    let chosen = d.choose(&pool, 3);
    assert_eq!(&chosen[..2], &[0, 7]);
    // Toll is every 7th scenario: 0, 7, 14, 21; two are taken, so the pick gets the other two.
    let rest: HashSet<usize> = chosen[2..].iter().copied().collect();
    assert_eq!(rest, HashSet::from([14, 21]));
}

#[test]
fn the_onboarding_exam_is_the_same_paper_for_everyone() {
    let exam = find("onboarding-exam", pool()).unwrap();
    let seed = exam.seed.unwrap();
    let first = exam.choose(pool(), seed);
    assert_eq!(first, exam.choose(pool(), seed));
    let legit = first.iter().filter(|&&i| pool()[i].verdict == Verdict::Legit).count();
    assert_eq!(legit, 8);
    let categories: HashSet<Category> = first.iter().map(|&i| pool()[i].category).collect();
    assert_eq!(categories.len(), CATEGORIES.len());
}

fn arb_pick() -> impl Strategy<Value = Pick> {
    (any::<u8>(), 0u8..3, 0u8..8, 1usize..6).prop_map(|(cats, verdict, diffs, count)| Pick {
        categories: CATEGORIES.iter().enumerate().filter(|(i, _)| cats & (1 << i) != 0).map(|(_, t)| t.value).collect(),
        verdict: [None, Some(Verdict::Scam), Some(Verdict::Legit)][verdict as usize],
        difficulties: (1..=3u8).filter(|d| diffs & (1 << (d - 1)) != 0).collect(),
        count,
    })
}

proptest! {
    #[test]
    fn chosen_items_are_distinct_in_range_and_match_their_pick(
        n in 0usize..60,
        ids in proptest::collection::vec(0usize..70, 0..5),
        picks in proptest::collection::vec(arb_pick(), 0..4),
        seed: u64,
    ) {
        let pool = synthetic(n);
        let ids: Vec<String> = ids.iter().map(|i| format!("s{i}")).collect();
        let fixed = deck(Order::Fixed, ids.clone(), picks.clone());
        let chosen = fixed.choose(&pool, seed);
        prop_assert!(chosen.iter().all(|&i| i < pool.len()));
        let unique: HashSet<usize> = chosen.iter().copied().collect();
        prop_assert_eq!(unique.len(), chosen.len());
        prop_assert!(chosen.len() <= fixed.items());
        // Fixed order: the known ids first, then each pick's draws in turn, each matching it.
        let known: Vec<usize> = {
            let mut seen = HashSet::new();
            ids.iter().filter_map(|id| pool.iter().position(|s| &s.id == id)).filter(|i| seen.insert(*i)).collect()
        };
        prop_assert_eq!(&chosen[..known.len()], &known[..]);
        let mut at = known.len();
        for pick in &picks {
            let available = (0..pool.len()).filter(|i| !chosen[..at].contains(i) && pick.matches(&pool[*i])).count();
            let drawn = pick.count.min(available);
            prop_assert!(chosen[at..at + drawn].iter().all(|&i| pick.matches(&pool[i])));
            at += drawn;
        }
        prop_assert_eq!(at, chosen.len());
        // Shuffled: the same items, in some order.
        let mut shuffled = deck(Order::Shuffled, ids, picks).choose(&pool, seed);
        let mut sorted = chosen.clone();
        shuffled.sort_unstable();
        sorted.sort_unstable();
        prop_assert_eq!(shuffled, sorted);
    }
}
