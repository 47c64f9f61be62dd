//! The real terminal: raw mode and the alternate screen in, always restored on the way out
//! (quit, Ctrl-C, SIGINT, SIGTERM, SIGHUP, SIGQUIT, an error or a panic), suspended and
//! resumed like other full-screen programs (Ctrl-Z or SIGTSTP, then `fg`), and the event loop
//! that feeds keys to `update` and draws after each change. The signal watcher of `--plain`
//! lives here too, so both front ends record an interrupted exam the same way.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::app::{App, Effect, Msg, msg_for_key, update};
use crate::learning::completion::CompletionRecord;
use crate::learning::record::AnswerRecord;
use crate::ui::{Theme, view};

/// The signals that end the program. Each restores the terminal and records an exam under way
/// as incomplete. (SIGKILL cannot be caught; answers already given are saved one by one.)
pub const ENDING_SIGNALS: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// Set once the terminal is back to normal. Restoring twice would leave the alternate screen
/// twice, and terminals then jump the cursor back over whatever was printed in between (such
/// as a panic message).
static RESTORED: AtomicBool = AtomicBool::new(false);

/// Leaves raw mode and the alternate screen, shows the cursor; only the first call acts.
fn restore_once() {
    if !RESTORED.swap(true, Ordering::SeqCst) {
        leave_screen();
    }
}

/// Leaves raw mode and the alternate screen and shows the cursor.
fn leave_screen() {
    // Errors are ignored on purpose: when the terminal has gone away (SIGHUP) every write
    // fails, and reporting that (as `ratatui::restore` does with `eprintln!`) would panic
    // and stop the signal watcher from ending the process.
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = crossterm::execute!(io::stdout(), crossterm::terminal::LeaveAlternateScreen, crossterm::cursor::Show);
}

/// Raw mode and the alternate screen, as at the start (after a suspension too).
fn enter_screen() -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen)
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
    enter_screen()?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))
}

/// Ctrl-Z (raw mode turns off the terminal's own handling of it) or SIGTSTP: gives the
/// terminal back to the shell as it was, stops the process as the shell expects, and on
/// SIGCONT (`fg`) takes the screen again and draws it afresh.
fn suspend(terminal: &mut ratatui::DefaultTerminal) -> io::Result<()> {
    leave_screen();
    // SIGSTOP, not SIGTSTP: our own SIGTSTP handler would only ask for this again.
    let _ = signal_hook::low_level::raise(SIGSTOP);
    // Running again: the shell has handed the terminal back.
    enter_screen()?;
    terminal.clear()
}

/// Whether a key is Ctrl-Z.
fn is_suspend_key(key: &KeyEvent) -> bool {
    key.kind != KeyEventKind::Release
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('z') | KeyCode::Char('Z'))
}

/// One second of the clock for time limits.
const TICK: Duration = Duration::from_secs(1);
/// How often the loop wakes without input to notice a signal.
const SIGNAL_POLL: Duration = Duration::from_millis(100);
/// How long the loop gets to wind down by itself after a signal before the watcher restores
/// the terminal and exits for it.
const SIGNAL_GRACE: Duration = Duration::from_millis(750);

/// What the signal watcher tells the event loop.
#[derive(Default)]
struct Flags {
    /// The ending signal received (0: none yet).
    ending: AtomicUsize,
    /// SIGTSTP arrived: suspend.
    suspend: AtomicBool,
    /// SIGCONT arrived: the process was stopped (by anyone); take the screen again and redraw.
    resumed: AtomicBool,
    /// The loop has wound down by itself.
    finished: AtomicBool,
}

