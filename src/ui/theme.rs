//! Colours and text attributes. Every state that colour shows is also shown another way
//! (bold, underline, reversed, a marker), so the monochrome theme used under `NO_COLOR`
//! loses nothing.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub base: Style,
    pub dim: Style,
    pub heading: Style,
    pub sender: Style,
    pub bubble_in: Style,
    pub bubble_out: Style,
    /// A red flag's quote in the message (also underlined and followed by `[n]`).
    pub flag: Style,
    pub flag_marker: Style,
    /// A genuine sign's quote (also underlined and followed by `[✓n]`).
    pub sign: Style,
    pub sign_marker: Style,
    /// A piece the learner marked that is not a red flag (also followed by `[✗]`).
    pub false_mark: Style,
    pub false_mark_marker: Style,
    pub right: Style,
    pub wrong: Style,
    /// The button or choice the cursor is on (reversed, so visible without colour).
    pub selected: Style,
    pub key: Style,
    pub notice: Style,
}

impl Theme {
    pub fn color() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            base: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            heading: Style::new().add_modifier(bold),
            sender: Style::new().add_modifier(bold).fg(Color::Cyan),
            bubble_in: Style::new().fg(Color::Gray),
            bubble_out: Style::new().fg(Color::Blue),
            flag: Style::new().fg(Color::LightRed).add_modifier(bold | Modifier::UNDERLINED),
            flag_marker: Style::new().fg(Color::Black).bg(Color::LightRed).add_modifier(bold),
            sign: Style::new().fg(Color::LightGreen).add_modifier(bold | Modifier::UNDERLINED),
            sign_marker: Style::new().fg(Color::Black).bg(Color::LightGreen).add_modifier(bold),
            false_mark: Style::new().fg(Color::Yellow).add_modifier(Modifier::CROSSED_OUT),
            false_mark_marker: Style::new().fg(Color::Black).bg(Color::Yellow),
            right: Style::new().fg(Color::Green).add_modifier(bold),
            wrong: Style::new().fg(Color::Red).add_modifier(bold),
            selected: Style::new().add_modifier(Modifier::REVERSED | bold),
            key: Style::new().fg(Color::Yellow).add_modifier(bold),
            notice: Style::new().fg(Color::Yellow),
        }
    }

    /// No colour at all: attributes only.
    pub fn mono() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            base: Style::new(),
            dim: Style::new().add_modifier(Modifier::DIM),
            heading: bold,
            sender: bold,
            bubble_in: Style::new(),
            bubble_out: bold,
            flag: bold.add_modifier(Modifier::UNDERLINED),
            flag_marker: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            sign: Style::new().add_modifier(Modifier::UNDERLINED),
            sign_marker: Style::new().add_modifier(Modifier::REVERSED),
            false_mark: Style::new().add_modifier(Modifier::CROSSED_OUT),
            false_mark_marker: Style::new().add_modifier(Modifier::REVERSED),
            right: bold,
            wrong: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: bold,
            notice: bold,
        }
    }

    /// `NO_COLOR` set to anything non-empty means no colour (https://no-color.org).
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => Theme::color(),
        }
    }
}
