//! Fixed calendar dates typed into a message (see `fairness`): a message is shown as recent,
//! so a date written into its text goes stale, and a careful learner then reads the old date
//! as a red flag on a genuine text. Dates belong in `date` variables, drawn relative to today.

use std::ops::Range;

use super::problem::ProblemKind;
use super::raw::RawMessage;
use super::words::{ascii_word_at, next_ascii_word, offset_in, prev_ascii_word, words};
use toml::Spanned;

/// Month names and their common abbreviations, for dates written out ("Dec 22, 2025").
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// The first three letters of each month: every entry of [`MONTHS`] starts with one.
const MONTH_HEADS: [[u8; 3]; 12] =
    [*b"jan", *b"feb", *b"mar", *b"apr", *b"may", *b"jun", *b"jul", *b"aug", *b"sep", *b"oct", *b"nov", *b"dec"];

/// Fixed calendar dates in the messages' text as written in the file, before variables are
/// filled: a `{date}` variable's drawn value is fine, a date typed into the text is not.
pub(super) fn stale_dates(source: &str, thread: &[Spanned<RawMessage>]) -> Vec<(usize, ProblemKind)> {
    let mut out = Vec::new();
    for m in thread {
        let Some(text) = &m.get_ref().text else { continue };
        for (date, _) in fixed_dates(text.get_ref()) {
            let at = offset_in(source, text.span(), &date);
            out.push((at, ProblemKind::FixedDate(date)));
        }
    }
    out
}

/// Calendar dates written in `s`: `12/22/2025`, `12/22/25`, `12/22`, `2025-12-22`,
/// `Dec 22, 2025`, `December 22`, `22 December 2025`. Times (`7:12`), amounts (`$4.35`),
/// fractions with no possible month (`24/7`) and `{variables}` are not dates.
pub fn fixed_dates(s: &str) -> Vec<(String, Range<usize>)> {
    let mut out = numeric_dates(s);
    out.extend(named_dates(s));
    out.sort_by_key(|(_, r)| r.start);
    out
}

fn numeric_dates(s: &str) -> Vec<(String, Range<usize>)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b"/-.$".contains(&b[i - 1]))) {
            i += 1;
            continue;
        }
        // Groups of digits joined by one kind of separator: 12/22/2025 or 2025-12-22.
        // At most three groups: kept in place, not in a vector made for each run of digits.
        let mut found = [""; 3];
        let mut count = 0;
        let mut j = i;
        let mut sep = None;
        loop {
            let start = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            found[count] = &s[start..j];
            count += 1;
            let next_is = |c: u8| j + 1 < b.len() && b[j] == c && b[j + 1].is_ascii_digit();
            match sep {
                None if next_is(b'/') => sep = Some(b'/'),
                None if next_is(b'-') => sep = Some(b'-'),
                Some(c) if next_is(c) && count < 3 => {}
                _ => break,
            }
            j += 1;
        }
        let followed_badly = j < b.len() && (b[j].is_ascii_alphanumeric() || (b[j] == b'/' || b[j] == b'-'));
        let n = |g: &str| g.parse::<u32>().ok();
        let month_day = |m: &str, d: &str| {
            m.len() <= 2
                && d.len() <= 2
                && n(m).is_some_and(|m| (1..=12).contains(&m))
                && n(d).is_some_and(|d| (1..=31).contains(&d))
        };
        let is_date = !followed_badly
            && match (sep, &found[..count]) {
                (Some(b'/'), [m, d]) => month_day(m, d),
                (Some(b'/'), [m, d, y]) => month_day(m, d) && (y.len() == 2 || y.len() == 4),
                (Some(b'-'), [y, m, d]) => y.len() == 4 && m.len() == 2 && month_day(m, d),
                _ => false,
            };
        if is_date {
            out.push((s[i..j].to_string(), i..j));
        }
        i = j.max(i + 1);
    }
    out
}

