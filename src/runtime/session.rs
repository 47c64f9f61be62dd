//! One trainer session in one terminal, driven step by step: an input, a second of the clock,
//! a draw. The local terminal, a test script and an SSH channel all drive it the same way; it
//! never reads a terminal, a clock it was not given, or the process's environment.

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{App, Input, Key, Msg, msg_for_key_in, update};
use crate::ui::{Theme, ViewReport, view};

use super::Sink;
use super::effects::{carry_out, finish_interrupted, now, report_step};

/// One second of the clock for time limits.
pub const TICK: Duration = Duration::from_secs(1);

/// A session: the app, how it is drawn, and what the host must know.
pub struct Session {
    pub app: App,
    /// Colours for this session's terminal (each SSH learner chooses their own).
    pub theme: Theme,
    /// Errors met while saving, for the host to show once the terminal is normal.
    pub errors: Vec<String>,
    /// Something on screen may have changed since the last draw.
    dirty: bool,
    started: Instant,
    last_tick: Instant,
}

impl Session {
    pub fn new(app: App, theme: Theme) -> Session {
        let started = Instant::now();
        Session { app, theme, errors: Vec::new(), dirty: true, started, last_tick: started }
    }

    /// One input. Returns the exit code when the session ends.
    pub fn input(&mut self, input: Input, sink: &mut dyn Sink) -> Option<u8> {
        self.dirty = true; // a key, a paste, a resize: redraw
        let Input::Key(key) = input else { return None };
        let unbound = matches!(key, Key::Char(_)).then_some(Msg::Unbound);
        let msg = msg_for_key_in(&self.app.locale, self.app.screen, key).or(unbound)?;
        // The time of the key, for the exam's guard against typing ahead.
        update(&mut self.app, Msg::Clock(self.started.elapsed().as_millis() as u64));
        let effects = update(&mut self.app, msg);
        self.carry_out(effects, sink)
    }

    /// Messages already translated by a front end with its own input grammar (`--plain`'s
    /// typed lines): each goes to `update` and its effects are carried out. Returns the exit
    /// code when the session ends.
    pub fn messages(&mut self, msgs: Vec<Msg>, sink: &mut dyn Sink) -> Option<u8> {
        self.dirty = true;
        let mut effects = Vec::new();
        for msg in msgs {
            effects.extend(update(&mut self.app, msg));
            if matches!(effects.last(), Some(crate::app::Effect::Quit(_))) {
                break;
            }
        }
        self.carry_out(effects, sink)
    }

    /// Lets the clock run: one `Msg::Tick` per second passed since the last. Call it at least
    /// as often as [`Session::until_tick`] says.
    pub fn tick(&mut self, sink: &mut dyn Sink) -> Option<u8> {
        let mut effects = Vec::new();
        while self.last_tick.elapsed() >= TICK {
            self.last_tick += TICK;
            let (seconds, screen) = (self.app.item_seconds, self.app.screen);
            effects.extend(update(&mut self.app, Msg::Tick));
            // Only a time limit puts a clock on screen; a tick without one changes nothing shown.
            self.dirty |= self.app.screen != screen
                || (self.app.session.time_limit.is_some() && self.app.item_seconds != seconds);
        }
        if effects.is_empty() { None } else { self.carry_out(effects, sink) }
    }

    /// How long until the next second of the clock.
    pub fn until_tick(&self) -> Duration {
        TICK.saturating_sub(self.last_tick.elapsed())
    }

    /// The terminal was taken away and given back (suspended, resumed): draw everything again,
    /// and count no ticks for the time it was stopped.
    pub fn resumed(&mut self) {
        self.dirty = true;
        self.last_tick = Instant::now();
    }

    /// Ask for a draw on the next [`Session::draw`] (e.g. a new window size).
    pub fn invalidate(&mut self) {
        self.dirty = true;
    }

    /// Whether something may have changed on screen since the last draw.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Draws the screen if something may have changed (an idle screen writes nothing). Then the
    /// first exam message is on screen, so an attempt begins, and the sink hears where the
    /// learner is. Returns whether it drew.
    pub fn draw<B: Backend>(&mut self, terminal: &mut Terminal<B>, sink: &mut dyn Sink) -> Result<bool, B::Error> {
        if !self.dirty {
            return Ok(false);
        }
        self.dirty = false;
        let mut report = ViewReport::default();
        let (app, theme) = (&self.app, &self.theme);
        terminal.draw(|frame| report = view(frame, app, theme))?;
        let scroll = self.app.view.scroll;
        update(&mut self.app, report.msg());
        if self.app.view.scroll != scroll {
            // Keeping the spot cursor in view moved the page: show it now, not on the next key.
            let app = &self.app;
            terminal.draw(|frame| report = view(frame, app, theme))?;
        }
        self.app.mark_shown(now());
        report_step(&self.app, sink);
        Ok(true)
    }

    /// The session was cut off (a signal, a closed terminal, a dropped connection): an exam
    /// under way is recorded as incomplete.
    pub fn hang_up(&mut self, sink: &mut dyn Sink) {
        finish_interrupted(&mut self.app, sink, &mut self.errors);
    }

    /// Carries out one step's effects and tells the sink where the learner now is, as one
    /// batch (see [`Sink::batch`]).
    fn carry_out(&mut self, effects: Vec<crate::app::Effect>, sink: &mut dyn Sink) -> Option<u8> {
        self.dirty |= !effects.is_empty();
        let (app, errors) = (&mut self.app, &mut self.errors);
        let mut effects = Some(effects);
        let mut code = None;
        sink.batch(&mut |sink| {
            for effect in effects.take().into_iter().flatten() {
                code = carry_out(app, effect, sink, errors);
                if code.is_some() {
                    break;
                }
            }
            report_step(app, sink);
        });
        code
    }
}
