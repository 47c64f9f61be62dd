//! Append-only JSON Lines files, shared by saved progress (`answers.jsonl`) and exam records
//! (`completions.jsonl`).
//!
//! Why append-only: a line is written with one `write` on a file opened for appending, then
//! synced, so two writers at once interleave whole lines and lose nothing, and a crash (even
//! `kill -9`) can at worst leave the one line being written half done. A file with unreadable
//! lines is never silently overwritten: the original is kept beside it as
//! `<file>.corrupt-<time>`, and the readable lines are written back atomically (temporary
//! file, sync, rename).

use crate::i18n::Phrase;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;

#[path = "jsonl_fold.rs"]
mod fold;
use fold::fold_text;
pub(crate) use fold::par;
pub use fold::{Folded, Resume};

pub(crate) fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io { path: path.to_path_buf(), source }
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
    /// Why the damaged file could not be set aside (it was left as it was), when `bad > 0`
    /// and `kept` is `None`.
    pub unrepaired: Option<String>,
}

impl<T> LoadedLines<T> {
    /// What to tell the user about unreadable lines in `what` (the catalogue key of "your
    /// progress file"), if any: a phrase, worded in the user's language where it is shown.
    pub fn notice(&self, what: &'static str) -> Option<Phrase> {
        let said = |key| Phrase::new(key).with("count", self.bad).with("what", Phrase::new(what));
        match (&self.kept, &self.unrepaired) {
            _ if self.bad == 0 => None,
            (Some(kept), _) => {
                Some(said(crate::i18n::key("store.unreadable_kept")).with("kept", kept.display().to_string()))
            }
            (None, Some(why)) => Some(said(crate::i18n::key("store.unreadable_left")).with("why", why.as_str())),
            (None, None) => {
                Some(said(crate::i18n::key("store.unreadable_left")).with("why", Phrase::new("store.not_set_aside")))
            }
        }
    }
}

impl<T> Default for LoadedLines<T> {
    fn default() -> Self {
        LoadedLines { items: Vec::new(), bad: 0, kept: None, unrepaired: None }
    }
}

/// How many times a damaged file is read again when it changed while being set aside.
const REPAIR_TRIES: usize = 5;

/// Creates a new file (never an existing one) with `meta`'s permission bits and, where the
/// system allows (root repairing someone's file), its owner and group. It is created private
/// (0600) and only then given the original's mode, so it is never readable by more people
/// than the original, not even for an instant.
pub(crate) fn create_like(path: &Path, meta: &fs::Metadata) -> io::Result<File> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
    let file = OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    // Owner first: chown clears set-id bits, and a failure (not root) is expected and fine,
    // since a file we create is ours already, as the original then was.
    let _ = std::os::unix::fs::fchown(&file, Some(meta.uid()), Some(meta.gid()));
    file.set_permissions(fs::Permissions::from_mode(meta.mode() & 0o777))?;
    Ok(file)
}

/// Whether two metadata describe the same file (device and inode).
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

