//! Completion records: what an exam proves. One record per exam attempt (finished or not),
//! written when the attempt ends, so a company can show that a new hire completed training and
//! an instructor can see what fooled a class.
//!
//! A record carries the deck's checksum (`sha256:` of the deck file's bytes) and every item's
//! scenario id, so it can be tied to exactly what was asked even after the deck is edited.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::learning::sdt::Outcomes;

/// How an attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Passed,
    Failed,
    /// The learner quit (or the program was stopped) before answering every item.
    Incomplete,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::Incomplete => "incomplete",
        }
    }
}

/// One item of an attempt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    pub scenario: String,
    pub title: String,
    pub category: String,
    /// "scam" or "legit": what the message really was.
    pub truth: String,
    /// What the learner said; `None` when not answered (quit, or the time limit ran out).
    pub said: Option<String>,
    pub correct: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<String>,
    /// Seconds spent on this item (from showing it to the verdict).
    #[serde(default)]
    pub seconds: u64,
    /// The per-message time limit ran out before a verdict.
    #[serde(default)]
    pub timed_out: bool,
}

/// Items asked and answered correctly, per category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub asked: u32,
    pub correct: u32,
}

/// Who took which deck, when: everything about an attempt that is not an item.
#[derive(Clone, Debug, PartialEq)]
pub struct AttemptInfo {
    pub learner: String,
    /// "exam" or "course".
    pub mode: String,
    pub deck: String,
    pub deck_title: String,
    pub deck_checksum: String,
    /// Percent of items that must be right to pass.
    pub pass_mark: u8,
    /// Seconds since 1970-01-01 UTC.
    pub started: u64,
    pub finished: u64,
    /// The seed the items' order and variables were drawn with.
    pub seed: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompletionRecord {
    /// Name or id given with `--learner`.
    pub learner: String,
    pub mode: String,
    pub deck: String,
    pub deck_title: String,
    pub deck_checksum: String,
    /// Seconds since 1970-01-01 UTC.
    pub started: u64,
    pub finished: u64,
    /// Time taken, in seconds.
    pub seconds: u64,
    pub status: Status,
    pub pass_mark: u8,
    /// Items in the deck; unanswered items count as wrong.
    pub asked: u32,
    pub answered: u32,
    pub correct: u32,
    /// `correct / asked`, 0 to 1.
    pub score: f64,
    /// Signal-detection sensitivity over the answered items (log-linear corrected); `None` when
    /// the answered items were not both scams and genuine messages.
    pub d_prime: Option<f64>,
    pub criterion: Option<f64>,
    pub by_category: BTreeMap<String, Tally>,
    pub items: Vec<ItemResult>,
    /// smishdrill's version that ran the exam.
    pub version: String,
    pub seed: u64,
}

impl CompletionRecord {
    /// Scores an attempt. `complete` is false when the learner left before the last item; such
    /// an attempt is `Incomplete` whatever its score so far.
    pub fn build(info: AttemptInfo, items: Vec<ItemResult>, complete: bool) -> CompletionRecord {
        let asked = items.len() as u32;
        let answered = items.iter().filter(|i| i.said.is_some()).count() as u32;
        let correct = items.iter().filter(|i| i.correct).count() as u32;
        let score = if asked == 0 { 0.0 } else { f64::from(correct) / f64::from(asked) };
        let mut by_category: BTreeMap<String, Tally> = BTreeMap::new();
        let mut outcomes = Outcomes::default();
        for item in &items {
            let tally = by_category.entry(item.category.clone()).or_default();
            tally.asked += 1;
            tally.correct += u32::from(item.correct);
            if let Some(said) = &item.said {
                outcomes.add(item.truth == "scam", said == "scam");
            }
        }
        let scores = outcomes.scores();
        let status = if !complete {
            Status::Incomplete
        } else if passes(correct, asked, info.pass_mark) {
            Status::Passed
        } else {
            Status::Failed
        };
        CompletionRecord {
            learner: info.learner,
            mode: info.mode,
            deck: info.deck,
            deck_title: info.deck_title,
            deck_checksum: info.deck_checksum,
            started: info.started,
            finished: info.finished,
            seconds: info.finished.saturating_sub(info.started),
            status,
            pass_mark: info.pass_mark,
            asked,
            answered,
            correct,
            score,
            d_prime: scores.as_ref().map(|s| s.d_prime),
            criterion: scores.as_ref().map(|s| s.criterion),
            by_category,
            items,
            version: env!("CARGO_PKG_VERSION").to_string(),
            seed: info.seed,
        }
    }

