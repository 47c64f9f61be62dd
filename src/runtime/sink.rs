//! Where a session's results go. A trait, so the same session saves to the learner's files
//! when run locally, to the server's files when served over SSH, to nowhere when presenting,
//! and to memory in tests. It is `Send`: a server runs many sessions on other threads.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::app::App;
use crate::learning::completion::CompletionRecord;
use crate::learning::record::AnswerRecord;

/// Receives what a session produces. Errors are for the learner (the session tells them once
/// that it goes on without saving, and keeps the details for later).
pub trait Sink: Send {
    /// One finished answer, stamped with the time.
    fn answer(&mut self, record: &AnswerRecord) -> Result<(), String>;
    /// An exam's completion record (complete, or incomplete when it was left or cut off).
    fn completion(&mut self, record: &CompletionRecord) -> Result<(), String>;
    /// Told after every step: where the learner is (the course keeps its resume point), and
    /// `pending`, the record the exam under way would get if the session were cut off now
    /// (`None` outside an exam). A host that can be cut off without warning — a closed
    /// terminal, a dropped connection — keeps it to save.
    fn step(&mut self, _app: &App, _pending: Option<&CompletionRecord>) {}
    /// Runs `work` (the saves of one step and its [`Sink::step`]) as one unit: a shared sink
    /// holds its lock for all of it, so no other thread sees the step half done.
    fn batch(&mut self, work: &mut dyn FnMut(&mut dyn Sink)) {
        work(self.as_dyn());
    }
    /// This sink as a trait object (for [`Sink::batch`]'s default).
    fn as_dyn(&mut self) -> &mut dyn Sink;
}

/// Saves nothing: presenter mode keeps no record of the room.
#[derive(Debug, Default)]
pub struct NullSink;

impl Sink for NullSink {
    fn as_dyn(&mut self) -> &mut dyn Sink {
        self
    }
    fn answer(&mut self, _: &AnswerRecord) -> Result<(), String> {
        Ok(())
    }
    fn completion(&mut self, _: &CompletionRecord) -> Result<(), String> {
        Ok(())
    }
}

/// Keeps everything in memory: for tests, and for hosts that hand records on themselves.
#[derive(Debug, Default)]
pub struct MemorySink {
    pub answers: Vec<AnswerRecord>,
    pub completions: Vec<CompletionRecord>,
    /// The last `pending` record told by [`Sink::step`].
    pub pending: Option<CompletionRecord>,
    /// Refuse every save with this error (to test how failures are told).
    pub fail: Option<String>,
}

impl Sink for MemorySink {
    fn as_dyn(&mut self) -> &mut dyn Sink {
        self
    }
    fn answer(&mut self, record: &AnswerRecord) -> Result<(), String> {
        match &self.fail {
            Some(e) => Err(e.clone()),
            None => {
                self.answers.push(record.clone());
                Ok(())
            }
        }
    }
    fn completion(&mut self, record: &CompletionRecord) -> Result<(), String> {
        match &self.fail {
            Some(e) => Err(e.clone()),
            None => {
                self.completions.push(record.clone());
                Ok(())
            }
        }
    }
    fn step(&mut self, _: &App, pending: Option<&CompletionRecord>) {
        self.pending = pending.cloned();
    }
}

/// A sink shared with another thread: the local host's signal watcher saves the pending exam
/// record through it when the session cannot end by itself. Every call holds the lock, so the
/// watcher never saves beside a save under way.
pub struct Shared<S>(pub Arc<Mutex<S>>);

impl<S> Shared<S> {
    pub fn new(sink: S) -> Shared<S> {
        Shared(Arc::new(Mutex::new(sink)))
    }

    /// The sink itself, even if a thread panicked while holding it (a sink holds no invariant
    /// a panic could break halfway that matters more than saving the record).
    pub fn lock(&self) -> MutexGuard<'_, S> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<S> Clone for Shared<S> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<S: Sink> Sink for Shared<S> {
    fn batch(&mut self, work: &mut dyn FnMut(&mut dyn Sink)) {
        let mut guard = self.lock();
        work(&mut *guard);
    }
    fn as_dyn(&mut self) -> &mut dyn Sink {
        self
    }
    fn answer(&mut self, record: &AnswerRecord) -> Result<(), String> {
        self.lock().answer(record)
    }
    fn completion(&mut self, record: &CompletionRecord) -> Result<(), String> {
        self.lock().completion(record)
    }
    fn step(&mut self, app: &App, pending: Option<&CompletionRecord>) {
        self.lock().step(app, pending);
    }
}

impl<S: Sink + ?Sized> Sink for Box<S> {
    fn batch(&mut self, work: &mut dyn FnMut(&mut dyn Sink)) {
        (**self).batch(work);
    }
    fn as_dyn(&mut self) -> &mut dyn Sink {
        self
    }
    fn answer(&mut self, record: &AnswerRecord) -> Result<(), String> {
        (**self).answer(record)
    }
    fn completion(&mut self, record: &CompletionRecord) -> Result<(), String> {
        (**self).completion(record)
    }
    fn step(&mut self, app: &App, pending: Option<&CompletionRecord>) {
        (**self).step(app, pending);
    }
}
