//! The real terminal: raw mode and the alternate screen in, always restored on the way out
//! (quit, Ctrl-C, SIGINT, SIGTERM, SIGHUP, SIGQUIT, an error or a panic), suspended and
//! resumed like other full-screen programs (Ctrl-Z or SIGTSTP, then `fg`), and the local host
//! that runs the shared session loop (`runtime::run`) on it. The signal watcher of `--plain`
//! lives here too, so both front ends record an interrupted exam the same way.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::app::{Input, Key};
use crate::runtime::{Event as RuntimeEvent, FileSink, InputSource, NullSink, Session, Shared, Sink};

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
/// SIGCONT (`fg`) takes the screen again; the loop then draws it afresh.
fn suspend() -> io::Result<RuntimeEvent> {
    leave_screen();
    // SIGSTOP, not SIGTSTP: our own SIGTSTP handler would only ask for this again.
    let _ = signal_hook::low_level::raise(SIGSTOP);
    // Running again: the shell has handed the terminal back.
    enter_screen()?;
    Ok(RuntimeEvent::Redraw)
}

/// Whether a key is Ctrl-Z.
fn is_suspend_key(key: &KeyEvent) -> bool {
    key.kind != KeyEventKind::Release
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('z') | KeyCode::Char('Z'))
}

/// How often the loop wakes without input to notice a signal.
const SIGNAL_POLL: Duration = crate::runtime::WAKE;
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

/// A sink whose pending exam record can be saved by the signal watcher when the session
/// cannot end by itself.
pub trait SavePending: Sink {
    /// Saves the record the exam under way would get now, as incomplete, if there is one.
    fn save_pending(&mut self);
}

impl SavePending for FileSink {
    fn save_pending(&mut self) {
        FileSink::save_pending(self);
    }
}

impl SavePending for NullSink {
    fn save_pending(&mut self) {}
}

/// Watches for the ending signals, SIGTSTP and SIGCONT on a thread of its own. The event loop
/// normally notices an ending signal and returns; but when the terminal has gone away
/// (SIGHUP), reading it can spin inside crossterm and never return, so after a grace period
/// the watcher restores the terminal and ends the process itself.
/// Before ending the process itself, the watcher saves the exam's pending record through the
/// shared sink (kept current by the loop), so an exam cut short by a closed terminal is still
/// recorded.
fn watch_signals<S: SavePending + 'static>(flags: Arc<Flags>, sink: Shared<S>) -> io::Result<()> {
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
                    save_pending_and_exit(&sink, sig, true);
                }
            }
        }
    });
    Ok(())
}

/// Saves the pending exam record, if any, restores the terminal (`restore`) and ends the
/// process with 128 + `sig`. The sink's lock is held to the end: it waits for the loop to
/// finish a save it has begun (the loop holds the lock while saving), and the loop can then
/// never save the same attempt a second time.
fn save_pending_and_exit<S: SavePending>(sink: &Shared<S>, sig: i32, restore: bool) -> ! {
    let mut guard = sink.lock();
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| guard.save_pending()));
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
pub fn watch_plain_signals<S: SavePending + 'static>(sink: Shared<S>) -> io::Result<()> {
    let mut signals = Signals::new(ENDING_SIGNALS)?;
    thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            save_pending_and_exit(&sink, sig, false);
        }
    });
    Ok(())
}

/// Runs the trainer in the local terminal until the learner quits or a signal arrives.
/// Returns the exit code; the session keeps any errors met while saving, to print once the
/// terminal is back to normal.
pub fn run<S: SavePending + 'static>(session: &mut Session, sink: Shared<S>) -> io::Result<u8> {
    let flags = Arc::new(Flags::default());
    watch_signals(Arc::clone(&flags), sink.clone())?;
    let _restore = Restore;
    let mut terminal = enter()?;
    let mut input = LocalInput { flags: Arc::clone(&flags) };
    let mut sink = sink;
    // However the loop ends (a terminal error too, e.g. after SIGHUP), an exam still running
    // is recorded as incomplete before the program goes: by `runtime::run`, or by the
    // watcher if this thread is stuck (it then holds the sink until the process ends).
    let result = crate::runtime::run(&mut terminal, session, &mut input, &mut sink);
    flags.finished.store(true, Ordering::SeqCst);
    result
}

/// The local terminal as an input source: crossterm's events, with the signal flags and job
/// control (Ctrl-Z) handled here, where the terminal is.
struct LocalInput {
    flags: Arc<Flags>,
}

impl InputSource for LocalInput {
    fn next(&mut self, wait: Duration) -> io::Result<RuntimeEvent> {
        #[cfg(debug_assertions)]
        if std::env::var_os("SMISHDRILL_TEST_PANIC").is_some() {
            // Debug builds only: lets the end-to-end test prove a panic restores the terminal.
            panic!("SMISHDRILL_TEST_PANIC is set: panicking after the first frame");
        }
        let sig = self.flags.ending.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(RuntimeEvent::End(128 + sig as u8)); // `runtime::run` records an exam still running
        }
        if self.flags.resumed.swap(false, Ordering::SeqCst) {
            // Stopped by us or by anyone else (SIGSTOP): the screen may hold the shell's output,
            // and the shell may have reset the terminal's modes, so raw mode is set afresh.
            let _ = crossterm::terminal::disable_raw_mode();
            enter_screen()?;
            return Ok(RuntimeEvent::Redraw);
        }
        if self.flags.suspend.swap(false, Ordering::SeqCst) {
            return suspend();
        }
        if !event::poll(wait.min(SIGNAL_POLL))? {
            return Ok(RuntimeEvent::Idle);
        }
        Ok(match event::read()? {
            Event::Key(key) if is_suspend_key(&key) => return suspend(),
            Event::Key(key) => key_of(key).map_or(RuntimeEvent::Idle, |k| RuntimeEvent::Input(Input::Key(k))),
            Event::Paste(text) => RuntimeEvent::Input(Input::Paste(text)),
            Event::Resize(cols, rows) => RuntimeEvent::Input(Input::Resize { cols, rows }),
            _ => RuntimeEvent::Idle,
        })
    }
}

/// crossterm's key event as the trainer's key; releases (and keys it has no use for) are none.
pub fn key_of(key: KeyEvent) -> Option<Key> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char(c) => Some(Key::Ctrl(c.to_ascii_lowercase())),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    })
}

/// Runs `body` in the full-screen terminal with the trainer's own enter and restore (raw mode,
/// alternate screen, panic hook), restored however `body` ends. For programs with a small loop
/// of their own, such as `smishdrill inspect`.
pub fn with_screen<T>(body: impl FnOnce(&mut ratatui::DefaultTerminal) -> io::Result<T>) -> io::Result<T> {
    let _restore = Restore;
    let mut terminal = enter()?;
    body(&mut terminal)
}
