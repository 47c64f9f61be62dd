//! The progress screen: the same report `smishdrill stats` prints, styled.

use ratatui::text::Line;

use super::doc::{Doc, keys_line, run};
use super::theme::Theme;
use crate::app::App;
use crate::learning::stats::LineKind;

pub fn body(app: &App, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    doc.para(vec![run("Your progress", theme.heading)]);
    doc.blank();
    for (kind, text) in app.stats_cache.get(&app.history, width).iter().cloned() {
        match kind {
            LineKind::Heading => doc.para(vec![run(text, theme.heading)]),
            LineKind::Text => doc.item(vec![run("  ", theme.base)], vec![run(text, theme.base)]),
            LineKind::Blank => doc.blank(),
        }
    }
    doc
}

pub fn panel(theme: &Theme) -> Vec<Line<'static>> {
    vec![keys_line(&[("t", "back to the summary"), ("r", "play again"), ("q", "quit")], theme)]
}
