//! The trainer's state and its pure `update`. Nothing here draws or touches the terminal; the
//! event loop feeds [`Msg`]s in and carries out the [`Effect`]s that come back.

pub mod class;
mod explicit;
mod key;
mod keymap;
mod policy;
mod present;
mod progress;
mod questions;
mod session;
mod step;
mod update;

pub use key::parse_key_script;
pub use key::{Input, Key};
pub use keymap::{
    Binding, Does, LOCALE_BOUND, On, ROWS, Row, help_rows, key_name, msg_for_key, msg_for_key_in, msgs_for_word,
    msgs_for_word_in, row_keys, row_keys_in,
};
pub use policy::Policy;
pub use progress::{Progress, StatsCache, StatsLine};
pub use session::{ExamSetup, Mode, RoomTally, Stage};
pub use step::Step;
pub use update::{READ_GUARD_MS, update};

use crate::round::{RoundSpec, choose_weighted};
use crate::scenario::{Scenario, Verdict};

/// Which step of the loop the learner is at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Reading the message and deciding: scam or genuine?
    Judge,
    /// How sure is the learner? One key.
    Confidence,
    /// Marking the pieces of the message that look suspicious, before the reveal.
    Spot,
    /// Answering the scenario's follow-up question.
    Question,
    /// The explanation: right or wrong, flags on the message, how to check.
    Reveal,
    /// End of the round.
    Summary,
    /// Progress over all saved rounds (from the summary).
    Stats,
    /// A lesson of the course, before its practice messages.
    Lesson,
    /// Presenter mode: the thread large and centred, nothing revealed yet.
    Present,
    /// Presenter mode: typing how many in the room said scam and genuine.
    Tally,
    /// Presenter mode: the room's vote as a bar chart, the answer not yet shown.
    Vote,
}

impl Screen {
    /// The screens on which a message is being answered (and a time limit runs).
    pub fn is_answering(self) -> bool {
        matches!(self, Screen::Judge | Screen::Confidence | Screen::Spot | Screen::Question)
    }
}

/// What the learner said about one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// `None` when the time limit ran out before a verdict.
    pub verdict: Option<Verdict>,
    pub confidence: Option<Confidence>,
    /// Indices into `learning::spot::pieces` of what the learner marked; `None` when spotting
    /// was skipped (`--no-spot`).
    pub marks: Option<Vec<usize>>,
    /// The follow-up choice picked, as its 0-based index in the scenario file (not the number
    /// it had on screen: choices are shown shuffled), if the question was asked and answered.
    pub choice: Option<usize>,
    /// Seconds from showing the message to finishing the answer.
    pub seconds: u32,
    /// The per-message time limit ran out before the answer was finished.
    pub timed_out: bool,
}

impl Answer {
    pub fn new(verdict: Verdict) -> Answer {
        Answer { verdict: Some(verdict), confidence: None, marks: None, choice: None, seconds: 0, timed_out: false }
    }

    /// No verdict: the time ran out.
    pub fn timed_out() -> Answer {
        Answer { verdict: None, timed_out: true, ..Answer::new(Verdict::Scam) }
    }

    /// Whether the verdict matches the truth (no verdict is never right).
    pub fn is_right(&self, truth: Verdict) -> bool {
        self.verdict == Some(truth)
    }
}

/// How sure the learner was of a verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Confidence {
    Sure,
    FairlySure,
    Guessing,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Confidence::Sure, Confidence::FairlySure, Confidence::Guessing];

    /// The stable name written into progress and exam records (and their CSV and xAPI
    /// exports). These are the strings the records have always held, so old files load as they
    /// are; they are keys now, never shown: the display text is [`Confidence::key`]'s.
    pub fn stored(self) -> &'static str {
        match self {
            Confidence::Sure => "sure",
            Confidence::FairlySure => "fairly sure",
            Confidence::Guessing => "guessing",
        }
    }

    /// The catalogue key of the words shown for this level.
    pub fn key(self) -> &'static str {
        match self {
            Confidence::Sure => crate::i18n::key("confidence.sure"),
            Confidence::FairlySure => crate::i18n::key("confidence.fairly_sure"),
            Confidence::Guessing => crate::i18n::key("confidence.guessing"),
        }
    }

    /// The level of a stored name ([`Confidence::stored`]).
    pub fn parse(s: &str) -> Option<Confidence> {
        Confidence::ALL.into_iter().find(|c| c.stored() == s)
    }
}

