//! The quick way through a record file: the bytes read in large chunks and each record parsed
//! from the chunk in place (by the exact parser of [`super::quick`], or `serde_json` over the
//! text where that one is not sure; strings borrowed), rather than through `serde_json`'s
//! reader, which takes the file a byte at a time and owns every string.
//!
//! It is only ever a shortcut: it takes the two shapes a big file has (the `--format json`
//! export, one array; `completions.jsonl`, one record a line), and gives up at anything else —
//! any error, an unusual shape, a file over the bound. Then the caller reads the file again the
//! careful way ([`super::read`]), which says exactly what is wrong and where, so what a file
//! merges to and every message about it are what they always were.

use std::io::Read;
use std::path::Path;

use serde::Deserialize;

use crate::source::files::{MAX_RECORDS_BYTES, open_regular};

/// Where the parsed records go: `Item` borrows from the chunk being read.
pub trait Sink {
    type Item<'a>: Deserialize<'a>;
    /// The item at the start of `text` and the bytes it took, read by a parser of its own
    /// that gives `None` for anything it is not sure serde_json reads the same way (then
    /// serde_json reads it, as before).
    fn quick(text: &str) -> Option<(Self::Item<'_>, usize)>;
    fn take(&mut self, item: Self::Item<'_>);
}

/// The quick way did not work out: read the file the careful way.
#[derive(Debug)]
pub struct GaveUp;

/// How much is read at a time. A record larger than this grows the buffer to hold it.
const CHUNK: usize = 1 << 20;

/// Text of the file not yet parsed, refilled a chunk at a time.
///
/// Held as a `String`, checked as UTF-8 once a chunk as it is read, so that serde_json parses
/// it as text and does not check each string again (checking 156 strings a record one by one
/// was a fifth of merging). Bytes that are not UTF-8 anywhere make the quick way give up: the
/// careful reader refuses such a file too (as text that is not UTF-8 on a line of JSON Lines, or
/// as a JSON error where they are), and says where.
struct Chunks<R> {
    reader: R,
    buf: String,
    /// Bytes read but not yet in `buf`: a character cut at the end of a chunk, between reads.
    raw: Vec<u8>,
    pos: usize,
    eof: bool,
    /// Bytes read so far, against [`MAX_RECORDS_BYTES`].
    read: u64,
}

impl<R: Read> Chunks<R> {
    fn rest(&self) -> &[u8] {
        &self.buf.as_bytes()[self.pos..]
    }

    /// Reads another chunk behind what is left; false at the end of the file.
    ///
    /// The bytes are read into `raw` and copied into the text once checked: reading them
    /// straight into the text's buffer saved a copy but needs `unsafe` (the crate has none),
    /// and the merge is within its goal without it.
    fn more(&mut self) -> Result<bool, GaveUp> {
        if self.eof {
            return Ok(false);
        }
        self.buf.drain(..self.pos);
        self.pos = 0;
        // Into the buffer's spare room, not a zeroed chunk (zeroing was 4 % of a merge).
        let got = match (&mut self.reader).take(CHUNK as u64).read_to_end(&mut self.raw) {
            Ok(n) => n,
            Err(_) => return Err(GaveUp),
        };
        self.read += got as u64;
        if self.read > MAX_RECORDS_BYTES {
            return Err(GaveUp);
        }
        self.eof = got < CHUNK;
        let text = match std::str::from_utf8(&self.raw) {
            Ok(text) => text,
            // A character cut at the end of the chunk: the rest of it comes with the next one.
            Err(e) if e.error_len().is_none() && !self.eof => {
                std::str::from_utf8(&self.raw[..e.valid_up_to()]).map_err(|_| GaveUp)?
            }
            Err(_) => return Err(GaveUp),
        };
        self.buf.push_str(text);
        let used = text.len();
        self.raw.drain(..used);
        Ok(got > 0)
    }

    /// The next byte that is not JSON whitespace, left in place; `None` at the end.
    fn peek(&mut self) -> Result<Option<u8>, GaveUp> {
        loop {
            let rest = self.rest();
            match rest.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n')) {
                Some(i) => {
                    self.pos += i;
                    return Ok(Some(self.buf.as_bytes()[self.pos]));
                }
                None => {
                    self.pos = self.buf.len();
                    if !self.more()? {
                        return Ok(None);
                    }
                }
            }
        }
    }

    /// Parses one value at the front and hands it to `sink`, reading more while it is cut off.
    fn value<S: Sink>(&mut self, sink: &mut S) -> Result<(), GaveUp> {
        // At the value's first byte: the stream below would take a slice of only whitespace
        // (a chunk ending after a comma) for the end of the input.
        if self.peek()?.is_none() {
            return Err(GaveUp);
        }
        loop {
            if let Some((item, used)) = S::quick(&self.buf[self.pos..]) {
                sink.take(item);
                self.pos += used;
                return Ok(());
            }
            let cut = {
                let mut stream = serde_json::Deserializer::from_str(&self.buf[self.pos..]).into_iter::<S::Item<'_>>();
                match stream.next() {
                    Some(Ok(item)) => {
                        let used = stream.byte_offset();
                        sink.take(item);
                        self.pos += used;
                        return Ok(());
                    }
                    Some(Err(e)) => e.is_eof(),
                    None => false,
                }
            };
            if !cut || !self.more()? {
                return Err(GaveUp);
            }
        }
    }

    /// One line (without its line break), read more while it has no end; `None` at the end.
    fn line(&mut self) -> Result<Option<(usize, usize)>, GaveUp> {
        let mut searched = 0;
        loop {
            let rest = &self.buf.as_bytes()[self.pos + searched..];
            if let Some(i) = memchr::memchr(b'\n', rest) {
                let start = self.pos;
                let end = self.pos + searched + i;
                self.pos = end + 1;
                return Ok(Some((start, end)));
            }
            searched = self.buf.len() - self.pos;
            if !self.more()? {
                if searched == 0 {
                    return Ok(None);
                }
                self.pos = self.buf.len();
                return Ok(Some((self.pos - searched, self.pos)));
            }
        }
    }
}

/// Hands every record of the file at `path` to `sink`, or gives up (some records may already
/// have been handed on: the caller folds into something it can drop).
pub fn fold_file<S: Sink>(path: &Path, sink: &mut S) -> Result<(), GaveUp> {
    let file = open_regular(path, MAX_RECORDS_BYTES, "a record file").map_err(|_| GaveUp)?;
    let mut c = Chunks {
        reader: file,
        buf: String::with_capacity(CHUNK),
        raw: Vec::with_capacity(CHUNK),
        pos: 0,
        eof: false,
        read: 0,
    };
    match c.peek()? {
        Some(b'[') => array(&mut c, sink),
        Some(b'{') => lines(&mut c, sink),
        _ => Err(GaveUp),
    }
}

/// `[ record, record, … ]` and nothing but whitespace after it.
fn array<R: Read, S: Sink>(c: &mut Chunks<R>, sink: &mut S) -> Result<(), GaveUp> {
    c.pos += 1;
    if c.peek()? == Some(b']') {
        c.pos += 1;
        return end(c);
    }
    loop {
        c.value(sink)?;
        match c.peek()? {
            Some(b',') => c.pos += 1,
            Some(b']') => {
                c.pos += 1;
                return end(c);
            }
            _ => return Err(GaveUp),
        }
    }
}

fn end<R: Read>(c: &mut Chunks<R>) -> Result<(), GaveUp> {
    if c.peek()?.is_none() { Ok(()) } else { Err(GaveUp) }
}

/// JSON Lines: each non-blank line one whole record; or, when the first record runs over its
/// line (cut off there, as the careful reader finds it), a stream of records one after the
/// other (pretty-printed, as `jq .` or a text editor leaves them), each parsed in place.
fn lines<R: Read, S: Sink>(c: &mut Chunks<R>, sink: &mut S) -> Result<(), GaveUp> {
    let mut first = true;
    while let Some((start, end)) = c.line()? {
        let line = &c.buf[start..end];
        if line.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')) {
            continue;
        }
        // The quick parser first; what it reads must be the whole line but for whitespace, as
        // `from_str` wants.
        if let Some((item, used)) = S::quick(line)
            && line.as_bytes()[used..].iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        {
            sink.take(item);
            first = false;
            continue;
        }
        let cut_off = match serde_json::from_str::<S::Item<'_>>(line) {
            Ok(item) => {
                sink.take(item);
                false
            }
            Err(e) if first && e.is_eof() => true,
            Err(_) => return Err(GaveUp),
        };
        if cut_off {
            c.pos = start;
            return values(c, sink);
        }
        first = false;
    }
    Ok(())
}

/// Records one after the other, whitespace between, to the end.
fn values<R: Read, S: Sink>(c: &mut Chunks<R>, sink: &mut S) -> Result<(), GaveUp> {
    while c.peek()?.is_some() {
        c.value(sink)?;
    }
    Ok(())
}
