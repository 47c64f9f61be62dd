//! Places in a text file: `path:line:col`, and the map from byte offsets to them.

use std::fmt;
use std::ops::Range;

use super::Problem;

/// A 1-based line and column (in characters) inside a named file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: String,
    pub line: usize,
    pub col: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.col)
    }
}

/// Turns byte offsets in one file's text into line and column numbers. The line index is
/// built on the first offset past the first line: a file without problems is located only at
/// its `id`, nearly always on line 1, and indexing every file's lines was a tenth of start-up.
pub struct SourceMap<'a> {
    path: &'a str,
    text: &'a str,
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// Where the first line ends (its `\n`, or the end of the text).
    first_break: std::cell::OnceCell<usize>,
}

impl<'a> SourceMap<'a> {
    pub fn new(path: &'a str, text: &'a str) -> Self {
        SourceMap { path, text, line_starts: std::cell::OnceCell::new(), first_break: std::cell::OnceCell::new() }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut line_starts = vec![0];
            line_starts.extend(self.text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
            line_starts
        })
    }

    pub fn path(&self) -> &str {
        self.path
    }

    /// Location of a byte offset; offsets past the end point just after the last character.
    pub fn locate(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let on_first_line = offset <= *self.first_break.get_or_init(|| self.text.find('\n').unwrap_or(self.text.len()));
        let (line_index, start) = if on_first_line {
            (0, 0)
        } else {
            let starts = self.line_starts();
            let line_index = starts.partition_point(|&s| s <= offset) - 1;
            (line_index, starts[line_index])
        };
        let col = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
        Location { path: self.path.to_string(), line: line_index + 1, col }
    }

    /// A problem of any format's kind at the start of `span`.
    pub fn problem<K>(&self, span: Range<usize>, kind: K) -> Problem<K> {
        Problem { at: self.locate(span.start), kind }
    }

    /// A problem about the file as a whole, reported at its first character.
    pub fn file_problem<K>(&self, kind: K) -> Problem<K> {
        self.problem(0..0, kind)
    }
}
