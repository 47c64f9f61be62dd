//! Splitting text into runs by a break predicate, as byte ranges: the trainer's spotting pieces
//! and the inspector's link tokens both need the words of a message with where they stand.

use std::ops::Range;

/// The byte ranges of the runs of `text` between characters for which `is_break` holds.
pub fn runs(text: &str, is_break: impl Fn(char) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_break(c), start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_between_breaks_keep_their_byte_ranges() {
        assert_eq!(super::runs("  pay é now ", char::is_whitespace), vec![2..5, 6..8, 9..12]);
        assert!(super::runs("   ", char::is_whitespace).is_empty());
    }
}
