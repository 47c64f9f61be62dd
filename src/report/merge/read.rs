//! Reading record files as a stream: each record is handed on as soon as it is parsed, so one
//! file of any size costs one record (and a read buffer) in memory.
//!
//! - a JSON array (the `report --format json` export) goes through serde_json's reader with a
//!   visitor that hands each element on instead of collecting a `Vec`;
//! - a file whose first record fits its first line is JSON Lines (`completions.jsonl`), read one
//!   line at a time, each line parsed on its own (so its errors name that line);
//! - otherwise (a pretty-printed record, or several one after the other) serde_json's stream of
//!   values reads the records in turn.
//!
//! The file goes through the same checks as every other file anyone may name
//! ([`crate::source::files::open_regular`]: regular file after following links, opened without
//! blocking), and at most [`MAX_RECORDS_BYTES`] are read, whatever its length said.

use std::cell::Cell;
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use serde::de::{Deserializer as _, SeqAccess, Visitor};

use crate::learning::completion::CompletionRecord;
use crate::source::files::{MAX_RECORDS_BYTES, ReadError, open_regular};

use super::MergeError;

const WHAT: &str = "a record file";

fn not_records(path: &Path, what: impl Into<String>) -> MergeError {
    MergeError::NotRecords { path: path.to_path_buf(), what: what.into() }
}

fn read_error(path: &Path, e: ReadError) -> MergeError {
    match e {
        ReadError::Io(source) => MergeError::Io { path: path.to_path_buf(), source },
        other => not_records(path, other.to_string()),
    }
}

fn io_error(path: &Path, source: io::Error) -> MergeError {
    MergeError::Io { path: path.to_path_buf(), source }
}

/// Hands every record of the file at `path` to `each`, in order. On an error some records may
/// already have been handed on: fold a file into a [`super::FileFold`] and commit it only on
/// success.
pub fn fold_file(path: &Path, each: impl FnMut(CompletionRecord)) -> Result<(), MergeError> {
    let file = open_regular(path, MAX_RECORDS_BYTES, WHAT).map_err(|e| read_error(path, e))?;
    let over = Rc::new(Cell::new(false));
    let limited = Limited { inner: file, left: MAX_RECORDS_BYTES, over: Rc::clone(&over) };
    let result = fold_reader(path, BufReader::with_capacity(64 * 1024, limited), each);
    if over.get() {
        return Err(read_error(path, ReadError::TooLarge { limit: MAX_RECORDS_BYTES, what: WHAT }));
    }
    result
}

/// [`Read::take`] that also says when there was more: a file that grew past the bound while it
/// was read is refused, not cut short.
struct Limited<R> {
    inner: R,
    left: u64,
    over: Rc<Cell<bool>>,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            if self.inner.read(&mut [0u8])? == 0 {
                return Ok(0);
            }
            self.over.set(true);
            return Err(io::Error::other("larger than the limit"));
        }
        let n = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let got = self.inner.read(&mut buf[..n])?;
        self.left -= got as u64;
        Ok(got)
    }
}

/// Records from any buffered reader of a record file's bytes; `path` names it in errors.
pub fn fold_reader<R: BufRead>(
    path: &Path,
    mut r: R,
    mut each: impl FnMut(CompletionRecord),
) -> Result<(), MergeError> {
    let (lines, cols) = skip_blank(&mut r).map_err(|e| io_error(path, e))?;
    // Blanks before the first character on its line are still in the buffer.
    let first = r.fill_buf().map_err(|e| io_error(path, e))?.iter().copied().find(|&b| !is_blank(b));
    let at = Start { lines, cols };
    match first {
        None => Err(not_records(path, "the file is empty")),
        Some(b'[') => array(path, r, at, &mut each),
        Some(b'{') => objects(path, r, at, &mut each),
        Some(_) => {
            Err(not_records(path, "not exam records (expected the `report --format json` export or completions.jsonl)"))
        }
    }
}

