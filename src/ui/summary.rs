//! The end of a round: the score, what was missed and why it matters, and what next.

use ratatui::text::{Line, Span};

use super::doc::{Doc, run};
use super::theme::Theme;
use crate::app::App;
use crate::scenario::Verdict;
use crate::text_safety::sanitize_line;

pub fn body(app: &App, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    let total = app.answers.len();
    if total == 0 {
        doc.para(vec![run("No messages in this round.", theme.heading)]);
        return doc;
    }
    doc.para(vec![run(
        format!("Round complete: {} of {total} right", app.score()),
        theme.heading,
    )]);
    doc.blank();
    let count = |v: Verdict| {
        let shown = app.answered().filter(|(s, _)| s.verdict == v).count();
        let right = app
            .answered()
            .filter(|(s, a)| s.verdict == v && a.verdict == v)
            .count();
        (right, shown)
    };
    let (caught, scams) = count(Verdict::Scam);
    let (trusted, genuine) = count(Verdict::Legit);
    doc.item(
        vec![run("• ", theme.base)],
        vec![run(
            format!("Scams spotted: {caught} of {scams}"),
            theme.base,
        )],
    );
    doc.item(
        vec![run("• ", theme.base)],
        vec![run(
            format!("Genuine messages trusted: {trusted} of {genuine}"),
            theme.base,
        )],
    );
    let (q_right, q_asked) = app.question_score();
    if q_asked > 0 {
        doc.item(
            vec![run("• ", theme.base)],
            vec![run(
                format!("Follow-up questions: {q_right} of {q_asked}"),
                theme.base,
            )],
        );
    }
    doc.blank();
    let missed: Vec<_> = app
        .answered()
        .filter(|(s, a)| s.verdict != a.verdict)
        .collect();
    if missed.is_empty() {
        doc.para(vec![run(
            "You judged every message correctly.",
            theme.right,
        )]);
    } else {
        doc.para(vec![run("Missed", theme.heading)]);
        for (s, _) in missed {
            let was = match s.verdict {
                Verdict::Scam => "a scam you trusted",
                Verdict::Legit => "genuine, but you called it a scam",
            };
            doc.item(
                vec![run("✗ ", theme.wrong)],
                vec![
                    run(sanitize_line(&s.title), theme.heading),
                    run(format!(": {was}"), theme.base),
                ],
            );
        }
    }
    doc.blank();
    doc.para(vec![run(
        format!(
            "Round seed {}: run with --seed {} to replay it.",
            app.spec.seed, app.spec.seed
        ),
        theme.dim,
    )]);
    doc
}

pub fn panel(theme: &Theme) -> Vec<Line<'static>> {
    vec![Line::from(vec![
        Span::styled("r", theme.key),
        Span::raw(" play again   "),
        Span::styled("q", theme.key),
        Span::raw(" quit"),
    ])]
}
