//! The `inspect` screens: a paste box, then the text drawn like the trainer's explanation —
//! the message as a bubble with every finding underlined, coloured and numbered `[n]`, each
//! finding's reason, and how to check and report. Reuses the trainer's bubble, wrap and
//! highlight code by showing the text as a one-message thread whose "flags" are the findings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::bubbles::{Marks, thread};
use super::doc::{Doc, keys_line, run};
use super::theme::Theme;
use super::wrap::wrap;
use crate::detect::{Level, Place, Report, advice};
use crate::i18n::{Arg, Locale, key};
use crate::inspect_app::{InspectApp, Screen};
use crate::scenario::{Category, Message, Scenario, Verdict};
use crate::text_safety::sanitize;

/// Wider than this, the page is centred in a column, as in the trainer.
const MAX_COLUMN: u16 = 84;

/// The inspected text as a one-message thread, so the trainer's bubble code draws it.
fn as_thread(t: &Locale, text: &str, sender: Option<&str>) -> Scenario {
    Scenario {
        id: "inspected".into(),
        verdict: Verdict::Scam,
        category: Category::Other,
        title: String::new(),
        context: None,
        notes: None,
        difficulty: None,
        thread: vec![Message {
            sender: Some(sender.map_or_else(|| t.text("inspect.sender_not_given").into_owned(), str::to_string)),
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
        undrawn: false,
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
    t: &Locale,
    text: &str,
    sender: Option<&str>,
    report: &Report,
    notices: &[String],
    width: usize,
    theme: &Theme,
) -> Doc {
    let mut doc = Doc::new(width);
    for n in notices {
        doc.para(vec![run(t.fmt("inspect.note", &[("text", Arg::Str(&sanitize(n)))]), theme.notice)]);
    }
    let (on_sender, in_text) = numbered_spans(report, sender.is_some());
    let marks = Marks::Spans { sender: &on_sender, text: &in_text };
    doc.thread(thread(&as_thread(t, text, sender), marks, theme, t));
    doc.blank();
    if report.findings.is_empty() {
        doc.para(vec![run(t.text(advice::NOTHING_FOUND), theme.heading)]);
    } else {
        doc.para(vec![run(
            t.fmt("inspect.found", &[("count", Arg::Num(report.findings.len() as i64))]),
            theme.heading,
        )]);
        doc.para(vec![run(t.text(advice::SOMETHING_FOUND), theme.dim)]);
        for (i, f) in report.findings.iter().enumerate() {
            let where_ = if f.place == Place::Sender && f.kind != crate::detect::Kind::Sender {
                format!(" {}", t.text("inspect.on_sender"))
            } else {
                String::new()
            };
            let level = level(t, f.level);
            let head = t.fmt(
                "inspect.finding",
                &[("kind", Arg::Str(f.kind.label())), ("where", Arg::Str(&where_)), ("level", Arg::Str(&level))],
            );
            doc.item(
                vec![run(format!("[{}]", i + 1), theme.flag_marker), run(" ", theme.base)],
                vec![run(format!("{head} "), theme.heading), run(sanitize(&f.reason), theme.base)],
            );
        }
    }
    doc.blank();
    steps(&mut doc, t, &t.text("inspect.how_to_check"), advice::HOW_TO_CHECK, theme);
    steps(&mut doc, t, &t.text("inspect.how_to_report"), advice::HOW_TO_REPORT, theme);
    doc.para(vec![run(t.text(advice::OFFLINE), theme.dim)]);
    doc
}

/// A finding's level in words.
pub fn level(t: &Locale, level: Level) -> std::borrow::Cow<'_, str> {
    match level {
        Level::Warning => t.text("inspect.warning"),
        Level::Note => t.text("inspect.note_level"),
    }
}

fn steps(doc: &mut Doc, t: &Locale, heading: &str, items: &[&str], theme: &Theme) {
    doc.para(vec![run(heading, theme.heading)]);
    for item in items {
        doc.item(vec![run("• ", theme.base)], vec![run(t.text(item), theme.base)]);
    }
    doc.blank();
}

/// The keys of each screen, shown in the panel (the action as a catalogue key).
pub const PASTE_KEYS: &[(&str, &str)] = &[
    ("Enter / Ctrl-D", key("inspect.key_inspect")),
    ("Esc", key("inspect.key_quit")),
    ("F1", key("inspect.key_keys")),
];
pub const RESULT_KEYS: &[(&str, &str)] = &[
    ("↑↓ PgUp PgDn", key("inspect.key_scroll")),
    ("n", key("inspect.key_another")),
    ("q / Esc", key("inspect.key_quit")),
    ("?", key("inspect.key_keys")),
];
/// The `?` overlay: the keys and what they do (a catalogue key). "paste" is the terminal's.
const HELP: &[(&str, &str)] = &[
    ("paste", key("inspect.help_paste")),
    ("Enter, Ctrl-D", key("inspect.help_inspect")),
    ("Alt-Enter", key("inspect.help_new_line")),
    ("Backspace", key("inspect.help_backspace")),
    ("Ctrl-U", key("inspect.help_empty")),
    ("↑ ↓ PgUp PgDn", key("inspect.help_scroll")),
    ("n", key("inspect.help_another")),
    ("? or F1", key("inspect.help_help")),
    ("Esc, q", key("inspect.help_quit")),
];

/// A key line with its actions worded.
fn worded_keys(t: &Locale, keys: &[(&str, &str)], theme: &Theme) -> Line<'static> {
    let worded: Vec<(&str, String)> = keys.iter().map(|(k, a)| (*k, t.text(a).into_owned())).collect();
    let pairs: Vec<(&str, &str)> = worded.iter().map(|(k, a)| (*k, a.as_str())).collect();
    keys_line(&pairs, theme)
}

/// Draws the current screen; returns how far the result can scroll, so the loop can keep the
/// scroll position within the page.
pub fn view(frame: &mut Frame, app: &InspectApp, theme: &Theme) -> u16 {
    let mut max_scroll = 0;
    let area = frame.area();
    let width = area.width.min(MAX_COLUMN);
    let column = Rect { x: area.x + (area.width - width) / 2, width, ..area };
    let [title, body, panel] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(1)]).areas(column);
    let t = &app.locale;
    frame.render_widget(Line::styled(format!(" {}", t.text("inspect.title")), theme.heading), title);
    let inner = usize::from(width.saturating_sub(2)).max(10);
    match (app.screen, &app.report) {
        (Screen::Result, Some(report)) => {
            let doc = result_doc(t, &app.input, app.sender.as_deref(), report, &app.notices, inner, theme);
            let body = Rect { x: body.x + 1, width: body.width.saturating_sub(2), ..body };
            let max = (doc.lines().len() as u16).saturating_sub(body.height);
            max_scroll = max;
            let scroll = app.scroll.min(max);
            frame.render_widget(Paragraph::new(doc.lines()).scroll((scroll, 0)), body);
            if max > 0 {
                // As in the trainer: a bar on the right shows there is more below.
                let mut state = ScrollbarState::new(usize::from(max) + 1).position(usize::from(scroll));
                let bar = Rect { x: body.right(), width: 1, ..body };
                frame.render_stateful_widget(Scrollbar::new(ScrollbarOrientation::VerticalRight), bar, &mut state);
            }
            frame.render_widget(worded_keys(t, RESULT_KEYS, theme), panel);
        }
        _ => {
            paste_box(frame, app, body, theme);
            frame.render_widget(worded_keys(t, PASTE_KEYS, theme), panel);
        }
    }
    if app.help {
        help(frame, area, t, theme);
    }
    max_scroll
}

