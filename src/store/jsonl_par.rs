//! Reading a JSON Lines file on every core: the file is cut into windows of whole lines, each
//! window's lines are read (parsed) on a reading thread, and the windows are handed back to
//! the caller's thread in the file's order, where they are folded.
//!
//! Why: the first start with a long history and no summary cache yet reads the whole log
//! (29 MB for 100 000 answers) before the first frame, and parsing is four fifths of that.
//! Parsing a line does not depend on any other line, folding does (a scenario's box follows
//! its answers in order), so only the parsing is shared out. Memory stays bounded: a few
//! windows of [`Split::window`] bytes are in flight, never the file.
//!
//! What the lines are is the same as [`super::fold_text`]'s: the same line breaks, blank
//! lines and carriage returns, and bytes that are not UTF-8 replaced (U+FFFD) as before — a
//! window is only ever cut after a line break, and a line break can never be part of a bad
//! sequence, so replacing a window's bad bytes at once replaces each line's as it always did.

use std::io::{self, Read};
use std::sync::mpsc;

use super::{Text, content, keep_tail};

/// What the reading threads make of a window's lines.
pub(crate) trait ReadLines: Sync {
    /// A window's lines, read; it is handed back with the window's text, so it may say where
    /// in that text things are (offsets), but cannot borrow it. Kept and used again for later
    /// windows (a new buffer for every window was a page fault every 4 KiB).
    type Out: Send + Default;

    /// Empties `out` for the next window.
    fn clear(&self, out: &mut Self::Out);

    /// Reads one non-blank `line` of `window` (a slice of it) into `out`; whether it was
    /// readable.
    fn line(&self, window: &str, line: &str, out: &mut Self::Out) -> bool;
}

/// How a read is shared out.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Split {
    /// Bytes a window reads (a line longer than this makes its window longer).
    pub window: usize,
    /// Reading threads; 0 reads on the caller's thread.
    pub threads: usize,
    /// Below this many bytes to read the caller's thread reads alone: starting threads would
    /// cost more than they save (a start with a summary cache reads at most 999 answers).
    pub alone: u64,
}

/// How many windows each reading thread may have in flight (queued, being read, or read and
/// not yet folded).
const AHEAD: usize = 2;

impl Split {
    /// One reading thread per core, up to four (the fold on this thread is then what takes
    /// longest); none on a machine with one core. Windows of 256 KiB (64 KiB and 1 MiB were
    /// slower on the 2-core machine: more hand-overs, or less of the window in the cache).
    pub(crate) fn machine() -> Split {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Split { window: 256 << 10, threads: if cores < 2 { 0 } else { cores.min(4) }, alone: 1 << 20 }
    }
}

/// A window's buffers: its bytes and what is read of them.
type Buffers<O> = (Vec<u8>, O);

/// A window read: its text, what `lines` made of it, its non-blank lines and unreadable ones.
type Done<O> = (String, O, usize, usize);

/// Reads every line of `reader` (`size` bytes, as far as is known) with `lines`, shared out as
/// `split` says, and hands each window's text and what was read of it to `fold`, in order.
/// Says what [`super::fold_text`] says of the same bytes.
pub(super) fn fold_windows<R: ReadLines>(
    mut reader: impl io::Read,
    size: u64,
    split: Split,
    lines: &R,
    mut fold: impl FnMut(&str, &R::Out),
) -> io::Result<Text> {
    let mut out = Text { bad: 0, lines: 0, complete: 0, tail: Vec::new() };
    let mut carry = Vec::new();
    let window = split.window.max(1);
    let mut pool: Vec<Buffers<R::Out>> = Vec::new();
    let mut next = |out: &mut Text, pool: &mut Vec<Buffers<R::Out>>| -> io::Result<Option<Buffers<R::Out>>> {
        let (bytes, read) = pool.pop().unwrap_or_default();
        let Some(bytes) = next_window(&mut reader, &mut carry, window, bytes)? else { return Ok(None) };
        if bytes.ends_with(b"\n") {
            out.complete += bytes.len() as u64;
            keep_tail(&mut out.tail, &bytes);
        }
        Ok(Some((bytes, read)))
    };
    let mut done = |out: &mut Text, pool: &mut Vec<Buffers<R::Out>>, (text, mut read, n, bad): Done<R::Out>| {
        out.lines += n;
        out.bad += bad;
        fold(&text, &read);
        let mut bytes = text.into_bytes();
        bytes.clear();
        lines.clear(&mut read);
        pool.push((bytes, read));
    };
    if split.threads == 0 || size < split.alone {
        while let Some((bytes, read)) = next(&mut out, &mut pool)? {
            done(&mut out, &mut pool, read_window(lines, bytes, read));
        }
        return Ok(out);
    }
    std::thread::scope(|scope| {
        let threads = split.threads;
        let (mut to, mut from) = (Vec::new(), Vec::new());
        for _ in 0..threads {
            let (send, windows) = mpsc::sync_channel::<Buffers<R::Out>>(AHEAD);
            let (give, back) = mpsc::sync_channel::<Done<R::Out>>(AHEAD);
            scope.spawn(move || {
                for (bytes, read) in windows {
                    if give.send(read_window(lines, bytes, read)).is_err() {
                        return; // the caller stopped (an error reading the file)
                    }
                }
            });
            to.push(send);
            from.push(back);
        }
        // Window k goes to thread k % threads and comes back from it in turn: the order of
        // the file. At most AHEAD windows per thread are in flight, so a send never waits.
        let (mut sent, mut folded, mut more) = (0usize, 0usize, true);
        loop {
            while more && sent - folded < threads * AHEAD {
                match next(&mut out, &mut pool)? {
                    Some(window) => {
                        to[sent % threads].send(window).expect("a reading thread ended early");
                        sent += 1;
                    }
                    None => more = false,
                }
            }
            if folded == sent {
                return Ok(out);
            }
            let read = from[folded % threads].recv().expect("a reading thread ended early");
            done(&mut out, &mut pool, read);
            folded += 1;
        }
    })
}

/// The next window, in `bytes` (emptied, its room kept): whole lines of at least `window`
/// bytes (or to the end), or the last line when it has no line break; `None` at the end.
/// `carry` holds what was read past the last line break.
fn next_window(
    reader: &mut impl io::Read,
    carry: &mut Vec<u8>,
    window: usize,
    mut bytes: Vec<u8>,
) -> io::Result<Option<Vec<u8>>> {
    bytes.clear();
    bytes.extend_from_slice(carry);
    carry.clear();
    bytes.reserve(window);
    loop {
        let searched = bytes.len();
        let got = reader.by_ref().take(window as u64).read_to_end(&mut bytes)?;
        if got == 0 {
            return Ok((!bytes.is_empty()).then_some(bytes));
        }
        if let Some(i) = memchr::memrchr(b'\n', &bytes[searched..]) {
            let end = searched + i + 1;
            carry.extend_from_slice(&bytes[end..]);
            bytes.truncate(end);
            return Ok(Some(bytes));
        }
    }
}

/// Reads a window's lines (on any thread) into `out` (empty): what [`super::fold_text`]
/// hands on, line by line.
fn read_window<R: ReadLines>(lines: &R, bytes: Vec<u8>, mut out: R::Out) -> Done<R::Out> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    let (mut n, mut bad) = (0, 0);
    let mut start = 0;
    while start < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i + 1);
        let line = &text[start..end];
        start = end;
        let Some(line) = content(line) else { continue };
        n += 1;
        if !lines.line(&text, line, &mut out) {
            bad += 1;
        }
    }
    (text, out, n, bad)
}
