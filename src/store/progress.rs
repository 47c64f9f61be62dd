//! Saved progress: every answer appended as one JSON line to the learner's file,
//! `<data dir>/profiles/<profile>/answers.jsonl`.
//!
//! The file is append-only JSON Lines (see `jsonl`): two trainers running at once lose
//! nothing, a crash loses at most the answer being written, and a file with unreadable lines is
//! kept aside as `answers.jsonl.corrupt-<time>`, never silently overwritten.

use std::cell::RefCell;
use std::fs;

use std::path::{Path, PathBuf};

use super::StoreError;
use super::jsonl::{JsonlFile, io_err, par};
use crate::learning::record::AnswerRecord;
#[cfg(test)]
use crate::learning::record::AnswerView;
use crate::learning::summary::{FORMAT, Summary};

/// The summary is cached once reading the log took this many lines: below it, reading them is
/// as quick as reading a cache.
const CACHE_AFTER: usize = 1_000;

/// A cache larger than this is not read (it would be a strange one: 100 000 answers make ~1 MB).
const CACHE_LIMIT: u64 = 64 * 1024 * 1024;

/// What `answers.summary.json` holds.
#[derive(serde::Deserialize)]
struct Cache {
    format: u32,
    resume: super::jsonl::Resume,
    summary: Summary,
}

/// The same, borrowed, to be written.
#[derive(serde::Serialize)]
struct CacheOut<'a> {
    format: u32,
    resume: &'a super::jsonl::Resume,
    summary: &'a Summary,
}

/// One line of the log as an answer: the quick parser for the trainer's own form, the careful
/// one (serde_json) for anything else, so a line reads to what it always did. (The reading
/// threads read a line the same way, into their own form: `answer_window`.)
#[cfg(test)]
fn read_answer(line: &str) -> Option<AnswerView<'_>> {
    super::answer_line::quick(line).or_else(|| serde_json::from_str(line).ok())
}

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
    /// The summary cache being written, when [`ProgressStore::load_summary_then_cache`] left
    /// it to a thread: keep this until done (dropping it waits for the write).
    pub cache: CacheWrite,
}

/// The summary cache being written on a thread of its own, so the trainer's first start with
/// a long history draws its first frame without waiting for it (serialising ~1 MB of summary
/// was a twentieth of that start). Dropping this waits for the write to end, so the cache is
/// there once the trainer is done. If the process is killed first, nothing is lost: the cache
/// is only a cache (the log is read again next time), and it is written to a temporary file
/// renamed into place, so a half-written one is never read.
#[derive(Debug, Default)]
pub struct CacheWrite(Option<std::thread::JoinHandle<()>>);

impl Drop for CacheWrite {
    fn drop(&mut self) {
        if let Some(writing) = self.0.take() {
            let _ = writing.join();
        }
    }
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
    ///
    /// The summary is also kept beside the log (`answers.summary.json`, a cache: deleting it
    /// loses nothing), with where in the log it stopped; next time only the answers after that
    /// are read, when the log is still the same file ending there as it did. A cache that does
    /// not fit (another shape, another file, unreadable) is ignored and the whole log read.
    pub fn load_summary(&self) -> Result<LoadedSummary, StoreError> {
        self.load_summary_split(par::Split::machine(), false)
    }

    /// [`ProgressStore::load_summary`], the summary cache (when one is to be written) written
    /// on a thread while the caller goes on: the trainer's start, which then draws its first
    /// frame. Keep the result's `cache` until the session ends.
    pub fn load_summary_then_cache(&self) -> Result<LoadedSummary, StoreError> {
        self.load_summary_split(par::Split::machine(), true)
    }

    /// [`ProgressStore::load_summary`] with the log's lines parsed on reading threads as
    /// `split` says (`store::answer_window`), folded here in order (the tests cut windows
    /// everywhere).
    fn load_summary_split(&self, split: par::Split, later: bool) -> Result<LoadedSummary, StoreError> {
        self.load_summary_with(later, |file, resume, restart, summary| {
            let fold = |window: &str, read: &_| super::answer_window::fold(&mut summary.borrow_mut(), window, read);
            file.fold_windows::<AnswerRecord, _>(resume, restart, split, &super::answer_window::Answers, fold)
        })
    }

