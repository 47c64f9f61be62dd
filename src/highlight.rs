//! Splits a message into plain runs and runs that a red flag or genuine sign points at, so the
//! reveal can mark them. Pure text work: the UI decides how a mark looks.

/// A run of text, marked with the 1-based number of the cue that quotes it, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub mark: Option<usize>,
}

/// Marks every occurrence of every quote. `quotes` are (cue number, quote) pairs; where two
/// quotes overlap, the one that starts first wins and the other is marked where it does not
/// overlap no further (it stays plain), so the message text is never duplicated or lost.
pub fn segments<'a>(text: &'a str, quotes: &[(usize, &str)]) -> Vec<Segment<'a>> {
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for &(number, quote) in quotes {
        if quote.is_empty() {
            continue;
        }
        for (start, found) in text.match_indices(quote) {
            spans.push((start, start + found.len(), number));
        }
    }
    spans.sort_by_key(|&(start, end, number)| (start, std::cmp::Reverse(end), number));
    let mut out = Vec::new();
    let mut pos = 0;
    for (start, end, number) in spans {
        if start < pos {
            continue;
        }
        if start > pos {
            out.push(Segment { text: &text[pos..start], mark: None });
        }
        out.push(Segment { text: &text[start..end], mark: Some(number) });
        pos = end;
    }
    if pos < text.len() || out.is_empty() {
        out.push(Segment { text: &text[pos..], mark: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn marks_each_occurrence_with_its_number() {
        let s = segments("pay $4 at x.top or x.top", &[(1, "x.top"), (2, "$4")]);
        let marked: Vec<_> = s.iter().filter_map(|g| g.mark.map(|m| (g.text, m))).collect();
        assert_eq!(marked, [("$4", 2), ("x.top", 1), ("x.top", 1)]);
    }

    #[test]
    fn overlapping_quotes_keep_text_once() {
        let s = segments("e-zpassny.com-pay.top", &[(1, "e-zpassny.com-pay.top"), (2, "pay.top")]);
        assert_eq!(s, [Segment { text: "e-zpassny.com-pay.top", mark: Some(1) }]);
    }

    #[test]
    fn no_quotes_gives_one_plain_segment() {
        assert_eq!(segments("hi", &[]), [Segment { text: "hi", mark: None }]);
    }

    proptest! {
        #[test]
        fn segments_rebuild_the_text(text in ".{0,60}", a in ".{0,4}", b in ".{0,4}") {
            let s = segments(&text, &[(1, &a), (2, &b)]);
            let joined: String = s.iter().map(|g| g.text).collect();
            prop_assert_eq!(joined, text);
        }
    }
}
