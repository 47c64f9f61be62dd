//! The `inspect` screens: a paste box, then the text drawn like the trainer's explanation —
//! the message as a bubble with every finding underlined, coloured and numbered `[n]`, each
//! finding's reason, and how to check and report. Reuses the trainer's bubble, wrap and
//! highlight code by showing the text as a one-message thread whose "flags" are the findings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::bubbles::{Marks, thread_lines};
use super::doc::{Doc, keys_line, run};
use super::theme::Theme;
use super::wrap::wrap;
use crate::detect::{Level, Place, Report, advice};
use crate::inspect_app::{InspectApp, Screen};
use crate::scenario::{Category, Message, Scenario, Verdict};
use crate::text_safety::sanitize;

/// Wider than this, the page is centred in a column, as in the trainer.
const MAX_COLUMN: u16 = 84;

/// The inspected text as a one-message thread, so the trainer's bubble code draws it.
fn as_thread(text: &str, sender: Option<&str>) -> Scenario {
    Scenario {
        id: "inspected".into(),
        verdict: Verdict::Scam,
        category: Category::Other,
        title: String::new(),
        context: None,
        notes: None,
        difficulty: None,
        thread: vec![Message {
            sender: Some(sender.unwrap_or("Sender not given").to_string()),
            time: None,
            text: text.into(),
        }],
        flags: Vec::new(),
        signs: Vec::new(),
        question: None,
        verify: Vec::new(),
        sources: Vec::new(),
        origin: "inspect".into(),
        template: None,
    }
}

/// Each finding's place and number (1-based, as listed), split into sender and text.
type Numbered = Vec<(std::ops::Range<usize>, usize)>;

fn numbered_spans(report: &Report, sender_given: bool) -> (Numbered, Numbered) {
    let (mut sender, mut text) = (Vec::new(), Vec::new());
    for (i, f) in report.findings.iter().enumerate() {
        match f.place {
            Place::Sender if sender_given => sender.push((f.span.clone(), i + 1)),
            Place::Sender => {}
            Place::Text => text.push((f.span.clone(), i + 1)),
        }
    }
    (sender, text)
}

/// The result page.
pub fn result_doc(
    text: &str,
    sender: Option<&str>,
    report: &Report,
    notices: &[String],
    width: usize,
    theme: &Theme,
) -> Doc {
    let mut doc = Doc::new(width);
    for n in notices {
        doc.para(vec![run(format!("Note: {}", sanitize(n)), theme.notice)]);
    }
    let (on_sender, in_text) = numbered_spans(report, sender.is_some());
    let marks = Marks::Spans { sender: &on_sender, text: &in_text };
    doc.extend(thread_lines(&as_thread(text, sender), doc.width, marks, theme));
    doc.blank();
    if report.findings.is_empty() {
        doc.para(vec![run(advice::NOTHING_FOUND, theme.heading)]);
    } else {
        doc.para(vec![run(format!("What was found ({})", report.findings.len()), theme.heading)]);
        doc.para(vec![run(advice::SOMETHING_FOUND, theme.dim)]);
        for (i, f) in report.findings.iter().enumerate() {
            let where_ =
                if f.place == Place::Sender && f.kind != crate::detect::Kind::Sender { " (sender)" } else { "" };
            let level = match f.level {
                Level::Warning => "warning",
                Level::Note => "note",
            };
            doc.item(
                vec![run(format!("[{}]", i + 1), theme.flag_marker), run(" ", theme.base)],
                vec![
                    run(format!("{}{where_}, {level}: ", f.kind.label()), theme.heading),
                    run(sanitize(&f.reason), theme.base),
                ],
            );
        }
    }
    doc.blank();
    steps(&mut doc, "How to check it", advice::HOW_TO_CHECK, theme);
    steps(&mut doc, "How to report it", advice::HOW_TO_REPORT, theme);
    doc.para(vec![run(advice::OFFLINE, theme.dim)]);
    doc
}

fn steps(doc: &mut Doc, heading: &str, items: &[&str], theme: &Theme) {
    doc.para(vec![run(heading, theme.heading)]);
    for item in items {
        doc.item(vec![run("• ", theme.base)], vec![run(*item, theme.base)]);
    }
    doc.blank();
}

/// The keys of each screen, shown in the panel and in the `?` overlay.
pub const PASTE_KEYS: &[(&str, &str)] = &[("Enter / Ctrl-D", "inspect"), ("Esc", "quit"), ("F1", "keys")];
pub const RESULT_KEYS: &[(&str, &str)] =
    &[("↑↓ PgUp PgDn", "scroll"), ("n", "another text"), ("q / Esc", "quit"), ("?", "keys")];