/// Where the reader stands in the file: whole lines already consumed, and bytes consumed on the
/// current line (only when a line of blanks overflowed the read buffer).
#[derive(Clone, Copy)]
struct Start {
    lines: usize,
    cols: usize,
}

impl Start {
    fn error(self, path: &Path, e: serde_json::Error) -> MergeError {
        if e.is_io() {
            return io_error(path, e.into());
        }
        let column = if e.line() == 1 { self.cols + e.column() } else { e.column() };
        let message = e.to_string();
        // serde_json appends " at line L column C"; the location goes in front instead.
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        MergeError::Json { path: path.to_path_buf(), line: self.lines + e.line(), column, message }
    }
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Consumes the blank lines before the first character, counting them; blanks on the first
/// line that has a character are left in place so serde_json's columns stay right.
fn skip_blank(r: &mut impl BufRead) -> io::Result<(usize, usize)> {
    let (mut lines, mut cols) = (0, 0);
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok((lines, cols));
        }
        let end = buf.iter().position(|&b| !is_blank(b));
        let blank = &buf[..end.unwrap_or(buf.len())];
        let newlines = blank.iter().filter(|&&b| b == b'\n').count();
        let last_newline = blank.iter().rposition(|&b| b == b'\n');
        lines += newlines;
        let consumed = match (end, last_newline) {
            (Some(_), Some(nl)) => {
                cols = 0;
                nl + 1
            }
            (Some(_), None) => 0,
            (None, nl) => {
                cols = if let Some(nl) = nl { buf.len() - nl - 1 } else { cols + buf.len() };
                buf.len()
            }
        };
        r.consume(consumed);
        if end.is_some() {
            return Ok((lines, cols));
        }
    }
}

/// Hands each element of a JSON array on as it is parsed.
struct Each<'f, F>(&'f mut F);

impl<'de, F: FnMut(CompletionRecord)> Visitor<'de> for Each<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(record) = seq.next_element::<CompletionRecord>()? {
            (self.0)(record);
        }
        Ok(())
    }
}

fn array<R: BufRead>(path: &Path, r: R, at: Start, each: &mut impl FnMut(CompletionRecord)) -> Result<(), MergeError> {
    let mut de = serde_json::Deserializer::from_reader(r);
    (&mut de).deserialize_seq(Each(each)).and_then(|()| de.end()).map_err(|e| at.error(path, e))
}

/// JSON Lines, one line in memory at a time; or, when the first record does not end on its
/// line, the records as a stream of (pretty-printed) JSON values.
fn objects<R: BufRead>(
    path: &Path,
    mut r: R,
    at: Start,
    each: &mut impl FnMut(CompletionRecord),
) -> Result<(), MergeError> {
    let mut line = Vec::new();
    let mut n = at.lines;
    let mut first = true;
    loop {
        line.clear();
        if r.read_until(b'\n', &mut line).map_err(|e| io_error(path, e))? == 0 {
            return Ok(());
        }
        let text = std::str::from_utf8(&line).map_err(|_| not_records(path, "not valid UTF-8 text"))?;
        if !text.trim().is_empty() {
            let here = Start { lines: n, cols: if first { at.cols } else { 0 } };
            match serde_json::from_str::<CompletionRecord>(text) {
                Ok(record) => each(record),
                Err(e) if first && e.classify() == serde_json::error::Category::Eof => {
                    let rest = io::Cursor::new(std::mem::take(&mut line)).chain(r);
                    return values(path, rest, here, each);
                }
                Err(e) => return Err(here.error(path, e)),
            }
            first = false;
        }
        n += 1;
    }
}

fn values<R: Read>(path: &Path, r: R, at: Start, each: &mut impl FnMut(CompletionRecord)) -> Result<(), MergeError> {
    for record in serde_json::Deserializer::from_reader(r).into_iter::<CompletionRecord>() {
        each(record.map_err(|e| at.error(path, e))?);
    }
    Ok(())
}
