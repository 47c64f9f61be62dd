//! The `?` overlay: every key, from the same table the key handler documents.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::theme::Theme;
use crate::app::help_rows;
use crate::i18n::Locale;

/// Draws the overlay; in a window too short for every key it scrolls (↑ ↓), starting at line
/// `scroll`, and says so in its bottom border.
pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme, scroll: u16, locale: &Locale) {
    let rows = help_rows(locale);
    let key_width = rows.iter().map(|(keys, _)| keys.chars().count()).max().unwrap_or(0);
    let mut lines: Vec<Line> = rows
        .into_iter()
        .map(|(keys, action)| {
            Line::from(vec![Span::styled(format!(" {keys:<key_width$}  "), theme.key), Span::raw(action)])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(format!(" {}", locale.text("help.links_are_text")), theme.dim));
    lines.push(Line::styled(format!(" {}", locale.text("help.close")), theme.dim));
    let width = (lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3).min(area.width);
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    frame.render_widget(Clear, popup);
    let hidden = (lines.len() as u16 + 2).saturating_sub(height);
    let scroll = scroll.min(hidden);
    let title = format!(" {} ", locale.text("help.title"));
    let mut block = Block::bordered().border_type(BorderType::Rounded).title(title).style(theme.base);
    if hidden > 0 {
        let more = if scroll < hidden { locale.text("help.more") } else { locale.text("help.scroll") };
        block = block.title_bottom(Line::styled(format!(" {more} "), theme.key));
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), popup);
}
