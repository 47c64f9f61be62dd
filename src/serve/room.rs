//! The class as the server sees it: who has joined and where each is, every answer given, and
//! (lockstep) which message the instructor has the room on and whether it is revealed. Shared
//! by the learners' tasks (which report into it) and the dashboard (which reads it and moves
//! the class); every lock is short and never held across an await.

use crate::i18n::Phrase;
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::sync::watch;

use crate::app::RoomTally;
use crate::scenario::{Scenario, Verdict};

/// How the class runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ClassMode {
    /// The instructor moves the whole room message by message and reveals each answer.
    Lockstep,
    /// Each learner at their own pace.
    SelfPaced,
}

/// Where the instructor has the room (lockstep).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Step {
    /// The instructor has shown the first message (before: everyone waits in the lobby).
    pub started: bool,
    /// The message on every screen (0-based).
    pub position: usize,
    /// Its explanation is on every screen.
    pub revealed: bool,
    /// Past the last message: everyone sees their summary.
    pub ended: bool,
}

/// One learner, as the dashboard shows them.
#[derive(Clone, Debug)]
pub struct Learner {
    pub id: u64,
    /// Safe by construction (`names::login`): ASCII letters, digits, `-_.`.
    pub name: String,
    pub addr: Option<SocketAddr>,
    pub connected: bool,
    /// The message they are on (0-based) and a word for the screen.
    pub position: usize,
    pub place: &'static str,
    pub answered: usize,
    pub right: usize,
}

/// One answer given in the class.
#[derive(Clone, Debug)]
pub struct Answer {
    pub learner: u64,
    /// Index into the class's messages.
    pub position: usize,
    pub said: Option<Verdict>,
    pub right: bool,
}

/// The lines kept for `--plain`'s event log (older ones are dropped: it is for printing).
const EVENTS_KEPT: usize = 1000;

#[derive(Debug)]
pub struct State {
    pub learners: Vec<Learner>,
    pub answers: Vec<Answer>,
    /// Events for the plain dashboard: (sequence number, line).
    /// What happened, as phrases the dashboard words in the class's language.
    pub events: VecDeque<(u64, Phrase)>,
    next_event: u64,
    next_id: u64,
}

/// The shared room.
pub struct Room {
    pub mode: ClassMode,
    /// The class's messages, in order, as every learner sees them (one seed for the room).
    pub items: Arc<Vec<Scenario>>,
    state: Mutex<State>,
    step: watch::Sender<Step>,
    /// Bumped on every change, so the dashboard redraws only when something happened.
    version: AtomicU64,
}

impl Room {
    pub fn new(mode: ClassMode, items: Vec<Scenario>) -> Room {
        let state =
            State { learners: Vec::new(), answers: Vec::new(), events: VecDeque::new(), next_event: 0, next_id: 1 };
        let (step, _) = watch::channel(Step::default());
        Room { mode, items: Arc::new(items), state: Mutex::new(state), step, version: AtomicU64::new(0) }
    }

    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn version(&self) -> u64 {
        self.version.load(Ordering::SeqCst)
    }

    fn changed(&self) {
        self.version.fetch_add(1, Ordering::SeqCst);
    }

    pub fn step(&self) -> Step {
        *self.step.borrow()
    }

    pub fn watch(&self) -> watch::Receiver<Step> {
        self.step.subscribe()
    }

    /// Adds a line to the event log.
    pub fn event(&self, line: Phrase) {
        let mut state = self.lock();
        let seq = state.next_event;
        state.next_event += 1;
        state.events.push_back((seq, line));
        if state.events.len() > EVENTS_KEPT {
            state.events.pop_front();
        }
        drop(state);
        self.changed();
    }

    /// Events after `seen` (a sequence number), and the number to pass next time.
    pub fn events_since(&self, seen: u64) -> (Vec<Phrase>, u64) {
        let state = self.lock();
        let lines = state.events.iter().filter(|(n, _)| *n >= seen).map(|(_, l)| l.clone()).collect();
        (lines, state.next_event)
    }

