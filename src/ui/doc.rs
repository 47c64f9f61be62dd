//! Helpers for building a scrolling page out of wrapped paragraphs.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::wrap::{text_width, wrap};

/// A page of lines being built at a fixed width.
pub struct Doc {
    pub width: usize,
    pub lines: Vec<Line<'static>>,
}

impl Doc {
    pub fn new(width: usize) -> Doc {
        Doc { width: width.max(10), lines: Vec::new() }
    }

    pub fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    /// A paragraph of styled runs, wrapped to the page.
    pub fn para(&mut self, runs: Vec<(String, Style)>) {
        self.lines.extend(wrap(&runs, self.width));
    }

    /// A paragraph with a lead (`[1] `, `• `) and the wrapped lines indented under the text,
    /// so numbered lists stay readable.
    pub fn item(&mut self, lead: Vec<(String, Style)>, body: Vec<(String, Style)>) {
        let lead_width: usize = lead.iter().map(|(t, _)| text_width(t)).sum();
        let indent = lead_width.min(self.width / 2);
        let wrapped = wrap(&body, self.width.saturating_sub(indent).max(4));
        for (i, line) in wrapped.into_iter().enumerate() {
            let mut spans: Vec<Span<'static>> = if i == 0 {
                lead.iter().map(|(t, s)| Span::styled(t.clone(), *s)).collect()
            } else {
                vec![Span::raw(" ".repeat(indent))]
            };
            spans.extend(line.spans);
            self.lines.push(Line::from(spans));
        }
    }

    pub fn extend(&mut self, lines: Vec<Line<'static>>) {
        self.lines.extend(lines);
    }
}

/// Shorthand for one styled run.
pub fn run(text: impl Into<String>, style: Style) -> (String, Style) {
    (text.into(), style)
}

/// A line of keys and what they do — `Enter next   q quit` — the keys styled as keys, three
/// spaces between pairs. One helper, so every screen's key line looks the same.
pub fn keys_line(pairs: &[(&str, &str)], theme: &super::theme::Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (key, action)) in pairs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("   "));
        }
        spans.push(Span::styled(key.to_string(), theme.key));
        spans.push(Span::raw(format!(" {action}")));
    }
    Line::from(spans)
}
