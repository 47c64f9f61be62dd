//! The real terminal: raw mode and the alternate screen in, always restored on the way out
//! (quit, Ctrl-C, SIGTERM, SIGHUP, an error or a panic), and the event loop that feeds keys
//! to `update` and draws after each change.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{App, Effect, Msg, msg_for_key, update};
use crate::learning::completion::CompletionRecord;
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

/// One second of the clock for time limits.
const TICK: Duration = Duration::from_secs(1);
/// How often the loop wakes without input to notice a signal.
const SIGNAL_POLL: Duration = Duration::from_millis(100);
/// How long the loop gets to wind down by itself after a signal before the watcher restores
/// the terminal and exits for it.
const SIGNAL_GRACE: Duration = Duration::from_millis(750);

/// Watches for SIGTERM, SIGHUP and SIGINT on a thread of its own. The event loop normally
/// notices the flag and returns; but when the terminal has gone away (SIGHUP), reading it can
/// spin inside crossterm and never return, so after a grace period the watcher restores the
/// terminal and ends the process itself.
/// Before ending the process itself, the watcher writes the exam's record kept in `pending`
/// (kept current by the loop), so an exam cut short by a closed terminal is still recorded.
fn watch_signals(
    signal: Arc<AtomicUsize>,
    finished: Arc<AtomicBool>,
    pending: Pending,
    last_resort: Option<LastResort>,
) -> io::Result<()> {
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
            let record = pending.lock().ok().and_then(|mut slot| slot.take());
            if let (Some(record), Some(save)) = (record, &last_resort) {
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| save(&record)));
            }
            let _ = std::panic::catch_unwind(restore_once);
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

/// The record an exam would get if it ended now (incomplete); `None` outside an exam. Whoever
/// takes it out — the loop on its way out, or the signal watcher — is the one who saves it.
type Pending = Arc<Mutex<Option<CompletionRecord>>>;

/// Saves an exam record from the signal watcher's thread.
pub type LastResort = Box<dyn Fn(&CompletionRecord) + Send>;

/// Where finished answers and exam records go: the learner's progress and the completion
/// records (either may be a no-op, e.g. in presenter mode or when the data folder is unusable).
pub struct Sink<'a> {
    pub answer: Box<Save<'a, AnswerRecord>>,
    pub completion: Box<Save<'a, CompletionRecord>>,
    /// Where the signal watcher writes an exam's record when the loop cannot end by itself
    /// (a closed terminal can leave it stuck in a read).
    pub last_resort: Option<LastResort>,
}

/// Saves one record somewhere; the error is for the learner.
pub type Save<'a, T> = dyn FnMut(&T) -> Result<(), String> + 'a;

/// Carries out one effect for both front ends. Returns the exit code when the effect is to quit.
pub fn carry_out(app: &mut App, effect: Effect, sink: &mut Sink, errors: &mut Vec<String>) -> Option<u8> {
    match effect {
        Effect::Quit(code) => return Some(code),
        Effect::Record(record) => save_answer(app, &record, sink, errors),
        Effect::Finish { complete } => save_completion(app, complete, sink, errors),
    }
    None
}

/// Carries out `Effect::Record`: stamps the answer with the time (in the record and in the
/// app's history), saves it, and on the first failure tells the learner the trainer goes on
/// without saving. Errors are kept for printing once the terminal is normal.
fn save_answer(app: &mut App, record: &AnswerRecord, sink: &mut Sink, errors: &mut Vec<String>) {
    let mut record = record.clone();
    record.time = now();
    if let Some(last) = app.history.last_mut() {
        last.time = record.time;
    }
    if let Err(e) = (sink.answer)(&record) {
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

/// Carries out `Effect::Finish`: the exam's completion record, finished now.
fn save_completion(app: &mut App, complete: bool, sink: &mut Sink, errors: &mut Vec<String>) {
    let Some(record) = app.completion(complete, now()) else { return };
    match (sink.completion)(&record) {
        Ok(()) => {
            update(app, Msg::Notice("Your result has been recorded."));
        }
        Err(e) => {
            update(app, Msg::Notice("Your result could NOT be recorded (details when you quit)."));
            errors.push(format!("completion record not saved: {e}"));
        }
    }
}

/// An exam cut short by a signal is still recorded, as incomplete.
pub fn finish_interrupted(app: &mut App, sink: &mut Sink, errors: &mut Vec<String>) {
    if app.exam_pending() {
        app.exam_recorded = true;
        save_completion(app, false, sink, errors);
    }
}

/// Runs the trainer until the learner quits or a signal arrives. Returns the exit code and
/// any errors met while saving, to print once the terminal is back to normal.
pub fn run(app: &mut App, theme: &Theme, sink: &mut Sink) -> io::Result<(u8, Vec<String>)> {
    let signal = Arc::new(AtomicUsize::new(0));
    let finished = Arc::new(AtomicBool::new(false));
    let pending: Pending = Arc::new(Mutex::new(None));
    watch_signals(Arc::clone(&signal), Arc::clone(&finished), Arc::clone(&pending), sink.last_resort.take())?;
    let _restore = Restore;
    let mut terminal = enter()?;
    let mut errors = Vec::new();
    let result = event_loop(&mut terminal, app, theme, &signal, &pending, sink, &mut errors);
    // However the loop ended (a terminal error too, e.g. after SIGHUP), an exam still running
    // is recorded as incomplete before the program goes — by this thread, if the watcher has
    // not already taken the record.
    let taken_by_watcher = pending.lock().map(|mut slot| slot.take().is_none()).unwrap_or(false);
    if !(taken_by_watcher && signal.load(Ordering::SeqCst) != 0) {
        finish_interrupted(app, sink, &mut errors);
    }
    finished.store(true, Ordering::SeqCst);
    result.map(|code| (code, errors))
}

pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    theme: &Theme,
    signal: &AtomicUsize,
    pending: &Mutex<Option<CompletionRecord>>,
    sink: &mut Sink,
    errors: &mut Vec<String>,
) -> io::Result<u8> {
    let mut last_tick = Instant::now();
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

        if let Ok(mut slot) = pending.lock() {
            *slot = if app.exam_pending() { app.completion(false, now()) } else { None };
        }
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(128 + sig as u8); // `run` records an exam still running
        }
        let mut effects = Vec::new();
        if event::poll(SIGNAL_POLL)? {
            let msg = match event::read()? {
                Event::Key(key) => msg_for_key(app.screen, key),
                _ => None, // Resizes just redraw.
            };
            effects.extend(msg.map(|m| update(app, m)).unwrap_or_default());
        }
        while last_tick.elapsed() >= TICK {
            last_tick += TICK;
            effects.extend(update(app, Msg::Tick));
        }
        for effect in effects {
            if let Some(code) = carry_out(app, effect, sink, errors) {
                return Ok(code);
            }
        }
    }
}

/// Runs `body` in the full-screen terminal with the trainer's own enter and restore (raw mode,
/// alternate screen, panic hook), restored however `body` ends. For programs with a small loop
/// of their own, such as `smishdrill inspect`.
pub fn with_screen<T>(body: impl FnOnce(&mut ratatui::DefaultTerminal) -> io::Result<T>) -> io::Result<T> {
    let _restore = Restore;
    let mut terminal = enter()?;
    body(&mut terminal)
}
