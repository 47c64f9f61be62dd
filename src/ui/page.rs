//! The page model: what each screen says, as blocks that mean something (a paragraph, an item
//! of a list, a line of buttons, a message thread), built once per frame by the screen's view
//! and drawn by one of two renderers: [`lines`] for the terminal (wrapped, styled, threads as
//! phone bubbles) and [`text`] for `--plain` and screen readers (the same words, in reading
//! order, with no drawing characters to skip). Plain text is written from the blocks, never
//! recovered from drawn lines.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::bubbles::{self, Thread};
use super::wrap::{text_width, wrap};

/// A stretch of text in one style.
pub type Run = (String, Style);

/// One block of a page.
#[derive(Clone, Debug)]
pub enum Block {
    /// A paragraph, wrapped at words to the page.
    Para(Vec<Run>),
    /// An item of a list: a lead (`[1] `, `• `) and a body whose wrapped lines are indented
    /// under the text, so numbered lists stay readable.
    Item { lead: Vec<Run>, body: Vec<Run> },
    /// A line laid out by its view (buttons, a key line, a bar of the room's vote). Wrapped at
    /// words only if it is wider than the page.
    Line(Line<'static>),
    /// An empty line between blocks.
    Blank,
    /// A message thread, as a phone's messages app shows it.
    Thread(Thread),
}

/// A screen: its top line, the body that scrolls, and the panel fixed under it (what to
/// answer or which keys go on).
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub header: Line<'static>,
    pub body: Vec<Block>,
    pub panel: Vec<Block>,
}

/// The terminal renderer: the blocks as styled lines at most `width` columns wide.
pub fn lines(blocks: &[Block], width: usize) -> Vec<Line<'static>> {
    let width = width.max(10);
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Para(runs) => out.extend(wrap(runs, width)),
            Block::Item { lead, body } => out.extend(item_lines(lead, body, width)),
            Block::Line(line) if line.width() <= width => out.push(line.clone()),
            Block::Line(line) => out.extend(wrap(&runs_of(line), width)),
            Block::Blank => out.push(Line::default()),
            Block::Thread(thread) => out.extend(bubbles::thread_lines(thread, width)),
        }
    }
    out
}

/// The plain renderer: the blocks as text lines at most `width` columns wide, each without
/// the indentation that only places things on a screen.
pub fn text(blocks: &[Block], width: usize) -> Vec<String> {
    let width = width.max(10);
    let mut out = Vec::new();
    let said = |lines: Vec<Line<'static>>| lines.into_iter().map(|l| l.to_string().trim().to_string());
    for block in blocks {
        match block {
            Block::Para(runs) => out.extend(said(wrap(runs, width))),
            Block::Item { lead, body } => out.extend(said(item_lines(lead, body, width))),
            Block::Line(line) => out.extend(said(wrap(&runs_of(line), width))),
            Block::Blank => out.push(String::new()),
            Block::Thread(thread) => out.extend(bubbles::thread_text(thread, width)),
        }
    }
    out
}

/// A line's spans as runs, its own style under each span's.
fn runs_of(line: &Line<'static>) -> Vec<Run> {
    line.spans.iter().map(|s| (s.content.to_string(), line.style.patch(s.style))).collect()
}

/// An item: the lead on the first line, the body wrapped beside it and indented under it.
fn item_lines(lead: &[Run], body: &[Run], width: usize) -> Vec<Line<'static>> {
    let lead_width: usize = lead.iter().map(|(t, _)| text_width(t)).sum();
    let indent = lead_width.min(width / 2);
    let wrapped = wrap(body, width.saturating_sub(indent).max(4));
    wrapped
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let mut spans: Vec<Span<'static>> = if i == 0 {
                lead.iter().map(|(t, s)| Span::styled(t.clone(), *s)).collect()
            } else {
                vec![Span::raw(" ".repeat(indent))]
            };
            spans.extend(line.spans);
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block::Para(vec![(text.to_string(), Style::default())])
    }

    #[test]
    fn both_renderers_wrap_paragraphs_to_the_width() {
        let blocks = [para("one two three four five six seven eight nine ten"), Block::Blank];
        let drawn = lines(&blocks, 20);
        let plain = text(&blocks, 20);
        assert!(drawn.iter().all(|l| l.width() <= 20));
        assert_eq!(drawn.len(), plain.len());
        assert_eq!(plain.last().map(String::as_str), Some(""));
        assert_eq!(plain[0], "one two three four");
    }

    #[test]
    fn an_item_is_indented_under_its_text_on_screen_but_not_in_plain_text() {
        let lead = vec![(" 1 ".to_string(), Style::default())];
        let body = vec![("alpha beta gamma delta epsilon".to_string(), Style::default())];
        let blocks = [Block::Item { lead, body }];
        let drawn: Vec<String> = lines(&blocks, 16).iter().map(|l| l.to_string()).collect();
        assert_eq!(drawn[0], " 1 alpha beta");
        assert!(drawn[1].starts_with("   gamma"), "{drawn:?}");
        assert_eq!(text(&blocks, 16)[1], "gamma delta");
    }

    #[test]
    fn a_line_wider_than_the_page_is_wrapped_not_cut() {
        let line = Line::from("[ s Scam ]   [ g Genuine ]   [ 3 something longer ]");
        let drawn = lines(&[Block::Line(line.clone())], 24);
        assert!(drawn.len() > 1 && drawn.iter().all(|l| l.width() <= 24), "{drawn:?}");
        assert_eq!(lines(&[Block::Line(line)], 80).len(), 1);
    }
}
