//! The progress screen: the same report `smishdrill stats` prints, styled.

use ratatui::text::{Line, Span};

use super::doc::{Doc, run};
use super::theme::Theme;
use crate::app::App;
use crate::learning::stats::{LineKind, report};

pub fn body(app: &App, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    doc.para(vec![run("Your progress", theme.heading)]);
    doc.blank();
    for (kind, text) in report(&app.history, width) {
        match kind {
            LineKind::Heading => doc.para(vec![run(text, theme.heading)]),
            LineKind::Text => doc.item(vec![run("  ", theme.base)], vec![run(text, theme.base)]),
            LineKind::Blank => doc.blank(),
        }
    }
    doc
}

pub fn panel(theme: &Theme) -> Vec<Line<'static>> {
    vec![Line::from(vec![
        Span::styled("t", theme.key),
        Span::raw(" back to the summary   "),
        Span::styled("r", theme.key),
        Span::raw(" play again   "),
        Span::styled("q", theme.key),
        Span::raw(" quit"),
    ])]
}
