//! Finding words in a scenario's text and their place in the file: shared by the teaching
//! findings (`fairness`) and the fixed-date finder (`fixed_dates`).

use std::ops::Range;

/// Where the words of one string lie: (lowercase word, byte range in the string).
pub(super) fn words(s: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (start, is_word(c)) {
            (None, true) => start = Some(i),
            (Some(b), false) => {
                let w = s[b..i].trim_matches(|c| c == '\'' || c == '’');
                if !w.is_empty() {
                    let lead = s[b..i].len() - s[b..i].trim_start_matches(['\'', '’']).len();
                    // ASCII (nearly every word) lower-cases in place of one copy; no `’` to replace.
                    let lower =
                        if w.is_ascii() { w.to_ascii_lowercase() } else { w.replace('’', "'").to_lowercase() };
                    out.push((lower, b + lead..b + lead + w.len()));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Where `needle` is written in the file at or after the start of `value`'s span (the value as
/// decoded may differ from the file's text by escapes), else the value's start.
pub(super) fn offset_in(source: &str, value: Range<usize>, needle: &str) -> usize {
    let raw = source.get(value.clone()).unwrap_or("");
    raw.to_lowercase().find(&needle.to_lowercase()).map_or(value.start, |i| value.start + i)
}
