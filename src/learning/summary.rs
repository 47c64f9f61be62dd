//! A learner's whole history folded into what the program reads from it, one answer at a time:
//! the practice schedule's boxes and weights, and every figure of the progress report.
//!
//! Why a summary and not the records: a learner who practises daily reaches 100 000 answers,
//! and holding them all (owned strings, flag lists) cost 70 MB and a tenth of a second to load
//! before the first frame. What the program needs grows with the number of *scenarios* and
//! *rounds*, not answers, so the log is streamed into this (see `store::progress`) and the
//! records are never kept. Pure data, no I/O: the store feeds it, the trainer adds each new
//! answer as it is given.

/// The summary's maps by name: foldhash rather than std's SipHash, which was a sixth of
/// folding a long history. The keys are the learner's own round and scenario ids, read from
/// their own file; foldhash's per-process seed still keeps them from being chosen to collide.
type HashMap<K, V> = foldhash::HashMap<K, V>;

/// Right / seen by name. A hash map, not a sorted one: a fold looks up eight names an answer,
/// and whoever lists them sorts them its own way (the report by rate, then name).
pub type Tallies = HashMap<String, Tally>;

use serde::{Deserialize, Serialize};

use super::record::{AnswerRecord, AnswerView};
use super::sdt::Outcomes;

/// The shape of a serialised [`Summary`]: a cache written with another shape is not read (and
/// is built again from the log). Change it with any change to the summary's fields or meaning.
pub const FORMAT: u32 = 1;

/// The highest Leitner box (see `schedule`).
pub const BOXES: u8 = 5;

/// Where a scenario stands in the practice schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub r#box: u8,
    /// Index of the round it was last answered in (rounds numbered by first appearance).
    pub last_round: usize,
}

/// What the latest answer to one scenario said, and where the scenario stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Latest {
    pub time: u64,
    pub correct: bool,
    pub is_scam: bool,
    /// Red-flag kinds missed in that answer.
    pub flags_missed: Vec<String>,
    pub card: Card,
}

/// Right answers and answers seen.
pub type Tally = (usize, usize);

/// Everything the schedule and the report read from a history. Folding the same records in
/// the same order always gives the same summary. Serialisable, so the store can keep it beside
/// the log as a cache (`store::progress`); [`FORMAT`] names its shape.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Answers folded.
    answers: usize,
    /// Changes with every answer folded and every time stamp set: what a cached report of it
    /// is keyed by (a stamp changes the order of the scenarios worth another look).
    version: u64,
    all: Outcomes,
    /// Each round's outcomes, in the order rounds first appear.
    rounds: Vec<Outcomes>,
    round_index: HashMap<String, usize>,
    /// Per category name as stored (unknown names kept too: the schedule looks names up).
    categories: Tallies,
    /// Found / seen per red-flag kind name, for kinds met while spotting.
    flags: Tallies,
    /// Per confidence level as stored ("sure", "fairly sure", "guessing"); other words are
    /// not reported, as before.
    confidence: Tallies,
    scenarios: HashMap<String, Latest>,
    /// The scenario of the answer folded last, for [`Summary::stamp_last`].
    last: Option<String>,
}

/// One answer as the summary reads it: what a line of the log or an answer just given says,
/// borrowed, with the verdict's three questions already answered. The store's parallel reading
/// (`store::progress`) builds these from its own compact form of a line, the trainer from an
/// [`AnswerView`], so both fold through exactly the same code.
#[derive(Clone, Copy, Debug)]
pub struct Answer<'s> {
    pub time: u64,
    pub round: &'s str,
    pub scenario: &'s str,
    pub category: &'s str,
    /// `truth` is "scam".
    pub is_scam: bool,
    /// `said` is "scam".
    pub said_scam: bool,
    /// `truth` is `said`.
    pub correct: bool,
    pub confidence: Option<&'s str>,
    pub flags_found: &'s [&'s str],
    pub flags_missed: &'s [&'s str],
    /// Its category, flag kinds and confidence were counted already, with others', and are
    /// added by [`Summary::add_tallies`] (the store's reading threads count them by window):
    /// only the rest of the answer is folded here.
    pub tallied: bool,
}

