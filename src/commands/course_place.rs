//! The course's place for each learner: where it opens next time (see
//! `store::course_progress`), read when the course starts and saved as the learner goes.

use crate::app::App;
use crate::i18n::Phrase;
use crate::runtime::now;
use crate::store::completions::CompletionStore;
use crate::store::course_progress::{CoursePoint, CourseProgressStore};

use super::plan::Plan;

/// The course's resume point for one learner: read at the start, saved whenever the learner
/// reaches a new part (see `App::course_resume_point`).
pub struct CoursePlace {
    store: CourseProgressStore,
    learner: String,
    title: String,
    checksum: String,
    start_again: bool,
    /// The point last saved or read, so each is written once.
    last: Option<usize>,
}

impl CoursePlace {
    /// For the course, with the data folder of the exam records; `None` otherwise.
    pub fn open(plan: &Plan, completions: Option<&CompletionStore>) -> Option<CoursePlace> {
        let Plan::Course { course, learner, start_again, .. } = plan else { return None };
        let dir = completions?.path().parent()?;
        let store = CourseProgressStore::open(dir).ok()?;
        Some(CoursePlace {
            store,
            learner: learner.clone(),
            title: course.title.clone(),
            checksum: course.checksum.clone(),
            start_again: *start_again,
            last: None,
        })
    }

    /// Opens the course where this learner left off; returns what to tell them.
    pub fn resume(&mut self, app: &mut App) -> Vec<Phrase> {
        if self.start_again {
            self.note(app); // the start is the new place, even if the learner leaves at once
            return Vec::new();
        }
        let (stage, notice) = match self.store.resume_point(&self.learner, &self.checksum) {
            Ok(found) => found,
            Err(e) => return vec![Phrase::new("notice.course_place_unreadable").with("error", e.to_string())],
        };
        let mut said: Vec<Phrase> = notice.into_iter().collect();
        if app.resume_at(stage) {
            self.last = Some(stage);
            let at = app.lesson().map_or_else(
                || Phrase::new("notice.the_practice_messages"),
                |l| Phrase::new("notice.quoted").with("text", crate::text_safety::sanitize_line(&l.title)),
            );
            said.push(Phrase::new("notice.welcome_back").with("at", at));
        }
        said
    }

    /// Saves where the learner is now, if that changed.
    pub fn note(&mut self, app: &App) {
        let Some(stage) = app.course_resume_point() else { return };
        if self.last == Some(stage) {
            return;
        }
        self.last = Some(stage);
        let point = CoursePoint {
            learner: self.learner.clone(),
            course: self.title.clone(),
            checksum: self.checksum.clone(),
            stage,
            time: now(),
        };
        // A failure only means the course opens at an earlier place next time; the learner's
        // answers and exam record are saved (and reported) separately.
        let _ = self.store.save(&point);
    }
}
