//! Spot the flags: the thread split into pieces a learner can mark — the sender, each link,
//! and short phrases — and the score of what they marked against the scenario's red flags.

use std::ops::Range;

use crate::scenario::Scenario;

/// Where a piece of text is: the sender or the text of message `n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Sender(usize),
    Text(usize),
}

/// A markable piece of the thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub field: Field,
    pub range: Range<usize>,
}

/// Phrases longer than this many words are cut into nearly equal chunks.
const MAX_WORDS: usize = 5;

/// The markable pieces of a scenario, in reading order: the header sender, then each incoming
/// message's text. The learner's own messages are not markable.
pub fn pieces(s: &Scenario) -> Vec<Piece> {
    let mut out = Vec::new();
    if let Some(i) = s.thread.iter().position(|m| !m.from_me()) {
        let sender = s.thread[i].sender.as_deref().unwrap_or_default();
        out.push(Piece { field: Field::Sender(i), range: 0..sender.len() });
    }
    for (i, m) in s.thread.iter().enumerate() {
        if m.from_me() {
            continue;
        }
        if i > 0 && m.sender.as_deref() != Some(s.thread_sender()) {
            let len = m.sender.as_deref().map_or(0, str::len);
            out.push(Piece { field: Field::Sender(i), range: 0..len });
        }
        out.extend(text_pieces(&m.text).into_iter().map(|range| Piece { field: Field::Text(i), range }));
    }
    out
}

/// Words with their byte ranges.
fn words(text: &str) -> Vec<Range<usize>> {
    crate::text_ranges::runs(text, char::is_whitespace)
}

/// A web address, written with or without a scheme.
pub fn is_link(word: &str) -> bool {
    let w = word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ';' | ':' | '"' | '\'' | '!' | '?') || c == '.');
    if w.contains("://") || w.starts_with("www.") {
        return true;
    }
    // host.tld or host.tld/path: letters on both sides of a dot, a TLD of letters.
    let host = w.split('/').next().unwrap_or("");
    let mut labels = host.rsplit('.');
    let tld = labels.next().unwrap_or("");
    let rest = labels.next().unwrap_or("");
    tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && !rest.is_empty()
        && !host.contains('@')
        && rest.chars().any(|c| c.is_ascii_alphabetic())
}

/// Links alone; other words grouped into phrases that end at punctuation or a line break, with
/// long phrases cut into chunks of at most [`MAX_WORDS`].
pub fn text_pieces(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut phrase: Vec<Range<usize>> = Vec::new();
    let flush = |phrase: &mut Vec<Range<usize>>, out: &mut Vec<Range<usize>>| {
        if phrase.is_empty() {
            return;
        }
        let chunks = phrase.len().div_ceil(MAX_WORDS);
        let size = phrase.len().div_ceil(chunks);
        for chunk in phrase.chunks(size) {
            out.push(chunk[0].start..chunk[chunk.len() - 1].end);
        }
        phrase.clear();
    };
    let all = words(text);
    for (n, w) in all.iter().enumerate() {
        let word = &text[w.clone()];
        if is_link(word) {
            flush(&mut phrase, &mut out);
            out.push(w.clone());
            continue;
        }
        phrase.push(w.clone());
        let ends_clause = word.ends_with(['.', ',', ';', ':', '!', '?', ')']);
        let line_break = all.get(n + 1).is_some_and(|next| text[w.end..next.start].contains('\n'));
        if ends_clause || line_break {
            flush(&mut phrase, &mut out);
        }
    }
    flush(&mut phrase, &mut out);
    out
}

/// Where each red flag's quote occurs, per flag.
fn flag_places(s: &Scenario) -> Vec<Vec<(Field, Range<usize>)>> {
    s.flags
        .iter()
        .map(|f| {
            let Some(q) = f.quote.as_deref().filter(|q| !q.is_empty()) else { return Vec::new() };
            let mut places = Vec::new();
            for (i, m) in s.thread.iter().enumerate() {
                if let Some(sender) = &m.sender {
                    places.extend(sender.match_indices(q).map(|(at, _)| (Field::Sender(i), at..at + q.len())));
                }
                places.extend(m.text.match_indices(q).map(|(at, _)| (Field::Text(i), at..at + q.len())));
            }
            places
        })
        .collect()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Two senders are the same field when they are the same words: the header shows the first
/// incoming sender, and a flag quoting it may point at any message's sender line.
fn same_field(s: &Scenario, a: Field, b: Field) -> bool {
    match (a, b) {
        (Field::Sender(i), Field::Sender(j)) => s.thread[i].sender == s.thread[j].sender,
        _ => a == b,
    }
}

/// How the learner's marks compare with the red flags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpotResult {
    /// Per red flag: did a mark touch it?
    pub found: Vec<bool>,
    /// Indices of marked pieces that touch no red flag.
    pub false_marks: Vec<usize>,
}

