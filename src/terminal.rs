//! The real terminal: raw mode and the alternate screen in, always restored on the way out
//! (quit, Ctrl-C, SIGTERM, SIGHUP, an error or a panic), and the event loop that feeds keys
//! to `update` and draws after each change.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::app::{App, Effect, Msg, msg_for_key, update};
use crate::ui::{Theme, view};

/// Restores the terminal when dropped, so every way out of `run` leaves a usable shell.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// How often the loop wakes without input to notice a signal.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// Runs the trainer until the learner quits or a signal arrives. Returns the exit code.
pub fn run(app: &mut App, theme: &Theme) -> io::Result<u8> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    // try_init installs a panic hook that restores the terminal before the panic message.
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    loop {
        let mut report = Default::default();
        terminal.draw(|frame| report = view(frame, app, theme))?;
        let crate::ui::ViewReport { max_scroll } = report;
        update(app, Msg::Viewport { max_scroll });

        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(128 + sig as u8);
        }
        if !event::poll(SIGNAL_POLL)? {
            continue;
        }
        let msg = match event::read()? {
            Event::Key(key) => msg_for_key(app.screen, key),
            _ => None, // Resizes just redraw.
        };
        for effect in msg.map(|m| update(app, m)).unwrap_or_default() {
            match effect {
                Effect::Quit(code) => return Ok(code),
            }
        }
    }
}
