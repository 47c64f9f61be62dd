//! Colours and text attributes. Every state that colour shows is also shown another way
//! (bold, underline, reversed, a marker), so the monochrome theme used under `NO_COLOR`
//! loses nothing.

use ratatui::style::{Color, Modifier, Style};

/// The themes `--theme` offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
    Mono,
}

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

    /// Strong contrast: bright text, bold everywhere, marks on solid backgrounds.
    pub fn high_contrast() -> Theme {
        let bold = Modifier::BOLD;
        let strong = Style::new().fg(Color::White).add_modifier(bold);
        Theme {
            base: Style::new().fg(Color::White),
            dim: Style::new().fg(Color::Gray),
            heading: strong.add_modifier(Modifier::UNDERLINED),
            sender: Style::new().fg(Color::LightCyan).add_modifier(bold),
            bubble_in: Style::new().fg(Color::White),
            bubble_out: Style::new().fg(Color::LightCyan).add_modifier(bold),
            flag: Style::new().fg(Color::Black).bg(Color::LightYellow).add_modifier(bold | Modifier::UNDERLINED),
            flag_marker: Style::new().fg(Color::Black).bg(Color::LightRed).add_modifier(bold),
            sign: Style::new().fg(Color::Black).bg(Color::LightGreen).add_modifier(bold | Modifier::UNDERLINED),
            sign_marker: Style::new().fg(Color::Black).bg(Color::LightGreen).add_modifier(bold),
            false_mark: Style::new().fg(Color::LightYellow).add_modifier(bold | Modifier::CROSSED_OUT),
            false_mark_marker: Style::new().fg(Color::Black).bg(Color::LightYellow).add_modifier(bold),
            right: Style::new().fg(Color::LightGreen).add_modifier(bold),
            wrong: Style::new().fg(Color::LightRed).add_modifier(bold),
            selected: Style::new().fg(Color::Black).bg(Color::White).add_modifier(bold),
            key: Style::new().fg(Color::LightYellow).add_modifier(bold),
            notice: Style::new().fg(Color::LightYellow).add_modifier(bold),
        }
    }

    /// The theme named for a session, unless that session asked for no colour (for the local
    /// terminal: `NO_COLOR` set to anything non-empty, https://no-color.org; for a served
    /// session, the learner's own choice). Per session, never read from the process here: a
    /// server draws many terminals at once.
    pub fn choose(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::mono();
        }
        match name {
            ThemeName::Default => Theme::color(),
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    /// Whether this process's environment asks for no colour (`NO_COLOR` non-empty). Read at
    /// the edge, by the local host, and passed to [`Theme::choose`].
    pub fn no_color_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every mark must differ from plain text by more than colour: a modifier or a background.
    #[test]
    fn no_theme_shows_a_mark_by_colour_alone() {
        for theme in [Theme::color(), Theme::mono(), Theme::high_contrast()] {
            for mark in [theme.flag, theme.sign, theme.false_mark, theme.selected, theme.flag_marker, theme.sign_marker]
            {
                let more_than_colour = !mark.add_modifier.is_empty() || mark.bg.is_some();
                assert!(more_than_colour, "{mark:?}");
            }
            assert_ne!(theme.flag.add_modifier, theme.base.add_modifier);
        }
    }

    #[test]
    fn mono_has_no_colour() {
        let t = Theme::mono();
        for s in [t.base, t.dim, t.heading, t.flag, t.sign, t.selected, t.key, t.right, t.wrong] {
            assert!(s.fg.is_none() && s.bg.is_none(), "{s:?}");
        }
    }
}
