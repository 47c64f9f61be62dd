//! The state of the full-screen `inspect` program and its pure `update`: a paste box, then the
//! result. Kept apart from the trainer's `App` on purpose: inspecting a text has nothing to do
//! with rounds, scores or progress.

use crate::detect::{self, Report};
use crate::inspect_input::MAX_INPUT;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Paste,
    Result,
}

/// What the program shows and holds.
#[derive(Debug)]
pub struct InspectApp {
    pub screen: Screen,
    /// The text in the paste box (or the one inspected, on the result screen).
    pub input: String,
    /// From `--sender`.
    pub sender: Option<String>,
    pub report: Option<Report>,
    /// Said above the result (a paste that was cut).
    pub notices: Vec<String>,
    pub scroll: u16,
    pub help: bool,
    /// The last text inspected, for `--to-scenario` after the program ends.
    pub inspected: Option<String>,
    /// The words of the interface (`--lang`).
    pub locale: crate::i18n::Locale,
}

/// What a key or a paste means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    Paste(String),
    Char(char),
    NewLine,
    Backspace,
    Clear,
    Inspect,
    New,
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    /// From drawing: how far the result can scroll.
    MaxScroll(u16),
    Quit,
}

impl InspectApp {
    pub fn new(sender: Option<&str>) -> InspectApp {
        InspectApp {
            screen: Screen::Paste,
            input: String::new(),
            sender: sender.map(str::to_string),
            report: None,
            notices: Vec::new(),
            scroll: 0,
            help: false,
            inspected: None,
            locale: crate::i18n::Locale::english(),
        }
    }

    /// Adds text to the paste box, up to [`MAX_INPUT`] bytes (cut at a character boundary).
    fn add(&mut self, text: &str) {
        let text = crate::inspect_input::normalise_keep(text);
        let room = MAX_INPUT.saturating_sub(self.input.len());
        if text.len() <= room {
            self.input.push_str(&text);
            return;
        }
        let mut cut = room;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        self.input.push_str(&text[..cut]);
        let notice = format!("Only the first {} KiB of the text were kept.", MAX_INPUT / 1024);
        if !self.notices.contains(&notice) {
            self.notices.push(notice);
        }
    }
}

/// Applies one message; returns `true` when the program should end.
pub fn update(app: &mut InspectApp, msg: Msg) -> bool {
    if let Msg::MaxScroll(max) = msg {
        app.scroll = app.scroll.min(max);
        return false;
    }
    if app.help {
        // Any key closes the help; Esc and q do not quit from it.
        app.help = false;
        return false;
    }
    match (app.screen, msg) {
        (_, Msg::Quit) => return true,
        (_, Msg::Help) => app.help = true,
        (Screen::Paste, Msg::Paste(text)) => app.add(&text),
        (Screen::Paste, Msg::Char(c)) => app.add(&c.to_string()),
        (Screen::Paste, Msg::NewLine) => app.add("\n"),
        (Screen::Paste, Msg::Backspace) => {
            app.input.pop();
        }
        (Screen::Paste, Msg::Clear) => {
            app.input.clear();
            app.notices.clear();
        }
        (Screen::Paste, Msg::Inspect) => {
            let text = crate::inspect_input::normalise(&app.input);
            if text.trim().is_empty() {
                return false;
            }
            app.report = Some(detect::inspect(&text, app.sender.as_deref()));
            app.input = text.clone();
            app.inspected = Some(text);
            app.screen = Screen::Result;
            app.scroll = 0;
        }
        (Screen::Result, Msg::New) => {
            app.screen = Screen::Paste;
            app.input.clear();
            app.notices.clear();
            app.report = None;
        }
        (Screen::Result, Msg::Up) => app.scroll = app.scroll.saturating_sub(1),
        (Screen::Result, Msg::Down) => app.scroll = app.scroll.saturating_add(1),
        (Screen::Result, Msg::PageUp) => app.scroll = app.scroll.saturating_sub(10),
        (Screen::Result, Msg::PageDown) => app.scroll = app.scroll.saturating_add(10),
        _ => {}
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paste_then_inspect_shows_the_result() {
        let mut app = InspectApp::new(Some("+1 (305) 555-0172"));
        update(&mut app, Msg::Paste("SunPass: pay now https://sunpass.com-toll.top/fl\r\n".into()));
        assert!(!update(&mut app, Msg::Inspect));
        assert_eq!(app.screen, Screen::Result);
        assert!(app.report.as_ref().is_some_and(|r| !r.findings.is_empty()));
        assert_eq!(app.inspected.as_deref(), Some("SunPass: pay now https://sunpass.com-toll.top/fl"));
        update(&mut app, Msg::New);
        assert_eq!((app.screen, app.input.as_str()), (Screen::Paste, ""));
        assert!(update(&mut app, Msg::Quit));
    }

    #[test]
    fn an_empty_box_is_not_inspected() {
        let mut app = InspectApp::new(None);
        update(&mut app, Msg::Inspect);
        assert_eq!(app.screen, Screen::Paste);
    }

    #[test]
    fn a_huge_paste_is_cut_and_said_so() {
        let mut app = InspectApp::new(None);
        update(&mut app, Msg::Paste("é".repeat(MAX_INPUT)));
        assert!(app.input.len() <= MAX_INPUT);
        assert_eq!(app.notices.len(), 1);
    }

    #[test]
    fn help_is_closed_by_any_key_without_quitting() {
        let mut app = InspectApp::new(None);
        update(&mut app, Msg::Help);
        assert!(app.help);
        assert!(!update(&mut app, Msg::Quit));
        assert!(!app.help);
    }
}
