//! Saved progress: every answer appended as one JSON line to the learner's file,
//! `<data dir>/profiles/<profile>/answers.jsonl`.
//!
//! The file is append-only JSON Lines (see `jsonl`): two trainers running at once lose
//! nothing, a crash loses at most the answer being written, and a file with unreadable lines is
//! kept aside as `answers.jsonl.corrupt-<time>`, never silently overwritten.

use std::fs;

use std::path::{Path, PathBuf};

use super::StoreError;
use super::jsonl::{JsonlFile, io_err};
use crate::learning::record::{AnswerRecord, AnswerView};
use crate::learning::summary::Summary;

/// The login name, for the default profile.
pub fn default_profile() -> String {
    let name = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_default();
    if valid_profile(&name) { name } else { "default".to_string() }
}

pub fn valid_profile(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && name != "."
        && name != ".."
}

/// One learner's progress file.
#[derive(Debug, Clone)]
pub struct ProgressStore {
    path: PathBuf,
}

/// What opening found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub history: Vec<AnswerRecord>,
    /// Something the learner should be told (unreadable lines, where the original was kept).
    pub notice: Option<crate::i18n::Phrase>,
}

/// What opening found, as the trainer and `stats` hold it: the summary, never the records.
#[derive(Debug, Default)]
pub struct LoadedSummary {
    pub summary: Summary,
    /// As in [`Loaded`].
    pub notice: Option<crate::i18n::Phrase>,
}

impl ProgressStore {
    /// The store of `profile` under `data_dir`; the folder is created if needed.
    pub fn open(data_dir: &Path, profile: &str) -> Result<ProgressStore, StoreError> {
        if !valid_profile(profile) {
            return Err(StoreError::BadProfile(profile.to_string()));
        }
        let dir = data_dir.join("profiles").join(profile);
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        Ok(ProgressStore { path: dir.join("answers.jsonl") })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads every answer. Unreadable lines set the original aside and keep the rest.
    pub fn load(&self) -> Result<Loaded, StoreError> {
        let loaded = self.file().load::<AnswerRecord>()?;
        let notice = loaded.notice(crate::i18n::key("store.progress_file"));
        Ok(Loaded { history: loaded.items, notice })
    }

    /// Streams every answer into a [`Summary`], one line at a time: memory grows with the
    /// scenarios and rounds, not the answers. Unreadable lines are set aside as by `load`.
    pub fn load_summary(&self) -> Result<LoadedSummary, StoreError> {
        let mut summary = Summary::default();
        let loaded = self.file().fold::<AnswerRecord>(|line| match serde_json::from_str::<AnswerView>(line) {
            Ok(answer) => {
                summary.add(&answer);
                true
            }
            Err(_) => false,
        })?;
        let notice = loaded.notice(crate::i18n::key("store.progress_file"));
        Ok(LoadedSummary { summary, notice })
    }

    /// Appends one answer as one line, written in a single call and synced. If the file ends in
    /// a torn line (a writer killed mid-write), a line break first keeps this answer whole.
    pub fn append(&self, record: &AnswerRecord) -> Result<(), StoreError> {
        self.file().append(record)
    }

    fn file(&self) -> JsonlFile {
        JsonlFile::new(self.path.clone())
    }
}

#[cfg(test)]
#[path = "progress_tests.rs"]
mod tests;
