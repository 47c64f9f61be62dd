//! Which format a file in a scenario folder holds, from its path: the one test that decides
//! whether `corpus` reads a file as a scenario, a deck or part of a course.

use std::path::Path;

/// The name of a course's main file.
pub const COURSE_FILE: &str = "course.toml";

/// What a file in a scenario folder is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Scenario,
    /// A deck: a `*.deck.toml` file, or any file in a folder named `decks`.
    Deck,
    /// A course's `course.toml`.
    Course,
}

impl FileKind {
    pub fn of(path: &Path) -> FileKind {
        let in_decks = path.parent().and_then(Path::file_name).is_some_and(|n| n == "decks");
        let name = path.file_name();
        // The name's bytes, not a lossy copy of it: an ASCII suffix reads the same either way.
        let named = name.is_some_and(|n| n.as_encoded_bytes().ends_with(b".deck.toml"));
        if in_decks || named {
            FileKind::Deck
        } else if name.is_some_and(|n| n == COURSE_FILE) {
            FileKind::Course
        } else {
            FileKind::Scenario
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decks_courses_and_scenarios_are_told_apart_by_path() {
        assert_eq!(FileKind::of(Path::new("s/decks/a.toml")), FileKind::Deck);
        assert_eq!(FileKind::of(Path::new("s/x.deck.toml")), FileKind::Deck);
        assert_eq!(FileKind::of(Path::new("c/course.toml")), FileKind::Course);
        assert_eq!(FileKind::of(Path::new("s/toll/e-zpass.toml")), FileKind::Scenario);
    }
}