    /// [`ProgressStore::load_summary`] reading each line with `read` on this thread (the
    /// tests hold the quick reader beside serde_json alone, and this beside the reading
    /// threads).
    #[cfg(test)]
    fn load_summary_by(&self, read: fn(&str) -> Option<AnswerView<'_>>) -> Result<LoadedSummary, StoreError> {
        self.load_summary_with(false, |file, resume, restart, summary| {
            file.fold::<AnswerRecord>(resume, restart, |line| match read(line) {
                Some(answer) => {
                    summary.borrow_mut().add(&answer);
                    true
                }
                None => false,
            })
        })
    }

    /// The cache, the fold `fold` does from its resume point into the summary, the cache
    /// written again: what every way of reading the log shares.
    fn load_summary_with(
        &self,
        later: bool,
        fold: impl FnOnce(
            &JsonlFile,
            Option<&super::jsonl::Resume>,
            &mut dyn FnMut(),
            &RefCell<Summary>,
        ) -> Result<super::jsonl::Folded<AnswerRecord>, StoreError>,
    ) -> Result<LoadedSummary, StoreError> {
        let cached = self.read_cache();
        let (summary, resume) = match cached {
            Some(c) => (c.summary, Some(c.resume)),
            None => (Summary::default(), None),
        };
        // The fold reaches the summary twice: to start it over, and to add to it.
        let summary = RefCell::new(summary);
        let folded = fold(&self.file(), resume.as_ref(), &mut || *summary.borrow_mut() = Summary::default(), &summary)?;
        let summary = summary.into_inner();
        let mut cache = CacheWrite::default();
        if let Some(resume) = folded.resume.filter(|_| folded.lines >= CACHE_AFTER) {
            let now = |summary: &Summary| self.write_cache(&CacheOut { format: FORMAT, resume: &resume, summary });
            if later {
                let (store, copy, at) = (self.clone(), summary.clone(), resume.clone());
                let write = move || store.write_cache(&CacheOut { format: FORMAT, resume: &at, summary: &copy });
                match std::thread::Builder::new().name("summary cache".into()).spawn(write) {
                    Ok(writing) => cache.0 = Some(writing),
                    Err(_) => now(&summary),
                }
            } else {
                now(&summary);
            }
        }
        let notice = folded.loaded.notice(crate::i18n::key("store.progress_file"));
        Ok(LoadedSummary { summary, notice, cache })
    }

    /// The cache beside the log, if there is one of this shape.
    fn read_cache(&self) -> Option<Cache> {
        use std::io::Read;
        let file = fs::File::open(self.cache_path()).ok()?;
        let mut bytes = Vec::new();
        file.take(CACHE_LIMIT).read_to_end(&mut bytes).ok()?;
        let cache: Cache = serde_json::from_slice(&bytes).ok()?;
        (cache.format == FORMAT && cache.summary.is_consistent()).then_some(cache)
    }

    /// Writes the cache beside the log (a new file renamed over the old, with the log's mode:
    /// it says as much as the log). Failing to is not an error: the log is read next time.
    fn write_cache(&self, cache: &CacheOut<'_>) {
        let Ok(meta) = fs::metadata(&self.path) else { return };
        let Ok(text) = serde_json::to_vec(cache) else { return };
        let target = self.cache_path();
        let tmp = target.with_extension(format!("json.tmp-{}", std::process::id()));
        let _ = fs::remove_file(&tmp);
        let written = super::jsonl::create_like(&tmp, &meta).and_then(|mut f| std::io::Write::write_all(&mut f, &text));
        if written.is_err() || fs::rename(&tmp, &target).is_err() {
            let _ = fs::remove_file(&tmp);
        }
    }

    fn cache_path(&self) -> PathBuf {
        self.path.with_file_name("answers.summary.json")
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

#[cfg(test)]
#[path = "progress_quick_tests.rs"]
mod quick_tests;