/// Everything the trainer knows. Plain data, so tests can build and inspect it.
#[derive(Debug)]
pub struct App {
    pub pool: Vec<Scenario>,
    pub spec: RoundSpec,
    /// Indices into `pool`, in the order shown.
    pub round: Vec<usize>,
    /// The round's scenarios with their variables drawn: what is on screen.
    pub shown: Vec<Scenario>,
    /// Today, as days since 1970-01-01: `date` variables count from it.
    pub today: i64,
    pub position: usize,
    pub answers: Vec<Answer>,
    pub screen: Screen,
    /// The state only the screen on show has (cursors, marks, the room's counts being typed):
    /// see [`Step`]. Changed with [`App::go`] together with `screen`.
    pub step: Step,
    /// A line under the buttons saying which keys answer (after Enter with nothing chosen, or a
    /// key typed before the message was on screen); cleared by the next key. A catalogue key:
    /// the view words it.
    pub hint: Option<&'static str>,
    /// The event loop's clock, milliseconds from its start, as last told by [`Msg::Clock`].
    /// `None` until told: `update` never reads a clock itself.
    pub clock_ms: Option<u64>,
    /// When the message on screen appeared, on that clock.
    pub shown_at_ms: u64,
    /// The follow-up question is asked after the reveal (`asked = "after"`) and is not answered
    /// yet: the explanation shows without it, then Enter asks it.
    pub after_question: bool,
    /// Whether the spot-the-flags step runs (off with `--no-spot`).
    pub spot_enabled: bool,
    /// Identifies this run of the program in saved progress: the start time, the process id
    /// and a random part (see `commands::session_id`), so two trainers started in the same
    /// second never share a round. Old records' round ids (the start second alone) stay valid:
    /// a round id is only ever compared whole.
    pub session: String,
    /// First line of the scrolling body shown.
    pub scroll: u16,
    /// Largest useful `scroll`, reported by the view after each draw.
    pub max_scroll: u16,
    /// Lines of the scrolling body on screen, reported by the view.
    pub body_height: u16,
    pub show_help: bool,
    /// First line of the help overlay shown (it scrolls in small windows).
    pub help_scroll: u16,
    /// What to tell the learner above the page (e.g. that some files were skipped, that saving
    /// failed), as phrases the view words in the session's locale; empty when nothing.
    pub notice: Vec<crate::i18n::Phrase>,
    /// How many rounds were started, counting this one.
    pub rounds_played: u32,
    /// Every answer of this learner, as a summary (never the records: see `learning::summary`),
    /// and the progress screen's report of it, computed once per visit (recomputing it on every
    /// frame cost a third of a core with a large history).
    pub progress: Progress,
    /// Practice, exam, presenter or course: what the session is for.
    pub mode: Mode,
    /// The parts of a deck or course session, in order; empty for free practice, whose rounds
    /// are chosen by the schedule.
    pub stages: Vec<Stage>,
    /// Index into `stages`.
    pub stage: usize,
    /// Explanations only at the end (exam style): answers go straight to the next message.
    pub feedback_at_end: bool,
    /// Seconds allowed per message, if the deck sets a limit.
    pub time_limit: Option<u32>,
    /// Seconds spent so far on the message on screen (counted by `Msg::Tick`).
    pub item_seconds: u32,
    /// What the completion record needs: set for exams and the course.
    pub exam: Option<ExamSetup>,
    /// The completion record has been asked for (so it is written once).
    pub exam_recorded: bool,
    /// When the session started, seconds since 1970 (set by the caller; kept out of `update`).
    pub started: u64,
    /// `q` pressed once during an exam: a second `q` leaves (recorded as incomplete).
    pub quit_armed: bool,
    /// Walking through the explanations from the summary.
    pub reviewing: bool,
    /// Presenter mode: what the room said, by position in the round.
    pub tallies: Vec<Option<RoomTally>>,
    /// Presenter mode started at this message (`--from`): those before it were not shown.
    pub first_item: usize,
    /// The words of the interface for this session (`--lang`); views and prompts look every
    /// string up here. Per session: served learners may each have their own.
    pub locale: crate::i18n::Locale,
}

/// Something for the event loop to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Leave the program with this exit code.
    Quit(u8),
    /// Save this answer to the learner's progress (the loop stamps the time).
    Record(Box<crate::learning::record::AnswerRecord>),
    /// The exam ended (`complete`) or was left early: write its completion record, built with
    /// [`App::completion`] and the time now.
    Finish { complete: bool },
}

/// Inputs to `update`, already translated from keys (see [`msg_for_key`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    /// `s` / `l`: answer at once.
    Verdict(Verdict),
    /// Left/right/tab between the two verdict buttons, or up/down between choices.
    MoveCursor(i8),
    /// Enter: take what the cursor is on, or go on.
    Confirm,
    /// `1`…`9` (0-based here).
    Choose(usize),
    /// `n`: next scenario.
    Next,
    ScrollBy(i32),
    ScrollToTop,
    ScrollToEnd,
    ToggleHelp,
    /// Esc: close help (does nothing else, so a stray Esc never loses work).
    CloseHelp,
    PlayAgain,
    Quit,
    /// Ctrl-C or SIGINT.
    Interrupt,
    /// Space on the spot screen: mark or unmark the piece under the cursor.
    ToggleMark,
    /// `t` on the summary: show progress over all rounds; again (or Esc) to go back.
    ToggleStats,
    /// Something the learner should know (e.g. progress could not be saved): a catalogue key.
    Notice(&'static str),
    /// One second passed (sent by the event loop): counts time on a message, runs time limits.
    Tick,
    /// The time now, milliseconds from the start of the event loop, sent before each key: an
    /// exam ignores answers typed before a new message could be read ([`READ_GUARD_MS`]).
    Clock(u64),
    /// `e` on the summary: walk through the explanation of every message.
    Review,
    /// `p` while reviewing: the previous explanation.
    Previous,
    /// Presenter mode, `t`: type what the room said before revealing.
    StartTally,
    /// A digit typed into the tally.
    Digit(u8),
    /// Backspace in the tally.
    Backspace,
    /// Plain mode: these pieces (0-based, ascending) are the marks on the spot screen.
    SetMarks(Vec<usize>),
    /// Plain mode: what the room said, typed as two numbers; shows the vote.
    SetTally(RoomTally),
    /// The view's report after drawing: how far the body can scroll, how tall it is, and the
    /// body line the cursor is on (spot screen), which scrolling then keeps in view.
    Viewport {
        max_scroll: u16,
        body_height: u16,
        focus: Option<u16>,
    },
}

