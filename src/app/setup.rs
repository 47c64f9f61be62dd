//! The parts of the state that are not the learner's answers: what the session is
//! ([`SessionSetup`]) and what the screen shows of the page ([`View`]).

use super::{ExamSetup, Mode, Stage};

/// What a session is and how it runs — its mode, its stages, its rules (clock, feedback at the
/// end, spotting) and what its completion record needs — set where the session is built
/// (`commands::session`) and read by `update` and the views. Only a course's stages change it
/// as each begins (the exam stage's clock and feedback at the end).
#[derive(Clone, Debug)]
pub struct SessionSetup {
    /// Identifies this run of the program in saved progress: the start time, the process id
    /// and a random part (see `commands::session_id`), so two trainers started in the same
    /// second never share a round. Old records' round ids (the start second alone) stay valid:
    /// a round id is only ever compared whole.
    pub id: String,
    /// Practice, exam, presenter or course: what the session is for.
    pub mode: Mode,
    /// The parts of a deck or course session, in order; empty for free practice, whose rounds
    /// are chosen by the schedule.
    pub stages: Vec<Stage>,
    /// Explanations only at the end (exam style): answers go straight to the next message.
    pub feedback_at_end: bool,
    /// Seconds allowed per message, if the deck sets a limit.
    pub time_limit: Option<u32>,
    /// Whether the spot-the-flags step runs (off with `--no-spot`).
    pub spot_enabled: bool,
    /// What the completion record needs: set for exams and the course.
    pub exam: Option<ExamSetup>,
    /// When the session started, seconds since 1970 (set by the caller; kept out of `update`).
    pub started: u64,
    /// Presenter mode started at this message (`--from`): those before it were not shown.
    pub first_item: usize,
}

impl Default for SessionSetup {
    fn default() -> SessionSetup {
        SessionSetup {
            id: String::new(),
            mode: Mode::Practice,
            stages: Vec::new(),
            feedback_at_end: false,
            time_limit: None,
            spot_enabled: true,
            exam: None,
            started: 0,
            first_item: 0,
        }
    }
}

/// The view's part of the state: scrolling and the help overlay. Reset as a whole when a new
/// page comes up; nothing here is saved or affects a score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// First line of the scrolling body shown.
    pub scroll: u16,
    /// Largest useful `scroll`, reported by the view after each draw.
    pub max_scroll: u16,
    /// Lines of the scrolling body on screen, reported by the view.
    pub body_height: u16,
    pub show_help: bool,
    /// First line of the help overlay shown (it scrolls in small windows).
    pub help_scroll: u16,
}
