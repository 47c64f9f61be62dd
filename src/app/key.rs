//! The trainer's own key type. Every front end translates what it receives into these: the
//! local terminal from crossterm's events (`terminal.rs`), an SSH channel from raw bytes
//! (`serve`), tests from scripts. Nothing under `app` knows where a key came from, so the same
//! `update` runs behind any of them.

/// One key press, as the trainer understands it. Releases and repeats never get here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// A printable character, as typed (case kept: the key table decides what case means).
    Char(char),
    /// Ctrl and a letter, lower-cased (`Ctrl('c')` is Ctrl-C).
    Ctrl(char),
    Enter,
    Esc,
    Tab,
    /// Shift-Tab.
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// A function key, F1 = `F(1)`.
    F(u8),
}

/// What a front end hands the runtime: a key, pasted text, or a new window size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Key(Key),
    /// Bracketed paste: text the user pasted, delivered whole (never as keys, so a pasted
    /// message cannot answer for the learner).
    Paste(String),
    /// The window is now this many columns and rows.
    Resize { cols: u16, rows: u16 },
}
