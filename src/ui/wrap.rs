//! Word wrapping for styled text, by display columns, so bubbles keep their borders straight
//! with wide characters (CJK, emoji) and highlights survive line breaks.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Display width of one character (control characters never reach here; they count as 0).
fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Display width of a string.
pub fn text_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

type Cell = (char, Style);

/// Wraps styled runs to lines no wider than `width` columns: at spaces where possible, inside
/// a word only when the word alone is wider than a line (long links). `\n` starts a new line.
pub fn wrap(runs: &[(String, Style)], width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let cells: Vec<Cell> = runs.iter().flat_map(|(t, s)| t.chars().map(move |c| (c, *s))).collect();
    let mut lines = Vec::new();
    for paragraph in cells.split(|(c, _)| *c == '\n') {
        wrap_paragraph(paragraph, width, &mut lines);
    }
    lines.into_iter().map(to_line).collect()
}

fn wrap_paragraph(cells: &[Cell], width: usize, out: &mut Vec<Vec<Cell>>) {
    let mut line: Vec<Cell> = Vec::new();
    let mut line_width = 0;
    let start = out.len();
    for token in tokens(cells) {
        // Leading spaces of a paragraph are kept (the sender's indentation); spaces that would
        // start a wrapped line are not.
        let continuation = out.len() > start;
        let token_width: usize = token.iter().map(|(c, _)| char_width(*c)).sum();
        let is_space = token[0].0 == ' ';
        if line_width + token_width <= width {
            if !(is_space && line.is_empty() && continuation) {
                line.extend_from_slice(token);
                line_width += token_width;
            }
            continue;
        }
        if is_space {
            // A space at a break is dropped.
            out.push(trim_end(std::mem::take(&mut line)));
            line_width = 0;
            continue;
        }
        if token_width <= width {
            if !line.is_empty() {
                out.push(trim_end(std::mem::take(&mut line)));
            }
            line.extend_from_slice(token);
            line_width = token_width;
            continue;
        }
        // A word wider than a line (a long link): start it on a fresh line, then break it
        // wherever the line is full.
        if !line.is_empty() {
            out.push(trim_end(std::mem::take(&mut line)));
            line_width = 0;
        }
        for &cell in token {
            let w = char_width(cell.0);
            if line_width + w > width && !line.is_empty() {
                out.push(std::mem::take(&mut line));
                line_width = 0;
            }
            line.push(cell);
            line_width += w;
        }
    }
    out.push(trim_end(line));
}

fn trim_end(mut line: Vec<Cell>) -> Vec<Cell> {
    while line.last().is_some_and(|(c, _)| *c == ' ') {
        line.pop();
    }
    line
}

/// Splits into runs of spaces and runs of non-spaces.
fn tokens(cells: &[Cell]) -> impl Iterator<Item = &[Cell]> {
    let mut rest = cells;
    std::iter::from_fn(move || {
        let first = rest.first()?;
        let space = first.0 == ' ';
        let len = rest.iter().position(|(c, _)| (*c == ' ') != space).unwrap_or(rest.len());
        let (token, tail) = rest.split_at(len);
        rest = tail;
        Some(token)
    })
}

/// Merges neighbouring cells of the same style into spans.
fn to_line(cells: Vec<Cell>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style = None;
    for (c, s) in cells {
        if style.is_some_and(|st| st != s) {
            spans.push(Span::styled(std::mem::take(&mut text), style.unwrap_or_default()));
        }
        style = Some(s);
        text.push(c);
    }
    if let Some(s) = style {
        spans.push(Span::styled(text, s));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plain(text: &str, width: usize) -> Vec<String> {
        wrap(&[(text.to_string(), Style::new())], width).iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(plain("pay your toll now please", 10), ["pay your", "toll now", "please"]);
    }

    #[test]
    fn breaks_long_links() {
        assert_eq!(plain("go https://abcdefghij.top", 8), ["go", "https://", "abcdefgh", "ij.top"]);
    }

    #[test]
    fn keeps_newlines_and_blank_lines() {
        assert_eq!(plain("a\n\nb", 10), ["a", "", "b"]);
    }

    #[test]
    fn counts_wide_characters_as_two_columns() {
        assert_eq!(plain("日本語の テキスト", 8), ["日本語の", "テキスト"]);
    }

    proptest! {
        #[test]
        fn no_line_is_wider_than_asked_and_no_word_is_lost(text in "[a-z ]{0,80}", width in 1usize..30) {
            let lines = plain(&text, width);
            prop_assert!(lines.iter().all(|l| text_width(l) <= width));
            let words_in: Vec<&str> = text.split_whitespace().collect();
            let joined = lines.join(" ");
            let words_out: String = joined.split_whitespace().collect();
            prop_assert_eq!(words_in.concat(), words_out);
        }
    }
}