impl JsonlFile {
    pub fn new(path: PathBuf) -> JsonlFile {
        JsonlFile { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads every line. Unreadable lines set the original aside and keep the rest; a missing
    /// file is empty. When the damaged file cannot be set aside (it keeps changing under
    /// continuous appends, or the disk is full) the readable lines are still returned and the
    /// file is left exactly as it was (`kept` is `None`, `unrepaired` says why): a trainer
    /// starting then still saves its answers, and the repair is tried again next time.
    pub fn load<T: DeserializeOwned + Serialize>(&self) -> Result<LoadedLines<T>, StoreError> {
        // The common case, a file with no damaged line, is read as a stream: a 100 000-answer
        // history is never held as one 30 MB buffer beside its records.
        match self.stream()? {
            None => return Ok(LoadedLines::default()),
            Some((items, 0)) => return Ok(LoadedLines { items, bad: 0, kept: None, unrepaired: None }),
            Some(_) => {}
        }
        let mut last = LoadedLines::default();
        // A writer may append while damaged lines are being set aside; if the file grew, the
        // rewrite would drop that line, so it starts over (a few times, then gives up).
        for _ in 0..REPAIR_TRIES {
            let Some((file, bytes)) = self.read_all()? else { return Ok(LoadedLines::default()) };
            let (items, bad) = parse_lines(&bytes[..]).map_err(io_err(&self.path))?;
            if bad == 0 {
                return Ok(LoadedLines { items, bad, kept: None, unrepaired: None });
            }
            match self.replace_if_unchanged(&file, &bytes, &items) {
                Ok(Some(kept)) => return Ok(LoadedLines { items, bad, kept: Some(kept), unrepaired: None }),
                Ok(None) => {
                    let why = "the file kept changing while its unreadable lines were being set aside".to_string();
                    last = LoadedLines { items, bad, kept: None, unrepaired: Some(why) };
                }
                Err(e) => return Ok(LoadedLines { items, bad, kept: None, unrepaired: Some(e.to_string()) }),
            }
        }
        Ok(last)
    }

    /// Every record of the file read as a stream, and how many lines could not be read;
    /// `None` when there is no file. Bounded like [`JsonlFile::read_all`].
    fn stream<T: DeserializeOwned>(&self) -> Result<Option<(Vec<T>, usize)>, StoreError> {
        use std::io::Read;
        let Some(file) = self.open_data()? else { return Ok(None) };
        let limit = crate::source::files::MAX_DATA_BYTES;
        let mut bounded = file.take(limit + 1);
        let parsed = parse_lines(&mut bounded).map_err(io_err(&self.path))?;
        if bounded.limit() == 0 {
            return Err(self.too_large());
        }
        Ok(Some(parsed))
    }

    /// The data file, open, if there is one; only a regular file within the size limit.
    fn open_data(&self) -> Result<Option<File>, StoreError> {
        let file = match File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(&self.path)(e)),
        };
        let meta = file.metadata().map_err(io_err(&self.path))?;
        if !meta.is_file() {
            let e = io::Error::new(io::ErrorKind::InvalidInput, "not a regular file");
            return Err(io_err(&self.path)(e));
        }
        if meta.len() > crate::source::files::MAX_DATA_BYTES {
            return Err(self.too_large());
        }
        Ok(Some(file))
    }

    fn too_large(&self) -> StoreError {
        let limit = crate::source::files::MAX_DATA_BYTES;
        let e =
            io::Error::new(io::ErrorKind::InvalidData, format!("larger than the {limit}-byte limit for a data file"));
        io_err(&self.path)(e)
    }

    /// The file, open, and all its bytes; `None` when there is no file. Only a regular file is
    /// read: a link to a device (say /dev/zero) would never end.
    fn read_all(&self) -> Result<Option<(File, Vec<u8>)>, StoreError> {
        use std::io::Read;
        let Some(mut file) = self.open_data()? else { return Ok(None) };
        // Bounded: a data file is never read past the limit (see `source::files`).
        let limit = crate::source::files::MAX_DATA_BYTES;
        let mut bytes = Vec::new();
        (&mut file).take(limit + 1).read_to_end(&mut bytes).map_err(io_err(&self.path))?;
        if bytes.len() as u64 > limit {
            return Err(self.too_large());
        }
        Ok(Some((file, bytes)))
    }

