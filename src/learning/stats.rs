//! What a learner's saved answers say: accuracy and d′ over rounds, per category, per red-flag
//! kind, calibration, and the scenarios worth another look. Plain text lines, drawn by both
//! `smishdrill stats` and the stats screen.

use super::summary::Summary;
use crate::i18n::{Locale, Phrase, Value, key};
use crate::scenario::kinds::{CATEGORIES, FLAG_KINDS};

/// What kind of line, so the screen can style it; the text is the same everywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Heading,
    Text,
    Blank,
}

/// A line of the report as the domain says it: its kind and a phrase the view words.
pub type ReportLine = (LineKind, Phrase);

/// A line of the report worded: its kind and its text.
pub type WordedLine = (LineKind, String);

/// The report in `locale`. Lines repeat what answers.jsonl holds (scenario ids, flag kinds,
/// categories): each goes through the output rule, for the progress screen and
/// `smishdrill stats` alike.
pub fn worded(report: &[ReportLine], locale: &Locale) -> Vec<WordedLine> {
    report
        .iter()
        .map(|(kind, phrase)| match kind {
            LineKind::Blank => (*kind, String::new()),
            _ => (*kind, crate::text_safety::sanitize_line(&phrase.say(locale))),
        })
        .collect()
}

/// The confidence levels as records store them, with the key of their words. (The trainer's
/// `Confidence` is in `app`, which this domain module does not import.)
const CONFIDENCE: [(&str, &str); 3] = [
    ("sure", key("confidence.sure")),
    ("fairly sure", key("confidence.fairly_sure")),
    ("guessing", key("confidence.guessing")),
];

/// Right / total as a fraction, and a bar of `width` cells (█ filled, ░ empty).
pub fn bar(right: usize, total: usize, width: usize) -> String {
    let filled = (right * width + total / 2).checked_div(total).unwrap_or(0);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled.min(width)))
}

/// One character per value in 0..=1: ▁ … █.
pub fn sparkline(values: &[f64]) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values.iter().map(|v| LEVELS[((v.clamp(0.0, 1.0) * 7.0).round()) as usize]).collect()
}

/// A red-flag kind named in a record: its words if it is a known kind, else the name as it is.
fn flag_label(name: &str) -> Value {
    match FLAG_KINDS.iter().find(|t| t.name == name) {
        Some(t) => Value::Term { key: format!("flag_kind.{}", t.name), fallback: t.label.to_string() },
        None => name.into(),
    }
}

/// One row of a table: a label padded to `width`, a bar, "right of total".
fn row(label: Value, width: usize, bar: String, right: usize, total: usize) -> Phrase {
    Phrase::new("stats.row")
        .with("label", Value::Padded(Box::new(label), width))
        .with("bar", bar)
        .with("right", format!("{right:>3}"))
        .with("total", format!("{total:<3}"))
}

