//! Draws a thread the way a phone's messages app does: the sender at the top, incoming
//! bubbles on the left, the learner's own on the right, times above them. Produces lines, so
//! the thread can sit inside any scrolling page. What is marked on the message — nothing, the
//! red flags, the genuine signs, or the learner's own marks — is given by [`Marks`].

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::wrap::{text_width, wrap};
use crate::highlight::segments;
use crate::i18n::Locale;
use crate::learning::spot::{Field, Piece};
use crate::scenario::Scenario;
use crate::text_safety::sanitize;

/// Which marks to draw on the message.
#[derive(Clone, Copy, Debug)]
pub enum Marks<'a> {
    /// Before the answer: nothing is marked.
    None,
    /// Red flags numbered `[1]`, `[2]` …, plus the learner's marks that hit no flag, `[✗]`.
    Flags { false_marks: &'a [Piece] },
    /// Genuine signs numbered `[✓1]` …, plus the learner's marks (all false alarms), `[✗]`.
    Signs { false_marks: &'a [Piece] },
    /// Spotting: the piece under the cursor reversed, marked pieces underlined with `[✱]`.
    Spot { pieces: &'a [Piece], cursor: usize, marked: &'a [usize] },
    /// Numbered stretches given by position, in the red-flag style (`smishdrill inspect`):
    /// byte ranges in the sender and in the text of a one-message thread, each with its number.
    Spans { sender: &'a [(Range<usize>, usize)], text: &'a [(Range<usize>, usize)] },
}

/// A styled stretch of one field, with an optional marker drawn right after it.
struct Deco {
    range: Range<usize>,
    style: Style,
    marker: Option<(String, Style)>,
}

/// Byte ranges of every quote in `text`, numbered as the reveal lists them.
fn quote_decos(text: &str, quotes: &[(usize, &str)], style: Style, marker: Style, tick: &str) -> Vec<Deco> {
    let mut at = 0;
    let mut out = Vec::new();
    for seg in segments(text, quotes) {
        let range = at..at + seg.text.len();
        at = range.end;
        if let Some(n) = seg.mark {
            out.push(Deco { range, style, marker: Some((format!("[{tick}{n}]"), marker)) });
        }
    }
    out
}

/// Everything to mark in one field of the thread.
fn decos(scenario: &Scenario, field: Field, text: &str, marks: Marks, theme: &Theme) -> Vec<Deco> {
    let quotes_of = |cues: Vec<Option<&String>>| -> Vec<(usize, String)> {
        cues.into_iter().enumerate().filter_map(|(i, q)| q.map(|q| (i + 1, q.clone()))).collect()
    };
    let false_mark = |pieces: &[Piece]| -> Vec<Deco> {
        pieces
            .iter()
            .filter(|p| p.field == field)
            .map(|p| Deco {
                range: p.range.clone(),
                style: theme.false_mark,
                marker: Some(("[✗]".into(), theme.false_mark_marker)),
            })
            .collect()
    };
    let mut out = match marks {
        Marks::None => Vec::new(),
        Marks::Flags { false_marks } => {
            let quotes = quotes_of(scenario.flags.iter().map(|f| f.quote.as_ref()).collect());
            let refs: Vec<(usize, &str)> = quotes.iter().map(|(n, q)| (*n, q.as_str())).collect();
            let mut d = quote_decos(text, &refs, theme.flag, theme.flag_marker, "");
            d.extend(false_mark(false_marks));
            d
        }
        Marks::Signs { false_marks } => {
            let quotes = quotes_of(scenario.signs.iter().map(|s| s.quote.as_ref()).collect());
            let refs: Vec<(usize, &str)> = quotes.iter().map(|(n, q)| (*n, q.as_str())).collect();
            let mut d = quote_decos(text, &refs, theme.sign, theme.sign_marker, "✓");
            d.extend(false_mark(false_marks));
            d
        }
        Marks::Spot { pieces, cursor, marked } => pieces
            .iter()
            .enumerate()
            .filter(|(i, p)| p.field == field && (*i == cursor || marked.contains(i)))
            .map(|(i, p)| {
                let is_marked = marked.contains(&i);
                let style = if i == cursor { theme.selected } else { theme.flag };
                let marker = is_marked.then(|| ("[✱]".to_string(), theme.flag_marker));
                Deco { range: p.range.clone(), style, marker }
            })
            .collect(),
        Marks::Spans { sender, text: in_text } => {
            let list = if matches!(field, Field::Sender(_)) { sender } else { in_text };
            list.iter()
                .filter(|(r, _)| text.get(r.clone()).is_some())
                .map(|(r, n)| Deco {
                    range: r.clone(),
                    style: theme.flag,
                    marker: Some((format!("[{n}]"), theme.flag_marker)),
                })
                .collect()
        }
    };
    // First come, first drawn: overlapping stretches are dropped, never drawn twice.
    out.sort_by_key(|d| d.range.start);
    let mut end = 0;
    out.retain(|d| {
        let keep = d.range.start >= end;
        if keep {
            end = d.range.end;
        }
        keep
    });
    out
}

/// Styled runs for a field: plain text in `base`, decorated stretches in their style followed
/// by their marker. Text is sanitised piece by piece so byte ranges stay valid.
fn runs(text: &str, decos: &[Deco], base: Style) -> Vec<(String, Style)> {
    let mut out = Vec::new();
    let mut at = 0;
    for d in decos {
        let (Some(before), Some(inside)) = (text.get(at..d.range.start), text.get(d.range.clone())) else { continue };
        if !before.is_empty() {
            out.push((sanitize(before).into_owned(), base));
        }
        out.push((sanitize(inside).into_owned(), d.style));
        if let Some(marker) = &d.marker {
            out.push(marker.clone());
        }
        at = d.range.end;
    }
    if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
        out.push((sanitize(rest).into_owned(), base));
    }
    out
}

