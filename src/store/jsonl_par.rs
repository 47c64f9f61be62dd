//! Reading a JSON Lines file on every core: the file is cut into windows of whole lines, each
//! window is read from the file and its lines parsed on a reading thread, and the windows are
//! handed back to the caller's thread in the file's order, where they are folded.
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

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::sync::{PoisonError, mpsc};

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

/// Where the windows are taken from, in turn: the file, what was read past the last line
/// break, and what is known of the whole lines read so far.
struct Source<Rd> {
    reader: Rd,
    carry: Vec<u8>,
    /// Windows taken so far: the next one's number.
    taken: usize,
    /// The file ended, or reading it failed: no more windows.
    ended: bool,
    complete: u64,
    tail: Vec<u8>,
}

impl<Rd: io::Read> Source<Rd> {
    /// The next window, in `bytes`, with its number: the numbers are the file's order, and so
    /// is what the source keeps of the whole lines (their length, their last bytes).
    fn next(&mut self, window: usize, bytes: Vec<u8>) -> io::Result<Option<(usize, Vec<u8>)>> {
        let Some(bytes) = next_window(&mut self.reader, &mut self.carry, window, bytes)? else {
            return Ok(None);
        };
        if bytes.ends_with(b"\n") {
            self.complete += bytes.len() as u64;
            keep_tail(&mut self.tail, &bytes);
        }
        self.taken += 1;
        Ok(Some((self.taken - 1, bytes)))
    }

    /// [`Source::next`] for a reading thread: `None` when there are no more windows (the
    /// first thread to find the end says so in `report`).
    fn take<O>(&mut self, window: usize, bytes: Vec<u8>, report: &mpsc::Sender<Report<O>>) -> Option<(usize, Vec<u8>)> {
        if self.ended {
            return None;
        }
        let said = match self.next(window, bytes) {
            Ok(Some(taken)) => return Some(taken),
            Ok(None) => Report::Ended(self.taken),
            Err(e) => Report::Failed(e),
        };
        self.ended = true;
        let _ = report.send(said);
        None
    }
}

/// What a reading thread tells the caller's thread.
enum Report<O> {
    /// Window `.0`, read on thread `.1`.
    Read(usize, usize, Done<O>),
    /// The file ended after this many windows.
    Ended(usize),
    Failed(io::Error),
}

/// Reads every line of `reader` (`size` bytes, as far as is known) with `lines`, shared out as
/// `split` says, and hands each window's text and what was read of it to `fold`, in order.
/// Says what [`super::fold_text`] says of the same bytes.
///
/// On threads, each reading thread takes the file's next window itself (the file is behind a
/// lock, so windows are taken in the file's order, and numbered), reads its lines and sends
/// it back; this thread folds the windows in their numbers' order. Why the reading threads
/// read the file: copying it out of the page cache was a third of this thread's time, and
/// this thread is what the others wait for once there are more cores than two.
pub(super) fn fold_windows<R: ReadLines>(
    reader: impl io::Read + Send,
    size: u64,
    split: Split,
    lines: &R,
    mut fold: impl FnMut(&str, &R::Out),
) -> io::Result<Text> {
    let window = split.window.max(1);
    let mut source = Source { reader, carry: Vec::new(), taken: 0, ended: false, complete: 0, tail: Vec::new() };
    let mut out = Text { bad: 0, lines: 0, complete: 0, tail: Vec::new() };
    let mut done = |out: &mut Text, (text, read, n, bad): &Done<R::Out>| {
        out.lines += n;
        out.bad += bad;
        fold(text, read);
    };
    if split.threads == 0 || size < split.alone {
        let mut buffers: Buffers<R::Out> = Default::default();
        while let Some((_, bytes)) = source.next(window, buffers.0)? {
            let read = read_window(lines, bytes, buffers.1);
            done(&mut out, &read);
            buffers = recycle(lines, read);
        }
        (out.complete, out.tail) = (source.complete, source.tail);
        return Ok(out);
    }
    let source = std::sync::Mutex::new(source);
    std::thread::scope(|scope| {
        let (report, reports) = mpsc::channel::<Report<R::Out>>();
        let mut pools: Vec<mpsc::Sender<Buffers<R::Out>>> = Vec::new();
        for thread in 0..split.threads {
            // Each thread's buffers come back to it once folded: at most AHEAD windows a
            // thread are in flight, so memory stays bounded whatever the file's size.
            let (give, pool) = mpsc::channel::<Buffers<R::Out>>();
            for _ in 0..AHEAD {
                give.send(Default::default()).expect("the pool is open");
            }
            pools.push(give);
            let (report, source) = (report.clone(), &source);
            scope.spawn(move || {
                for (bytes, read) in pool {
                    let taken = source.lock().unwrap_or_else(PoisonError::into_inner).take(window, bytes, &report);
                    let Some((number, bytes)) = taken else { return };
                    if report.send(Report::Read(number, thread, read_window(lines, bytes, read))).is_err() {
                        return; // the caller stopped (an error reading the file)
                    }
                }
            });
        }
        drop(report);
        // Windows come back in any order: each waits here until those before it are folded.
        let mut waiting: BTreeMap<usize, (usize, Done<R::Out>)> = BTreeMap::new();
        let (mut folded, mut windows) = (0usize, None);
        loop {
            while let Some((thread, read)) = waiting.remove(&folded) {
                done(&mut out, &read);
                // A thread that has stopped (the file ended) needs no more buffers.
                let _ = pools[thread].send(recycle(lines, read));
                folded += 1;
            }
            if windows == Some(folded) {
                break;
            }
            match reports.recv().expect("a reading thread ended early") {
                Report::Read(number, thread, read) => {
                    waiting.insert(number, (thread, read));
                }
                Report::Ended(n) => windows = Some(n),
                Report::Failed(e) => return Err(e),
            }
        }
        let source = source.lock().unwrap_or_else(PoisonError::into_inner);
        (out.complete, out.tail) = (source.complete, source.tail.clone());
        Ok(out)
    })
}

/// A window's buffers emptied for the next window (a new buffer for every window was a page
/// fault every 4 KiB).
fn recycle<R: ReadLines>(lines: &R, (text, mut read, _, _): Done<R::Out>) -> Buffers<R::Out> {
    let mut bytes = text.into_bytes();
    bytes.clear();
    lines.clear(&mut read);
    (bytes, read)
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
