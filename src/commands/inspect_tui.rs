//! The full-screen `inspect`: a paste box with bracketed paste on, so a pasted text with line
//! breaks arrives whole (as one paste event) instead of as keys that would press Enter. Uses
//! the trainer's terminal enter and restore; SIGTERM, SIGHUP and SIGINT end the loop so the
//! terminal is restored on the way out.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};

use crate::inspect_app::{InspectApp, Msg, Screen, update};
use crate::inspect_input::Input;
use crate::ui::{Theme, ThemeName};

/// How often the loop wakes without input to notice a signal.
const POLL: Duration = Duration::from_millis(100);

/// What a key means on the current screen.
pub fn msg_for_key(app: &InspectApp, key: KeyEvent) -> Option<Msg> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    if app.help {
        return Some(Msg::Help); // any key closes the help
    }
    match (app.screen, key.code) {
        (_, KeyCode::Char('c')) if ctrl => Some(Msg::Quit),
        (_, KeyCode::Esc) => Some(Msg::Quit),
        (_, KeyCode::F(1)) => Some(Msg::Help),
        (Screen::Paste, KeyCode::Char('d')) if ctrl => Some(Msg::Inspect),
        (Screen::Paste, KeyCode::Char('u')) if ctrl => Some(Msg::Clear),
        (Screen::Paste, KeyCode::Enter) if alt => Some(Msg::NewLine),
        (Screen::Paste, KeyCode::Enter) => Some(Msg::Inspect),
        (Screen::Paste, KeyCode::Backspace) => Some(Msg::Backspace),
        (Screen::Paste, KeyCode::Char('?')) if app.input.is_empty() => Some(Msg::Help),
        (Screen::Paste, KeyCode::Char(c)) if !ctrl => Some(Msg::Char(c)),
        (Screen::Result, KeyCode::Char('?')) => Some(Msg::Help),
        (Screen::Result, KeyCode::Char('q')) => Some(Msg::Quit),
        (Screen::Result, KeyCode::Char('n')) => Some(Msg::New),
        (Screen::Result, KeyCode::Up | KeyCode::Char('k')) => Some(Msg::Up),
        (Screen::Result, KeyCode::Down | KeyCode::Char('j')) => Some(Msg::Down),
        (Screen::Result, KeyCode::PageUp) => Some(Msg::PageUp),
        (Screen::Result, KeyCode::PageDown | KeyCode::Char(' ')) => Some(Msg::PageDown),
        _ => None,
    }
}

/// Turns bracketed paste off again when dropped (before the terminal is restored).
struct PasteOff;

impl Drop for PasteOff {
    fn drop(&mut self) {
        let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
    }
}

/// Runs the paste box and the result until the reader quits. Returns the last text inspected
/// and, when a signal ended it, the exit code for that signal (128 + its number), as the
/// trainer does.
pub fn run(
    sender: Option<&str>,
    theme: ThemeName,
    locale: &crate::i18n::Locale,
) -> io::Result<(Option<Input>, Option<u8>)> {
    let theme = Theme::choose(theme, Theme::no_color_env());
    let stop = Arc::new(AtomicUsize::new(0));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&stop), sig as usize)?;
    }
    let mut app = InspectApp::new(sender);
    app.locale = locale.clone();
    crate::terminal::with_screen(|terminal| {
        crossterm::execute!(io::stdout(), EnableBracketedPaste)?;
        let _paste_off = PasteOff;
        loop {
            let mut max_scroll = 0;
            terminal.draw(|frame| max_scroll = crate::ui::inspect::view(frame, &app, &theme))?;
            update(&mut app, Msg::MaxScroll(max_scroll));
            if stop.load(Ordering::Relaxed) != 0 {
                return Ok(());
            }
            if !event::poll(POLL)? {
                continue;
            }
            let msg = match event::read()? {
                Event::Paste(text) if app.help => Some(Msg::Help).filter(|_| !text.is_empty()),
                Event::Paste(text) => Some(Msg::Paste(text)),
                Event::Key(key) => msg_for_key(&app, key),
                _ => None,
            };
            if let Some(msg) = msg
                && update(&mut app, msg)
            {
                return Ok(());
            }
        }
    })?;
    let signal = stop.load(Ordering::Relaxed);
    let code = (signal != 0).then(|| 128u8.saturating_add(signal as u8));
    Ok((app.inspected.map(|text| Input { text, notices: app.notices }), code))
}
