//! Append-only JSON Lines files, shared by saved progress (`answers.jsonl`) and exam records
//! (`completions.jsonl`).
//!
//! Why append-only: a line is written with one `write` on a file opened for appending, then
//! synced, so two writers at once interleave whole lines and lose nothing, and a crash (even
//! `kill -9`) can at worst leave the one line being written half done. A file with unreadable
//! lines is never silently overwritten: the original is kept beside it as
//! `<file>.corrupt-<time>`, and the readable lines are written back atomically (temporary
//! file, sync, rename).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::progress::ProgressError;

pub(crate) fn io_err(path: &Path) -> impl FnOnce(io::Error) -> ProgressError + '_ {
    move |source| ProgressError::Io { path: path.to_path_buf(), source }
}

/// One JSON Lines file of `T`s.
#[derive(Debug, Clone)]
pub struct JsonlFile {
    path: PathBuf,
}

/// What loading found.
#[derive(Debug)]
pub struct LoadedLines<T> {
    pub items: Vec<T>,
    /// How many lines could not be read (and were left out).
    pub bad: usize,
    /// Where the original file was kept when `bad > 0`.
    pub kept: Option<PathBuf>,
}

impl<T> Default for LoadedLines<T> {
    fn default() -> Self {
        LoadedLines { items: Vec::new(), bad: 0, kept: None }
    }
}

