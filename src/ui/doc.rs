//! A builder for the blocks of a page (see `page.rs`): views add paragraphs, items, lines and
//! threads in reading order; the renderers decide how they look.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::bubbles::Thread;
use super::page::{self, Block};

/// A page's blocks being built for a page `width` columns wide (the width views use to size
/// what they lay out themselves, such as the bars of the room's vote).
#[derive(Clone, Debug)]
pub struct Doc {
    pub width: usize,
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn new(width: usize) -> Doc {
        Doc { width: width.max(10), blocks: Vec::new() }
    }

    pub fn blank(&mut self) {
        self.blocks.push(Block::Blank);
    }

    /// A paragraph of styled runs, wrapped to the page.
    pub fn para(&mut self, runs: Vec<(String, Style)>) {
        self.blocks.push(Block::Para(runs));
    }

    /// A paragraph with a lead (`[1] `, `• `) and the wrapped lines indented under the text,
    /// so numbered lists stay readable.
    pub fn item(&mut self, lead: Vec<(String, Style)>, body: Vec<(String, Style)>) {
        self.blocks.push(Block::Item { lead, body });
    }

    /// A line laid out by the view (buttons, keys, a bar).
    pub fn line(&mut self, line: Line<'static>) {
        self.blocks.push(Block::Line(line));
    }

    /// A message thread.
    pub fn thread(&mut self, thread: Thread) {
        self.blocks.push(Block::Thread(thread));
    }

    /// The blocks as the terminal draws them.
    pub fn lines(&self) -> Vec<Line<'static>> {
        page::lines(&self.blocks, self.width)
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
