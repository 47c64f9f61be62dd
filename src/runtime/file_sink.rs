//! The sink that writes files: the learner's progress and the completion records, plus the
//! course's resume point. Used by the local trainer and, with the server's own data folder,
//! by `serve`.

use crate::app::App;
use crate::learning::completion::CompletionRecord;
use crate::learning::record::AnswerRecord;
use crate::store::completions::CompletionStore;
use crate::store::progress::ProgressStore;

use super::Sink;

/// Told where the learner is after every step (the course saves its resume point).
pub type Place = Box<dyn FnMut(&App) + Send>;

/// Saves answers to a progress store and exam records to a completion store; either may be
/// missing (the data folder was unusable): answers are then not kept (the learner was told at
/// the start), and an exam's record fails with a reason.
#[derive(Default)]
pub struct FileSink {
    pub progress: Option<ProgressStore>,
    pub completions: Option<CompletionStore>,
    pub place: Option<Place>,
    /// The record the exam under way would get if cut off now (see [`Sink::step`]).
    pending: Option<CompletionRecord>,
    /// The exam's record as saved, and whether it really was: "recorded" is said only then.
    finished: Option<(CompletionRecord, bool)>,
}

impl FileSink {
    pub fn new(progress: Option<ProgressStore>, completions: Option<CompletionStore>) -> FileSink {
        FileSink { progress, completions, ..FileSink::default() }
    }

    /// Saves the pending exam record as incomplete, if there is one: what a host does when its
    /// session was cut off and cannot end by itself. Whoever takes the record saves it, once.
    pub fn save_pending(&mut self) {
        if let Some(record) = self.pending.take() {
            let _ = self.completion(&record);
        }
    }

    /// The exam's record, if one was saved or tried, and whether it was written.
    pub fn finished(&self) -> Option<&(CompletionRecord, bool)> {
        self.finished.as_ref()
    }
}

impl Sink for FileSink {
    fn as_dyn(&mut self) -> &mut dyn Sink {
        self
    }
    fn answer(&mut self, record: &AnswerRecord) -> Result<(), String> {
        match &self.progress {
            Some(store) => store.append(record).map_err(|e| e.to_string()),
            // The learner was told at the start that progress cannot be saved here.
            None => Ok(()),
        }
    }

    fn completion(&mut self, record: &CompletionRecord) -> Result<(), String> {
        let saved = match &self.completions {
            Some(store) => store.append(record).map_err(|e| e.to_string()),
            None => Err("no place to keep completion records".to_string()),
        };
        // Recorded (or tried): nothing is pending any more, so it is never saved twice.
        self.pending = None;
        self.finished = Some((record.clone(), saved.is_ok()));
        saved
    }

    fn step(&mut self, app: &App, pending: Option<&CompletionRecord>) {
        self.pending = pending.cloned();
        if let Some(place) = &mut self.place {
            place(app);
        }
    }
}
