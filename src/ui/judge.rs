//! The question screen: the message as it arrived, and the choice to make.

use ratatui::text::{Line, Span};

use super::bubbles::{Marks, thread_lines};
use super::doc::{Doc, run};
use super::theme::Theme;
use crate::app::App;
use crate::scenario::{Scenario, Verdict};
use crate::text_safety::sanitize;

/// The body: any notice, the learner's situation, then the thread with nothing marked.
pub fn body(app: &App, scenario: &Scenario, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    if let Some(notice) = &app.notice {
        doc.para(vec![run(format!("! {notice}"), theme.notice)]);
        doc.blank();
    }
    if let Some(context) = &scenario.context {
        doc.para(vec![
            run("Your situation: ", theme.heading),
            run(sanitize(context), theme.dim),
        ]);
        doc.blank();
    }
    doc.extend(thread_lines(scenario, width, Marks::None, theme));
    doc
}

/// The two answer buttons, the one under the cursor reversed.
pub fn verdict_panel(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let button = |v: Verdict, key: &str| {
        let style = if app.verdict_cursor == v {
            theme.selected
        } else {
            theme.base
        };
        vec![
            Span::styled(format!("[ {key} "), style),
            Span::styled(format!("{} ]", v.label()), style),
        ]
    };
    let mut buttons = vec![Span::raw("  ")];
    buttons.extend(button(Verdict::Scam, "s"));
    buttons.push(Span::raw("   "));
    buttons.extend(button(Verdict::Legit, "l"));
    vec![
        Line::styled("Is this text a scam or genuine?", theme.heading),
        Line::from(buttons),
    ]
}

/// The follow-up question and its numbered choices.
pub fn question_panel(
    app: &App,
    scenario: &Scenario,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let Some(q) = &scenario.question else {
        return Vec::new();
    };
    let mut doc = Doc::new(width);
    if let Some(answer) = app.current_answer() {
        doc.para(vec![run(
            format!(
                "You said: {}. One more question first:",
                answer.verdict.label()
            ),
            theme.dim,
        )]);
    }
    doc.para(vec![run(sanitize(&q.ask), theme.heading)]);
    for (i, choice) in q.choices.iter().enumerate() {
        let style = if app.choice_cursor == i {
            theme.selected
        } else {
            theme.base
        };
        doc.item(
            vec![run(format!(" {} ", i + 1), theme.key), run(" ", theme.base)],
            vec![run(sanitize(choice), style)],
        );
    }
    doc.lines
}
