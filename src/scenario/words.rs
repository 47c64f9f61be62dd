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

/// The byte ranges of the words of ASCII text `s`, the same ranges [`words`] gives (each word
/// is its range's text, lower-cased), without copying any word.
pub(super) fn ascii_word_ranges(s: &str) -> Vec<Range<usize>> {
    debug_assert!(s.is_ascii());
    let b = s.as_bytes();
    let is_word = |c: u8| c.is_ascii_alphanumeric() || c == b'\'';
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !is_word(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && is_word(b[i]) {
            i += 1;
        }
        let (mut from, mut to) = (start, i);
        while from < to && b[from] == b'\'' {
            from += 1;
        }
        while to > from && b[to - 1] == b'\'' {
            to -= 1;
        }
        if from < to {
            out.push(from..to);
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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// On ASCII text the ranges read in place are the ranges of the lower-cased words.
        #[test]
        fn ascii_word_ranges_are_the_ranges_of_words(s in "[ a-zA-Z0-9'.,’-]{0,40}") {
            let s: String = s.chars().filter(char::is_ascii).collect();
            let ranges: Vec<Range<usize>> = words(&s).into_iter().map(|(w, r)| {
                assert_eq!(w, s[r.clone()].to_ascii_lowercase());
                r
            }).collect();
            proptest::prop_assert_eq!(ascii_word_ranges(&s), ranges);
        }
    }
}
