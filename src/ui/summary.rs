//! The end of a round: the score, what was missed and why it matters, and what next.

use ratatui::text::Line;

use super::doc::{Doc, keys_line, run};
use super::theme::Theme;
use super::words::{confidence, verdict_word};
use crate::app::{App, Confidence};
use crate::i18n::{Arg, key};

/// A count as a placeholder's value.
fn num(n: usize) -> Arg<'static> {
    Arg::Num(n as i64)
}
use crate::learning::completion::passes;
use crate::learning::sdt::Outcomes;
use crate::learning::spot;
use crate::scenario::Verdict;
use crate::text_safety::sanitize_line;

pub fn body(app: &App, width: usize, theme: &Theme) -> Doc {
    let t = &app.locale;
    let mut doc = Doc::new(width);
    let total = app.answers.len();
    if total == 0 {
        doc.para(vec![run(t.text("summary.empty"), theme.heading)]);
        return doc;
    }
    if let Some(notice) = super::notice_text(app) {
        doc.para(vec![run(format!("! {}", sanitize_line(&notice)), theme.notice)]);
        doc.blank();
    }
    if app.session.exam.is_some() {
        exam_result(&mut doc, app, theme);
    } else {
        doc.para(vec![run(
            t.fmt("summary.score", &[("right", num(app.score())), ("count", num(total))]),
            theme.heading,
        )]);
        doc.blank();
    }
    let of = |key: &str, right: usize, count: usize| t.fmt(key, &[("right", num(right)), ("count", num(count))]);
    let count = |v: Verdict| {
        let shown = app.answered().filter(|(s, _)| s.verdict == v).count();
        let right = app.answered().filter(|(s, a)| s.verdict == v && a.is_right(v)).count();
        (right, shown)
    };
    let (caught, scams) = count(Verdict::Scam);
    let (trusted, genuine) = count(Verdict::Legit);
    doc.item(vec![run("• ", theme.base)], vec![run(of(key("summary.scams_spotted"), caught, scams), theme.base)]);
    doc.item(vec![run("• ", theme.base)], vec![run(of(key("summary.genuine_trusted"), trusted, genuine), theme.base)]);
    let (q_right, q_asked) = app.question_score();
    if q_asked > 0 {
        doc.item(vec![run("• ", theme.base)], vec![run(of(key("summary.follow_ups"), q_right, q_asked), theme.base)]);
    }
    spotting(&mut doc, app, theme);
    doc.blank();
    detection(&mut doc, app, theme);
    calibration(&mut doc, app, theme);
    let missed: Vec<_> = app.answered().filter(|(s, a)| !a.is_right(s.verdict)).collect();
    if missed.is_empty() {
        doc.para(vec![run(t.text("summary.all_right"), theme.right)]);
    } else {
        doc.para(vec![run(t.text("summary.missed"), theme.heading)]);
        for (s, _) in missed {
            let was = match s.verdict {
                Verdict::Scam => t.text("summary.missed_scam"),
                Verdict::Legit => t.text("summary.missed_genuine"),
            };
            doc.item(
                vec![run("✗ ", theme.wrong)],
                vec![run(sanitize_line(&s.title), theme.heading), run(format!(": {was}"), theme.base)],
            );
        }
    }
    doc.blank();
    if app.session.mode == crate::app::Mode::Practice {
        doc.para(vec![run(t.fmt("summary.seed", &[("seed", Arg::Str(&app.spec.seed.to_string()))]), theme.dim)]);
    }
    doc
}

/// Pass or fail against the deck's mark (not by colour alone: the words say it), then every
/// message with ✓ or ✗, since nothing was explained during the exam.
fn exam_result(doc: &mut Doc, app: &App, theme: &Theme) {
    let Some(setup) = &app.session.exam else { return };
    let t = &app.locale;
    let asked = app.round.len() as u32;
    let right = app.score() as u32;
    let percent = (right * 100).checked_div(asked).unwrap_or(0);
    let finished = app.answers.len() as u32 == asked;
    let (banner, style) = match (finished, passes(right, asked, setup.pass_mark)) {
        (false, _) => (t.text("exam.incomplete").into_owned(), theme.wrong),
        (true, true) => (format!("{} ✓", t.text("exam.passed")), theme.right),
        (true, false) => (format!("{} ✗", t.text("exam.not_passed")), theme.wrong),
    };
    let score = t.fmt(
        "exam.score",
        &[
            ("right", Arg::Num(i64::from(right))),
            ("count", Arg::Num(i64::from(asked))),
            ("percent", Arg::Num(i64::from(percent))),
            ("pass_mark", Arg::Num(i64::from(setup.pass_mark))),
        ],
    );
    doc.para(vec![run(banner, style), run(format!("  {score}"), theme.heading)]);
    doc.para(vec![run(sanitize_line(&setup.deck_title), theme.dim)]);
    doc.blank();
    for (i, (s, a)) in app.answered().enumerate() {
        let (mark, style) = if a.is_right(s.verdict) { ("✓", theme.right) } else { ("✗", theme.wrong) };
        let said = match a.verdict {
            Some(v) => t.fmt("exam.you_said", &[("said", Arg::Str(&verdict_word(t, v)))]),
            None => t.text("exam.time_ran_out").into_owned(),
        };
        doc.item(
            vec![run(format!("{mark} {:>2}. ", i + 1), style)],
            vec![
                run(sanitize_line(&s.title), theme.heading),
                run(format!(": {}; {said}", verdict_word(t, s.verdict)), theme.base),
            ],
        );
    }
    doc.blank();
}