fn paste_box(frame: &mut Frame, app: &InspectApp, area: Rect, theme: &Theme) {
    let inner_width = usize::from(area.width.saturating_sub(4)).max(4);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let t = &app.locale;
    let from = match &app.sender {
        Some(s) => t.fmt("inspect.from", &[("sender", Arg::Str(&sanitize(s).replace('\n', " ")))]),
        None => t.text("inspect.from_not_given").into_owned(),
    };
    lines.extend(wrap(&[(from, theme.dim)], inner_width));
    for n in &app.notices {
        lines.extend(wrap(&[(t.fmt("inspect.note", &[("text", Arg::Str(n))]), theme.notice)], inner_width));
    }
    if app.input.is_empty() {
        lines.extend(wrap(&[(t.text("inspect.paste_hint").into_owned(), theme.dim)], inner_width));
    } else {
        let mut text = wrap(&[(sanitize(&app.input).into_owned() + "▏", theme.base)], inner_width);
        // Show the end of a long paste: that is where typing goes on.
        let room = usize::from(area.height.saturating_sub(2)).saturating_sub(lines.len()).max(1);
        if text.len() > room {
            text.drain(..text.len() - room);
        }
        lines.extend(text);
    }
    let block_title = format!(" {} ", t.text("inspect.box_title"));
    let block = Block::bordered().border_type(BorderType::Rounded).title(block_title).style(theme.base);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn help(frame: &mut Frame, area: Rect, t: &Locale, theme: &Theme) {
    let key_width = HELP.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let mut lines: Vec<Line> = HELP
        .iter()
        .map(|(k, a)| {
            Line::from(vec![
                ratatui::text::Span::styled(format!(" {k:<key_width$}  "), theme.key),
                ratatui::text::Span::raw(t.text(a).into_owned()),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(format!(" {}", t.text("inspect.press_any_key")), theme.dim));
    let width = (lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3).min(area.width);
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    frame.render_widget(Clear, popup);
    let keys_title = format!(" {} ", t.text("inspect.keys_title"));
    let block = Block::bordered().border_type(BorderType::Rounded).title(keys_title).style(theme.base);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

#[cfg(test)]
mod tests;