/// Watches for the ending signals, SIGTSTP and SIGCONT on a thread of its own. The event loop
/// normally notices an ending signal and returns; but when the terminal has gone away
/// (SIGHUP), reading it can spin inside crossterm and never return, so after a grace period
/// the watcher restores the terminal and ends the process itself.
/// Before ending the process itself, the watcher writes the exam's record kept in `pending`
/// (kept current by the loop), so an exam cut short by a closed terminal is still recorded.
fn watch_signals(flags: Arc<Flags>, pending: Pending, last_resort: Option<LastResort>) -> io::Result<()> {
    let mut signals = Signals::new(ENDING_SIGNALS.iter().copied().chain([SIGTSTP, SIGCONT]))?;
    thread::spawn(move || {
        for sig in signals.forever() {
            match sig {
                SIGTSTP => flags.suspend.store(true, Ordering::SeqCst),
                SIGCONT => flags.resumed.store(true, Ordering::SeqCst),
                _ => {
                    flags.ending.store(sig as usize, Ordering::SeqCst);
                    let deadline = Instant::now() + SIGNAL_GRACE;
                    while Instant::now() < deadline {
                        if flags.finished.load(Ordering::SeqCst) {
                            return;
                        }
                        thread::sleep(Duration::from_millis(10));
                    }
                    save_pending_and_exit(&pending, last_resort.as_ref(), sig, true);
                }
            }
        }
    });
    Ok(())
}

/// Takes the pending exam record, if any, saves it with `last_resort`, restores the terminal
/// (`restore`) and ends the process with 128 + `sig`. The lock is held to the end: it waits
/// for the loop to finish a save it has begun (the loop holds the lock while carrying out
/// effects), and the loop can then never save the same attempt a second time.
fn save_pending_and_exit(pending: &Pending, last_resort: Option<&LastResort>, sig: i32, restore: bool) -> ! {
    let mut slot = pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let (Some(record), Some(save)) = (slot.take(), last_resort) {
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| save(&record)));
    }
    if restore {
        let _ = std::panic::catch_unwind(restore_once);
    }
    std::process::exit(128 + sig)
}

/// `--plain`'s signal watcher. The plain loop spends its time blocked reading a line, where it
/// cannot notice a flag, so on an ending signal (Ctrl-C, SIGTERM, SIGHUP, SIGQUIT, a closed
/// window) the watcher itself saves the pending exam record as incomplete and ends the
/// process with 128 + the signal. Plain mode leaves the terminal as it found it (cooked mode),
/// so there is nothing to restore, and Ctrl-Z works as in any line-by-line program.
pub fn watch_plain_signals(pending: Pending, last_resort: Option<LastResort>) -> io::Result<()> {
    let mut signals = Signals::new(ENDING_SIGNALS)?;
    thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            save_pending_and_exit(&pending, last_resort.as_ref(), sig, false);
        }
    });
    Ok(())
}

/// The record an exam would get if it ended now (incomplete); `None` outside an exam. Whoever
/// takes it out — the loop on its way out, or the signal watcher — is the one who saves it.
pub type Pending = Arc<Mutex<Option<CompletionRecord>>>;

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
    /// Told after every step where the learner is (the course saves its resume point).
    pub place: Box<dyn FnMut(&App) + 'a>,
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

/// The record the signal watcher would save if the program ended now.
pub fn pending_record(app: &App) -> Option<CompletionRecord> {
    if app.exam_pending() { app.completion(false, now()) } else { None }
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
    let flags = Arc::new(Flags::default());
    let pending: Pending = Arc::new(Mutex::new(None));
    watch_signals(Arc::clone(&flags), Arc::clone(&pending), sink.last_resort.take())?;
    let _restore = Restore;
    let mut terminal = enter()?;
    let mut errors = Vec::new();
    let result = event_loop(&mut terminal, app, theme, &flags, &pending, sink, &mut errors);
    // However the loop ended (a terminal error too, e.g. after SIGHUP), an exam still running
    // is recorded as incomplete before the program goes — by this thread, if the watcher has
    // not already taken the record.
    let taken_by_watcher = pending.lock().map(|mut slot| slot.take().is_none()).unwrap_or(false);
    if !(taken_by_watcher && flags.ending.load(Ordering::SeqCst) != 0) {
        finish_interrupted(app, sink, &mut errors);
    }
    flags.finished.store(true, Ordering::SeqCst);
    result.map(|code| (code, errors))
}

pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    theme: &Theme,
    flags: &Flags,
    pending: &Mutex<Option<CompletionRecord>>,
    sink: &mut Sink,
    errors: &mut Vec<String>,
) -> io::Result<u8> {
    let mut last_tick = Instant::now();
    let started = last_tick;
    #[cfg(debug_assertions)]
    let panic_for_test = std::env::var_os("SMISHDRILL_TEST_PANIC").is_some();
    // Draw only when something may have changed: a key, a resize, a resume, an effect, or a tick
    // that moves a clock on screen. An idle screen then writes nothing at all (ratatui's draw
    // always re-sends the cursor state, so even an unchanged frame is not free).
    let mut dirty = true;
    loop {
        if dirty {
            dirty = false;
            let mut report = crate::ui::ViewReport::default();
            terminal.draw(|frame| report = view(frame, app, theme))?;
            let scroll = app.scroll;
            update(app, report.msg());
            if app.scroll != scroll {
                // Keeping the spot cursor in view moved the page: show it now, not on the next key.
                terminal.draw(|frame| report = view(frame, app, theme))?;
            }
        }
        // Debug builds only: lets the end-to-end test prove a panic restores the terminal.
        #[cfg(debug_assertions)]
        if panic_for_test {
            panic!("SMISHDRILL_TEST_PANIC is set: panicking after the first frame");
        }

        // The first exam message is on screen now: the attempt begins.
        app.mark_shown(now());
        if let Ok(mut slot) = pending.lock() {
            *slot = pending_record(app);
        }
        let sig = flags.ending.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(128 + sig as u8); // `run` records an exam still running
        }
        let mut suspend_now = flags.suspend.swap(false, Ordering::SeqCst);
        let mut effects = Vec::new();
        if !suspend_now && event::poll(SIGNAL_POLL)? {
            dirty = true; // a key, a resize, a paste: redraw
            let msg = match event::read()? {
                Event::Key(key) if is_suspend_key(&key) => {
                    suspend_now = true;
                    None
                }
                Event::Key(key) => msg_for_key(app.screen, key),
                _ => None, // Resizes just redraw.
            };
            if msg.is_some() {
                // The time of the key, for the exam's guard against typing ahead.
                update(app, Msg::Clock(started.elapsed().as_millis() as u64));
            }
            effects.extend(msg.map(|m| update(app, m)).unwrap_or_default());
        }
        if suspend_now {
            suspend(terminal)?;
        }
        if flags.resumed.swap(false, Ordering::SeqCst) {
            // Stopped by us or by anyone else (SIGSTOP): the screen may hold the shell's output,
            // and the shell may have reset the terminal's modes, so raw mode is set afresh.
            let _ = crossterm::terminal::disable_raw_mode();
            enter_screen()?;
            terminal.clear()?;
            dirty = true;
            // Time stopped is nobody's answering time: no ticks for it.
            last_tick = Instant::now();
        }
        while last_tick.elapsed() >= TICK {
            last_tick += TICK;
            let (seconds, screen) = (app.item_seconds, app.screen);
            effects.extend(update(app, Msg::Tick));
            // Only a time limit puts a clock on screen; a tick without one changes nothing shown.
            dirty |= app.screen != screen || (app.time_limit.is_some() && app.item_seconds != seconds);
        }
        dirty |= !effects.is_empty();
        // The watcher waits for this lock, so it never saves a stale record beside one the
        // loop is saving.
        let mut slot = pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for effect in effects {
            if let Some(code) = carry_out(app, effect, sink, errors) {
                *slot = pending_record(app);
                return Ok(code);
            }
        }
        *slot = pending_record(app);
        (sink.place)(app);
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