    /// Keeps the original (`bytes`, as read from `original`) aside and writes `items` in its
    /// place, unless the file changed since it was read (someone appended, or replaced it):
    /// then nothing changes and `None` says try again. Both new files get the original's mode
    /// and owner, so setting a file aside never widens access to it, and root repairing a
    /// learner's file leaves it the learner's.
    fn replace_if_unchanged<T: Serialize>(
        &self,
        original: &File,
        bytes: &[u8],
        items: &[T],
    ) -> Result<Option<PathBuf>, StoreError> {
        let meta = original.metadata().map_err(io_err(&self.path))?;
        let kept = self.set_aside(bytes, &meta)?;
        let tmp = match self.write_temporary(items, &meta) {
            Ok(tmp) => tmp,
            Err(e) => {
                let _ = fs::remove_file(&kept);
                return Err(e);
            }
        };
        let len = bytes.len() as u64;
        let unchanged = fs::metadata(&self.path).is_ok_and(|m| m.len() == len && same_file(&m, &meta));
        if !unchanged {
            let _ = fs::remove_file(&tmp);
            let _ = fs::remove_file(&kept);
            return Ok(None);
        }
        if let Err(e) = fs::rename(&tmp, &self.path) {
            let _ = fs::remove_file(&tmp);
            let _ = fs::remove_file(&kept);
            return Err(io_err(&self.path)(e));
        }
        // A writer that opened the old file just before the rename may have appended to it
        // since the check: carry those bytes over to the new file.
        self.carry_over(original, len);
        if let Some(dir) = self.path.parent() {
            // Make the rename itself durable; not all systems can sync a folder.
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(Some(kept))
    }

    /// Appends to the file whatever was written to `original` past `len`.
    fn carry_over(&self, original: &File, len: u64) {
        use std::io::{Read, Seek, SeekFrom};
        let mut original = original;
        let mut tail = Vec::new();
        let read = original.seek(SeekFrom::Start(len)).and_then(|_| original.read_to_end(&mut tail));
        if read.is_ok() && !tail.is_empty() {
            let appended = OpenOptions::new().append(true).open(&self.path).and_then(|mut f| {
                f.write_all(&tail)?;
                f.sync_data()
            });
            let _ = appended;
        }
    }

    /// Writes `bytes` to a new `<file>.corrupt-<seconds>` (a new name each time) with the
    /// original's mode and owner. If writing fails (a full disk) the partial copy is removed:
    /// an empty or cut-short copy would pass for the original.
    fn set_aside(&self, bytes: &[u8], meta: &fs::Metadata) -> Result<PathBuf, StoreError> {
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        for n in 0.. {
            let suffix = if n == 0 { format!("corrupt-{stamp}") } else { format!("corrupt-{stamp}-{n}") };
            let target = self.sibling(&suffix);
            let mut file = match create_like(&target, meta) {
                Ok(f) => f,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(io_err(&target)(e)),
            };
            if let Err(e) = file.write_all(bytes).and_then(|()| file.sync_all()) {
                drop(file);
                let _ = fs::remove_file(&target);
                return Err(io_err(&target)(e));
            }
            return Ok(target);
        }
        unreachable!("some suffix is free")
    }

    /// `<file>.<suffix>` beside the file (the whole name kept, extension and all).
    fn sibling(&self, suffix: &str) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".{suffix}"));
        self.path.with_file_name(name)
    }

    /// Writes `items` to a synced temporary file beside the file, for an atomic rename, with
    /// the original's mode and owner (`meta`).
    fn write_temporary<T: Serialize>(&self, items: &[T], meta: &fs::Metadata) -> Result<PathBuf, StoreError> {
        let tmp = self.sibling(&format!("tmp-{}", std::process::id()));
        let mut out = String::new();
        for r in items {
            out.push_str(&serde_json::to_string(r).expect("records serialise"));
            out.push('\n');
        }
        let _ = fs::remove_file(&tmp); // left by a crashed run of a process with this pid
        let mut file = create_like(&tmp, meta).map_err(io_err(&tmp))?;
        if let Err(e) = file.write_all(out.as_bytes()).and_then(|()| file.sync_all()) {
            drop(file);
            let _ = fs::remove_file(&tmp);
            return Err(io_err(&tmp)(e));
        }
        Ok(tmp)
    }

    /// Appends one item as one line, written in a single call and synced. If the file ends in
    /// a torn line (a writer killed mid-write), a line break first keeps this item whole.
    pub fn append<T: Serialize>(&self, item: &T) -> Result<(), StoreError> {
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

/// The records of a JSON Lines text, one line at a time, and how many non-blank lines could not
/// be read (bytes that are not UTF-8 count as unreadable there, as anywhere else in the line).
fn parse_lines<T: DeserializeOwned>(reader: impl io::Read) -> io::Result<(Vec<T>, usize)> {
    let mut items = Vec::new();
    let bad = fold_lines(reader, |r| items.push(r))?;
    Ok((items, bad))
}

/// Hands each readable record of a JSON Lines text to `each`, in order, and says how many
/// non-blank lines could not be read; only one line is held at a time.
fn fold_lines<T: DeserializeOwned>(reader: impl io::Read, mut each: impl FnMut(T)) -> io::Result<usize> {
    let text = fold_text(reader, |text| match serde_json::from_str::<T>(text) {
        Ok(r) => {
            each(r);
            true
        }
        Err(_) => false,
    })?;
    Ok(text.bad)
}

/// Whether the file's last byte is something other than a line break.
fn ends_torn(file: &mut File) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let mut last = [0u8; 1];
    file.seek(SeekFrom::End(-1)).is_ok() && file.read_exact(&mut last).is_ok() && last[0] != b'\n'
}

#[cfg(test)]
#[path = "jsonl_tests.rs"]
mod tests;
