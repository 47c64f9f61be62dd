//! Reading a file that anyone may have named: the one bounded reader behind scenarios, decks,
//! courses, lessons and exported record files.
//!
//! A path can name something that is not a file at all — `/dev/zero` or `/dev/urandom` never end,
//! a named pipe (FIFO) blocks until someone writes, a symlink can point at either — and the size
//! in a file's metadata says nothing for those (it is 0). So the reader
//!
//! 1. refuses anything that is not a regular file after following symlinks (checked on the path,
//!    and again on the opened file, so a swap in between is caught),
//! 2. opens without blocking (`O_NONBLOCK` on Unix: opening a FIFO would otherwise wait for a
//!    writer), and
//! 3. reads at most `limit + 1` bytes with [`Read::take`], whatever the metadata claims; one byte
//!    more than the limit means "too large".
//!
//! Peak memory is therefore bounded by construction: at most `limit + 1` bytes are ever held for
//! one file (plus the text made from them), and files are read one at a time.

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;

use super::{Location, Problem, SourceMap, Unreadable};

/// Largest scenario, deck, course or lesson file read: far above any real one (the biggest
/// built-in scenario is a few KiB), small enough that a stray log file cannot stall loading.
pub const MAX_TEXT_BYTES: u64 = 1024 * 1024;

/// Largest exported record file `report --merge` reads: a company's export of 100 000 attempts
/// is about 240 MB, so the bound sits well above that.
pub const MAX_RECORDS_BYTES: u64 = 1024 * 1024 * 1024;

/// Largest data file (answers.jsonl, completions.jsonl) read: about 750 000 answers, decades of
/// a busy kiosk's use; a larger one is refused rather than read without bound. The bound is
/// there for files that never end (a device, a file growing as it is read), not to cut real
/// histories short: a 100 000-answer history is about 33 MB.
pub const MAX_DATA_BYTES: u64 = 256 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] io::Error),
    /// Not a regular file: what it is instead ("a folder", "a named pipe (FIFO)", "a device").
    #[error("{0}, not a regular file")]
    NotRegular(&'static str),
    #[error("larger than the {limit}-byte limit for {what}")]
    TooLarge { limit: u64, what: &'static str },
}

/// For readers that speak `io::Error` (the data files): the kind is kept for a missing file.
impl From<ReadError> for io::Error {
    fn from(e: ReadError) -> io::Error {
        match e {
            ReadError::Io(e) => e,
            ReadError::NotRegular(_) => io::Error::new(io::ErrorKind::InvalidInput, e.to_string()),
            ReadError::TooLarge { .. } => io::Error::new(io::ErrorKind::InvalidData, e.to_string()),
        }
    }
}

/// What a non-regular file is, in words.
pub fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// The regular file at `path` (symlinks followed), opened without blocking, and refused as
/// too large when its length is over `limit` — for a reader that streams it. The caller still
/// reads at most `limit + 1` bytes ([`Read::take`]): the file may grow while it is read.
pub fn open_regular(path: &Path, limit: u64, what: &'static str) -> Result<File, ReadError> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    let file = open_without_blocking(path)?;
    let opened = file.metadata()?;
    if !opened.is_file() {
        return Err(ReadError::NotRegular(kind_of(&opened)));
    }
    // A regular file's length is known: refuse a long one before reading a byte of it.
    if opened.len() > limit {
        return Err(ReadError::TooLarge { limit, what });
    }
    Ok(file)
}

/// The bytes of the regular file at `path` (symlinks followed), at most `limit` of them.
/// `what` names the kind of file in the "too large" message ("a scenario").
pub fn read_bounded(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path, limit, what)?;
    let len = file.metadata()?.len();
    // The bounded read guards a file that grows while it is read.
    let mut bytes = Vec::with_capacity(len.min(limit) as usize + 1);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit, what });
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// A text file (scenario, deck, course, lesson) as UTF-8, at most [`MAX_TEXT_BYTES`], or a
/// problem at its first character — or at the first byte that is not UTF-8 — saying why it
/// cannot be used. `what` names the kind of file ("a scenario").
pub fn read_text(path: &Path, what: &'static str) -> Result<String, Problem<Unreadable>> {
    // The path is spelt out only for a problem (not for each of thousands of files read).
    let bytes = read_bounded(path, MAX_TEXT_BYTES, what).map_err(|e| Problem {
        at: Location { path: path.display().to_string(), line: 1, col: 1 },
        kind: Unreadable(e.to_string()),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let shown = path.display().to_string();
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        let at = SourceMap::new(&shown, &text).locate(text.len());
        Problem { at, kind: Unreadable("not valid UTF-8 text".to_string()) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("smishdrill-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_file_over_the_limit_is_refused_by_what_was_read_not_its_metadata() {
        let d = dir("limit");
        fs::write(d.join("a.toml"), b"12345").unwrap();
        assert_eq!(read_bounded(&d.join("a.toml"), 5, "x").unwrap(), b"12345");
        let err = read_bounded(&d.join("a.toml"), 4, "a scenario").unwrap_err();
        assert_eq!(err.to_string(), "larger than the 4-byte limit for a scenario");
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    #[cfg(unix)]
    fn devices_pipes_folders_and_links_to_them_are_refused_at_once() {
        let d = dir("special");
        std::os::unix::fs::symlink("/dev/zero", d.join("zero.toml")).unwrap();
        let fifo = d.join("fifo.toml");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        fs::create_dir(d.join("x.toml")).unwrap();
        for (path, kind) in [
            (Path::new("/dev/zero"), "a device"),
            (Path::new("/dev/urandom"), "a device"),
            (&d.join("zero.toml"), "a device"),
            (&fifo, "a named pipe (FIFO)"),
            (&d.join("x.toml"), "a folder"),
        ] {
            let err = read_text(path, "a deck").unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("{}:1:1: cannot read file: {kind}, not a regular file", path.display())
            );
        }
        fs::remove_dir_all(&d).unwrap();
    }
}
