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
    Resize {
        cols: u16,
        rows: u16,
    },
}

/// Keys from a compact text, for scripts and tests: each character is a key, and `<Enter>`,
/// `<Esc>`, `<Tab>`, `<BackTab>`, `<Backspace>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`,
/// `<Home>`, `<End>`, `<PageUp>`, `<PageDown>`, `<Space>`, `<F1>` and `<C-x>` name the others.
/// An unknown `<name>` is taken as its characters.
pub fn parse_key_script(text: &str) -> Vec<Key> {
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && let Some(key) = named_key(&rest[1..end])
        {
            keys.push(key);
            rest = &rest[end + 1..];
            continue;
        }
        keys.push(Key::Char(c));
        rest = &rest[c.len_utf8()..];
    }
    keys
}

fn named_key(name: &str) -> Option<Key> {
    let key = match name {
        "Enter" => Key::Enter,
        "Esc" => Key::Esc,
        "Tab" => Key::Tab,
        "BackTab" => Key::BackTab,
        "Backspace" => Key::Backspace,
        "Up" => Key::Up,
        "Down" => Key::Down,
        "Left" => Key::Left,
        "Right" => Key::Right,
        "Home" => Key::Home,
        "End" => Key::End,
        "PageUp" => Key::PageUp,
        "PageDown" => Key::PageDown,
        "Space" => Key::Char(' '),
        _ => {
            if let Some(c) = name.strip_prefix("C-").filter(|c| c.chars().count() == 1) {
                return c.chars().next().map(|c| Key::Ctrl(c.to_ascii_lowercase()));
            }
            let n: u8 = name.strip_prefix('F')?.parse().ok()?;
            return (1..=24).contains(&n).then_some(Key::F(n));
        }
    };
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_name_keys_and_keep_other_text_as_characters() {
        assert_eq!(
            parse_key_script("s1<Enter><C-c><Space><F1><nope>"),
            [
                Key::Char('s'),
                Key::Char('1'),
                Key::Enter,
                Key::Ctrl('c'),
                Key::Char(' '),
                Key::F(1),
                Key::Char('<'),
                Key::Char('n'),
                Key::Char('o'),
                Key::Char('p'),
                Key::Char('e'),
                Key::Char('>'),
            ]
        );
    }
}