/// Single-line runs (sender, captions): line breaks become spaces.
fn line_runs(runs: Vec<(String, Style)>) -> Vec<(String, Style)> {
    runs.into_iter().map(|(t, s)| (t.replace('\n', " "), s)).collect()
}

/// A thread ready to draw: the sender's name at the top and each message as a bubble, every
/// mark already placed in the runs. Built once by the view; drawn by [`thread_lines`] on a
/// terminal and read out by [`thread_text`].
#[derive(Clone, Debug)]
pub struct Thread {
    sender: Vec<Run>,
    rule: Style,
    messages: Vec<Bubble>,
}

/// One message of a [`Thread`].
#[derive(Clone, Debug)]
struct Bubble {
    /// Its time, a different sender's name, or that the learner sent it.
    caption: Vec<Run>,
    text: Vec<Run>,
    from_me: bool,
    border: Style,
}

type Run = (String, Style);

/// The thread of `scenario` with `marks` placed on it, in `locale`'s words.
pub fn thread(scenario: &Scenario, marks: Marks, theme: &Theme, locale: &Locale) -> Thread {
    let header_index = scenario.thread.iter().position(|m| !m.from_me()).unwrap_or(0);
    let sender = scenario.thread_sender();
    let header =
        line_runs(runs(sender, &decos(scenario, Field::Sender(header_index), sender, marks, theme), theme.sender));
    let sent_by_you = locale.text("thread.sent_by_you");
    let messages = scenario
        .thread
        .iter()
        .enumerate()
        .map(|(i, message)| {
            let from_me = message.from_me();
            let time = message.time.as_deref().map(|t| sanitize(t).replace('\n', " ")).unwrap_or_default();
            let mut caption: Vec<Run> = Vec::new();
            if from_me {
                caption.push((join(&time, &sent_by_you), theme.dim));
            } else if let Some(s) = message.sender.as_deref().filter(|s| *s != sender) {
                caption = line_runs(runs(s, &decos(scenario, Field::Sender(i), s, marks, theme), theme.dim));
                if !time.is_empty() {
                    caption.push((format!(" · {time}"), theme.dim));
                }
            } else if !time.is_empty() {
                caption.push((time, theme.dim));
            }
            let base = if from_me { theme.bubble_out } else { theme.base };
            let text = runs(&message.text, &decos(scenario, Field::Text(i), &message.text, marks, theme), base);
            let border = if from_me { theme.bubble_out } else { theme.bubble_in };
            Bubble { caption, text, from_me, border }
        })
        .collect();
    Thread { sender: header, rule: theme.dim, messages }
}

