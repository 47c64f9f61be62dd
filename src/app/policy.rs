//! What each mode does, as one table: the rest of the program asks the mode's [`Policy`]
//! instead of checking which mode it is, so adding a mode is a row here (and its name).

use super::{Mode, Screen};

/// The rules of a mode. (Whether explanations wait for the end and whether a clock runs are
/// also the deck's to say: `App::feedback_at_end` and `App::time_limit` hold the result.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Answers are saved to the learner's progress.
    pub saves_progress: bool,
    /// The person at the keyboard answers (a verdict, how sure, the flags, the question); the
    /// presenter does not: the room does, and only its count is typed.
    pub learner_answers: bool,
    /// A clock may run on messages (a deck's time limit); the presenter sets their own pace.
    pub has_clock: bool,
    /// The summary shows a score of right answers (the presenter's shows what was discussed).
    pub shows_score: bool,
    /// Another round can be started from the summary.
    pub plays_again: bool,
    /// The session remembers where the learner left off (the course).
    pub resumes: bool,
    /// The first screen of a message.
    pub first_screen: Screen,
    /// An exam's completion record may be written (an exam, the course's exam).
    pub records_completion: bool,
}

const PRACTICE: Policy = Policy {
    saves_progress: true,
    learner_answers: true,
    has_clock: true,
    shows_score: true,
    plays_again: true,
    resumes: false,
    first_screen: Screen::Judge,
    records_completion: false,
};

impl Mode {
    /// This mode's rules.
    pub const fn policy(self) -> Policy {
        match self {
            Mode::Practice => PRACTICE,
            Mode::Exam => Policy { plays_again: false, records_completion: true, ..PRACTICE },
            Mode::Course => Policy { plays_again: false, resumes: true, records_completion: true, ..PRACTICE },
            Mode::Present => Policy {
                saves_progress: false,
                learner_answers: false,
                has_clock: false,
                shows_score: false,
                plays_again: false,
                resumes: false,
                first_screen: Screen::Present,
                records_completion: false,
            },
        }
    }
}

impl super::App {
    /// The rules of this session's mode.
    pub fn policy(&self) -> Policy {
        self.session.mode.policy()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_presenter_keeps_no_record_and_gives_no_verdict() {
        for mode in [Mode::Practice, Mode::Exam, Mode::Course] {
            assert!(mode.policy().saves_progress && mode.policy().learner_answers, "{mode:?}");
        }
        let present = Mode::Present.policy();
        assert!(!present.saves_progress && !present.learner_answers && !present.has_clock);
        assert_eq!(present.first_screen, Screen::Present);
        assert!(Mode::Practice.policy().plays_again && !Mode::Exam.policy().plays_again);
        assert!(Mode::Course.policy().resumes && !Mode::Practice.policy().resumes);
    }
}
