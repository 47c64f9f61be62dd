//! Sessions made of stages: a deck run (practice, exam, presenter) is one stage of messages; the
//! course is lessons and practice stages and then the exam. Also builds the completion record
//! of an exam from the state (the caller supplies the clock).

use super::{Answer, App, Screen};
use crate::course::Lesson;
use crate::learning::completion::{AttemptInfo, CompletionRecord, ItemResult};
use crate::round::RoundSpec;
use crate::scenario::{Scenario, Verdict};

/// What a session is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Alone, explanations after each message, progress saved (the default).
    Practice,
    /// Explanations only at the end, pass or fail, a completion record.
    Exam,
    /// For a projector: nothing revealed until the instructor says so, no progress saved.
    Present,
    /// Lessons with practice, then the exam.
    Course,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Exam => "exam",
            Mode::Present => "present",
            Mode::Course => "course",
        }
    }
}

/// One part of a session.
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    /// A lesson to read.
    Lesson(Lesson),
    /// Messages to judge (indices into the pool, in order).
    Messages {
        items: Vec<usize>,
        /// Explanations only at the end of the stage.
        at_end: bool,
        /// These answers make up the completion record.
        graded: bool,
        /// Seconds allowed per message.
        time_limit: Option<u32>,
    },
}

/// What an exam's completion record says about the attempt besides the answers.
#[derive(Clone, Debug, PartialEq)]
pub struct ExamSetup {
    pub learner: String,
    pub deck: String,
    pub deck_title: String,
    pub deck_checksum: String,
    pub pass_mark: u8,
}

/// What the room said about one message in presenter mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct RoomTally {
    pub scam: u32,
    pub legit: u32,
}

impl App {
    /// A session of `stages` (see [`Stage`]); starts at the first one.
    pub fn with_stages(pool: Vec<Scenario>, mode: Mode, stages: Vec<Stage>, seed: u64, today: i64) -> App {
        let spec = RoundSpec { count: 0, categories: Vec::new(), seed };
        let mut app = App::with_history(pool, spec, today, Default::default());
        app.session.mode = mode;
        app.session.stages = stages;
        app.enter_stage(0);
        app
    }

    /// Shows stage `index`; past the last stage, the summary.
    pub fn enter_stage(&mut self, index: usize) {
        self.stage = index;
        self.view.scroll = 0;
        self.position = 0;
        self.answers.clear();
        self.tallies.clear();
        self.item_seconds = 0;
        self.message_shown();
        match self.session.stages.get(index) {
            None => self.go(Screen::Summary),
            Some(Stage::Lesson(_)) => {
                self.round.clear();
                self.shown.clear();
                self.go(Screen::Lesson);
            }
            Some(Stage::Messages { items, at_end, time_limit, .. }) => {
                self.round = items.clone();
                self.session.feedback_at_end = *at_end;
                self.session.time_limit = *time_limit;
                self.shown = super::draw_variants(&self.pool, &self.round, self.spec.seed, self.today);
                self.go(if self.round.is_empty() { Screen::Summary } else { self.first_screen() });
            }
        }
    }

    /// Removes every time limit: `--plain` has no clock (it reads whole lines, and people using
    /// screen readers or braille displays need the time they need: WCAG 2.2.1).
    pub fn untimed(&mut self) {
        self.session.time_limit = None;
        for stage in &mut self.session.stages {
            if let Stage::Messages { time_limit, .. } = stage {
                *time_limit = None;
            }
        }
    }

    /// The screen a new message opens on.
    pub fn first_screen(&self) -> Screen {
        self.policy().first_screen
    }

    /// The lesson on screen, if any.
    pub fn lesson(&self) -> Option<&Lesson> {
        match self.session.stages.get(self.stage) {
            Some(Stage::Lesson(lesson)) if self.screen == Screen::Lesson => Some(lesson),
            _ => None,
        }
    }

    /// Whether the stage on screen is the graded one (the exam).
    pub fn in_graded_stage(&self) -> bool {
        matches!(self.session.stages.get(self.stage), Some(Stage::Messages { graded: true, .. }))
    }

    /// An exam attempt under way whose completion record is still to be written. An attempt
    /// begins when its first message is shown: opening an exam or the course and leaving during
    /// a lesson, a practice stage or the "Before the exam" page records nothing.
    pub fn exam_pending(&self) -> bool {
        self.session.exam.is_some() && !self.exam_recorded && self.exam_begun()
    }

