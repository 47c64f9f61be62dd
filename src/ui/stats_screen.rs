//! The progress screen: the same report `smishdrill stats` prints, styled.

use ratatui::text::Line;

use super::doc::{Doc, keys_line, run};
use super::theme::Theme;
use crate::app::App;
use crate::learning::stats::LineKind;

pub fn body(app: &App, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    doc.para(vec![run(app.locale.text("stats.title"), theme.heading)]);
    doc.blank();
    let report = app.progress.report(width);
    for (kind, text) in crate::learning::stats::worded(&report, &app.locale) {
        match kind {
            LineKind::Heading => doc.para(vec![run(text, theme.heading)]),
            LineKind::Text => doc.item(vec![run("  ", theme.base)], vec![run(text, theme.base)]),
            LineKind::Blank => doc.blank(),
        }
    }
    doc
}

pub fn panel(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let t = &app.locale;
    let (back, again, quit) = (t.text("stats.back"), t.text("keys_action.play_again"), t.text("keys_action.quit"));
    vec![keys_line(&[("t", &back), ("r", &again), ("q", &quit)], theme)]
}
