//! A window of `answers.jsonl` read on a reading thread (see `jsonl_par`) into a compact form
//! of its lines, then folded into the summary on the caller's thread, in order.
//!
//! Why a form of its own: a line's view borrows the line, and the window's text travels back
//! to the folding thread with what was read of it, so what was read says *where* each name is
//! (offsets into the window) instead of borrowing it. A line of the trainer's own form is read
//! by the quick parser (`answer_line::fields`); anything else by serde_json, as a view that
//! owns its strings (rare: escapes, other spacing, bytes that were not UTF-8). Each line reads
//! to exactly what `progress::read_answer` reads it to, and folds through the same
//! `Summary::add_answer`.

use super::answer_line::{self, Names};
use crate::learning::record::AnswerView;
use crate::learning::summary::{Answer, Summary};

/// Where a name is in its window.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The span of `part`, a slice of `window`.
    fn of(window: &str, part: &str) -> Span {
        let start = part.as_ptr() as usize - window.as_ptr() as usize;
        let start = u32::try_from(start).expect("a window is under 4 GiB (data files are bounded)");
        Span { start, end: start + part.len() as u32 }
    }

    fn read(self, window: &str) -> &str {
        &window[self.start as usize..self.end as usize]
    }
}

/// The names the trainer writes, as `scenario::kinds` and the confidence keys name them: a
/// line whose names are all among these has its tallies counted in its window, on the
/// reading thread, by number (a `match`, no hashing); the fold then adds each name's count
/// once a window instead of once a line (those lookups were a seventh of reading a long
/// history). A name not here (older kinds, hand-edited lines) is tallied by the fold as
/// before: this list only decides what is quick. A test keeps it the same as the kinds'.
const FLAGS: [&str; 13] = [
    "sender",
    "lookalike-link",
    "shortened-link",
    "urgency",
    "threat",
    "payment-request",
    "small-amount",
    "code-request",
    "reply-to-activate",
    "generic",
    "unexpected",
    "errors",
    "off-channel",
];
const CATEGORIES: [&str; 7] = ["toll", "postage", "traffic-fine", "wallet", "bank", "delivery", "other"];
const CONFIDENCE: [&str; 3] = ["sure", "fairly sure", "guessing"];

fn flag(name: &str) -> Option<usize> {
    Some(match name {
        "sender" => 0,
        "lookalike-link" => 1,
        "shortened-link" => 2,
        "urgency" => 3,
        "threat" => 4,
        "payment-request" => 5,
        "small-amount" => 6,
        "code-request" => 7,
        "reply-to-activate" => 8,
        "generic" => 9,
        "unexpected" => 10,
        "errors" => 11,
        "off-channel" => 12,
        _ => return None,
    })
}

fn category(name: &str) -> Option<usize> {
    Some(match name {
        "toll" => 0,
        "postage" => 1,
        "traffic-fine" => 2,
        "wallet" => 3,
        "bank" => 4,
        "delivery" => 5,
        "other" => 6,
        _ => return None,
    })
}

fn confidence(name: &str) -> Option<usize> {
    Some(match name {
        "sure" => 0,
        "fairly sure" => 1,
        "guessing" => 2,
        _ => return None,
    })
}

/// A window's tallies of the lines counted here: (right, seen) by number.
#[derive(Debug, Default)]
struct Counts {
    flags: [(usize, usize); 13],
    categories: [(usize, usize); 7],
    confidence: [(usize, usize); 3],
}

/// The most flags of a line counted here (more go to the fold: a hostile line).
const MOST_FLAGS: usize = 32;

impl Counts {
    /// Counts `f`'s tallies, if all its names are known; whether it did.
    fn count(&mut self, f: &answer_line::Fields<'_>, names: &[Span], window: &str) -> bool {
        let flags = names[f.flags_found.clone()].iter().chain(&names[f.flags_missed.clone()]);
        let mut kinds = [0u8; MOST_FLAGS];
        let mut n = 0;
        for span in flags {
            match flag(span.read(window)) {
                Some(k) if n < MOST_FLAGS => kinds[n] = k as u8,
                _ => return false,
            }
            n += 1;
        }
        let Some(c) = category(f.category) else { return false };
        let level = match f.confidence {
            None => None,
            Some(level) => match confidence(level) {
                Some(l) => Some(l),
                None => return false,
            },
        };
        let right = usize::from(f.truth == f.said);
        let found = f.flags_found.len();
        for (i, &k) in kinds[..n].iter().enumerate() {
            let t = &mut self.flags[usize::from(k)];
            *t = (t.0 + usize::from(i < found), t.1 + 1);
        }
        let t = &mut self.categories[c];
        *t = (t.0 + right, t.1 + 1);
        if let Some(l) = level {
            let t = &mut self.confidence[l];
            *t = (t.0 + right, t.1 + 1);
        }
        true
    }
}

