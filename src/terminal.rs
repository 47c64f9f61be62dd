//! The real terminal: raw mode and the alternate screen in, always restored on the way out
//! (quit, Ctrl-C, SIGTERM, SIGHUP, an error or a panic), and the event loop that feeds keys
//! to `update` and draws after each change.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{App, Effect, Msg, msg_for_key, update};
use crate::learning::record::AnswerRecord;
use crate::ui::{Theme, view};

/// Set once the terminal is back to normal. Restoring twice would leave the alternate screen
/// twice, and terminals then jump the cursor back over whatever was printed in between (such
/// as a panic message).
static RESTORED: AtomicBool = AtomicBool::new(false);

/// Leaves raw mode and the alternate screen, shows the cursor; only the first call acts.
fn restore_once() {
    if !RESTORED.swap(true, Ordering::SeqCst) {
        // Errors are ignored on purpose: when the terminal has gone away (SIGHUP) every write
        // fails, and reporting that (as `ratatui::restore` does with `eprintln!`) would panic
        // and stop the signal watcher from ending the process.
        let _ = crossterm::terminal::disable_raw_mode();
        let _ = crossterm::execute!(io::stdout(), crossterm::terminal::LeaveAlternateScreen, crossterm::cursor::Show);
    }
}

/// Restores the terminal when dropped, so every way out of `run` leaves a usable shell.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore_once();
    }
}

/// Enters raw mode and the alternate screen, after installing a panic hook that restores the
/// terminal before the panic message is printed.
fn enter() -> io::Result<ratatui::DefaultTerminal> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_once();
        previous(info);
    }));
    crossterm::terminal::enable_raw_mode()?;
    let mut stdout = io::stdout();
    crossterm::execute!(stdout, crossterm::terminal::EnterAlternateScreen)?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(stdout))
}

/// How often the loop wakes without input to notice a signal.
const SIGNAL_POLL: Duration = Duration::from_millis(100);
/// How long the loop gets to wind down by itself after a signal before the watcher restores
/// the terminal and exits for it.
const SIGNAL_GRACE: Duration = Duration::from_millis(750);

/// Watches for SIGTERM, SIGHUP and SIGINT on a thread of its own. The event loop normally
/// notices the flag and returns; but when the terminal has gone away (SIGHUP), reading it can
/// spin inside crossterm and never return, so after a grace period the watcher restores the
/// terminal and ends the process itself.
fn watch_signals(signal: Arc<AtomicUsize>, finished: Arc<AtomicBool>) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            signal.store(sig as usize, Ordering::SeqCst);
            let deadline = Instant::now() + SIGNAL_GRACE;
            while Instant::now() < deadline {
                if finished.load(Ordering::SeqCst) {
                    return;
                }
                thread::sleep(Duration::from_millis(10));
            }
            let _ = std::panic::catch_unwind(restore_once);
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

/// Saves one finished answer (the record already stamped with the time).
pub type Saver<'a> = dyn FnMut(&AnswerRecord) -> Result<(), String> + 'a;

/// Carries out `Effect::Record` for both front ends: stamps the answer with the time (in the
/// record and in the app's history), saves it, and on the first failure tells the learner the
/// trainer goes on without saving. Errors are kept for printing once the terminal is normal.
pub fn save_answer(app: &mut App, record: &AnswerRecord, save: &mut Saver, errors: &mut Vec<String>) {
    let mut record = record.clone();
    record.time = now();
    if let Some(last) = app.history.last_mut() {
        last.time = record.time;
    }
    if let Err(e) = save(&record) {
        if errors.is_empty() {
            update(
                app,
                Msg::Notice(
                    "Your progress could not be saved; the trainer goes on without saving (details when you quit).",
                ),
            );
        }
        errors.push(e);
    }
}

/// Runs the trainer until the learner quits or a signal arrives. Returns the exit code and
/// any errors met while saving, to print once the terminal is back to normal.
pub fn run(app: &mut App, theme: &Theme, save: &mut Saver) -> io::Result<(u8, Vec<String>)> {
    let signal = Arc::new(AtomicUsize::new(0));
    let finished = Arc::new(AtomicBool::new(false));
    watch_signals(Arc::clone(&signal), Arc::clone(&finished))?;
    let _restore = Restore;
    let mut terminal = enter()?;
    let mut errors = Vec::new();
    let result = event_loop(&mut terminal, app, theme, &signal, save, &mut errors);
    finished.store(true, Ordering::SeqCst);
    result.map(|code| (code, errors))
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    theme: &Theme,
    signal: &AtomicUsize,
    save: &mut Saver,
    errors: &mut Vec<String>,
) -> io::Result<u8> {
    #[cfg(debug_assertions)]
    let panic_for_test = std::env::var_os("SMISHDRILL_TEST_PANIC").is_some();
    loop {
        let mut report = crate::ui::ViewReport::default();
        terminal.draw(|frame| report = view(frame, app, theme))?;
        let scroll = app.scroll;
        update(app, report.msg());
        if app.scroll != scroll {
            // Keeping the spot cursor in view moved the page: show it now, not on the next key.
            terminal.draw(|frame| report = view(frame, app, theme))?;
        }
        // Debug builds only: lets the end-to-end test prove a panic restores the terminal.
        #[cfg(debug_assertions)]
        if panic_for_test {
            panic!("SMISHDRILL_TEST_PANIC is set: panicking after the first frame");
        }

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
        let effects = msg.map(|m| update(app, m)).unwrap_or_default();
        for effect in effects {
            match effect {
                Effect::Quit(code) => return Ok(code),
                Effect::Record(record) => save_answer(app, &record, save, errors),
            }
        }
    }
}