/// An answer counts as clean when the verdict was right and no red flag was missed.
fn clean(r: &Answer<'_>) -> bool {
    r.correct && r.flags_missed.is_empty()
}

/// Adds `right` right answers out of `seen` to the tally of `key` (one lookup when the name is
/// known, as it nearly always is; a new name is copied once).
fn bump(map: &mut Tallies, key: &str, right: usize, seen: usize) {
    match map.get_mut(key) {
        Some(t) => *t = (t.0 + right, t.1 + seen),
        None => {
            map.insert(key.to_string(), (right, seen));
        }
    }
}

impl Summary {
    /// The summary of `records`, in their order.
    pub fn of(records: &[AnswerRecord]) -> Summary {
        let mut s = Summary::default();
        records.iter().for_each(|r| s.add_record(r));
        s
    }

    /// Folds in a record held in memory (an answer just given).
    pub fn add_record(&mut self, r: &AnswerRecord) {
        self.add(&AnswerView::of(r));
    }

    /// Folds one more answer in, as the log holds them (oldest first).
    pub fn add(&mut self, r: &AnswerView<'_>) {
        let found: Vec<&str> = r.flags_found.iter().map(|k| &**k).collect();
        let missed: Vec<&str> = r.flags_missed.iter().map(|k| &**k).collect();
        self.add_answer(&Answer {
            time: r.time,
            round: &r.round,
            scenario: &r.scenario,
            category: &r.category,
            is_scam: r.is_scam(),
            said_scam: r.said_scam(),
            correct: r.correct(),
            confidence: r.confidence.as_deref(),
            flags_found: &found,
            flags_missed: &missed,
            tallied: false,
        });
    }

    /// Adds tallies counted elsewhere for answers folded with `tallied` (right, seen; names
    /// never seen are left out, as the fold leaves them out): sums, so the order they were
    /// counted in does not matter.
    pub fn add_tallies(&mut self, categories: &[(&str, Tally)], flags: &[(&str, Tally)], confidence: &[(&str, Tally)]) {
        for (map, counted) in
            [(&mut self.categories, categories), (&mut self.flags, flags), (&mut self.confidence, confidence)]
        {
            for &(name, (right, seen)) in counted.iter().filter(|(_, (_, seen))| *seen > 0) {
                bump(map, name, right, seen);
            }
        }
    }