    /// A learner joins under a name unique in the room (made from `name`), or rejoins under
    /// their own name if that learner is not connected (a dropped connection, a new try).
    /// Returns their id and the name given.
    pub fn join(&self, name: &str, addr: Option<SocketAddr>) -> (u64, String) {
        let mut state = self.lock();
        if let Some(l) = state.learners.iter_mut().find(|l| l.name == name && !l.connected) {
            l.connected = true;
            l.addr = addr;
            let (id, name) = (l.id, l.name.clone());
            drop(state);
            self.event(Phrase::new("serve.event_joined_again").with("name", name.as_str()));
            return (id, name);
        }
        let name = super::names::unique(name, |n| state.learners.iter().any(|l| l.name == n));
        let id = state.next_id;
        state.next_id += 1;
        state.learners.push(Learner {
            id,
            name: name.clone(),
            addr,
            connected: true,
            position: 0,
            place: crate::i18n::key("serve.place_joined"),
            answered: 0,
            right: 0,
        });
        drop(state);
        self.event(match addr {
            Some(a) => {
                Phrase::new("serve.event_joined_from").with("name", name.as_str()).with("from", a.ip().to_string())
            }
            None => Phrase::new("serve.event_joined").with("name", name.as_str()),
        });
        (id, name)
    }

    /// The learner's connection ended (they stay on the list, greyed: their answers count).
    pub fn left(&self, id: u64) {
        let name = self.update(id, |l| l.connected = false);
        if let Some(name) = name {
            self.event(Phrase::new("serve.event_left").with("name", name.as_str()));
        }
    }

    /// Where the learner is now.
    pub fn place(&self, id: u64, position: usize, place: &'static str) {
        let mut state = self.lock();
        let mut moved = false;
        if let Some(l) = state.learners.iter_mut().find(|l| l.id == id) {
            moved = l.position != position || l.place != place;
            l.position = position;
            l.place = place;
        }
        drop(state);
        if moved {
            self.changed();
        }
    }

    /// An answer was recorded for `scenario`.
    pub fn answered(&self, id: u64, scenario: &str, said: Option<Verdict>) {
        let Some(position) = self.items.iter().position(|s| s.id == scenario) else { return };
        let right = said == Some(self.items[position].verdict);
        let mut state = self.lock();
        state.answers.push(Answer { learner: id, position, said, right });
        let mut name = None;
        if let Some(l) = state.learners.iter_mut().find(|l| l.id == id) {
            l.answered += 1;
            l.right += usize::from(right);
            name = Some(l.name.clone());
        }
        drop(state);
        if let Some(name) = name {
            let number = i64::try_from(position + 1).unwrap_or(i64::MAX);
            self.event(Phrase::new("serve.event_answered").with("name", name.as_str()).with("number", number));
        }
    }

    fn update(&self, id: u64, f: impl FnOnce(&mut Learner)) -> Option<String> {
        let mut state = self.lock();
        let learner = state.learners.iter_mut().find(|l| l.id == id)?;
        f(learner);
        let name = learner.name.clone();
        drop(state);
        self.changed();
        Some(name)
    }

    /// The room's vote on message `position`, from the learners' own answers.
    pub fn tally(&self, position: usize) -> RoomTally {
        let state = self.lock();
        let mut tally = RoomTally::default();
        for a in state.answers.iter().filter(|a| a.position == position) {
            match a.said {
                Some(Verdict::Scam) => tally.scam += 1,
                Some(Verdict::Legit) => tally.legit += 1,
                None => {}
            }
        }
        tally
    }

    /// The instructor moves the room on: the first message, its reveal, the next message, the
    /// end. Returns the new step.
    pub fn advance(&self) -> Step {
        let mut step = self.step();
        if step.ended {
            return step;
        }
        if !step.started {
            step.started = true;
        } else if !step.revealed {
            step.revealed = true;
        } else if step.position + 1 < self.items.len() {
            step.position += 1;
            step.revealed = false;
        } else {
            step.ended = true;
        }
        self.set_step(step);
        step
    }

    /// Reveals the message on screen (nothing if already revealed or not started).
    pub fn reveal(&self) -> Step {
        let step = self.step();
        if step.started && !step.revealed && !step.ended { self.advance() } else { step }
    }

    fn set_step(&self, step: Step) {
        self.step.send_replace(step);
        let number = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        let line = match step {
            Step { ended: true, .. } => Phrase::new("serve.event_over"),
            Step { started: true, revealed: true, position, .. } => {
                Phrase::new("serve.event_revealed").with("number", number(position + 1))
            }
            Step { started: true, position, .. } => Phrase::new("serve.event_on_screen")
                .with("number", number(position + 1))
                .with("total", number(self.items.len())),
            _ => return,
        };
        self.event(line);
    }

    /// Ends the class (the instructor quit): every learner's screen goes to its summary.
    pub fn end(&self) {
        let mut step = self.step();
        if !step.ended {
            step.ended = true;
            self.set_step(step);
        }
    }
}

#[cfg(test)]
#[path = "room_tests.rs"]
mod tests;
