//! The end of a round: the score, what was missed and why it matters, and what next.

use ratatui::text::Line;

use super::doc::{Doc, keys_line, run};
use super::theme::Theme;
use crate::app::{App, Confidence};
use crate::learning::completion::passes;
use crate::learning::sdt::Outcomes;
use crate::learning::spot;
use crate::scenario::Verdict;
use crate::text_safety::sanitize_line;

pub fn body(app: &App, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    let total = app.answers.len();
    if total == 0 {
        doc.para(vec![run("No messages in this round.", theme.heading)]);
        return doc;
    }
    if let Some(notice) = &app.notice {
        doc.para(vec![run(format!("! {}", sanitize_line(notice)), theme.notice)]);
        doc.blank();
    }
    if app.exam.is_some() {
        exam_result(&mut doc, app, theme);
    } else {
        doc.para(vec![run(format!("Round complete: {} of {total} right", app.score()), theme.heading)]);
        doc.blank();
    }
    let count = |v: Verdict| {
        let shown = app.answered().filter(|(s, _)| s.verdict == v).count();
        let right = app.answered().filter(|(s, a)| s.verdict == v && a.is_right(v)).count();
        (right, shown)
    };
    let (caught, scams) = count(Verdict::Scam);
    let (trusted, genuine) = count(Verdict::Legit);
    doc.item(vec![run("• ", theme.base)], vec![run(format!("Scams spotted: {caught} of {scams}"), theme.base)]);
    doc.item(
        vec![run("• ", theme.base)],
        vec![run(format!("Genuine messages trusted: {trusted} of {genuine}"), theme.base)],
    );
    let (q_right, q_asked) = app.question_score();
    if q_asked > 0 {
        doc.item(
            vec![run("• ", theme.base)],
            vec![run(format!("Follow-up questions: {q_right} of {q_asked}"), theme.base)],
        );
    }
    spotting(&mut doc, app, theme);
    doc.blank();
    detection(&mut doc, app, theme);
    calibration(&mut doc, app, theme);
    let missed: Vec<_> = app.answered().filter(|(s, a)| !a.is_right(s.verdict)).collect();
    if missed.is_empty() {
        doc.para(vec![run("You judged every message correctly.", theme.right)]);
    } else {
        doc.para(vec![run("Missed", theme.heading)]);
        for (s, _) in missed {
            let was = match s.verdict {
                Verdict::Scam => "a scam you trusted",
                Verdict::Legit => "genuine, but you called it a scam",
            };
            doc.item(
                vec![run("✗ ", theme.wrong)],
                vec![run(sanitize_line(&s.title), theme.heading), run(format!(": {was}"), theme.base)],
            );
        }
    }
    doc.blank();
    if app.mode == crate::app::Mode::Practice {
        doc.para(vec![run(
            format!("Round seed {}: run with --seed {} to replay it.", app.spec.seed, app.spec.seed),
            theme.dim,
        )]);
    }
    doc
}

/// Pass or fail against the deck's mark (not by colour alone: the words say it), then every
/// message with ✓ or ✗, since nothing was explained during the exam.
fn exam_result(doc: &mut Doc, app: &App, theme: &Theme) {
    let Some(setup) = &app.exam else { return };
    let asked = app.round.len() as u32;
    let right = app.score() as u32;
    let percent = (right * 100).checked_div(asked).unwrap_or(0);
    let finished = app.answers.len() as u32 == asked;
    let (banner, style) = match (finished, passes(right, asked, setup.pass_mark)) {
        (false, _) => ("INCOMPLETE", theme.wrong),
        (true, true) => ("PASSED ✓", theme.right),
        (true, false) => ("NOT PASSED ✗", theme.wrong),
    };
    doc.para(vec![
        run(banner, style),
        run(format!("  {right} of {asked} right ({percent} %) · pass mark {} %", setup.pass_mark), theme.heading),
    ]);
    doc.para(vec![run(sanitize_line(&setup.deck_title), theme.dim)]);
    doc.blank();
    for (i, (s, a)) in app.answered().enumerate() {
        let (mark, style) = if a.is_right(s.verdict) { ("✓", theme.right) } else { ("✗", theme.wrong) };
        let said = match a.verdict {
            Some(v) => format!("you said {}", v.label().to_lowercase()),
            None => "time ran out".to_string(),
        };
        doc.item(
            vec![run(format!("{mark} {:>2}. ", i + 1), style)],
            vec![
                run(sanitize_line(&s.title), theme.heading),
                run(format!(": {}; {said}", s.verdict.label().to_lowercase()), theme.base),
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
        doc.item(
            vec![run("• ", theme.base)],
            vec![run(
                format!("Red flags you found: {found} of {flags}; marks on harmless text: {false_marks}"),
                theme.base,
            )],
        );
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
    doc.para(vec![run("How you judge", theme.heading)]);
    doc.item(vec![run("• ", theme.base)], vec![run(outcomes.counts_line(), theme.base)]);
    doc.item(
        vec![run("• ", theme.base)],
        vec![run(format!("Sensitivity d′ = {:.2}: ", scores.d_prime), theme.key), run(scores.skill(), theme.base)],
    );
    doc.item(
        vec![run("• ", theme.base)],
        vec![run(format!("Lean c = {:+.2}: ", scores.criterion), theme.key), run(scores.lean(), theme.base)],
    );
    doc.blank();
}

/// How often each level of confidence was right.
fn calibration(doc: &mut Doc, app: &App, theme: &Theme) {
    let parts: Vec<String> = Confidence::ALL
        .iter()
        .filter_map(|&c| {
            let of: Vec<bool> =
                app.answered().filter(|(_, a)| a.confidence == Some(c)).map(|(s, a)| a.is_right(s.verdict)).collect();
            (!of.is_empty())
                .then(|| format!("{}: {} of {} right", c.label(), of.iter().filter(|r| **r).count(), of.len()))
        })
        .collect();
    if !parts.is_empty() {
        doc.para(vec![run("When you were ", theme.heading), run(parts.join(" · "), theme.base)]);
        doc.blank();
    }
}

pub fn panel(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    if app.mode != crate::app::Mode::Practice {
        return vec![keys_line(&[("Enter", "go through every explanation"), ("q", "quit")], theme)];
    }
    let mut lines =
        vec![keys_line(&[("r", "play again"), ("t", "your progress"), ("e", "explanations"), ("q", "quit")], theme)];
    if let Some(hint) = &app.hint {
        lines.push(Line::styled(format!("! {hint}"), theme.notice));
    }
    lines
}
