//! What a session runs: practice, an exam, presenting or the course. Its own module, so what
//! builds a session and what keeps the course's place both read it without reading each other.

use crate::course::Course;
use crate::deck::Deck;

/// What to run.
pub enum Plan {
    /// Rounds chosen by the schedule, or a deck's messages with practice feedback.
    Practice {
        deck: Option<Deck>,
    },
    Exam {
        deck: Deck,
        learner: String,
    },
    /// `from`: the 1-based message to start at (to carry on after a break).
    Present {
        deck: Deck,
        from: usize,
    },
    /// `start_again`: ignore where the learner left off and open the first lesson.
    Course {
        course: Course,
        exam: Deck,
        learner: String,
        start_again: bool,
    },
}
