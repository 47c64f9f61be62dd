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
        f.write_str(&self.path)?;
        write!(f, ":{}:{}", self.line, self.col)
    }
}

/// Turns byte offsets in one file's text into line and column numbers. The line index is
/// built on the fifth offset located: a file without problems is located only at its `id`
/// (below the comment lines that open the bundled files), one `check` reports on at a few
/// places, and indexing every file's lines was a tenth of start-up; counting the line breaks
/// before an offset (a SIMD count) is a fraction of that. A file with many problems is indexed
/// once, so locating stays linear in the file.
pub struct SourceMap<'a> {
    path: &'a str,
    text: &'a str,
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// How many offsets were located by counting (after [`COUNTED`], the index is built).
    located: std::cell::Cell<u8>,
}

/// Offsets located by counting line breaks before a file's line index is built.
const COUNTED: u8 = 4;

impl<'a> SourceMap<'a> {
    pub fn new(path: &'a str, text: &'a str) -> Self {
        SourceMap { path, text, line_starts: std::cell::OnceCell::new(), located: std::cell::Cell::new(0) }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut line_starts = vec![0];
            // A SIMD search for each line break, not a test of every byte (a tenth the work).
            line_starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            line_starts
        })
    }

    pub fn path(&self) -> &str {
        self.path
    }

    /// Location of a byte offset; offsets past the end point just after the last character.
    pub fn locate(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let counted = self.located.get();
        let (line_index, start) = if self.line_starts.get().is_none() && counted < COUNTED {
            self.located.set(counted + 1);
            let before = &self.text.as_bytes()[..offset];
            (memchr::memchr_iter(b'\n', before).count(), memchr::memrchr(b'\n', before).map_or(0, |i| i + 1))
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

#[cfg(test)]
mod tests {
    use super::SourceMap;

    /// The first offset is located by counting line breaks, the others through the line index:
    /// both give the same line and column for every offset, line breaks and the end included.
    #[test]
    fn counting_and_the_index_agree_on_every_offset() {
        let text = "# note\nid = \"é-x\"\n\n[[thread]]\ntext = \"ü\"\n";
        let expected = |offset: usize| {
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
            (line, col)
        };
        for offset in (0..=text.len()).filter(|o| text.is_char_boundary(*o)) {
            let fresh = SourceMap::new("f.toml", text);
            let first = fresh.locate(offset);
            assert_eq!((first.line, first.col), expected(offset), "first call at {offset}");
            for _ in 1..super::COUNTED {
                assert_eq!(fresh.locate(offset), first, "counted again at {offset}");
            }
            assert!(fresh.line_starts.get().is_none(), "no index while counting");
            let indexed = fresh.locate(offset);
            assert!(fresh.line_starts.get().is_some(), "the call after the counted ones builds the index");
            assert_eq!(indexed, first, "indexed call at {offset}");
        }
    }
}
