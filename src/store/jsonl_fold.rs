//! Reading a JSON Lines file as a stream of lines, from where an earlier read stopped: what a
//! learner's progress is read with (see `store::progress` and `learning::summary`). A child of
//! `jsonl`, so it reaches the file's own checks (regular file, size bound, repair).

use std::fs::{self, File};
use std::io;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{JsonlFile, LoadedLines, StoreError, io_err};

#[path = "jsonl_par.rs"]
pub(crate) mod par;

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
        self.fold_with(resume, restart, |reader, _| fold_text(reader, read))
    }

    /// [`JsonlFile::fold`] on every core: each window of lines is read by `lines` on a reading
    /// thread (see `jsonl_par`) and handed to `fold` with its text, in the file's order, on
    /// this one. The same lines are seen, counted and set aside as by `fold`.
    pub(crate) fn fold_windows<T: DeserializeOwned + Serialize, R: par::ReadLines>(
        &self,
        resume: Option<&Resume>,
        restart: impl FnOnce(),
        split: par::Split,
        lines: &R,
        fold: impl FnMut(&str, &R::Out),
    ) -> Result<Folded<T>, StoreError> {
        self.fold_with(resume, restart, |reader, size| par::fold_windows(reader, size, split, lines, fold))
    }

    /// What both folds share: the resume point, the size bound, the repair of a damaged file.
    /// `body` reads the file from where it starts (with how many bytes are left there).
    fn fold_with<T: DeserializeOwned + Serialize>(
        &self,
        resume: Option<&Resume>,
        restart: impl FnOnce(),
        body: impl FnOnce(&mut io::Take<File>, u64) -> io::Result<Text>,
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
        let text = body(&mut bounded, meta.len().saturating_sub(start)).map_err(io_err(&self.path))?;
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
    pub(super) lines: usize,
    /// Bytes of the whole lines read (up to and with the last line break).
    pub(super) complete: u64,
    /// The last bytes of those, at most [`TAIL`].
    pub(super) tail: Vec<u8>,
}

/// How many bytes before a resume point must still be what they were.
const TAIL: usize = 256;

/// How much of the file is read at a time. A line longer than this grows the buffer to hold it.
const CHUNK: usize = 1 << 20;

/// Hands the text of each non-blank line (without its line break) to `read`, which says whether
/// it was readable. A line that is not UTF-8 is handed on with its bad bytes replaced (U+FFFD),
/// as it always was; the reader decides.
///
/// The file is read a [`CHUNK`] at a time and each line handed on from the chunk in place: no
/// copy and no allocation per line (reading line by line into a buffer of its own was a tenth
/// of reading a long history).
pub(super) fn fold_text(reader: impl io::Read, read: impl FnMut(&str) -> bool) -> io::Result<Text> {
    fold_chunks(reader, CHUNK, read)
}

/// [`fold_text`] reading `chunk` bytes at a time (the tests cut lines at every place).
pub(super) fn fold_chunks(
    mut reader: impl io::Read,
    chunk: usize,
    mut read: impl FnMut(&str) -> bool,
) -> io::Result<Text> {
    use std::io::Read;
    let mut out = Text { bad: 0, lines: 0, complete: 0, tail: Vec::new() };
    let mut buf: Vec<u8> = Vec::with_capacity(chunk);
    // `buf[start..]` is not handed on yet; `buf[start..searched]` holds no line break.
    let (mut start, mut searched) = (0, 0);
    loop {
        while let Some(i) = memchr::memchr(b'\n', &buf[searched..]) {
            let end = searched + i + 1;
            line(&buf[start..end], &mut out, &mut read);
            (start, searched) = (end, end);
        }
        searched = buf.len();
        out.complete += start as u64;
        keep_tail(&mut out.tail, &buf[..start]);
        buf.drain(..start);
        searched -= start;
        start = 0;
        let got = (&mut reader).take(chunk.max(1) as u64).read_to_end(&mut buf)?;
        if got == 0 {
            // The end: a last line without a line break (torn, or not yet finished) is read too.
            if !buf.is_empty() {
                line(&buf, &mut out, &mut read);
            }
            return Ok(out);
        }
    }
}

/// Keeps in `tail` the last [`TAIL`] bytes of what it held followed by `more`.
pub(super) fn keep_tail(tail: &mut Vec<u8>, more: &[u8]) {
    if more.len() >= TAIL {
        tail.clear();
    } else {
        tail.drain(..tail.len().saturating_sub(TAIL - more.len()));
    }
    tail.extend_from_slice(&more[more.len().saturating_sub(TAIL)..]);
}

/// One line, with its line break if it has one: blank lines are skipped, others handed on.
fn line(bytes: &[u8], out: &mut Text, read: &mut impl FnMut(&str) -> bool) {
    // `from_utf8` first: the lossy form walks the line in small chunks even when it is all
    // valid, a sixth of reading a long history.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    };
    let Some(text) = content(&text) else { return };
    out.lines += 1;
    if !read(text) {
        out.bad += 1;
    }
}

/// A line's text without its line break (and the carriage returns before it), or `None` when
/// it is blank: what is handed on.
pub(super) fn content(line: &str) -> Option<&str> {
    let text = line.trim_end_matches('\n').trim_end_matches('\r');
    // A line that starts with a visible ASCII character (nearly every line: `{`) is not blank;
    // only others are trimmed to see (Unicode blanks count as blank).
    let visible = text.as_bytes().first().is_some_and(u8::is_ascii_graphic);
    (visible || !text.trim().is_empty()).then_some(text)
}

#[cfg(test)]
#[path = "jsonl_fold_tests.rs"]
mod tests;