/// The first three letters of every month name and abbreviation in [`MONTHS`].
fn month_prefilter() -> &'static aho_corasick::AhoCorasick {
    static FINDER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    FINDER.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(MONTHS.iter().map(|m| &m[..3]))
            .expect("the month names build an automaton")
    })
}

fn named_dates(s: &str) -> Vec<(String, Range<usize>)> {
    if s.is_ascii() {
        // A written date needs a month's name, and a month's name starts with one of the
        // three-letter heads the automaton finds: only the words at those places, and their
        // neighbours, are read, in place (splitting the whole text into lower-cased words was
        // two thirds of this rule). No head can span a word's start (the byte before one is
        // not a letter), so every word that starts with a head is found.
        let b = s.as_bytes();
        let mut out = Vec::new();
        for m in month_prefilter().find_iter(s) {
            let Some(word) = ascii_word_at(b, m.start()).filter(|w| w.start == m.start()) else { continue };
            let prev = prev_ascii_word(b, word.start);
            let next = next_ascii_word(b, word.end);
            let after_next = next.as_ref().and_then(|n| next_ascii_word(b, n.end));
            let with_text = |r: Option<Range<usize>>| r.map(|r| (&s[r.clone()], r));
            let word = (&s[word.clone()], word);
            out.extend(date_at(s, with_text(prev), word, with_text(next), with_text(after_next)));
        }
        return out;
    }
    // Non-ASCII can lower-case into ASCII (the Kelvin sign is a `k`): its words are always
    // lower-cased first.
    let found = words(s);
    let found: Vec<(&str, Range<usize>)> = found.iter().map(|(w, r)| (w.as_str(), r.clone())).collect();
    dates_among_words(s, &found)
}

/// The dates written with a month's name among the words of `s` (each as written or already
/// lower-cased, with its byte range): every comparison ignores ASCII case, so both give the
/// same dates.
fn dates_among_words(s: &str, found: &[(&str, Range<usize>)]) -> Vec<(String, Range<usize>)> {
    let at = |k: Option<usize>| k.and_then(|k| found.get(k)).cloned();
    (0..found.len())
        .filter_map(|k| date_at(s, at(k.checked_sub(1)), found[k].clone(), at(Some(k + 1)), at(Some(k + 2))))
        .collect()
}

