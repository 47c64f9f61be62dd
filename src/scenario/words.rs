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

/// A byte of a word in ASCII text: what [`words`] counts as one.
fn is_ascii_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'\''
}

/// The word made of the run of word bytes `start..end` of ASCII text `b`: the run without the
/// apostrophes around it, `None` if nothing else is left.
fn trimmed_word(b: &[u8], start: usize, end: usize) -> Option<Range<usize>> {
    let from = start + b[start..end].iter().take_while(|&&c| c == b'\'').count();
    let to = end - b[from..end].iter().rev().take_while(|&&c| c == b'\'').count();
    (from < to).then_some(from..to)
}

/// The byte ranges of the words of ASCII text `s`, the same ranges [`words`] gives (each word
/// is its range's text, lower-cased), without copying any word.
#[cfg(test)]
pub(super) fn ascii_word_ranges(s: &str) -> Vec<Range<usize>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut next = 0;
    while let Some(w) = next_ascii_word(b, next) {
        next = w.end;
        out.push(w);
    }
    out
}

/// The word of ASCII text `b` whose run of word bytes holds byte `at`, if that run is a word.
pub(super) fn ascii_word_at(b: &[u8], at: usize) -> Option<Range<usize>> {
    if !b.get(at).copied().is_some_and(is_ascii_word_byte) {
        return None;
    }
    let start = at - b[..at].iter().rev().take_while(|&&c| is_ascii_word_byte(c)).count();
    let end = at + b[at..].iter().take_while(|&&c| is_ascii_word_byte(c)).count();
    trimmed_word(b, start, end)
}

/// The first word of ASCII text `b` that starts at or after `from`, where `from` is the end of
/// a word or of a run of word bytes (what follows a word inside its run is apostrophes only,
/// which make no word).
pub(super) fn next_ascii_word(b: &[u8], from: usize) -> Option<Range<usize>> {
    let mut i = from;
    loop {
        i += b[i..].iter().take_while(|&&c| !is_ascii_word_byte(c)).count();
        if i == b.len() {
            return None;
        }
        let start = i;
        i += b[i..].iter().take_while(|&&c| is_ascii_word_byte(c)).count();
        if let Some(w) = trimmed_word(b, start, i) {
            return Some(w);
        }
    }
}

/// The last word of ASCII text `b` that ends at or before `to`, where `to` is the start of a
/// word or of a run of word bytes.
pub(super) fn prev_ascii_word(b: &[u8], to: usize) -> Option<Range<usize>> {
    let mut i = to;
    loop {
        i -= b[..i].iter().rev().take_while(|&&c| !is_ascii_word_byte(c)).count();
        if i == 0 {
            return None;
        }
        let end = i;
        i -= b[..i].iter().rev().take_while(|&&c| is_ascii_word_byte(c)).count();
        if let Some(w) = trimmed_word(b, i, end) {
            return Some(w);
        }
    }
}

/// Where `needle` is written in the file at or after the start of `value`'s span (the value as
/// decoded may differ from the file's text by escapes), else the value's start.
pub(super) fn offset_in(source: &str, value: Range<usize>, needle: &str) -> usize {
    let raw = source.get(value.clone()).unwrap_or("");
    let at = if raw.is_ascii() && needle.is_ascii() {
        // ASCII lower-cases byte for byte: the same place, found without the two copies.
        find_ignoring_ascii_case(raw, needle)
    } else {
        raw.to_lowercase().find(&needle.to_lowercase())
    };
    at.map_or(value.start, |i| value.start + i)
}

/// Where ASCII `needle` first is in ASCII `hay`, case aside.
fn find_ignoring_ascii_case(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else { return Some(0) };
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), h)
        .find(|&i| h.get(i..i + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Found in place or in lower-cased copies, the same offset.
        #[test]
        fn offsets_found_in_place_are_those_of_lower_cased_copies(raw in "[aAbB1 .é]{0,20}", needle in "[aAbB1 .é]{0,4}") {
            let source = format!("x = \"{raw}\"");
            let value = 5..5 + raw.len();
            let copies = raw.to_lowercase().find(&needle.to_lowercase()).map_or(value.start, |i| value.start + i);
            proptest::prop_assert_eq!(offset_in(&source, value, &needle), copies);
        }

        /// On ASCII text the ranges read in place are the ranges of the lower-cased words.
        #[test]
        fn ascii_word_ranges_are_the_ranges_of_words(s in "[ a-zA-Z0-9'.,’-]{0,40}") {
            let s: String = s.chars().filter(char::is_ascii).collect();
            let ranges: Vec<Range<usize>> = words(&s).into_iter().map(|(w, r)| {
                assert_eq!(w, s[r.clone()].to_ascii_lowercase());
                r
            }).collect();
            proptest::prop_assert_eq!(ascii_word_ranges(&s), ranges.clone());
            // Each word is found from any of its bytes, and its neighbours from its ends.
            for (k, r) in ranges.iter().enumerate() {
                for at in r.clone() {
                    proptest::prop_assert_eq!(ascii_word_at(s.as_bytes(), at), Some(r.clone()));
                }
                proptest::prop_assert_eq!(prev_ascii_word(s.as_bytes(), r.start), k.checked_sub(1).map(|p| ranges[p].clone()));
                proptest::prop_assert_eq!(next_ascii_word(s.as_bytes(), r.end), ranges.get(k + 1).cloned());
            }
        }
    }
}
