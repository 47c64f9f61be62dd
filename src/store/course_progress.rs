//! Where each learner is in the course, so the course resumes where they left off:
//! `<data dir>/course-progress.jsonl`, one line each time a learner reaches a new part of a
//! course. Machine-wide, like the exam records, because the course is often taken on a shared
//! machine (a kiosk) under one login by many learners: progress is keyed by the learner's name
//! and the course's checksum (a changed course starts again). Append-only JSON Lines (see
//! `jsonl`): the last line for a learner and course wins.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::StoreError;
use super::jsonl::{JsonlFile, io_err};

/// The file name under the data folder.
pub const COURSE_PROGRESS_FILE: &str = "course-progress.jsonl";

/// One learner's place in one course.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoursePoint {
    pub learner: String,
    /// The course's title, for people reading the file.
    pub course: String,
    /// The course's checksum (`sha256:…`), which identifies it.
    pub checksum: String,
    /// The part of the course to open next time (0: the start; also once the exam is done).
    pub stage: usize,
    /// When this point was reached, seconds since 1970.
    pub time: u64,
}

/// The machine's record of where learners are in courses.
#[derive(Debug, Clone)]
pub struct CourseProgressStore {
    file: JsonlFile,
}

impl CourseProgressStore {
    /// The store under `data_dir`; the folder is created if needed.
    pub fn open(data_dir: &Path) -> Result<CourseProgressStore, StoreError> {
        fs::create_dir_all(data_dir).map_err(io_err(data_dir))?;
        Ok(CourseProgressStore { file: JsonlFile::new(data_dir.join(COURSE_PROGRESS_FILE)) })
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// Where `learner` left off in the course with `checksum` (0 if never started), and a
    /// notice about unreadable lines if any.
    pub fn resume_point(
        &self,
        learner: &str,
        checksum: &str,
    ) -> Result<(usize, Option<crate::i18n::Phrase>), StoreError> {
        let loaded = self.file.load::<CoursePoint>()?;
        let notice = loaded.notice(crate::i18n::key("store.course_progress_file"));
        let stage =
            loaded.items.iter().rev().find(|p| p.learner == learner && p.checksum == checksum).map_or(0, |p| p.stage);
        Ok((stage, notice))
    }

    /// Appends one point as one synced line.
    pub fn save(&self, point: &CoursePoint) -> Result<(), StoreError> {
        self.file.append(point)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(learner: &str, checksum: &str, stage: usize) -> CoursePoint {
        CoursePoint { learner: learner.into(), course: "C".into(), checksum: checksum.into(), stage, time: 1 }
    }

    #[test]
    fn the_last_point_of_each_learner_and_course_wins() {
        let dir = std::env::temp_dir().join(format!("smishdrill-course-progress-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let store = CourseProgressStore::open(&dir).unwrap();
        assert_eq!(store.resume_point("ada", "sha256:1").unwrap(), (0, None), "never started");
        for p in [point("ada", "sha256:1", 2), point("ben", "sha256:1", 5), point("ada", "sha256:1", 3)] {
            store.save(&p).unwrap();
        }
        store.save(&point("ada", "sha256:2", 7)).unwrap();
        assert_eq!(store.resume_point("ada", "sha256:1").unwrap().0, 3);
        assert_eq!(store.resume_point("ben", "sha256:1").unwrap().0, 5, "per learner");
        assert_eq!(store.resume_point("ada", "sha256:3").unwrap().0, 0, "a changed course starts again");
        fs::remove_dir_all(&dir).unwrap();
    }
}
