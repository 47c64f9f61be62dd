//! The `?` overlay: every key, from the same table the key handler documents.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::theme::Theme;
use super::wrap::wrap;
use crate::app::help_rows;
use crate::i18n::Locale;

/// Draws the overlay; in a window too short for every key it scrolls (↑ ↓), starting at line
/// `scroll`, and says so in its bottom border.
pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme, scroll: u16, locale: &Locale) {
    let rows = help_rows(locale);
    let key_width = rows.iter().map(|(keys, _)| keys.chars().count()).max().unwrap_or(0);
    // What fits beside the keys inside the frame; a longer action (a longer language) wraps
    // under itself instead of being cut off at the border.
    let room = usize::from(area.width).saturating_sub(key_width + 6).max(10);
    let mut lines: Vec<Line> = Vec::new();
    for (keys, action) in rows {
        let wrapped = wrap(&[(action, theme.base)], room);
        for (i, part) in wrapped.into_iter().enumerate() {
            let label = if i == 0 { keys.as_str() } else { "" };
            let mut spans = vec![Span::styled(format!(" {label:<key_width$}  "), theme.key)];
            spans.extend(part.spans);
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::default());
    // Each key written out in full: the catalogue test finds the keys the code names.
    for text in [locale.text("help.links_are_text").into_owned(), locale.text("help.close").into_owned()] {
        let wide = usize::from(area.width).saturating_sub(5).max(10);
        lines.extend(wrap(&[(text, theme.dim)], wide).into_iter().map(|l| {
            let mut spans = vec![Span::raw(" ")];
            spans.extend(l.spans);
            Line::from(spans)
        }));
    }
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

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    /// Under the pseudo-locale (30 % longer) every word of every line still shows whole: long
    /// actions wrap under themselves instead of running into the border.
    #[test]
    fn longer_words_wrap_inside_the_frame_at_80_columns() {
        let locale = Locale::get("en-XA").unwrap();
        let mut terminal = Terminal::new(TestBackend::new(80, 60)).unwrap();
        terminal.draw(|f| draw(f, f.area(), &Theme::mono(), 0, &locale)).unwrap();
        let buffer = terminal.backend().buffer();
        let text: String = buffer.content.iter().map(|c| c.symbol()).collect::<Vec<_>>().join("");
        for (_, action) in help_rows(&locale) {
            for word in action.split_whitespace() {
                assert!(text.contains(word), "{word:?} of {action:?} is cut off");
            }
        }
    }
}
