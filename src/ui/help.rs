//! The `?` overlay: every key, from the same table the key handler documents.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::theme::Theme;
use crate::app::KEY_HELP;

/// Draws the overlay; in a window too short for every key it scrolls (↑ ↓), starting at line
/// `scroll`, and says so in its bottom border.
pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme, scroll: u16) {
    let key_width = KEY_HELP.iter().map(|k| k.keys.chars().count()).max().unwrap_or(0);
    let mut lines: Vec<Line> = KEY_HELP
        .iter()
        .map(|k| Line::from(vec![Span::styled(format!(" {:<key_width$}  ", k.keys), theme.key), Span::raw(k.action)]))
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(" Links in messages are only text: nothing here opens them.", theme.dim));
    lines.push(Line::styled(" Press ? or Esc to close.", theme.dim));
    let width = (lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3).min(area.width);
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    frame.render_widget(Clear, popup);
    let hidden = (lines.len() as u16 + 2).saturating_sub(height);
    let scroll = scroll.min(hidden);
    let mut block = Block::bordered().border_type(BorderType::Rounded).title(" Keys ").style(theme.base);
    if hidden > 0 {
        let more = if scroll < hidden { " ↓ more: ↑ ↓ scroll " } else { " ↑ ↓ scroll " };
        block = block.title_bottom(Line::styled(more, theme.key));
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), popup);
}