    /// [`Summary::add`] of an answer read elsewhere (the same fold).
    pub fn add_answer(&mut self, r: &Answer<'_>) {
        self.answers += 1;
        self.version += 1;
        self.all.add(r.is_scam, r.said_scam);
        let round = match self.round_index.get(r.round) {
            Some(&i) => i,
            None => {
                self.round_index.insert(r.round.to_string(), self.rounds.len());
                self.rounds.push(Outcomes::default());
                self.rounds.len() - 1
            }
        };
        self.rounds[round].add(r.is_scam, r.said_scam);
        let right = usize::from(r.correct);
        if !r.tallied {
            bump(&mut self.categories, r.category, right, 1);
            for k in r.flags_found {
                bump(&mut self.flags, k, 1, 1);
            }
            for k in r.flags_missed {
                bump(&mut self.flags, k, 0, 1);
            }
            if let Some(level) = r.confidence {
                bump(&mut self.confidence, level, right, 1);
            }
        }
        // The box follows the answers in the order they were given (the log's order). New
        // cards start in box 1; a clean answer moves up one, anything else back to box 1.
        let next_box = |b: u8| if clean(r) { (b + 1).min(BOXES) } else { 1 };
        match self.scenarios.get_mut(r.scenario) {
            Some(l) => {
                let card = Card { r#box: next_box(l.card.r#box), last_round: l.card.last_round.max(round) };
                (l.time, l.correct, l.is_scam, l.card) = (r.time, r.correct, r.is_scam, card);
                // The names' buffers are kept: no allocation when the same kinds are missed.
                copy_names(&mut l.flags_missed, r.flags_missed);
            }
            None => {
                let card = Card { r#box: next_box(1), last_round: round };
                let flags_missed = r.flags_missed.iter().map(|k| k.to_string()).collect();
                let latest = Latest { time: r.time, correct: r.correct, is_scam: r.is_scam, flags_missed, card };
                self.scenarios.insert(r.scenario.to_string(), latest);
            }
        }
        match &mut self.last {
            Some(last) if *last == *r.scenario => {}
            Some(last) => {
                last.clear();
                last.push_str(r.scenario);
            }
            None => self.last = Some(r.scenario.to_string()),
        }
    }

    /// Sets the time of the answer folded last (the trainer stamps an answer when it is saved,
    /// just after it was added).
    pub fn stamp_last(&mut self, time: u64) {
        if let Some(l) = self.last.as_deref().and_then(|id| self.scenarios.get_mut(id)) {
            l.time = time;
            self.version += 1;
        }
    }

    /// Whether a summary read from elsewhere (the store's cache, a file like any other) holds
    /// together: every index in range, every box a box, every tally no more right than seen and
    /// far from overflowing. One that does not is not used (the log is read instead), so a
    /// damaged or hand-made cache can never make the schedule or the report index out of range.
    pub fn is_consistent(&self) -> bool {
        const BOUND: usize = 1 << 48;
        let rounds = self.rounds.len();
        let tallies_ok = |m: &Tallies| m.values().all(|&(r, s)| r <= s && s < BOUND);
        self.answers < BOUND
            && self.all.total() as usize == self.answers
            && self.round_index.len() == rounds
            && self.round_index.values().all(|&i| i < rounds)
            && self.rounds.iter().map(|o| o.total() as usize).sum::<usize>() == self.answers
            && self.scenarios.values().all(|l| (1..=BOXES).contains(&l.card.r#box) && l.card.last_round < rounds)
            && self.last.as_ref().is_none_or(|id| self.scenarios.contains_key(id))
            && tallies_ok(&self.categories)
            && tallies_ok(&self.flags)
            && tallies_ok(&self.confidence)
    }

    /// How many answers were folded in.
    pub fn len(&self) -> usize {
        self.answers
    }

    pub fn is_empty(&self) -> bool {
        self.answers == 0
    }

    /// Changes whenever anything the report shows may have changed.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The four outcomes over every answer.
    pub fn outcomes(&self) -> Outcomes {
        self.all
    }

    /// Each round's outcomes, in the order the rounds were played.
    pub fn rounds(&self) -> &[Outcomes] {
        &self.rounds
    }

    /// Right / seen in the category named `name`.
    pub fn category(&self, name: &str) -> Option<Tally> {
        self.categories.get(name).copied()
    }

    /// Found / seen per red-flag kind, for kinds met while spotting.
    pub fn flag_kind_rates(&self) -> &Tallies {
        &self.flags
    }

    /// Right / seen at the confidence level stored as `level`.
    pub fn confidence(&self, level: &str) -> Option<Tally> {
        self.confidence.get(level).copied()
    }

    /// A scenario's latest answer and box, if it was ever answered.
    pub fn scenario(&self, id: &str) -> Option<&Latest> {
        self.scenarios.get(id)
    }

    /// Scenarios whose latest answer was wrong or missed a flag, newest first (ties by id).
    pub fn to_revisit(&self) -> Vec<(&str, &Latest)> {
        let mut wrong: Vec<(&str, &Latest)> = self
            .scenarios
            .iter()
            .filter(|(_, l)| !l.correct || !l.flags_missed.is_empty())
            .map(|(id, l)| (id.as_str(), l))
            .collect();
        wrong.sort_by(|a, b| b.1.time.cmp(&a.1.time).then(a.0.cmp(b.0)));
        wrong
    }
}

/// Makes `to` hold the same names as `from`, reusing its strings.
fn copy_names(to: &mut Vec<String>, from: &[&str]) {
    to.truncate(from.len());
    for (t, f) in to.iter_mut().zip(from) {
        t.clear();
        t.push_str(f);
    }
    let have = to.len();
    to.extend(from[have..].iter().map(|f| f.to_string()));
}

impl<'a> FromIterator<&'a AnswerRecord> for Summary {
    fn from_iter<I: IntoIterator<Item = &'a AnswerRecord>>(records: I) -> Summary {
        let mut s = Summary::default();
        records.into_iter().for_each(|r| s.add_record(r));
        s
    }
}
