//! The steps before the explanation: the message as it arrived, the verdict buttons, how sure,
//! spotting the flags, and the follow-up question.

use ratatui::text::{Line, Span};

use super::bubbles::{Marks, thread};
use super::doc::{Doc, run};
use super::page::Block;
use super::theme::Theme;
use super::words::{confidence, verdict};
use crate::app::{App, Confidence, first_key_in};
use crate::i18n::Arg;
use crate::scenario::{Scenario, Verdict};
use crate::text_safety::sanitize;

/// The body: any notice, the learner's situation, then the thread with `marks`.
pub fn body(app: &App, scenario: &Scenario, width: usize, marks: Marks, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    if let Some(notice) = super::notice_text(app) {
        doc.para(vec![run(format!("! {notice}"), theme.notice)]);
        doc.blank();
    }
    if let Some(context) = &scenario.context {
        let label = format!("{} ", app.locale.text("judge.situation"));
        doc.para(vec![run(label, theme.heading), run(sanitize(context), theme.dim)]);
        doc.blank();
    }
    doc.thread(thread(scenario, marks, theme, &app.locale));
    doc
}

fn button(label: String, selected: bool, theme: &Theme) -> Span<'static> {
    Span::styled(format!("[ {label} ]"), if selected { theme.selected } else { theme.base })
}

/// The two answer buttons. None is highlighted until the learner moves to one, so Enter never
/// answers for them. Above them, what the verdict judges, in one line that fits 80 columns in
/// English: the last message received, not the situation or the thread as a whole (issue #10,
/// "one question, one meaning").
pub fn verdict_panel(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let t = &app.locale;
    // The locale's verdict keys (`[keys]` in its catalogue), as the key table binds them.
    let (scam_key, legit_key) = (first_key_in(t, "scam"), first_key_in(t, "genuine"));
    let buttons = vec![
        Span::raw("  "),
        button(format!("{scam_key} {}", verdict(t, Verdict::Scam)), app.verdict_cursor() == Some(Verdict::Scam), theme),
        Span::raw("   "),
        button(
            format!("{legit_key} {}", verdict(t, Verdict::Legit)),
            app.verdict_cursor() == Some(Verdict::Legit),
            theme,
        ),
    ];
    with_hint(app, vec![Line::styled(t.text("judge.question").into_owned(), theme.heading), Line::from(buttons)], theme)
}

/// The panel's lines and, under them, the hint saying which keys answer, if there is one.
fn with_hint(app: &App, mut lines: Vec<Line<'static>>, theme: &Theme) -> Vec<Line<'static>> {
    if let Some(hint) = app.hint {
        lines.push(Line::styled(format!("! {}", app.locale.text(hint)), theme.notice));
    }
    lines
}

/// How sure: three buttons, one key each.
pub fn confidence_panel(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let t = &app.locale;
    let said = app.current_answer().and_then(|a| a.verdict).map(|v| verdict(t, v)).unwrap_or_default();
    let mut buttons = vec![Span::raw("  ")];
    for (i, &c) in Confidence::ALL.iter().enumerate() {
        buttons.push(button(format!("{} {}", i + 1, confidence(t, c)), app.confidence_cursor() == Some(i), theme));
        buttons.push(Span::raw("  "));
    }
    let ask = t.fmt("confidence.question", &[("said", Arg::Str(&said))]);
    let lines = vec![Line::styled(ask, theme.heading), Line::from(buttons)];
    with_hint(app, lines, theme)
}

/// What to do on the spot screen.
pub fn spot_panel(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let t = &app.locale;
    let marked = t.fmt("spot.marked", &[("count", Arg::Num(app.marks().len() as i64))]);
    vec![
        Line::styled(t.text("spot.instruction").into_owned(), theme.heading),
        Line::from(vec![
            Span::styled("← →", theme.key),
            Span::raw(format!(" {}  ", t.text("spot.move"))),
            Span::styled("Space", theme.key),
            Span::raw(format!(" {}  ", t.text("spot.mark"))),
            Span::styled("Enter", theme.key),
            Span::raw(format!(" {}  ({marked})", t.text("spot.done"))),
        ]),
    ]
}

/// The follow-up question and its choices, numbered in the shuffled order they are shown in.
pub fn question_panel(app: &App, scenario: &Scenario, width: usize, theme: &Theme) -> Vec<Block> {
    let Some(q) = &scenario.question else { return Vec::new() };
    let mut doc = Doc::new(width);
    let t = &app.locale;
    if app.after_question {
        doc.para(vec![run(t.text("question.one_more_after"), theme.dim)]);
    } else if let Some(said) = app.current_answer().and_then(|a| a.verdict) {
        let said = verdict(t, said);
        doc.para(vec![run(t.fmt("question.one_more_first", &[("said", Arg::Str(&said))]), theme.dim)]);
    }
    doc.para(vec![run(sanitize(&q.ask), theme.heading)]);
    for (shown, &i) in app.choice_order().iter().enumerate() {
        let Some(choice) = q.choices.get(i) else { continue };
        let style = if app.choice_cursor() == Some(shown) { theme.selected } else { theme.base };
        doc.item(
            vec![run(format!(" {} ", shown + 1), theme.key), run(" ", theme.base)],
            vec![run(sanitize(choice), style)],
        );
    }
    let hint = with_hint(app, Vec::new(), theme).into_iter().map(Block::Line);
    doc.blocks.into_iter().chain(hint).collect()
}