impl SpotResult {
    pub fn found_count(&self) -> usize {
        self.found.iter().filter(|f| **f).count()
    }
}

/// Scores marks (indices into `pieces(s)`). On a genuine message every mark is a false alarm.
pub fn score(s: &Scenario, pieces: &[Piece], marked: &[usize]) -> SpotResult {
    let places = flag_places(s);
    let touches =
        |p: &Piece, place: &(Field, Range<usize>)| same_field(s, p.field, place.0) && overlaps(&p.range, &place.1);
    let found = places
        .iter()
        .map(|ps| marked.iter().filter_map(|&m| pieces.get(m)).any(|p| ps.iter().any(|pl| touches(p, pl))))
        .collect();
    let false_marks = marked
        .iter()
        .copied()
        .filter(|&m| pieces.get(m).is_some_and(|p| !places.iter().flatten().any(|pl| touches(p, pl))))
        .collect();
    SpotResult { found, false_marks }
}

/// The words of a piece.
pub fn piece_text<'a>(s: &'a Scenario, p: &Piece) -> &'a str {
    let field = match p.field {
        Field::Sender(i) => s.thread[i].sender.as_deref().unwrap_or_default(),
        Field::Text(i) => &s.thread[i].text,
    };
    field.get(p.range.clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn texts(text: &str) -> Vec<&str> {
        text_pieces(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn links_stand_alone_and_phrases_end_at_punctuation() {
        assert_eq!(
            texts("E-ZPass: You owe $4.35. Pay now: https://e-zpassny.com-tollpay.top/ny thanks"),
            ["E-ZPass:", "You owe $4.35.", "Pay now:", "https://e-zpassny.com-tollpay.top/ny", "thanks"]
        );
        assert_eq!(texts("visit usps.com-redeliver.top today"), ["visit", "usps.com-redeliver.top", "today"]);
    }

    #[test]
    fn long_phrases_are_cut_into_even_chunks() {
        let t = "one two three four five six seven eight nine ten eleven twelve";
        assert_eq!(texts(t), ["one two three four", "five six seven eight", "nine ten eleven twelve"]);
    }

    #[test]
    fn line_breaks_end_phrases() {
        assert_eq!(texts("Pay Now\nor else"), ["Pay Now", "or else"]);
    }

    #[test]
    fn amounts_and_emails_are_not_links() {
        assert!(!is_link("$4.35"));
        assert!(!is_link("11.08am"));
        assert!(!is_link("toll.center@icloud.com"));
        assert!(is_link("e-zpassny.com-tollpay.top/ny."));
    }

    #[test]
    fn marks_that_touch_a_flag_find_it_and_others_are_false_alarms() {
        let s = fixtures::scenario(fixtures::TOLL_SCAM);
        let ps = pieces(&s);
        let find = |needle: &str| ps.iter().position(|p| piece_text(&s, p).contains(needle)).unwrap();
        let sender = find("+63");
        let link = find("https://");
        let late_fee = find("late fee");
        let r = score(&s, &ps, &[sender, link, late_fee]);
        assert_eq!(r.found, [true, true, false]);
        assert_eq!(r.false_marks, [late_fee]);
        assert_eq!(score(&s, &ps, &[]).found_count(), 0);
    }

    #[test]
    fn on_a_genuine_message_every_mark_is_a_false_alarm() {
        let s = fixtures::scenario(fixtures::USPS_LEGIT);
        let ps = pieces(&s);
        let r = score(&s, &ps, &[0, 1]);
        assert!(r.found.is_empty());
        assert_eq!(r.false_marks, [0, 1]);
    }

    #[test]
    fn the_learners_own_messages_are_not_markable() {
        let s = fixtures::scenario(fixtures::USPS_LEGIT);
        assert!(pieces(&s).iter().all(|p| {
            !s.thread[match p.field {
                Field::Sender(i) | Field::Text(i) => i,
            }]
            .from_me()
        }));
    }
}
