//! Where exam records are kept: one machine-wide file, `<data dir>/completions.jsonl`, holding
//! every learner's attempts. One file rather than one per profile because an exam is often
//! taken on a shared machine (a company kiosk: many new hires, one login), and the instructor
//! wants one place to report from. The file is append-only JSON Lines (see `jsonl`), so
//! attempts ending at once lose nothing and a damaged file is kept aside, never overwritten.

use std::fs;
use std::path::Path;

use super::StoreError;
use super::jsonl::{JsonlFile, io_err};
use crate::learning::completion::CompletionRecord;

/// The file name under the data folder.
pub const COMPLETIONS_FILE: &str = "completions.jsonl";

/// The machine's exam records.
#[derive(Debug, Clone)]
pub struct CompletionStore {
    file: JsonlFile,
}

/// What loading found.
#[derive(Debug, Default)]
pub struct LoadedRecords {
    /// In the order they were written.
    pub records: Vec<CompletionRecord>,
    /// Something to tell the user (unreadable lines, where the original was kept).
    pub notice: Option<crate::i18n::Phrase>,
}

impl CompletionStore {
    /// The store under `data_dir`; the folder is created if needed.
    pub fn open(data_dir: &Path) -> Result<CompletionStore, StoreError> {
        fs::create_dir_all(data_dir).map_err(io_err(data_dir))?;
        Ok(CompletionStore { file: JsonlFile::new(data_dir.join(COMPLETIONS_FILE)) })
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// Appends one attempt as one synced line.
    pub fn append(&self, record: &CompletionRecord) -> Result<(), StoreError> {
        self.file.append(record)
    }

    /// Reads every attempt. Unreadable lines set the original aside and keep the rest.
    pub fn load(&self) -> Result<LoadedRecords, StoreError> {
        let loaded = self.file.load::<CompletionRecord>()?;
        let notice = loaded.notice(crate::i18n::key("store.exam_records"));
        Ok(LoadedRecords { records: loaded.items, notice })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning::completion::{AttemptInfo, ItemResult};
    use std::path::PathBuf;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("smishdrill-completions-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn record(learner: &str, started: u64) -> CompletionRecord {
        let info = AttemptInfo {
            learner: learner.into(),
            mode: "exam".into(),
            deck: "quick".into(),
            deck_title: "Quick".into(),
            deck_checksum: "sha256:00".into(),
            pass_mark: 50,
            started,
            finished: started + 60,
            seed: 1,
        };
        let item = ItemResult {
            scenario: "toll-a".into(),
            title: "Toll".into(),
            category: "toll".into(),
            truth: "scam".into(),
            said: Some("scam".into()),
            correct: true,
            confidence: None,
            seconds: 60,
            timed_out: false,
        };
        CompletionRecord::build(info, vec![item], true)
    }

    #[test]
    fn every_learner_shares_one_file_under_the_data_folder() {
        let dir = temp_dir("shared");
        let store = CompletionStore::open(&dir.join("nested")).unwrap();
        assert_eq!(store.path(), dir.join("nested").join("completions.jsonl"));
        assert!(store.load().unwrap().records.is_empty());
        store.append(&record("ada", 10)).unwrap();
        CompletionStore::open(&dir.join("nested")).unwrap().append(&record("ben", 20)).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.records, [record("ada", 10), record("ben", 20)]);
        assert!(loaded.notice.is_none());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_damaged_file_is_kept_aside_and_named_in_the_notice() {
        let dir = temp_dir("damaged");
        let store = CompletionStore::open(&dir).unwrap();
        store.append(&record("ada", 10)).unwrap();
        let mut text = fs::read_to_string(store.path()).unwrap();
        text.push_str("{\"learner\": \"half");
        fs::write(store.path(), &text).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.records, [record("ada", 10)]);
        let notice = loaded.notice.unwrap().say(&crate::i18n::Locale::english());
        assert!(notice.starts_with("1 unreadable line in the exam records"), "{notice}");
        assert!(notice.contains("completions.jsonl.corrupt-"), "{notice}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_unusable_folder_is_a_clear_error() {
        let err = CompletionStore::open(Path::new("/proc/smishdrill-cannot-exist")).unwrap_err();
        assert!(err.to_string().starts_with("/proc/smishdrill-cannot-exist:"), "{err}");
    }
}