/// The full report, as phrases: the view words it in the learner's locale ([`worded`]). Read
/// from the summary alone (never the records), so it costs the same over 100 answers or 100 000.
pub fn report(history: &Summary, width: usize) -> Vec<ReportLine> {
    let mut out: Vec<ReportLine> = Vec::new();
    let head = |out: &mut Vec<ReportLine>, key: &'static str| out.push((LineKind::Heading, Phrase::new(key)));
    let text = |out: &mut Vec<ReportLine>, p: Phrase| out.push((LineKind::Text, p));
    let blank = |out: &mut Vec<ReportLine>| out.push((LineKind::Blank, Phrase::new("")));
    if history.is_empty() {
        head(&mut out, key("stats.empty"));
        return out;
    }
    let all = history.outcomes();
    let rounds = history.rounds();
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
    let shown = width.saturating_sub(24).max(8);
    let recent = &rounds[rounds.len().saturating_sub(shown)..];
    let accuracy: Vec<f64> = recent.iter().map(|r| r.correct() as f64 / r.total().max(1) as f64).collect();
    let dprime: Vec<f64> =
        recent.iter().map(|r| r.scores().map_or(0.0, |s| (s.d_prime / 4.0 + 0.5).clamp(0.0, 1.0))).collect();
    let last = format!("{:.0}", accuracy.last().copied().unwrap_or(0.0) * 100.0);
    text(&mut out, Phrase::new("stats.accuracy_spark").with("spark", sparkline(&accuracy)).with("percent", last));
    text(&mut out, Phrase::new("stats.dprime_spark").with("spark", sparkline(&dprime)).with("zero", sparkline(&[0.5])));
    blank(&mut out);

    head(&mut out, key("stats.by_category"));
    for t in CATEGORIES {
        let Some((right, seen)) = history.category(t.name) else { continue };
        text(&mut out, row(t.name.into(), 14, bar(right, seen, 20), right, seen));
    }
    blank(&mut out);

    let rates = history.flag_kind_rates();
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
        if let Some((right, seen)) = history.confidence(stored) {
            text(&mut out, row(Phrase::new(words).into(), 14, bar(right, seen, 20), right, seen));
        }
    }
    blank(&mut out);

    let revisit = history.to_revisit();
    if !revisit.is_empty() {
        head(&mut out, key("stats.revisit_heading"));
        for (scenario, r) in revisit.iter().take(10) {
            let what = if r.correct {
                let flags = r.flags_missed.iter().map(|k| flag_label(k)).collect();
                Phrase::new("stats.revisit_missed").with("flags", Value::List(flags))
            } else if r.is_scam {
                Phrase::new("stats.revisit_was_scam")
            } else {
                Phrase::new("stats.revisit_was_genuine")
            };
            text(&mut out, Phrase::new("stats.revisit_row").with("scenario", *scenario).with("what", what));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning::record::AnswerRecord;

    fn rec(round: &str, scenario: &str, truth: &str, said: &str, missed: &[&str]) -> AnswerRecord {
        AnswerRecord {
            time: 0,
            round: round.into(),
            scenario: scenario.into(),
            category: "toll".into(),
            truth: truth.into(),
            said: said.into(),
            confidence: Some("sure".into()),
            difficulty: None,
            flags_found: vec!["sender".into()],
            flags_missed: missed.iter().map(|s| s.to_string()).collect(),
            false_marks: 0,
            spotted: true,
            question: None,
            choice: None,
        }
    }

    #[test]
    fn bars_and_sparklines() {
        assert_eq!(bar(1, 2, 4), "██░░");
        assert_eq!(bar(0, 0, 3), "░░░");
        assert_eq!(sparkline(&[0.0, 0.5, 1.0]), "▁▅█");
    }

    #[test]
    fn rounds_keep_their_order() {
        let h = vec![
            rec("a", "x", "scam", "scam", &[]),
            rec("b", "y", "scam", "scam", &[]),
            rec("a", "z", "scam", "scam", &[]),
        ];
        let r = Summary::of(&h);
        assert_eq!(r.rounds().len(), 2);
        assert_eq!(r.rounds()[0].total(), 2);
    }

    #[test]
    fn flag_rates_and_revisits() {
        let h = vec![
            rec("a", "x", "scam", "legit", &["lookalike-link"]),
            rec("a", "y", "scam", "scam", &[]),
            rec("b", "y", "legit", "legit", &[]),
        ];
        let s = Summary::of(&h);
        assert_eq!(s.flag_kind_rates()["lookalike-link"], (0, 1));
        assert_eq!(s.flag_kind_rates()["sender"], (3, 3));
        let revisit: Vec<&str> = s.to_revisit().iter().map(|(id, _)| *id).collect();
        assert_eq!(revisit, ["x"]);
        let text: Vec<String> = worded(&report(&s, 80), &Locale::english()).into_iter().map(|(_, t)| t).collect();
        let joined = text.join("\n");
        assert!(joined.contains("3 answers in 2 rounds"), "{joined}");
        assert!(joined.contains("Lookalike link"), "{joined}");
        assert!(joined.contains("x: it was a scam"), "{joined}");
    }

    #[test]
    fn text_from_the_answers_file_reaches_no_screen_raw() {
        let evil = "s\u{1b}]0;pwn\u{7}\u{202E}\nFORGED";
        let h = vec![rec("a", evil, "scam", "scam", &[evil]), rec("a", evil, "scam", "legit", &[])];
        for (_, line) in worded(&report(&Summary::of(&h), 80), &Locale::english()) {
            assert!(crate::text_safety::first_unsafe(&line).is_none() && !line.contains('\n'), "{line:?}");
        }
    }

    #[test]
    fn an_empty_history_says_so() {
        assert_eq!(
            worded(&report(&Summary::default(), 80), &Locale::english())[0].1,
            "No answers saved yet: play a round first."
        );
    }
}

#[cfg(test)]
#[path = "summary_tests.rs"]
mod summary_tests;