impl App {
    /// A new trainer on `pool`, with the first round chosen by `spec`.
    pub fn new(pool: Vec<Scenario>, spec: RoundSpec) -> App {
        App::on_day(pool, spec, crate::scenario::dates::Date::today_days())
    }

    /// As [`App::new`], with a fixed today, so that tests are the same on every day.
    pub fn on_day(pool: Vec<Scenario>, spec: RoundSpec, today: i64) -> App {
        App::with_history(pool, spec, today, Default::default())
    }

    /// A trainer for a learner with saved answers: the round favours what they get wrong.
    pub fn with_history(
        pool: Vec<Scenario>,
        spec: RoundSpec,
        today: i64,
        history: crate::learning::summary::Summary,
    ) -> App {
        let round = choose_weighted(&pool, &spec, &crate::learning::schedule::weights(&pool, &history));
        let shown = draw_variants(&pool, &round, spec.seed, today);
        App {
            pool,
            spec,
            round,
            shown,
            today,
            position: 0,
            answers: Vec::new(),
            screen: Screen::Judge,
            step: Step::fresh(Screen::Judge),
            hint: None,
            clock_ms: None,
            shown_at_ms: 0,
            after_question: false,
            spot_enabled: true,
            session: String::new(),
            scroll: 0,
            max_scroll: 0,
            body_height: 0,
            show_help: false,
            help_scroll: 0,
            notice: Vec::new(),
            rounds_played: 1,
            progress: Progress::new(history),
            mode: Mode::Practice,
            stages: Vec::new(),
            stage: 0,
            feedback_at_end: false,
            time_limit: None,
            item_seconds: 0,
            exam: None,
            exam_recorded: false,
            started: 0,
            quit_armed: false,
            reviewing: false,
            tallies: Vec::new(),
            first_item: 0,
            locale: crate::i18n::Locale::english(),
        }
    }

    /// The scenario on screen; `None` only for an empty round (summary).
    pub fn current(&self) -> Option<&Scenario> {
        self.shown.get(self.position)
    }

    /// Chooses the scenarios of a round for `spec.seed` and draws their variables.
    pub fn start_round(&mut self) {
        let weights = crate::learning::schedule::weights(&self.pool, self.progress.summary());
        self.round = choose_weighted(&self.pool, &self.spec, &weights);
        self.shown = draw_variants(&self.pool, &self.round, self.spec.seed, self.today);
    }

    /// The answer to the scenario on screen, once given.
    pub fn current_answer(&self) -> Option<&Answer> {
        self.answers.get(self.position)
    }

    /// (scenario, answer) for every scenario answered so far.
    pub fn answered(&self) -> impl Iterator<Item = (&Scenario, &Answer)> {
        self.round.iter().zip(&self.answers).map(|(&i, a)| (&self.pool[i], a))
    }

    /// How many verdicts were right.
    pub fn score(&self) -> usize {
        self.answered().filter(|(s, a)| a.is_right(s.verdict)).count()
    }

    /// (right, asked) for follow-up questions. An exam does not ask the questions meant for
    /// after the reveal, so they do not count.
    pub fn question_score(&self) -> (usize, usize) {
        self.answered()
            .filter_map(|(s, a)| s.question.as_ref().filter(|q| self.asks(q)).map(|q| a.choice == Some(q.answer)))
            .fold((0, 0), |(right, asked), ok| (right + usize::from(ok), asked + 1))
    }

    /// A new message is on screen: nothing highlighted, no hint, and the time it appeared.
    pub fn message_shown(&mut self) {
        self.step = Step::fresh(self.screen);
        self.hint = None;
        self.after_question = false;
        self.shown_at_ms = self.clock_ms.unwrap_or(0);
    }
}

/// Each scenario of the round with its variables drawn from the round's seed and its own id, so
/// the same seed gives the same round with the same variants.
pub fn draw_variants(pool: &[Scenario], round: &[usize], seed: u64, today: i64) -> Vec<Scenario> {
    round
        .iter()
        .map(|&i| {
            let scenario = &pool[i];
            let seed = seed ^ fnv1a(scenario.id.as_bytes());
            scenario.variant(crate::scenario::Draw { seed, today })
        })
        .collect()
}

/// A stable 64-bit hash (FNV-1a): std's hasher may change between Rust releases.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
