//! The summary against the records it folds: the report and the schedule's weights computed
//! from a [`Summary`] must equal, figure for figure, what the code that read the whole record
//! list computed. The oracle below is that code as it was (session 10), unchanged but for
//! visibility: it is the definition the summary keeps.

use proptest::prelude::*;

use super::*;
use crate::learning::record::AnswerRecord;
use crate::learning::summary::{BOXES, Card, Summary};
use crate::scenario::Scenario;

#[path = "summary_oracle.rs"]
mod oracle;

const SCENARIOS: [&str; 6] = ["toll-a", "toll-b", "usps-a", "bank-a", "s\u{1b}]evil", "zz"];
const CATEGORY_NAMES: [&str; 5] = ["toll", "postage", "bank", "traffic-fine", "no-such-category"];
const FLAGS: [&str; 5] = ["lookalike-link", "sender", "urgency", "payment-request", "made-up-kind"];
const LEVELS: [&str; 4] = ["sure", "fairly sure", "guessing", "very sure"];

/// One random answer; `round` is given by the caller.
fn answer() -> impl Strategy<Value = AnswerRecord> {
    (
        0u64..20,
        0..SCENARIOS.len(),
        0..CATEGORY_NAMES.len(),
        any::<(bool, bool)>(),
        proptest::option::of(0..LEVELS.len()),
        proptest::collection::vec(0..FLAGS.len(), 0..3),
        proptest::collection::vec(0..FLAGS.len(), 0..3),
    )
        .prop_map(|(time, s, c, (scam, said_scam), level, found, missed)| {
            let verdict = |b: bool| if b { "scam" } else { "legit" }.to_string();
            AnswerRecord {
                time,
                round: String::new(),
                scenario: SCENARIOS[s].into(),
                category: CATEGORY_NAMES[c].into(),
                truth: verdict(scam),
                said: verdict(said_scam),
                confidence: level.map(|l| LEVELS[l].to_string()),
                difficulty: None,
                flags_found: found.into_iter().map(|f| FLAGS[f].to_string()).collect(),
                flags_missed: missed.into_iter().map(|f| FLAGS[f].to_string()).collect(),
                false_marks: 0,
                spotted: true,
                question: None,
                choice: None,
            }
        })
}

/// A history whose rounds interleave (answers of a round id may come back after other rounds).
fn interleaved() -> impl Strategy<Value = Vec<AnswerRecord>> {
    proptest::collection::vec((answer(), 0u8..6), 0..80).prop_map(|v| {
        v.into_iter()
            .map(|(mut r, round)| {
                r.round = format!("run-{round}");
                r
            })
            .collect()
    })
}

/// A history as trainers write it: each round's answers one after another.
fn in_rounds() -> impl Strategy<Value = Vec<AnswerRecord>> {
    proptest::collection::vec(proptest::collection::vec(answer(), 1..12), 0..14).prop_map(|rounds| {
        let mut out = Vec::new();
        for (i, round) in rounds.into_iter().enumerate() {
            for mut r in round {
                r.round = format!("1700000000-42-{i}");
                out.push(r);
            }
        }
        out
    })
}

/// Scenarios named like the random answers', of every category and with every flag kind.
fn pool() -> Vec<Scenario> {
    let base = crate::fixtures::pool();
    let mut out = Vec::new();
    for (i, id) in SCENARIOS.iter().enumerate() {
        let mut s = base[i % base.len()].clone();
        s.id = id.to_string();
        out.push(s);
    }
    out.extend(base);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_summary_reports_what_the_records_say(h in interleaved(), width in 0usize..240) {
        prop_assert_eq!(report(&Summary::of(&h), width), oracle::report(&h, width));
    }

    #[test]
    fn the_summary_weighs_rounds_as_the_records_do(h in in_rounds()) {
        let pool = pool();
        prop_assert_eq!(crate::learning::schedule::weights(&pool, &Summary::of(&h)), oracle::weights(&pool, &h));
        let (cards, played) = oracle::cards(&h);
        let s = Summary::of(&h);
        prop_assert_eq!(s.rounds().len(), played);
        for (id, card) in cards {
            prop_assert_eq!(s.scenario(&id).map(|l| l.card), Some(card));
        }
    }

    #[test]
    fn adding_answers_one_at_a_time_is_folding_them_all(h in in_rounds()) {
        let mut s = Summary::default();
        for r in &h {
            s.add_record(r);
            prop_assert!(s.is_consistent());
        }
        prop_assert_eq!(s.len(), h.len());
        prop_assert_eq!(s, h.iter().collect::<Summary>());
    }
}

fn rec(round: &str, scenario: &str, time: u64, right: bool) -> AnswerRecord {
    let mut r = crate::learning::record::AnswerRecord {
        time,
        round: round.into(),
        scenario: scenario.into(),
        category: "toll".into(),
        truth: "scam".into(),
        said: if right { "scam" } else { "legit" }.into(),
        confidence: None,
        difficulty: None,
        flags_found: Vec::new(),
        flags_missed: Vec::new(),
        false_marks: 0,
        spotted: false,
        question: None,
        choice: None,
    };
    r.time = time;
    r
}

#[test]
fn stamping_the_last_answer_reorders_what_to_revisit_and_changes_the_version() {
    let h = vec![rec("a", "x", 5, false), rec("a", "y", 0, false)];
    let mut s = Summary::of(&h);
    let ids = |s: &Summary| s.to_revisit().iter().map(|(id, _)| id.to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&s), ["x", "y"]);
    let v = s.version();
    s.stamp_last(9);
    assert_ne!(s.version(), v, "a cached report of it is stale");
    assert_eq!(ids(&s), ["y", "x"], "y was answered last, at 9");
    let mut stamped = h.clone();
    stamped[1].time = 9;
    assert_eq!(report(&s, 80), oracle::report(&stamped, 80));
}

#[test]
fn interleaved_rounds_move_boxes_in_the_order_answers_were_given() {
    // Two trainers at once: round "a" (right, right), round "b" (wrong) in between. Read round by
    // round (the old order) the miss came last and x sat in box 1; in the order the answers were
    // given the last two were right: box 3.
    let h = vec![rec("a", "x", 1, true), rec("b", "x", 2, false), rec("a", "x", 3, true), rec("a", "x", 4, true)];
    assert_eq!(oracle::cards(&h).0["x"].r#box, 1);
    let card = Summary::of(&h).scenario("x").unwrap().card;
    assert_eq!(card, Card { r#box: 3, last_round: 1 });
    assert!(card.r#box <= BOXES);
}

#[test]
fn the_summary_holds_scenarios_and_rounds_not_answers() {
    let h: Vec<AnswerRecord> =
        (0..10_000).map(|i| rec(&format!("r{}", i / 10), &format!("s{}", i % 50), i, i % 3 != 0)).collect();
    let s = Summary::of(&h);
    assert_eq!((s.len(), s.rounds().len()), (10_000, 1_000));
    assert_eq!(s.to_revisit().len(), oracle::to_revisit(&h).len());
}