/// The thread drawn `width` columns wide: the sender centred over a rule, incoming bubbles on
/// the left, the learner's own on the right.
pub fn thread_lines(thread: &Thread, width: usize) -> Vec<Line<'static>> {
    let width = width.max(12);
    let mut lines: Vec<Line<'static>> = wrap(&thread.sender, width).into_iter().map(Line::centered).collect();
    lines.push(Line::styled("─".repeat(width), thread.rule));
    for message in &thread.messages {
        lines.push(Line::default());
        for caption_line in wrap(&message.caption, width).into_iter().filter(|_| !message.caption.is_empty()) {
            lines.push(if message.from_me { caption_line.right_aligned() } else { caption_line.centered() });
        }
        lines.extend(bubble(&message.text, width, message.from_me, message.border));
    }
    lines
}

/// The thread as a screen reader should hear it: the sender, then each message's caption and
/// text, wrapped to `width` — no bubbles, no rule, no alignment.
pub fn thread_text(thread: &Thread, width: usize) -> Vec<String> {
    let said = |runs: &[Run]| -> Vec<String> {
        wrap(runs, width.max(12)).into_iter().map(|l| l.to_string().trim().to_string()).collect()
    };
    let mut out = said(&thread.sender);
    for message in &thread.messages {
        out.push(String::new());
        if !message.caption.is_empty() {
            out.extend(said(&message.caption));
        }
        out.extend(said(&message.text));
    }
    out
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a} · {b}"),
    }
}

/// A rounded box around wrapped text, at most four fifths of the width, on the left for
/// incoming messages and on the right for the learner's own.
fn bubble(runs: &[(String, Style)], width: usize, right: bool, border: Style) -> Vec<Line<'static>> {
    let max_inner = (width * 4 / 5).saturating_sub(4).max(8).min(width.saturating_sub(4).max(1));
    let body = wrap(runs, max_inner);
    let inner = body.iter().map(|l| text_width(&l.to_string())).max().unwrap_or(0).max(1);
    let indent = if right { " ".repeat(width.saturating_sub(inner + 4)) } else { String::new() };
    let mut lines = Vec::with_capacity(body.len() + 2);
    lines.push(Line::from(vec![
        Span::raw(indent.clone()),
        Span::styled(format!("╭{}╮", "─".repeat(inner + 2)), border),
    ]));
    for line in body {
        let pad = inner - text_width(&line.to_string());
        let mut spans = vec![Span::raw(indent.clone()), Span::styled("│ ", border)];
        spans.extend(line.spans);
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(" │", border));
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(vec![Span::raw(indent), Span::styled(format!("╰{}╯", "─".repeat(inner + 2)), border)]));
    lines
}