/// Red flags found and false marks over the round.
fn spotting(doc: &mut Doc, app: &App, theme: &Theme) {
    let (mut found, mut flags, mut false_marks, mut spotted) = (0, 0, 0, 0);
    for (s, a) in app.answered() {
        let Some(marks) = &a.marks else { continue };
        let r = spot::score(s, &spot::pieces(s), marks);
        found += r.found_count();
        flags += r.found.len();
        false_marks += r.false_marks.len();
        spotted += 1;
    }
    if spotted > 0 {
        let line = app.locale.fmt(
            "summary.flags_found",
            &[("found", num(found)), ("count", num(flags)), ("harmless", num(false_marks))],
        );
        doc.item(vec![run("• ", theme.base)], vec![run(line, theme.base)]);
    }
}

/// d′ and c for the round, with what they mean.
fn detection(doc: &mut Doc, app: &App, theme: &Theme) {
    let mut outcomes = Outcomes::default();
    for (s, a) in app.answered() {
        if let Some(said) = a.verdict {
            outcomes.add(s.verdict == Verdict::Scam, said == Verdict::Scam);
        }
    }
    let Some(scores) = outcomes.scores() else { return };
    let t = &app.locale;
    doc.para(vec![run(t.text("summary.how_you_judge"), theme.heading)]);
    doc.item(vec![run("• ", theme.base)], vec![run(outcomes.counts().say(t), theme.base)]);
    let d_prime = t.fmt("sdt.sensitivity", &[("value", Arg::Str(&format!("{:.2}", scores.d_prime)))]);
    doc.item(
        vec![run("• ", theme.base)],
        vec![run(format!("{d_prime}: "), theme.key), run(t.text(scores.skill()), theme.base)],
    );
    let lean = t.fmt("sdt.lean", &[("value", Arg::Str(&format!("{:+.2}", scores.criterion)))]);
    doc.item(
        vec![run("• ", theme.base)],
        vec![run(format!("{lean}: "), theme.key), run(t.text(scores.lean()), theme.base)],
    );
    doc.blank();
}

/// How often each level of confidence was right.
fn calibration(doc: &mut Doc, app: &App, theme: &Theme) {
    let t = &app.locale;
    let parts: Vec<String> = Confidence::ALL
        .iter()
        .filter_map(|&c| {
            let of: Vec<bool> =
                app.answered().filter(|(_, a)| a.confidence == Some(c)).map(|(s, a)| a.is_right(s.verdict)).collect();
            (!of.is_empty()).then(|| {
                let level = confidence(t, c);
                let right = of.iter().filter(|r| **r).count();
                t.fmt(
                    "summary.calibration_part",
                    &[("level", Arg::Str(&level)), ("right", num(right)), ("count", num(of.len()))],
                )
            })
        })
        .collect();
    if !parts.is_empty() {
        doc.para(vec![
            run(format!("{} ", t.text("summary.when_you_were")), theme.heading),
            run(parts.join(" · "), theme.base),
        ]);
        doc.blank();
    }
}

pub fn panel(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let t = &app.locale;
    let quit = t.text("keys_action.quit");
    if app.session.mode != crate::app::Mode::Practice {
        return vec![keys_line(&[("Enter", &t.text("summary.go_through")), ("q", &quit)], theme)];
    }
    let (again, progress, explanations) =
        (t.text("keys_action.play_again"), t.text("summary.your_progress"), t.text("summary.explanations"));
    let mut lines = vec![keys_line(&[("r", &again), ("t", &progress), ("e", &explanations), ("q", &quit)], theme)];
    if let Some(hint) = app.hint {
        lines.push(Line::styled(format!("! {}", t.text(hint)), theme.notice));
    }
    lines
}
