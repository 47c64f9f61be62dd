//! The trainer's state and its pure `update`. Nothing here draws or touches the terminal; the
//! event loop feeds [`Msg`]s in and carries out the [`Effect`]s that come back.

mod answer;
mod answering;
pub mod class;
mod explicit;
mod flow;
mod key;
mod keymap;
mod msg;
mod policy;
mod present;
mod progress;
mod questions;
mod session;
mod setup;
mod step;
mod update;

#[cfg(test)]
#[path = "shown_tests.rs"]
mod shown_tests;

pub use answer::{Answer, Confidence};
pub use key::parse_key_script;
pub use key::{Input, Key};
pub use keymap::{
    Binding, Does, LOCALE_BOUND, On, ROWS, Row, first_key_in, help_rows, key_name, msg_for_key, msg_for_key_in,
    msgs_for_word, msgs_for_word_in, row_keys, row_keys_in,
};
pub use msg::{Effect, Msg};
pub use policy::Policy;
pub use progress::{Progress, StatsCache, StatsLine};
pub use session::{ExamSetup, Mode, RoomTally, Stage};
pub use setup::{SessionSetup, View};
pub use step::Step;
pub use update::{READ_GUARD_MS, update};

use crate::round::{RoundSpec, choose_weighted};
use crate::scenario::Scenario;

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
    /// What the session is and how it runs: set when it starts, the same for every round.
    pub session: SessionSetup,
    /// Where the page is scrolled and whether the `?` overlay is open: what the learner sees,
    /// not what they did.
    pub view: View,
    /// What to tell the learner above the page (e.g. that some files were skipped, that saving
    /// failed), as phrases the view words in the session's locale; empty when nothing.
    pub notice: Vec<crate::i18n::Phrase>,
    /// How many rounds were started, counting this one.
    pub rounds_played: u32,
    /// Every answer of this learner, as a summary (never the records: see `learning::summary`),
    /// and the progress screen's report of it, computed once per visit (recomputing it on every
    /// frame cost a third of a core with a large history).
    pub progress: Progress,
    /// Index into `stages`.
    pub stage: usize,
    /// Seconds spent so far on the message on screen (counted by `Msg::Tick`).
    pub item_seconds: u32,
    /// The completion record has been asked for (so it is written once).
    pub exam_recorded: bool,
    /// `q` pressed once during an exam: a second `q` leaves (recorded as incomplete).
    pub quit_armed: bool,
    /// Walking through the explanations from the summary.
    pub reviewing: bool,
    /// Presenter mode: what the room said, by position in the round.
    pub tallies: Vec<Option<RoomTally>>,
    /// The words of the interface for this session (`--lang`); views and prompts look every
    /// string up here. Per session: served learners may each have their own.
    pub locale: crate::i18n::Locale,
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
            view: View::default(),
            session: SessionSetup::default(),
            notice: Vec::new(),
            rounds_played: 1,
            progress: Progress::new(history),
            stage: 0,
            item_seconds: 0,
            exam_recorded: false,
            quit_armed: false,
            reviewing: false,
            tallies: Vec::new(),
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

    /// (scenario, answer) for every scenario answered so far: the variant that was on screen,
    /// not the pool's first draw of it. The learner's marks are places in the text they saw,
    /// and its title is the one they read (a variable can change both).
    pub fn answered(&self) -> impl Iterator<Item = (&Scenario, &Answer)> {
        self.shown.iter().zip(&self.answers)
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
    round.iter().map(|&i| draw_variant(&pool[i], seed, today)).collect()
}

/// The variant of `scenario` a round with this seed shows (see [`draw_variants`]).
pub fn draw_variant(scenario: &Scenario, seed: u64, today: i64) -> Scenario {
    let seed = seed ^ fnv1a(scenario.id.as_bytes());
    scenario.variant(crate::scenario::Draw { seed, today })
}

/// A stable 64-bit hash (FNV-1a): std's hasher may change between Rust releases.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