/// The first line drawn in `style` (the spot cursor), so scrolling can keep it in view.
pub fn line_with_style(lines: &[Line], style: Style) -> Option<usize> {
    lines.iter().position(|l| l.spans.iter().any(|s| s.style == style && !s.content.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;
    use crate::learning::spot::pieces;

    /// The thread of `s` drawn as the terminal shows it.
    fn thread_lines(s: &Scenario, width: usize, marks: Marks, theme: &Theme) -> Vec<Line<'static>> {
        super::thread_lines(&thread(s, marks, theme, &Locale::english()), width)
    }

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    const NO_MARKS: &[Piece] = &[];

    #[test]
    fn flags_are_numbered_on_the_message() {
        let s = fixtures::scenario(fixtures::TOLL_SCAM);
        let joined = text(&thread_lines(&s, 60, Marks::Flags { false_marks: NO_MARKS }, &Theme::mono())).join("\n");
        assert!(joined.contains("+63 917 555 0142[1]"), "{joined}");
        assert!(joined.contains("[2]"));
        assert!(joined.contains("$4.35[3]"));
    }

    #[test]
    fn false_marks_are_shown_with_a_cross() {
        let s = fixtures::scenario(fixtures::TOLL_SCAM);
        let ps = pieces(&s);
        let late = ps.iter().find(|p| crate::learning::spot::piece_text(&s, p).contains("late fee")).unwrap().clone();
        let joined = text(&thread_lines(&s, 60, Marks::Flags { false_marks: &[late] }, &Theme::mono())).join("\n");
        assert!(joined.contains("[✗]"), "{joined}");
    }

    #[test]
    fn nothing_is_marked_before_the_answer() {
        let s = fixtures::scenario(fixtures::TOLL_SCAM);
        let joined = text(&thread_lines(&s, 60, Marks::None, &Theme::mono())).join("\n");
        assert!(!joined.contains("[1]"));
    }

    #[test]
    fn spot_marks_show_without_revealing_flags() {
        let s = fixtures::scenario(fixtures::TOLL_SCAM);
        let ps = pieces(&s);
        let theme = Theme::mono();
        let lines = thread_lines(&s, 60, Marks::Spot { pieces: &ps, cursor: 2, marked: &[0] }, &theme);
        let joined = text(&lines).join("\n");
        assert!(joined.contains("+63 917 555 0142[✱]"), "{joined}");
        assert!(!joined.contains("[1]"));
        assert!(line_with_style(&lines, theme.selected).is_some());
    }

    #[test]
    fn the_learners_own_message_is_on_the_right() {
        let s = fixtures::scenario(fixtures::USPS_LEGIT);
        let lines = text(&thread_lines(&s, 60, Marks::Signs { false_marks: NO_MARKS }, &Theme::mono()));
        let mine = lines.iter().find(|l| l.contains("9400111202555842761093") && !l.contains("USPS")).unwrap();
        assert!(mine.starts_with("   "), "{mine:?}");
        assert!(lines.iter().any(|l| l.contains("sent by you")));
        assert!(lines[0].contains("28777[✓2]"));
    }

    #[test]
    fn wide_characters_keep_bubble_borders_straight() {
        let toml = fixtures::USPS_LEGIT.replace(
            "USPS 9400111202555842761093, Delivered",
            "USPS 9400111202555842761093 配達済み 📦✅ 日本語のテキスト Delivered",
        );
        let s = fixtures::scenario(&toml);
        let lines = text(&thread_lines(&s, 40, Marks::Signs { false_marks: NO_MARKS }, &Theme::mono()));
        // The incoming bubble is the one drawn from the left edge.
        let bubble: Vec<&String> = lines.iter().filter(|l| l.starts_with(['╭', '│', '╰'])).collect();
        let widths: std::collections::HashSet<usize> = bubble.iter().map(|l| text_width(l)).collect();
        assert!(lines.iter().any(|l| l.contains("📦")), "{lines:#?}");
        assert_eq!(widths.len(), 1, "every line of a bubble has the same display width: {bubble:#?}");
    }

    #[test]
    fn every_line_fits_the_width() {
        for fixture in [fixtures::TOLL_SCAM, fixtures::USPS_LEGIT, fixtures::WALLET_SCAM] {
            let s = fixtures::scenario(fixture);
            for width in [12, 20, 40, 76] {
                for line in thread_lines(&s, width, Marks::Flags { false_marks: NO_MARKS }, &Theme::mono()) {
                    assert!(text_width(&line.to_string()) <= width, "{width}: {line}");
                }
            }
        }
    }
}