    /// Whether the graded stage (the exam's messages) has been reached.
    pub fn exam_begun(&self) -> bool {
        let graded = self.session.stages.iter().position(|s| matches!(s, Stage::Messages { graded: true, .. }));
        graded.is_some_and(|g| self.stage >= g) && self.screen != Screen::Lesson
    }

    /// Where the course should open next time, for the course-progress record: the part on
    /// screen (a lesson, or the start of a practice stage); once the exam has begun, the page
    /// before the exam (a new attempt); once the exam is done, the start. `None` outside the
    /// course.
    pub fn course_resume_point(&self) -> Option<usize> {
        if !self.policy().resumes {
            return None;
        }
        let graded = self.session.stages.iter().position(|s| matches!(s, Stage::Messages { graded: true, .. }))?;
        if self.stage < graded {
            return Some(self.stage);
        }
        if self.screen == Screen::Summary && self.exam_recorded {
            return Some(0);
        }
        let before = graded.checked_sub(1).filter(|&i| matches!(self.session.stages[i], Stage::Lesson(_)));
        Some(before.unwrap_or(graded))
    }

    /// Opens the course at part `stage` (where the learner left off); out of range, nothing
    /// changes. Returns whether it moved.
    pub fn resume_at(&mut self, stage: usize) -> bool {
        if !self.policy().resumes || stage == 0 || stage >= self.session.stages.len() {
            return false;
        }
        self.enter_stage(stage);
        true
    }

    /// Stamps the attempt's start the first time its first message is on screen (the caller
    /// owns the clock, so `update` stays pure). The exam is timed from here: time spent on the
    /// course's lessons and practice, or on the introduction, is not exam time.
    pub fn mark_shown(&mut self, now: u64) {
        if self.exam_pending() && self.session.started == 0 {
            self.session.started = now;
        }
    }

    /// The exam's completion record as things stand, finished at `finished` (seconds since
    /// 1970). Items not reached count as unanswered; `None` without an exam.
    pub fn completion(&self, complete: bool, finished: u64) -> Option<CompletionRecord> {
        let setup = self.session.exam.as_ref()?;
        let graded = self.session.stages.iter().position(|s| matches!(s, Stage::Messages { graded: true, .. }));
        let items: Vec<usize> = match graded.map(|i| &self.session.stages[i]) {
            Some(Stage::Messages { items, .. }) => items.clone(),
            _ => Vec::new(),
        };
        let reached = graded == Some(self.stage);
        let results = items
            .iter()
            .enumerate()
            .map(|(n, &i)| {
                // A stage reached was drawn: its record names the variant the learner saw; an
                // item not reached names the one they would have seen (the pool's entry may
                // not be drawn at all: `Scenario::undrawn`).
                let shown = self.shown.get(n).filter(|_| reached);
                let unseen = || super::draw_variant(&self.pool[i], self.spec.seed, self.today);
                let shown = shown.cloned().unwrap_or_else(unseen);
                item_result(&shown, if reached { self.answers.get(n) } else { None })
            })
            .collect();
        let info = AttemptInfo {
            learner: setup.learner.clone(),
            mode: self.session.mode.name().to_string(),
            deck: setup.deck.clone(),
            deck_title: setup.deck_title.clone(),
            deck_checksum: setup.deck_checksum.clone(),
            pass_mark: setup.pass_mark,
            // Not stamped yet (the record is asked for before its first message was drawn).
            started: if self.session.started == 0 { finished } else { self.session.started },
            finished,
            seed: self.spec.seed,
        };
        Some(CompletionRecord::build(info, results, complete))
    }
}

fn item_result(scenario: &Scenario, answer: Option<&Answer>) -> ItemResult {
    let said: Option<Verdict> = answer.and_then(|a| a.verdict);
    ItemResult {
        scenario: scenario.id.clone(),
        title: scenario.title.clone(),
        category: scenario.category.name().to_string(),
        truth: scenario.verdict.name().to_string(),
        said: said.map(|v| v.name().to_string()),
        correct: said == Some(scenario.verdict),
        confidence: answer.and_then(|a| a.confidence).map(|c| c.stored().to_string()),
        seconds: answer.map_or(0, |a| u64::from(a.seconds)),
        timed_out: answer.is_some_and(|a| a.timed_out),
    }
}
