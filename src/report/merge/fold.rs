//! The class view built one record at a time, so `report --merge` never holds the records: what
//! is kept is only what the view needs — the attempts already seen (for de-duplication, as small
//! numeric keys), the learners and decks (each name once), the running counts and score sum, and
//! one tally per scenario.
//!
//! A file is folded as a unit ([`FileFold`]): its records go into a delta over the class so far,
//! committed only when the whole file was read. A file broken half way is therefore left out
//! entirely, as it was when files were read whole.

use std::collections::hash_map::Entry;

use crate::learning::completion::Status;

use super::view::RecordView;
use super::{ClassView, ScenarioTally};

/// The fold's maps by name and attempt: foldhash rather than std's SipHash, which was a tenth
/// of a merge (a lookup or two per item). The order of a map never reaches the view (`finish`
/// sorts the scenarios by a total order). Keys come from the files being merged; foldhash's
/// per-process seed still keeps them from being chosen to collide.
type HashMap<K, V> = foldhash::HashMap<K, V>;
type HashSet<K> = foldhash::HashSet<K>;

/// An attempt's identity: learner, start and deck, the names as indexes into the name tables.
type Key = (u32, u64, u32);

#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    attempts: usize,
    passed: usize,
    failed: usize,
    incomplete: usize,
    duplicates: usize,
    /// Summed in record order, as the view always did, so the mean is the same to the last bit.
    score_sum: f64,
    scored: usize,
}

/// The class so far. [`ClassBuilder::add`] folds one record; [`ClassBuilder::file`] starts a
/// file that is committed whole or not at all; [`ClassBuilder::finish`] makes the view.
#[derive(Debug, Default)]
pub struct ClassBuilder {
    learners: HashMap<String, u32>,
    decks: HashMap<String, u32>,
    seen: HashSet<Key>,
    counts: Counts,
    tallies: HashMap<String, ScenarioTally>,
}

impl ClassBuilder {
    pub fn new() -> ClassBuilder {
        ClassBuilder::default()
    }

    /// Folds one record in at once (a file of one record, always committed).
    pub fn add(&mut self, record: &RecordView<'_>) {
        let mut file = self.file();
        file.add(record);
        file.commit();
    }

    /// Starts folding one file: nothing reaches the class until [`FileFold::commit`].
    pub fn file(&mut self) -> FileFold<'_> {
        let counts = self.counts;
        FileFold {
            base: self,
            learners: HashMap::default(),
            decks: HashMap::default(),
            seen: Default::default(),
            counts,
            tallies: HashMap::default(),
        }
    }

    pub fn finish(self) -> ClassView {
        let c = self.counts;
        let mut fooled: Vec<ScenarioTally> = self.tallies.into_values().filter(|t| t.wrong > 0).collect();
        fooled.sort_by(|a, b| (b.wrong, b.tenths_wrong(), &a.id).cmp(&(a.wrong, a.tenths_wrong(), &b.id)));
        ClassView {
            learners: self.learners.len(),
            attempts: c.attempts,
            passed: c.passed,
            failed: c.failed,
            incomplete: c.incomplete,
            duplicates: c.duplicates,
            average_score: (c.scored > 0).then(|| c.score_sum / c.scored as f64),
            fooled,
        }
    }
}

/// One file's records, not yet part of the class: new names, new attempts, the counts as they
/// will be, and the file's own scenario tallies (added to the class's on commit).
#[derive(Debug)]
pub struct FileFold<'a> {
    base: &'a mut ClassBuilder,
    learners: HashMap<String, u32>,
    decks: HashMap<String, u32>,
    seen: HashSet<Key>,
    counts: Counts,
    tallies: HashMap<String, ScenarioTally>,
}

/// The index of `name`, known to the class or to this file, or a new one (in the file's table).
fn index(base: &HashMap<String, u32>, new: &mut HashMap<String, u32>, name: &str) -> u32 {
    if let Some(&i) = base.get(name).or_else(|| new.get(name)) {
        return i;
    }
    let i = u32::try_from(base.len() + new.len()).expect("fewer than 2^32 names");
    new.insert(name.to_string(), i);
    i
}

impl FileFold<'_> {
    pub fn add(&mut self, r: &RecordView<'_>) {
        let learner = index(&self.base.learners, &mut self.learners, &r.learner);
        let deck = index(&self.base.decks, &mut self.decks, &r.deck);
        let key = (learner, r.started, deck);
        if self.base.seen.contains(&key) || !self.seen.insert(key) {
            self.counts.duplicates += 1;
            return;
        }
        let c = &mut self.counts;
        c.attempts += 1;
        match r.status {
            Status::Passed => c.passed += 1,
            Status::Failed => c.failed += 1,
            Status::Incomplete => c.incomplete += 1,
        }
        if r.status != Status::Incomplete {
            c.score_sum += r.score;
            c.scored += 1;
        }
        for item in r.items.iter().filter(|i| i.said.is_some()) {
            let wrong = u32::from(!item.correct);
            match self.tallies.get_mut(item.scenario.as_ref()) {
                Some(t) => {
                    t.asked += 1;
                    t.wrong += wrong;
                }
                None => {
                    // The class's first title for a scenario wins; this one is used if it is new.
                    let (id, title) = (item.scenario.to_string(), item.title.to_string());
                    self.tallies.insert(id.clone(), ScenarioTally { id, title, asked: 1, wrong });
                }
            }
        }
    }

    /// The file's records become part of the class. Dropping a `FileFold` instead leaves the
    /// class as it was.
    pub fn commit(self) {
        let base = self.base;
        base.learners.extend(self.learners);
        base.decks.extend(self.decks);
        base.seen.extend(self.seen);
        base.counts = self.counts;
        for (id, t) in self.tallies {
            match base.tallies.entry(id) {
                Entry::Occupied(mut e) => {
                    let e = e.get_mut();
                    e.asked += t.asked;
                    e.wrong += t.wrong;
                }
                Entry::Vacant(v) => {
                    v.insert(t);
                }
            }
        }
    }
}