impl JsonlFile {
    pub fn new(path: PathBuf) -> JsonlFile {
        JsonlFile { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads every line. Unreadable lines set the original aside and keep the rest; a missing
    /// file is empty.
    pub fn load<T: DeserializeOwned + Serialize>(&self) -> Result<LoadedLines<T>, ProgressError> {
        // Only a regular file is read: a link to a device (say /dev/zero) would never end.
        match fs::metadata(&self.path) {
            Ok(m) if !m.is_file() => {
                let e = io::Error::new(io::ErrorKind::InvalidInput, "not a regular file");
                return Err(io_err(&self.path)(e));
            }
            _ => {}
        }
        // A writer may append while damaged lines are being set aside; if the file grew, the
        // rewrite would drop that line, so it starts over (a few times, then gives up). What is
        // left is the instant between the length check and the rename (no portable file lock
        // on the supported Rust versions).
        for _ in 0..5 {
            let bytes = match crate::files::read_bounded(&self.path, crate::files::MAX_DATA_BYTES, "a data file")
                .map_err(io::Error::from)
            {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(LoadedLines::default()),
                Err(e) => return Err(io_err(&self.path)(e)),
            };
            let text = String::from_utf8_lossy(&bytes);
            let mut items = Vec::new();
            let mut bad = 0;
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                match serde_json::from_str::<T>(line) {
                    Ok(r) => items.push(r),
                    Err(_) => bad += 1,
                }
            }
            if bad == 0 {
                return Ok(LoadedLines { items, bad, kept: None });
            }
            if let Some(kept) = self.replace_if_unchanged(bytes.len(), &items)? {
                return Ok(LoadedLines { items, bad, kept: Some(kept) });
            }
        }
        let e = io::Error::other("the file kept changing while its unreadable lines were being set aside");
        Err(io_err(&self.path)(e))
    }

    /// Keeps the original aside and writes `items` in its place, unless the file is no longer
    /// `len` bytes long (someone appended): then nothing changes and `None` says try again.
    fn replace_if_unchanged<T: Serialize>(&self, len: usize, items: &[T]) -> Result<Option<PathBuf>, ProgressError> {
        let kept = self.set_aside()?;
        let tmp = self.write_temporary(items)?;
        let unchanged = fs::metadata(&self.path).is_ok_and(|m| m.len() == len as u64);
        if !unchanged {
            let _ = fs::remove_file(&tmp);
            let _ = fs::remove_file(&kept);
            return Ok(None);
        }
        fs::rename(&tmp, &self.path).map_err(io_err(&self.path))?;
        if let Some(dir) = self.path.parent() {
            // Make the rename itself durable; not all systems can sync a folder.
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(Some(kept))
    }

    /// Copies the file to `<file>.corrupt-<seconds>` (a new name each time).
    fn set_aside(&self) -> Result<PathBuf, ProgressError> {
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let mut n = 0;
        loop {
            let suffix = if n == 0 { format!("corrupt-{stamp}") } else { format!("corrupt-{stamp}-{n}") };
            let target = self.sibling(&suffix);
            if !target.exists() {
                fs::copy(&self.path, &target).map_err(io_err(&target))?;
                return Ok(target);
            }
            n += 1;
        }
    }

    /// `<file>.<suffix>` beside the file (the whole name kept, extension and all).
    fn sibling(&self, suffix: &str) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".{suffix}"));
        self.path.with_file_name(name)
    }

    /// Writes `items` to a synced temporary file beside the file, for an atomic rename.
    fn write_temporary<T: Serialize>(&self, items: &[T]) -> Result<PathBuf, ProgressError> {
        let tmp = self.sibling(&format!("tmp-{}", std::process::id()));
        let mut out = String::new();
        for r in items {
            out.push_str(&serde_json::to_string(r).expect("records serialise"));
            out.push('\n');
        }
        let mut file = File::create(&tmp).map_err(io_err(&tmp))?;
        file.write_all(out.as_bytes()).map_err(io_err(&tmp))?;
        file.sync_all().map_err(io_err(&tmp))?;
        Ok(tmp)
    }

    /// Appends one item as one line, written in a single call and synced. If the file ends in
    /// a torn line (a writer killed mid-write), a line break first keeps this item whole.
    pub fn append<T: Serialize>(&self, item: &T) -> Result<(), ProgressError> {
        let mut line = serde_json::to_string(item).expect("records serialise");
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
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Line {
        n: u32,
    }

    fn temp_file(name: &str) -> (PathBuf, JsonlFile) {
        let dir = std::env::temp_dir().join(format!("smishdrill-jsonl-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let file = JsonlFile::new(dir.join("things.jsonl"));
        (dir, file)
    }

    #[test]
    fn a_missing_file_is_empty_and_appends_come_back_in_order() {
        let (dir, file) = temp_file("order");
        let loaded = file.load::<Line>().unwrap();
        assert!(loaded.items.is_empty() && loaded.kept.is_none());
        for n in 0..3 {
            file.append(&Line { n }).unwrap();
        }
        let loaded = file.load::<Line>().unwrap();
        assert_eq!(loaded.items, [Line { n: 0 }, Line { n: 1 }, Line { n: 2 }]);
        assert_eq!(loaded.bad, 0);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn lines_of_another_shape_are_set_aside_under_the_full_file_name() {
        let (dir, file) = temp_file("shape");
        fs::write(file.path(), "{\"n\":1}\n{\"m\":2}\n\n{\"n\":3}\n").unwrap();
        let loaded = file.load::<Line>().unwrap();
        assert_eq!(loaded.items, [Line { n: 1 }, Line { n: 3 }]);
        assert_eq!(loaded.bad, 1);
        let kept = loaded.kept.unwrap();
        let name = kept.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("things.jsonl.corrupt-"), "{name}");
        assert_eq!(fs::read_to_string(file.path()).unwrap(), "{\"n\":1}\n{\"n\":3}\n");
        assert!(
            !fs::read_dir(&dir).unwrap().flatten().any(|e| e.file_name().to_string_lossy().contains(".tmp-")),
            "no temporary file is left behind"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_that_grew_since_it_was_read_is_not_replaced() {
        let (dir, file) = temp_file("grew");
        let text = "{\"n\":1}\nbad\n{\"n\":2}\n";
        fs::write(file.path(), text).unwrap();
        // Read when it was one byte shorter: an append happened since, so nothing changes.
        assert!(file.replace_if_unchanged(text.len() - 1, &[Line { n: 1 }]).unwrap().is_none());
        assert_eq!(fs::read_to_string(file.path()).unwrap(), text);
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no copy or temporary file is left behind");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_in_place_of_the_file_is_refused() {
        let (dir, file) = temp_file("folder");
        fs::create_dir(file.path()).unwrap();
        let err = file.load::<Line>().unwrap_err().to_string();
        assert!(err.contains("things.jsonl") && err.contains("not a regular file"), "{err}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
