//! The oracle of `summary_tests`: the code that read the whole record list (session 10),
//! unchanged but for visibility. It is the definition the summary keeps.

use std::collections::{BTreeMap, HashMap};

use super::*;
use crate::learning::sdt::Outcomes;

/// Answers grouped by round, in the order the rounds were played.
pub fn rounds(history: &[AnswerRecord]) -> Vec<Vec<&AnswerRecord>> {
    let mut order: Vec<&str> = Vec::new();
    let mut by_round: HashMap<&str, Vec<&AnswerRecord>> = HashMap::new();
    for r in history {
        if !by_round.contains_key(r.round.as_str()) {
            order.push(&r.round);
        }
        by_round.entry(&r.round).or_default().push(r);
    }
    order.into_iter().map(|k| by_round.remove(k).unwrap_or_default()).collect()
}

fn outcomes<'a>(answers: impl IntoIterator<Item = &'a AnswerRecord>) -> Outcomes {
    let mut o = Outcomes::default();
    for r in answers {
        o.add(r.is_scam(), r.said_scam());
    }
    o
}

/// Found / (found + missed) per red-flag kind, for kinds met while spotting.
pub fn flag_kind_rates(history: &[AnswerRecord]) -> BTreeMap<String, (usize, usize)> {
    let mut rates: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for r in history {
        for k in &r.flags_found {
            let e = rates.entry(k.clone()).or_default();
            e.0 += 1;
            e.1 += 1;
        }
        for k in &r.flags_missed {
            rates.entry(k.clone()).or_default().1 += 1;
        }
    }
    rates
}

/// Scenarios whose latest answer was wrong, newest first.
pub fn to_revisit(history: &[AnswerRecord]) -> Vec<&AnswerRecord> {
    let mut latest: HashMap<&str, &AnswerRecord> = HashMap::new();
    for r in history {
        latest.insert(&r.scenario, r);
    }
    let mut wrong: Vec<&AnswerRecord> =
        latest.into_values().filter(|r| !r.correct() || !r.flags_missed.is_empty()).collect();
    wrong.sort_by(|a, b| b.time.cmp(&a.time).then(a.scenario.cmp(&b.scenario)));
    wrong
}

/// The full report, as phrases: the view words it in the learner's locale ([`worded`]).
pub fn report(history: &[AnswerRecord], width: usize) -> Vec<ReportLine> {
    let mut out: Vec<ReportLine> = Vec::new();
    let head = |out: &mut Vec<ReportLine>, key: &'static str| out.push((LineKind::Heading, Phrase::new(key)));
    let text = |out: &mut Vec<ReportLine>, p: Phrase| out.push((LineKind::Text, p));
    let blank = |out: &mut Vec<ReportLine>| out.push((LineKind::Blank, Phrase::new("")));
    if history.is_empty() {
        head(&mut out, key("stats.empty"));
        return out;
    }
    let all = outcomes(history);
    let rounds = rounds(history);
    head(&mut out, key("stats.overall"));
    text(
        &mut out,
        Phrase::new("stats.answers_in_rounds")
            .with("answers", Phrase::new("stats.answers").with("count", all.total()))
            .with("rounds", Phrase::new("stats.rounds").with("count", rounds.len()))
            .with("right", all.correct())
            .with("percent", all.correct() * 100 / all.total().max(1)),
    );
    text(
        &mut out,
        Phrase::new("stats.spotted_trusted")
            .with("hits", all.hits)
            .with("scams", all.scams())
            .with("trusted", all.correct_rejections)
            .with("genuine", all.genuine()),
    );
    text(&mut out, all.counts());
    if let Some(s) = all.scores() {
        let line = |score: Phrase, meaning: &'static str| {
            Phrase::new("stats.score_line").with("score", score).with("meaning", Phrase::new(meaning))
        };
        text(&mut out, line(Phrase::new("sdt.sensitivity").with("value", format!("{:.2}", s.d_prime)), s.skill()));
        text(&mut out, line(Phrase::new("sdt.lean").with("value", format!("{:+.2}", s.criterion)), s.lean()));
    }
    blank(&mut out);

    head(&mut out, key("stats.rounds_over_time"));
    let recent: Vec<&Vec<&AnswerRecord>> = rounds.iter().rev().take(width.saturating_sub(24).max(8)).rev().collect();
    let accuracy: Vec<f64> =
        recent.iter().map(|r| r.iter().filter(|a| a.correct()).count() as f64 / r.len().max(1) as f64).collect();
    let dprime: Vec<f64> = recent
        .iter()
        .map(|r| outcomes(r.iter().copied()).scores().map_or(0.0, |s| (s.d_prime / 4.0 + 0.5).clamp(0.0, 1.0)))
        .collect();
    let last = format!("{:.0}", accuracy.last().copied().unwrap_or(0.0) * 100.0);
    text(&mut out, Phrase::new("stats.accuracy_spark").with("spark", sparkline(&accuracy)).with("percent", last));
    text(&mut out, Phrase::new("stats.dprime_spark").with("spark", sparkline(&dprime)).with("zero", sparkline(&[0.5])));
    blank(&mut out);

    head(&mut out, key("stats.by_category"));
    for t in CATEGORIES {
        let of: Vec<&AnswerRecord> = history.iter().filter(|r| r.category == t.name).collect();
        if of.is_empty() {
            continue;
        }
        let right = of.iter().filter(|r| r.correct()).count();
        text(&mut out, row(t.name.into(), 14, bar(right, of.len(), 20), right, of.len()));
    }
    blank(&mut out);

    let rates = flag_kind_rates(history);
    if !rates.is_empty() {
        head(&mut out, key("stats.flags_heading"));
        let mut kinds: Vec<(&String, &(usize, usize))> = rates.iter().collect();
        kinds.sort_by(|a, b| (a.1.0 * b.1.1).cmp(&(b.1.0 * a.1.1)).then(a.0.cmp(b.0)));
        for (k, (found, seen)) in kinds {
            text(&mut out, row(flag_label(k), 24, bar(*found, *seen, 16), *found, *seen));
        }
        blank(&mut out);
    }

    head(&mut out, key("stats.confidence_heading"));
    for (stored, words) in CONFIDENCE {
        let of: Vec<&AnswerRecord> = history.iter().filter(|r| r.confidence.as_deref() == Some(stored)).collect();
        if !of.is_empty() {
            let right = of.iter().filter(|r| r.correct()).count();
            text(&mut out, row(Phrase::new(words).into(), 14, bar(right, of.len(), 20), right, of.len()));
        }
    }
    blank(&mut out);

    let revisit = to_revisit(history);
    if !revisit.is_empty() {
        head(&mut out, key("stats.revisit_heading"));
        for r in revisit.iter().take(10) {
            let what = if r.correct() {
                let flags = r.flags_missed.iter().map(|k| flag_label(k)).collect();
                Phrase::new("stats.revisit_missed").with("flags", Value::List(flags))
            } else if r.is_scam() {
                Phrase::new("stats.revisit_was_scam")
            } else {
                Phrase::new("stats.revisit_was_genuine")
            };
            text(&mut out, Phrase::new("stats.revisit_row").with("scenario", r.scenario.as_str()).with("what", what));
        }
    }
    out
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
