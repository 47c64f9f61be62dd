//! Reading a JSON Lines file as a stream of lines, from where an earlier read stopped: what a
//! learner's progress is read with (see `store::progress` and `learning::summary`). A child of
//! `jsonl`, so it reaches the file's own checks (regular file, size bound, repair).

use std::fs::{self, File};
use std::io;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{JsonlFile, LoadedLines, StoreError, io_err};

/// Where an earlier [`JsonlFile::fold`] stopped: which file (device and inode: a repaired or
/// replaced file is another), how many bytes of whole lines it had read, and the last of those
/// bytes, which must still be there for the fold to resume after them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Resume {
    pub dev: u64,
    pub ino: u64,
    pub covered: u64,
    pub tail: Vec<u8>,
}

impl Resume {
    /// Whether `file` (with `meta`) is the file this was taken from, unchanged up to `covered`.
    fn matches(&self, file: &mut File, meta: &fs::Metadata) -> bool {
        use std::io::{Read, Seek, SeekFrom};
        use std::os::unix::fs::MetadataExt;
        let n = self.tail.len() as u64;
        if (meta.dev(), meta.ino()) != (self.dev, self.ino) || self.covered > meta.len() || n > self.covered {
            return false;
        }
        if n == 0 {
            return self.covered == 0;
        }
        let mut bytes = vec![0; self.tail.len()];
        file.seek(SeekFrom::Start(self.covered - n)).and_then(|_| file.read_exact(&mut bytes)).is_ok()
            && bytes == self.tail
    }
}

/// What [`JsonlFile::fold`] found: damaged lines as `load` says them, where to resume next time
/// (`None` when lines were damaged), and how many lines were read this time.
#[derive(Debug)]
pub struct Folded<T> {
    pub loaded: LoadedLines<T>,
    pub resume: Option<Resume>,
    pub lines: usize,
}

impl JsonlFile {
    /// Hands the text of every non-blank line to `read`, oldest first, without keeping any:
    /// what a history of 100 000 answers is read with (see `learning::summary`). `read` says
    /// whether the line was a readable `T` (it may parse it as a borrowed view of one).
    ///
    /// With `resume` (what an earlier fold returned) and the file still the same file whose
    /// first `resume.covered` bytes end as they did then, only the lines after those are read;
    /// otherwise `restart` is called first and every line is. The result's `items` is always
    /// empty; the rest says what [`JsonlFile::load`] would say about damaged lines. When some
    /// line is damaged the file is set aside exactly as `load` does (that rare path reads the
    /// file whole again, as `T`s) and no resume point is returned; `read` has already seen
    /// every line once. Returns how many lines `read` saw, too.
    pub fn fold<T: DeserializeOwned + Serialize>(
        &self,
        resume: Option<&Resume>,
        restart: impl FnOnce(),
        read: impl FnMut(&str) -> bool,
    ) -> Result<Folded<T>, StoreError> {
        use std::io::{Read, Seek, SeekFrom};
        use std::os::unix::fs::MetadataExt;
        let Some(mut file) = self.open_data()? else {
            restart();
            return Ok(Folded { loaded: LoadedLines::default(), resume: None, lines: 0 });
        };
        let meta = file.metadata().map_err(io_err(&self.path))?;
        let start = resume.filter(|r| r.matches(&mut file, &meta)).map_or(0, |r| r.covered);
        if start == 0 {
            restart();
        }
        file.seek(SeekFrom::Start(start)).map_err(io_err(&self.path))?;
        let limit = crate::source::files::MAX_DATA_BYTES;
        let mut bounded = file.take((limit + 1).saturating_sub(start));
        let reader = io::BufReader::with_capacity(64 * 1024, &mut bounded);
        let text = fold_text(reader, read).map_err(io_err(&self.path))?;
        if bounded.limit() == 0 {
            return Err(self.too_large());
        }
        if text.bad == 0 {
            let resume = Resume { dev: meta.dev(), ino: meta.ino(), covered: start + text.complete, tail: text.tail };
            return Ok(Folded { loaded: LoadedLines::default(), resume: Some(resume), lines: text.lines });
        }
        let repaired = self.load::<T>()?;
        let loaded = LoadedLines {
            items: Vec::new(),
            bad: repaired.bad.max(text.bad),
            kept: repaired.kept,
            unrepaired: repaired.unrepaired,
        };
        Ok(Folded { loaded, resume: None, lines: text.lines })
    }
}

/// What [`fold_text`] found.
pub(super) struct Text {
    pub(super) bad: usize,
    /// Non-blank lines handed on.
    lines: usize,
    /// Bytes of the whole lines read (up to and with the last line break).
    complete: u64,
    /// The last bytes of those, at most [`TAIL`].
    tail: Vec<u8>,
}

/// How many bytes before a resume point must still be what they were.
const TAIL: usize = 256;

/// Hands the text of each non-blank line (without its line break) to `read`, which says whether
/// it was readable (bytes that are not UTF-8 make a line unreadable, as anywhere else in it).
pub(super) fn fold_text(mut reader: impl io::BufRead, mut read: impl FnMut(&str) -> bool) -> io::Result<Text> {
    let mut out = Text { bad: 0, lines: 0, complete: 0, tail: Vec::new() };
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(out);
        }
        if line.ends_with(b"\n") {
            out.complete += line.len() as u64;
            if line.len() >= TAIL {
                out.tail.clear();
            } else {
                let keep = TAIL - line.len();
                out.tail.drain(..out.tail.len().saturating_sub(keep));
            }
            out.tail.extend_from_slice(&line[line.len().saturating_sub(TAIL)..]);
        }
        // `from_utf8` first: the lossy form walks the line in small chunks even when it is all
        // valid, a sixth of reading a long history.
        let text = match std::str::from_utf8(&line) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(&line),
        };
        let text = text.trim_end_matches('\n').trim_end_matches('\r');
        if text.trim().is_empty() {
            continue;
        }
        out.lines += 1;
        if !read(text) {
            out.bad += 1;
        }
    }
}
