//! Which files a path names: folders walked in name order, and every path that cannot be read
//! said why.

use std::fs;
use std::path::{Path, PathBuf};

use crate::scenario::{Location, Problem, ProblemKind};

/// Every file named in `paths`, and every `.toml` file in the folders named (recursively, in
/// name order), with a problem for each path that cannot be read. Scenario and deck files
/// alike: `check` sorts them.
pub fn files_under(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        collect_files(path, true, &mut files, &mut problems, 0);
    }
    (files, problems)
}

/// Deepest folder nesting followed; guards against pathological trees.
pub const MAX_DEPTH: usize = 32;

/// Adds `path` to `files` if it is a file to read, walks it if it is a folder, and otherwise
/// says why it is left out: nothing that was asked for, or that looks like a scenario (`.toml`),
/// is skipped in silence, so `check` never reports success on a file it did not read.
pub(super) fn collect_files(
    path: &Path,
    explicit: bool,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
    depth: usize,
) {
    // The place is spelt out only for a path refused (not for each of thousands of files read).
    let mut refuse = |why: String| {
        let at = Location { path: path.display().to_string(), line: 1, col: 1 };
        problems.push(Problem { at, kind: ProblemKind::Unreadable(why) });
    };
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            refuse(e.to_string());
            return;
        }
    };
    let named_toml = path.extension().is_some_and(|e| e == "toml");
    if meta.is_file() {
        if explicit || named_toml {
            files.push(path.to_path_buf());
        }
        return;
    }
    if !meta.is_dir() {
        // A named pipe, a device, a socket (or a link to one): reading would block or never end.
        if explicit || named_toml {
            refuse(format!("{}, not a regular file", crate::source::files::kind_of(&meta)));
        }
        return;
    }
    // Symlinked folders are not followed: a link loop would otherwise never end.
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && !explicit {
        return;
    }
    if named_toml && !explicit {
        refuse("a folder, not a regular file (a name ending in .toml is for a scenario, deck or course file)".into());
        return;
    }
    if depth > MAX_DEPTH {
        refuse(format!("folders nested deeper than {MAX_DEPTH} levels are not searched"));
        return;
    }
    let entries = match fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) => {
            refuse(e.to_string());
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    children.sort();
    for child in children {
        collect_files(&child, false, files, problems, depth + 1);
    }
}

/// Reads a scenario file as UTF-8 text, or explains why it cannot be used: the one bounded
/// reader ([`crate::source::files::read_text`]), shared with decks, courses and lessons.
pub(super) fn read_text(path: &Path) -> Result<String, Problem> {
    crate::source::files::read_text(path, "a scenario").map_err(Problem::from)
}
