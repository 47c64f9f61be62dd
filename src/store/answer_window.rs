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

/// A line of the trainer's own form, as the summary reads it.
#[derive(Debug)]
struct Quick {
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
    }

    fn line(&self, window: &str, line: &str, out: &mut Window) -> bool {
        let mut spans = Spans { window, names: &mut out.names };
        if let Some(f) = answer_line::fields(line, &mut spans) {
            let span = |s| Span::of(window, s);
            let range = |r: std::ops::Range<usize>| (r.start as u32, r.end as u32);
            out.lines.push(Line::Quick(Quick {
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
                flags_found: names_in(q.found),
                flags_missed: names_in(q.missed),
            }),
            Line::Careful(view) => summary.add(view),
        }
    }
}