    pub fn passed(&self) -> bool {
        self.status == Status::Passed
    }
}

/// Whether `correct` of `asked` reaches `pass_mark` percent, in whole numbers so that 8 of 10
/// passes an 80 % mark exactly (no floating-point rounding at the boundary).
pub fn passes(correct: u32, asked: u32, pass_mark: u8) -> bool {
    asked > 0 && u64::from(correct) * 100 >= u64::from(pass_mark) * u64::from(asked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(pass_mark: u8) -> AttemptInfo {
        AttemptInfo {
            learner: "ada".into(),
            mode: "exam".into(),
            deck: "quick-10".into(),
            deck_title: "Quick ten".into(),
            deck_checksum: "sha256:00".into(),
            pass_mark,
            started: 1_000,
            finished: 1_300,
            seed: 7,
        }
    }

    fn item(truth: &str, said: Option<&str>, category: &str) -> ItemResult {
        ItemResult {
            scenario: format!("{category}-{truth}"),
            title: "t".into(),
            category: category.into(),
            truth: truth.into(),
            said: said.map(str::to_string),
            correct: said == Some(truth),
            confidence: None,
            seconds: 30,
            timed_out: said.is_none(),
        }
    }

    #[test]
    fn pass_mark_boundary_is_inclusive_and_exact() {
        assert!(passes(8, 10, 80));
        assert!(!passes(7, 10, 80));
        assert!(passes(2, 3, 66));
        assert!(!passes(2, 3, 67));
        assert!(!passes(0, 0, 0), "an empty exam proves nothing");
    }

    #[test]
    fn scores_counts_and_categories() {
        let items = vec![
            item("scam", Some("scam"), "toll"),
            item("scam", Some("legit"), "toll"),
            item("legit", Some("legit"), "bank"),
            item("legit", None, "bank"),
        ];
        let r = CompletionRecord::build(info(50), items, true);
        assert_eq!((r.asked, r.answered, r.correct), (4, 3, 2));
        assert_eq!(r.score, 0.5);
        assert_eq!(r.status, Status::Passed);
        assert_eq!(r.seconds, 300);
        assert_eq!(r.by_category["toll"], Tally { asked: 2, correct: 1 });
        assert_eq!(r.by_category["bank"], Tally { asked: 2, correct: 1 });
        assert!(r.d_prime.is_some());
    }

    #[test]
    fn unfinished_attempt_is_incomplete_even_with_a_perfect_score() {
        let r = CompletionRecord::build(info(10), vec![item("scam", Some("scam"), "toll")], false);
        assert_eq!(r.status, Status::Incomplete);
        let r = CompletionRecord::build(info(90), vec![item("scam", Some("legit"), "toll")], true);
        assert_eq!(r.status, Status::Failed);
    }

    #[test]
    fn d_prime_needs_both_kinds_answered() {
        let r = CompletionRecord::build(info(50), vec![item("scam", Some("scam"), "toll")], true);
        assert_eq!(r.d_prime, None);
    }

    #[test]
    fn round_trips_through_json() {
        let r = CompletionRecord::build(info(80), vec![item("scam", Some("scam"), "toll")], true);
        let line = serde_json::to_string(&r).unwrap();
        assert!(line.contains("\"status\":\"passed\""), "{line}");
        let back: CompletionRecord = serde_json::from_str(&line).unwrap();
        assert_eq!(back, r);
    }
}
