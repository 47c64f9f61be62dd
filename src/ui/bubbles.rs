//! Draws a thread the way a phone's messages app does: the sender at the top, incoming
//! bubbles on the left, the learner's own on the right, times above them. Produces lines, so
//! the thread can sit inside any scrolling page.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::wrap::{text_width, wrap};
use crate::highlight::segments;
use crate::scenario::Scenario;
use crate::text_safety::{sanitize, sanitize_line};

/// Which cues to mark on the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marks {
    /// Before the answer: nothing is marked.
    None,
    /// Red flags, numbered `[1]`, `[2]` …
    Flags,
    /// Genuine signs, numbered `[✓1]` …
    Signs,
}

/// The quotes to mark, numbered as the reveal lists them.
fn quotes(scenario: &Scenario, marks: Marks) -> Vec<(usize, String)> {
    let numbered = |q: Option<&String>, i: usize| q.map(|q| (i + 1, sanitize_line(q)));
    match marks {
        Marks::None => Vec::new(),
        Marks::Flags => scenario
            .flags
            .iter()
            .enumerate()
            .filter_map(|(i, f)| numbered(f.quote.as_ref(), i))
            .collect(),
        Marks::Signs => scenario
            .signs
            .iter()
            .enumerate()
            .filter_map(|(i, s)| numbered(s.quote.as_ref(), i))
            .collect(),
    }
}

/// Styled runs for `text` with the quotes marked: the quote underlined and coloured, then its
/// number as a marker, so a mark never depends on colour alone.
fn marked_runs(
    text: &str,
    quotes: &[(usize, String)],
    marks: Marks,
    base: Style,
    theme: &Theme,
) -> Vec<(String, Style)> {
    let refs: Vec<(usize, &str)> = quotes.iter().map(|(n, q)| (*n, q.as_str())).collect();
    let (quote_style, marker_style, tick) = match marks {
        Marks::Signs => (theme.sign, theme.sign_marker, "✓"),
        _ => (theme.flag, theme.flag_marker, ""),
    };
    let mut runs = Vec::new();
    for seg in segments(text, &refs) {
        match seg.mark {
            None => runs.push((seg.text.to_string(), base)),
            Some(n) => {
                runs.push((seg.text.to_string(), quote_style));
                runs.push((format!("[{tick}{n}]"), marker_style));
            }
        }
    }
    runs
}

/// The whole thread as lines `width` columns wide.
pub fn thread_lines(
    scenario: &Scenario,
    width: usize,
    marks: Marks,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let width = width.max(12);
    let quotes = quotes(scenario, marks);
    let mut lines = Vec::new();

    let sender = sanitize_line(scenario.thread_sender());
    let header = marked_runs(&sender, &quotes, marks, theme.sender, theme);
    for line in wrap(&header, width) {
        lines.push(line.centered());
    }
    lines.push(Line::styled("─".repeat(width), theme.dim));

    for message in &scenario.thread {
        let text = sanitize(&message.text);
        let from_me = message.from_me();
        let mut caption = message
            .time
            .as_deref()
            .map(sanitize_line)
            .unwrap_or_default();
        if from_me {
            caption = join_caption(&caption, "sent by you");
        } else if let Some(s) = message
            .sender
            .as_deref()
            .filter(|s| *s != scenario.thread_sender())
        {
            caption = join_caption(&sanitize_line(s), &caption);
        }
        lines.push(Line::default());
        if !caption.is_empty() {
            for caption_line in wrap(&[(caption, theme.dim)], width) {
                lines.push(if from_me {
                    caption_line.right_aligned()
                } else {
                    caption_line.centered()
                });
            }
        }
        let base = if from_me {
            theme.bubble_out
        } else {
            theme.base
        };
        let runs = marked_runs(&text, &quotes, marks, base, theme);
        let border = if from_me {
            theme.bubble_out
        } else {
            theme.bubble_in
        };
        lines.extend(bubble(&runs, width, from_me, border));
    }
    lines
}

fn join_caption(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a} · {b}"),
    }
}

/// A rounded box around wrapped text, at most four fifths of the width, on the left for
/// incoming messages and on the right for the learner's own.
fn bubble(
    runs: &[(String, Style)],
    width: usize,
    right: bool,
    border: Style,
) -> Vec<Line<'static>> {
    let max_inner = (width * 4 / 5)
        .saturating_sub(4)
        .max(8)
        .min(width.saturating_sub(4).max(1));
    let body = wrap(runs, max_inner);
    let inner = body
        .iter()
        .map(|l| text_width(&l.to_string()))
        .max()
        .unwrap_or(0)
        .max(1);
    let indent = if right {
        " ".repeat(width.saturating_sub(inner + 4))
    } else {
        String::new()
    };
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
    lines.push(Line::from(vec![
        Span::raw(indent),
        Span::styled(format!("╰{}╯", "─".repeat(inner + 2)), border),
    ]));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn flags_are_numbered_on_the_message() {
        let s = fixtures::scenario(fixtures::TOLL_SCAM);
        let joined = text(&thread_lines(&s, 60, Marks::Flags, &Theme::mono())).join("\n");
        assert!(joined.contains("+63 917 555 0142[1]"), "{joined}");
        assert!(joined.contains("[2]"));
        assert!(joined.contains("$4.35[3]"));
    }

    #[test]
    fn nothing_is_marked_before_the_answer() {
        let s = fixtures::scenario(fixtures::TOLL_SCAM);
        let joined = text(&thread_lines(&s, 60, Marks::None, &Theme::mono())).join("\n");
        assert!(!joined.contains("[1]"));
    }

    #[test]
    fn the_learners_own_message_is_on_the_right() {
        let s = fixtures::scenario(fixtures::USPS_LEGIT);
        let lines = text(&thread_lines(&s, 60, Marks::Signs, &Theme::mono()));
        let mine = lines
            .iter()
            .find(|l| l.contains("9400111202555842761093") && !l.contains("USPS"))
            .unwrap();
        assert!(mine.starts_with("   "), "{mine:?}");
        assert!(lines.iter().any(|l| l.contains("sent by you")));
        assert!(lines[0].contains("28777[✓2]"));
    }

    #[test]
    fn every_line_fits_the_width() {
        for fixture in [
            fixtures::TOLL_SCAM,
            fixtures::USPS_LEGIT,
            fixtures::WALLET_SCAM,
        ] {
            let s = fixtures::scenario(fixture);
            for width in [12, 20, 40, 76] {
                for line in thread_lines(&s, width, Marks::Flags, &Theme::mono()) {
                    assert!(text_width(&line.to_string()) <= width, "{width}: {line}");
                }
            }
        }
    }
}
