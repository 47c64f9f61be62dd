//! The one error type of the stores: what went wrong, with the file it went wrong on.

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("profile name `{0}` may use only letters, digits, '.', '_' and '-' (1 to 64 of them)")]
    BadProfile(String),
    #[error("no data folder is known for this system; give one with --data-dir")]
    NoDataDir,
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// The platform's data folder for smishdrill (XDG_DATA_HOME/smishdrill on Linux).
pub fn default_data_dir() -> Result<PathBuf, StoreError> {
    directories::ProjectDirs::from("", "", "smishdrill")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or(StoreError::NoDataDir)
}