const HELP: &[(&str, &str)] = &[
    ("paste", "put the text in the box (your terminal's paste)"),
    ("Enter, Ctrl-D", "inspect the text in the box"),
    ("Alt-Enter", "a new line in the box"),
    ("Backspace", "delete the last character"),
    ("Ctrl-U", "empty the box"),
    ("↑ ↓ PgUp PgDn", "scroll the result"),
    ("n", "inspect another text"),
    ("? or F1", "this help"),
    ("Esc, q", "quit (q only on the result)"),
];

/// Draws the current screen; returns how far the result can scroll, so the loop can keep the
/// scroll position within the page.
pub fn view(frame: &mut Frame, app: &InspectApp, theme: &Theme) -> u16 {
    let mut max_scroll = 0;
    let area = frame.area();
    let width = area.width.min(MAX_COLUMN);
    let column = Rect { x: area.x + (area.width - width) / 2, width, ..area };
    let [title, body, panel] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(1)]).areas(column);
    frame.render_widget(
        Line::styled(" smishdrill inspect: the trainer's eye on a text you received", theme.heading),
        title,
    );
    let inner = usize::from(width.saturating_sub(2)).max(10);
    match (app.screen, &app.report) {
        (Screen::Result, Some(report)) => {
            let doc = result_doc(&app.input, app.sender.as_deref(), report, &app.notices, inner, theme);
            let body = Rect { x: body.x + 1, width: body.width.saturating_sub(2), ..body };
            let max = (doc.lines.len() as u16).saturating_sub(body.height);
            max_scroll = max;
            let scroll = app.scroll.min(max);
            frame.render_widget(Paragraph::new(doc.lines).scroll((scroll, 0)), body);
            if max > 0 {
                // As in the trainer: a bar on the right shows there is more below.
                let mut state = ScrollbarState::new(usize::from(max) + 1).position(usize::from(scroll));
                let bar = Rect { x: body.right(), width: 1, ..body };
                frame.render_stateful_widget(Scrollbar::new(ScrollbarOrientation::VerticalRight), bar, &mut state);
            }
            frame.render_widget(keys_line(RESULT_KEYS, theme), panel);
        }
        _ => {
            paste_box(frame, app, body, theme);
            frame.render_widget(keys_line(PASTE_KEYS, theme), panel);
        }
    }
    if app.help {
        help(frame, area, theme);
    }
    max_scroll
}

fn paste_box(frame: &mut Frame, app: &InspectApp, area: Rect, theme: &Theme) {
    let inner_width = usize::from(area.width.saturating_sub(4)).max(4);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let from = match &app.sender {
        Some(s) => format!("From: {}", sanitize(s).replace('\n', " ")),
        None => "From: not given (start with --sender WHO to have it read too)".to_string(),
    };
    lines.extend(wrap(&[(from, theme.dim)], inner_width));
    for n in &app.notices {
        lines.extend(wrap(&[(format!("Note: {n}"), theme.notice)], inner_width));
    }
    if app.input.is_empty() {
        let hint = "Paste the text you received here (your terminal's paste), or type it. \
                    inspect reads it only: it opens no link and uses no network.";
        lines.extend(wrap(&[(hint.to_string(), theme.dim)], inner_width));
    } else {
        let mut text = wrap(&[(sanitize(&app.input).into_owned() + "▏", theme.base)], inner_width);
        // Show the end of a long paste: that is where typing goes on.
        let room = usize::from(area.height.saturating_sub(2)).saturating_sub(lines.len()).max(1);
        if text.len() > room {
            text.drain(..text.len() - room);
        }
        lines.extend(text);
    }
    let block = Block::bordered().border_type(BorderType::Rounded).title(" The text ").style(theme.base);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn help(frame: &mut Frame, area: Rect, theme: &Theme) {
    let key_width = HELP.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let mut lines: Vec<Line> = HELP
        .iter()
        .map(|(k, a)| {
            Line::from(vec![
                ratatui::text::Span::styled(format!(" {k:<key_width$}  "), theme.key),
                ratatui::text::Span::raw(*a),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(" Press any key to close.", theme.dim));
    let width = (lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3).min(area.width);
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    frame.render_widget(Clear, popup);
    let block = Block::bordered().border_type(BorderType::Rounded).title(" Keys ").style(theme.base);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

#[cfg(test)]
mod tests;