/// The date written around `word` if it is a month's name: with the day after it (and a year
/// after that), or the day before it (and a year after it). `prev`, `next` and `after_next` are
/// the words around it, as written or lower-cased, with their byte ranges.
fn date_at<'s>(
    s: &str,
    prev: Option<(&'s str, Range<usize>)>,
    (w, range): (&'s str, Range<usize>),
    next: Option<(&'s str, Range<usize>)>,
    after_next: Option<(&'s str, Range<usize>)>,
) -> Option<(String, Range<usize>)> {
    let is_month = |w: &str| {
        let w = w.trim_end_matches('.');
        // Every name and abbreviation starts with its month's first three letters: most words
        // are ruled out by those before the list is read.
        let head = w.as_bytes().get(..3).map(|h| [h[0], h[1], h[2]].map(|b| b.to_ascii_lowercase()));
        head.is_some_and(|h| MONTH_HEADS.contains(&h)) && MONTHS.iter().any(|m| m.eq_ignore_ascii_case(w))
    };
    let day = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        digits.len() <= 2
            && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
            && ["", "st", "nd", "rd", "th"].iter().any(|x| x.eq_ignore_ascii_case(suffix))
    };
    let year = |w: &str| w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
    // "May" is also a word: only with a day right after it (or before it) is it a month.
    if !is_month(w) || (w.eq_ignore_ascii_case("may") && !s[range.clone()].starts_with('M')) {
        return None;
    }
    let gap_ok = |a: &Range<usize>, b: &Range<usize>| s[a.end..b.start].chars().all(|c| " ,.".contains(c));
    if let Some((_, dr)) = next.as_ref().filter(|(d, dr)| day(d) && gap_ok(&range, dr)) {
        let mut end = dr.end;
        if let Some((_, yr)) = after_next.filter(|(y, yr)| year(y) && gap_ok(dr, yr)) {
            end = yr.end;
        }
        return Some((s[range.start..end].to_string(), range.start..end));
    }
    if let Some((_, dr)) = prev.filter(|(d, dr)| day(d) && gap_ok(dr, &range)) {
        let mut end = range.end;
        if let Some((_, yr)) = next.filter(|(y, yr)| year(y) && gap_ok(&range, yr)) {
            end = yr.end;
        }
        return Some((s[dr.start..end].to_string(), dr.start..end));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(s: &str) -> Vec<String> {
        fixed_dates(s).into_iter().map(|(d, _)| d).collect()
    }

    #[test]
    fn calendar_dates_in_every_common_shape_are_found() {
        assert_eq!(dates("Today … Delivered 12/22/2025 at 3pm"), ["12/22/2025"]);
        assert_eq!(dates("exception on 02/11/2025."), ["02/11/2025"]);
        assert_eq!(dates("due Dec 22, 2025 or"), ["Dec 22, 2025"]);
        assert_eq!(dates("on 2025-12-22."), ["2025-12-22"]);
        assert_eq!(dates("Delivered 11/25 11:08am"), ["11/25"]);
        assert_eq!(dates("by 22 December 2025"), ["22 December 2025"]);
        assert_eq!(dates("Pay by Nov 26th"), ["Nov 26th"]);
        assert_eq!(dates("on 1/5/26 and 3/4/2026"), ["1/5/26", "3/4/2026"]);
    }

    /// ASCII text made of what the date finder looks at: month names in any case, days with
    /// and without a suffix, years, and the punctuation between them.
    fn date_like_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            proptest::sample::select(vec![
                "Nov", "nov", "NOV", "November", "may", "May", "Sept", "sept.", "Dec", "jun", "1", "22", "31", "32",
                "02", "1st", "22ND", "3rd", "26th", "4Th", "2025", "1899", "12/22", "'", "Nov'", "'22", "K", "decnov",
                "xnov", "nov''", "''May",
            ])
            .prop_map(str::to_string),
            "[ ,.'a-zA-Z0-9]{0,4}",
        ];
        let sep = proptest::sample::select(vec![" ", ", ", ".", " . ", "", "-", "\n", "''"]).prop_map(str::to_string);
        proptest::collection::vec((piece, sep), 0..10)
            .prop_map(|v| v.into_iter().map(|(p, s)| p + &s).collect::<String>())
    }

    proptest::proptest! {
        /// Reading an ASCII text's words in place finds exactly the dates that lower-casing
        /// each word first finds.
        #[test]
        fn words_read_in_place_give_the_dates_lower_cased_words_give(s in date_like_text()) {
            let lowered = words(&s);
            let lowered: Vec<(&str, Range<usize>)> = lowered.iter().map(|(w, r)| (w.as_str(), r.clone())).collect();
            proptest::prop_assert_eq!(named_dates(&s), dates_among_words(&s, &lowered));
        }
    }

    #[test]
    fn every_month_name_starts_with_a_month_head() {
        for m in MONTHS {
            assert!(MONTH_HEADS.contains(&[m.as_bytes()[0], m.as_bytes()[1], m.as_bytes()[2]]), "{m}");
        }
    }

    #[test]
    fn times_amounts_codes_and_words_are_not_dates() {
        for s in [
            "Today 7:12 PM",
            "a toll of $4.35",
            "open 24/7",
            "code 123-456",
            "call 555-0142",
            "you may 2 days",
            "9400111202555842761093",
            "Delivered {delivered}",
            "ref 13/40",
            "https://x.example/a/12/22",
            "May we help?",
        ] {
            assert!(dates(s).is_empty(), "{s:?} gave {:?}", dates(s));
        }
    }
}
