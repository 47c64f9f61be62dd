//! The learner's progress as the trainer holds it: the summary of every saved answer (see
//! `learning::summary`), added to as they play, and the progress screen's report of it.

use std::sync::{Arc, Mutex, PoisonError};

use crate::learning::record::AnswerRecord;
use crate::learning::summary::Summary;

/// One line of the progress report, as phrases (the view words them).
pub type StatsLine = crate::learning::stats::ReportLine;

/// Every answer of this learner, folded: loaded from saved progress, then added to as they
/// play. Rounds are drawn from it (more of what they get wrong) and the stats screen reads it.
#[derive(Debug, Default)]
pub struct Progress {
    summary: Summary,
    /// The progress screen's report, computed once per width and summary version. A cache
    /// only: the view fills it, nothing reads it as state.
    pub stats: StatsCache,
}

impl Progress {
    pub fn new(summary: Summary) -> Progress {
        Progress { summary, stats: StatsCache::default() }
    }

    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Folds in an answer just given.
    pub fn add(&mut self, record: &AnswerRecord) {
        self.summary.add_record(record);
    }

    /// Sets the time of the answer added last (stamped when it is saved).
    pub fn stamp_last(&mut self, time: u64) {
        self.summary.stamp_last(time);
    }

    /// The progress report at `width`, from the cache when nothing changed.
    pub fn report(&self, width: usize) -> Arc<Vec<StatsLine>> {
        self.stats.get(&self.summary, width)
    }
}

/// The progress report last computed, keyed by the width it was wrapped to and the version of
/// the summary it covers (which changes with every answer added and every time stamp set).
#[derive(Debug, Default)]
pub struct StatsCache(Mutex<Option<CachedStats>>);

/// (width, summary version, the report's lines).
type CachedStats = (usize, u64, Arc<Vec<StatsLine>>);

impl StatsCache {
    /// The report for `summary` at `width`, computed only when either changed.
    pub fn get(&self, summary: &Summary, width: usize) -> Arc<Vec<StatsLine>> {
        // A Mutex, not a RefCell: a served session's App moves between threads.
        let mut slot = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        match &*slot {
            Some((w, v, lines)) if *w == width && *v == summary.version() => Arc::clone(lines),
            _ => {
                let lines = Arc::new(crate::learning::stats::report(summary, width));
                *slot = Some((width, summary.version(), Arc::clone(&lines)));
                lines
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_is_computed_once_per_width_and_history() {
        let app = crate::fixtures::app();
        let p = &app.progress;
        let a = p.report(80);
        let b = p.report(80);
        assert!(Arc::ptr_eq(&a, &b), "same width and history: the cached report");
        let c = p.report(60);
        assert!(!Arc::ptr_eq(&a, &c), "another width: computed again");
        assert_eq!(*c, crate::learning::stats::report(p.summary(), 60));
    }

    #[test]
    fn a_new_answer_or_its_time_stamp_computes_the_report_again() {
        let s = crate::fixtures::scenario(crate::fixtures::TOLL_SCAM);
        let mut p = Progress::default();
        let empty = p.report(80);
        let r = AnswerRecord::new("r1".into(), &s, crate::scenario::Verdict::Legit, None, None, None);
        p.add(&r);
        let one = p.report(80);
        assert!(!Arc::ptr_eq(&empty, &one));
        p.stamp_last(7);
        assert!(!Arc::ptr_eq(&one, &p.report(80)), "the stamp can reorder what to revisit");
        assert_eq!(p.summary().scenario(&s.id).map(|l| l.time), Some(7));
    }
}
