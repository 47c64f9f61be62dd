use super::*;
use proptest::prelude::*;

/// Session 11's line reader (a line at a time into a buffer of its own), kept as the oracle.
fn by_lines(mut reader: impl io::BufRead, mut read: impl FnMut(&str) -> bool) -> io::Result<Text> {
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
        let text = String::from_utf8_lossy(&line);
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

/// What a fold saw: every line handed on, and what it found.
fn seen(text: io::Result<Text>, lines: Vec<String>) -> (Vec<String>, usize, usize, u64, Vec<u8>) {
    let t = text.unwrap();
    (lines, t.bad, t.lines, t.complete, t.tail)
}

/// Pieces a log is made of: lines, damaged lines, CRLF, blank lines, Unicode blanks, bytes
/// that are not UTF-8, a BOM, a line longer than the tail.
fn pieces() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop::sample::select(vec![
        b"{\"a\":1}\n".to_vec(),
        b"{bad\n".to_vec(),
        b"\r\n".to_vec(),
        b"\n".to_vec(),
        b"  \t\n".to_vec(),
        b"x\r\r\n".to_vec(),
        "\u{3000}\n".as_bytes().to_vec(),
        "\u{feff}{}\n".as_bytes().to_vec(),
        vec![b'{', 0xff, 0xfe, b'}', b'\n'],
        vec![0xe6, 0x97],
        vec![b'y'; 300],
        b"ok".to_vec(),
    ]);
    prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn reading_in_chunks_hands_on_the_same_lines_as_reading_line_by_line(bytes in pieces(), chunk in 1..40usize) {
        // Lines starting with `{` and ending with `}` count as readable, others not.
        let ok = |t: &str| t.starts_with('{') && t.ends_with('}');
        let mut a = Vec::new();
        let old = by_lines(&bytes[..], |t| { a.push(t.to_string()); ok(t) });
        let mut b = Vec::new();
        let new = fold_chunks(&bytes[..], chunk, |t| { b.push(t.to_string()); ok(t) });
        prop_assert_eq!(seen(old, a.clone()), seen(new, b));
        let mut c = Vec::new();
        let whole = fold_text(&bytes[..], |t| { c.push(t.to_string()); ok(t) });
        prop_assert_eq!(seen(whole, c).0, a);
    }
}

#[test]
fn a_line_longer_than_a_chunk_is_read_whole() {
    let mut bytes = vec![b'z'; 5000];
    bytes.extend_from_slice(b"\nend");
    let mut got = Vec::new();
    let t = fold_chunks(&bytes[..], 7, |l| {
        got.push(l.len());
        true
    })
    .unwrap();
    assert_eq!(got, [5000, 3]);
    assert_eq!((t.complete, t.tail.len()), (5001, TAIL));
}

/// A reader of windows for the tests: where each line is in its window (lines starting with
/// `{` and ending with `}` count as readable, as above).
struct Where;

impl super::par::ReadLines for Where {
    type Out = Vec<(usize, usize)>;
    fn clear(&self, out: &mut Self::Out) {
        out.clear();
    }
    fn line(&self, window: &str, line: &str, out: &mut Self::Out) -> bool {
        let at = line.as_ptr() as usize - window.as_ptr() as usize;
        out.push((at, at + line.len()));
        line.starts_with('{') && line.ends_with('}')
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn reading_in_windows_on_threads_hands_on_the_same_lines_in_order(
        bytes in pieces(), window in 1..40usize, threads in 0..4usize, alone in 0..2u64,
    ) {
        // Windows cut after every few bytes (inside lines and inside characters: a window
        // grows to its next line break), on 0 to 3 reading threads, or on this thread alone.
        let ok = |t: &str| t.starts_with('{') && t.ends_with('}');
        let mut a = Vec::new();
        let old = by_lines(&bytes[..], |t| { a.push(t.to_string()); ok(t) });
        let mut b = Vec::new();
        let split = super::par::Split { window, threads, alone: alone * bytes.len() as u64 * 2 };
        let new = super::par::fold_windows(&bytes[..], bytes.len() as u64, split, &Where, |w, read| {
            b.extend(read.iter().map(|&(s, e)| w[s..e].to_string()));
        });
        prop_assert_eq!(seen(old, a), seen(new, b));
    }
}

#[test]
fn many_windows_on_threads_come_back_in_the_files_order() {
    // Far more windows than are ever in flight, so the threads take turns many times.
    let bytes: String = (0..5000).map(|i| format!("{{\"n\":{i}}}\n")).collect();
    let mut got = Vec::new();
    let split = super::par::Split { window: 64, threads: 3, alone: 0 };
    let t = super::par::fold_windows(bytes.as_bytes(), bytes.len() as u64, split, &Where, |w, read| {
        got.extend(read.iter().map(|&(s, e)| w[s..e].to_string()));
    })
    .unwrap();
    let want: Vec<String> = (0..5000).map(|i| format!("{{\"n\":{i}}}")).collect();
    assert_eq!(got, want);
    assert_eq!((t.lines, t.bad, t.complete), (5000, 0, bytes.len() as u64));
}

/// A file that can be read for `left` bytes, then fails.
struct FailsAfter<'a> {
    bytes: &'a [u8],
    left: usize,
}

impl std::io::Read for FailsAfter<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Err(std::io::Error::other("the disk went away"));
        }
        let n = buf.len().min(self.left).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        (self.bytes, self.left) = (&self.bytes[n..], self.left - n);
        Ok(n)
    }
}

#[test]
fn a_read_failing_midway_on_threads_is_an_error_not_a_hang() {
    // The threads take windows from the file in turn; the one that meets the failure says so,
    // the others stop, and what was read before is not taken for the whole file.
    let bytes: String = (0..2000).map(|i| format!("{{\"n\":{i}}}\n")).collect();
    for threads in [1, 2, 3] {
        for left in [0, 1, 100, 5000] {
            let reader = FailsAfter { bytes: bytes.as_bytes(), left };
            let split = super::par::Split { window: 64, threads, alone: 0 };
            let read = super::par::fold_windows(reader, bytes.len() as u64, split, &Where, |_, _| {});
            let Err(e) = read else { panic!("{threads} threads, {left} bytes: the failure was not reported") };
            assert_eq!(e.to_string(), "the disk went away");
        }
    }
}
