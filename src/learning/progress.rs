//! Saved progress: every answer appended as one JSON line to the learner's file,
//! `<data dir>/profiles/<profile>/answers.jsonl`.
//!
//! Why append-only: a line is written with one `write` on a file opened for appending, then
//! synced, so two trainers running at once interleave whole lines and lose nothing, and a crash
//! (even `kill -9`) can at worst leave the one answer being written half done. A file with
//! unreadable lines is never silently overwritten: the original is kept beside it as
//! `answers.jsonl.corrupt-<time>`, and the readable lines are written back atomically
//! (temporary file, sync, rename).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::record::AnswerRecord;

#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    #[error("profile name `{0}` may use only letters, digits, '.', '_' and '-' (1 to 64 of them)")]
    BadProfile(String),
    #[error("no data folder is known for this system; give one with --data-dir")]
    NoDataDir,
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> ProgressError + '_ {
    move |source| ProgressError::Io { path: path.to_path_buf(), source }
}

/// The platform's data folder for smishdrill (XDG_DATA_HOME/smishdrill on Linux).
pub fn default_data_dir() -> Result<PathBuf, ProgressError> {
    directories::ProjectDirs::from("", "", "smishdrill")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or(ProgressError::NoDataDir)
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
    pub notice: Option<String>,
}

impl ProgressStore {
    /// The store of `profile` under `data_dir`; the folder is created if needed.
    pub fn open(data_dir: &Path, profile: &str) -> Result<ProgressStore, ProgressError> {
        if !valid_profile(profile) {
            return Err(ProgressError::BadProfile(profile.to_string()));
        }
        let dir = data_dir.join("profiles").join(profile);
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        Ok(ProgressStore { path: dir.join("answers.jsonl") })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads every answer. Unreadable lines set the original aside and keep the rest.
    pub fn load(&self) -> Result<Loaded, ProgressError> {
        // Only a regular file is read: a link to a device (say /dev/zero) would never end.
        match fs::metadata(&self.path) {
            Ok(m) if !m.is_file() => {
                let e = io::Error::new(io::ErrorKind::InvalidInput, "not a regular file");
                return Err(io_err(&self.path)(e));
            }
            _ => {}
        }
        let bytes = match fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Loaded::default()),
            Err(e) => return Err(io_err(&self.path)(e)),
        };
        let text = String::from_utf8_lossy(&bytes);
        let mut history = Vec::new();
        let mut bad = 0;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            match serde_json::from_str::<AnswerRecord>(line) {
                Ok(r) => history.push(r),
                Err(_) => bad += 1,
            }
        }
        if bad == 0 {
            return Ok(Loaded { history, notice: None });
        }
        let kept = self.set_aside()?;
        self.rewrite(&history)?;
        let notice = format!(
            "{bad} unreadable line(s) in your progress file were left out; the original file was kept as {}",
            kept.display()
        );
        Ok(Loaded { history, notice: Some(notice) })
    }

    /// Copies the file to `answers.jsonl.corrupt-<seconds>` (a new name each time).
    fn set_aside(&self) -> Result<PathBuf, ProgressError> {
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let mut n = 0;
        loop {
            let suffix = if n == 0 { format!("corrupt-{stamp}") } else { format!("corrupt-{stamp}-{n}") };
            let target = self.path.with_extension(format!("jsonl.{suffix}"));
            if !target.exists() {
                fs::copy(&self.path, &target).map_err(io_err(&target))?;
                return Ok(target);
            }
            n += 1;
        }
    }

    /// Replaces the file with `history`, atomically: a reader sees the old or the new file.
    fn rewrite(&self, history: &[AnswerRecord]) -> Result<(), ProgressError> {
        let tmp = self.path.with_extension(format!("jsonl.tmp-{}", std::process::id()));
        let mut out = String::new();
        for r in history {
            out.push_str(&serde_json::to_string(r).expect("records serialise"));
            out.push('\n');
        }
        let mut file = File::create(&tmp).map_err(io_err(&tmp))?;
        file.write_all(out.as_bytes()).map_err(io_err(&tmp))?;
        file.sync_all().map_err(io_err(&tmp))?;
        fs::rename(&tmp, &self.path).map_err(io_err(&self.path))?;
        if let Some(dir) = self.path.parent() {
            // Make the rename itself durable; not all systems can sync a folder.
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    }

    /// Appends one answer as one line, written in a single call and synced. If the file ends in
    /// a torn line (a writer killed mid-write), a line break first keeps this answer whole.
    pub fn append(&self, record: &AnswerRecord) -> Result<(), ProgressError> {
        let mut line = serde_json::to_string(record).expect("records serialise");
        line.push('\n');
        let mut file =
            OpenOptions::new().create(true).append(true).read(true).open(&self.path).map_err(io_err(&self.path))?;
        if ends_torn(&mut file) {
            line.insert(0, '\n');
        }
        file.write_all(line.as_bytes()).map_err(io_err(&self.path))?;
        file.sync_data().map_err(io_err(&self.path))
    }
}

/// Whether the file's last byte is something other than a line break.
fn ends_torn(file: &mut File) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let mut last = [0u8; 1];
    file.seek(SeekFrom::End(-1)).is_ok() && file.read_exact(&mut last).is_ok() && last[0] != b'\n'
}

#[cfg(test)]
#[path = "progress_tests.rs"]
mod tests;