/// A line of the trainer's own form, as the summary reads it.
#[derive(Debug)]
struct Quick {
    /// Its category, flags and confidence are in the window's [`Counts`].
    tallied: bool,
    time: u64,
    round: Span,
    scenario: Span,
    category: Span,
    confidence: Option<Span>,
    /// Ranges of the window's `names`.
    found: (u32, u32),
    missed: (u32, u32),
    is_scam: bool,
    said_scam: bool,
    correct: bool,
}

#[derive(Debug)]
enum Line {
    Quick(Quick),
    Careful(Box<AnswerView<'static>>),
}

/// What a window's readable lines hold, in order.
#[derive(Debug, Default)]
pub(super) struct Window {
    lines: Vec<Line>,
    /// Every flag kind of the window's quick lines.
    names: Vec<Span>,
    counts: Counts,
}

/// The flag kinds of a line, put where the window keeps them.
struct Spans<'w> {
    window: &'w str,
    names: &'w mut Vec<Span>,
}

impl<'a> Names<'a> for Spans<'_> {
    fn push(&mut self, name: &'a str) {
        self.names.push(Span::of(self.window, name));
    }
    fn len(&self) -> usize {
        self.names.len()
    }
    fn truncate(&mut self, len: usize) {
        self.names.truncate(len);
    }
}

/// The answers' reader of a window, for `JsonlFile::fold_windows`.
pub(super) struct Answers;

impl super::jsonl::par::ReadLines for Answers {
    type Out = Window;

    fn clear(&self, out: &mut Window) {
        out.lines.clear();
        out.names.clear();
        out.counts = Counts::default();
    }

    fn line(&self, window: &str, line: &str, out: &mut Window) -> bool {
        let mut spans = Spans { window, names: &mut out.names };
        if let Some(f) = answer_line::fields(line, &mut spans) {
            let span = |s| Span::of(window, s);
            let range = |r: std::ops::Range<usize>| (r.start as u32, r.end as u32);
            let tallied = out.counts.count(&f, &out.names, window);
            out.lines.push(Line::Quick(Quick {
                tallied,
                time: f.time,
                round: span(f.round),
                scenario: span(f.scenario),
                category: span(f.category),
                confidence: f.confidence.map(span),
                found: range(f.flags_found),
                missed: range(f.flags_missed),
                is_scam: f.truth == "scam",
                said_scam: f.said == "scam",
                correct: f.truth == f.said,
            }));
            return true;
        }
        match serde_json::from_str::<AnswerView>(line) {
            Ok(view) => {
                out.lines.push(Line::Careful(Box::new(view.into_owned())));
                true
            }
            Err(_) => false,
        }
    }
}

/// Folds a window's answers into `summary`, in order.
pub(super) fn fold(summary: &mut Summary, window: &str, read: &Window) {
    let names: Vec<&str> = read.names.iter().map(|s| s.read(window)).collect();
    let names_in = |(a, b): (u32, u32)| &names[a as usize..b as usize];
    for line in &read.lines {
        match line {
            Line::Quick(q) => summary.add_answer(&Answer {
                time: q.time,
                round: q.round.read(window),
                scenario: q.scenario.read(window),
                category: q.category.read(window),
                is_scam: q.is_scam,
                said_scam: q.said_scam,
                correct: q.correct,
                confidence: q.confidence.map(|s| s.read(window)),
                // Counted in the window: the fold needs only the missed ones (the latest answer).
                flags_found: if q.tallied { &[] } else { names_in(q.found) },
                flags_missed: names_in(q.missed),
                tallied: q.tallied,
            }),
            Line::Careful(view) => summary.add(view),
        }
    }
    let named = |names: &[&'static str], counts: &[(usize, usize)]| -> Vec<(&'static str, (usize, usize))> {
        names.iter().copied().zip(counts.iter().copied()).collect()
    };
    let c = &read.counts;
    summary.add_tallies(
        &named(&CATEGORIES, &c.categories),
        &named(&FLAGS, &c.flags),
        &named(&CONFIDENCE, &c.confidence),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_counted_by_number_are_the_kinds_the_trainer_writes() {
        let flags: Vec<&str> = crate::scenario::kinds::FLAG_KINDS.iter().map(|t| t.name).collect();
        let categories: Vec<&str> = crate::scenario::kinds::CATEGORIES.iter().map(|t| t.name).collect();
        assert_eq!(FLAGS.to_vec(), flags);
        assert_eq!(CATEGORIES.to_vec(), categories);
        for (i, name) in FLAGS.iter().enumerate() {
            assert_eq!(flag(name), Some(i));
        }
        for (i, name) in CATEGORIES.iter().enumerate() {
            assert_eq!(category(name), Some(i));
        }
        for (i, name) in CONFIDENCE.iter().enumerate() {
            assert_eq!(confidence(name), Some(i));
        }
        assert_eq!((flag("Sender"), category("bank "), confidence("")), (None, None, None));
    }
}
