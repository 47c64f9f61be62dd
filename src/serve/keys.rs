//! Raw bytes from an SSH channel as the trainer's keys. A remote terminal sends what its user
//! types as bytes (no crossterm here: the terminal is on the other machine), so this is the
//! one parser between a peer and `update`. It works byte by byte with all its state kept
//! between calls, so however the network splits the stream the same keys come out; every
//! byte sequence is either a key, a paste, or dropped — never a panic.

use crate::app::{Input, Key};

/// The longest escape sequence kept; anything longer is garbage and dropped.
const MAX_SEQUENCE: usize = 32;
/// The most pasted text kept (bytes); the rest of a longer paste is dropped.
pub const MAX_PASTE: usize = 16 * 1024;
/// How bracketed paste ends.
const PASTE_END: &[u8] = b"\x1b[201~";

#[derive(Debug, Default)]
enum State {
    #[default]
    Ground,
    /// After ESC: a sequence may follow, or it was the Esc key.
    Esc,
    /// After `ESC [`: parameter and intermediate bytes so far.
    Csi(Vec<u8>),
    /// After `ESC O`.
    Ss3,
    /// Inside a sequence too long to be a key: dropped up to its final byte.
    Discard,
    /// Inside a UTF-8 character: the bytes so far and how many it needs.
    Utf8(Vec<u8>, usize),
    /// Inside a bracketed paste.
    Paste(Paste),
}

#[derive(Debug, Default)]
struct Paste {
    text: Vec<u8>,
    /// How many bytes of [`PASTE_END`] have matched.
    matched: usize,
    /// How many of those matched bytes were stored in `text` (to take them out again).
    stored: usize,
}

/// The parser: feed it bytes, get inputs; call [`KeyParser::flush`] when nothing has come for
/// a moment, so an Esc typed alone is not held back waiting for a sequence.
#[derive(Debug, Default)]
pub struct KeyParser {
    state: State,
    /// The last byte was CR: a LF right after it is the same Enter (CRLF).
    after_cr: bool,
}

impl KeyParser {
    pub fn new() -> KeyParser {
        KeyParser::default()
    }

    /// The inputs these bytes complete.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Input> {
        let mut out = Vec::new();
        for &b in bytes {
            self.byte(b, &mut out);
        }
        out
    }

    /// Nothing more arrived: a lone ESC is the Esc key; a half sequence or character is
    /// dropped. A paste under way stays open (its end is still to come).
    pub fn flush(&mut self) -> Vec<Input> {
        match std::mem::take(&mut self.state) {
            State::Esc => vec![Input::Key(Key::Esc)],
            State::Paste(p) => {
                self.state = State::Paste(p);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Whether a byte is held back (a flush after a pause would change something).
    pub fn pending(&self) -> bool {
        matches!(self.state, State::Esc | State::Csi(_) | State::Ss3 | State::Utf8(..) | State::Discard)
    }

    fn byte(&mut self, b: u8, out: &mut Vec<Input>) {
        let after_cr = std::mem::take(&mut self.after_cr);
        match std::mem::take(&mut self.state) {
            State::Ground => self.ground(b, after_cr, out),
            State::Esc => match b {
                b'[' => self.state = State::Csi(Vec::new()),
                b'O' => self.state = State::Ss3,
                0x1b => {
                    out.push(Input::Key(Key::Esc));
                    self.state = State::Esc;
                }
                // Alt and a key: the Esc, then the key.
                _ => {
                    out.push(Input::Key(Key::Esc));
                    self.ground(b, false, out);
                }
            },
            State::Ss3 => {
                let key = match b {
                    b'A' => Some(Key::Up),
                    b'B' => Some(Key::Down),
                    b'C' => Some(Key::Right),
                    b'D' => Some(Key::Left),
                    b'H' => Some(Key::Home),
                    b'F' => Some(Key::End),
                    b'P'..=b'S' => Some(Key::F(b - b'P' + 1)),
                    _ => None,
                };
                out.extend(key.map(Input::Key));
            }
            State::Csi(mut params) => match b {
                0x20..=0x3f if params.len() < MAX_SEQUENCE => {
                    params.push(b);
                    self.state = State::Csi(params);
                }
                0x40..=0x7e => {
                    if b == b'~' && params == b"200" {
                        self.state = State::Paste(Paste::default());
                    } else {
                        out.extend(csi_key(&params, b).map(Input::Key));
                    }
                }
                // Too long: the rest of the sequence is dropped too.
                0x20..=0x3f => self.state = State::Discard,
                // Not a sequence byte: the sequence was garbage; this byte starts afresh.
                _ => self.ground(b, false, out),
            },
            State::Discard => match b {
                0x20..=0x3f => self.state = State::Discard,
                0x40..=0x7e => {}
                _ => self.ground(b, false, out),
            },
            State::Utf8(mut buf, need) => {
                if b & 0xc0 == 0x80 {
                    buf.push(b);
                    if buf.len() < need {
                        self.state = State::Utf8(buf, need);
                    } else if let Some(c) = std::str::from_utf8(&buf).ok().and_then(|s| s.chars().next()) {
                        out.extend(char_key(c).map(Input::Key));
                    }
                } else {
                    // A broken character is dropped; this byte starts afresh.
                    self.ground(b, false, out);
                }
            }
            State::Paste(mut paste) => {
                let stored = paste.text.len() < MAX_PASTE;
                if stored {
                    paste.text.push(b);
                }
                if b == PASTE_END[paste.matched] {
                    paste.matched += 1;
                    paste.stored += usize::from(stored);
                } else if b == PASTE_END[0] {
                    paste.matched = 1;
                    paste.stored = usize::from(stored);
                } else {
                    paste.matched = 0;
                    paste.stored = 0;
                }
                if paste.matched == PASTE_END.len() {
                    let keep = paste.text.len().saturating_sub(paste.stored);
                    paste.text.truncate(keep);
                    let text = String::from_utf8_lossy(&paste.text);
                    out.push(Input::Paste(crate::text_safety::sanitize(&text).into_owned()));
                } else {
                    self.state = State::Paste(paste);
                }
            }
        }
    }

    fn ground(&mut self, b: u8, after_cr: bool, out: &mut Vec<Input>) {
        let key = match b {
            0x1b => {
                self.state = State::Esc;
                return;
            }
            b'\r' => {
                self.after_cr = true;
                Some(Key::Enter)
            }
            b'\n' if after_cr => None,
            b'\n' => Some(Key::Enter),
            b'\t' => Some(Key::Tab),
            0x7f | 0x08 => Some(Key::Backspace),
            0x01..=0x1a => Some(Key::Ctrl(char::from(b'a' + b - 1))),
            0x20..=0x7e => Some(Key::Char(char::from(b))),
            0xc2..=0xf4 => {
                let need = match b {
                    0xc2..=0xdf => 2,
                    0xe0..=0xef => 3,
                    _ => 4,
                };
                self.state = State::Utf8(vec![b], need);
                return;
            }
            // NUL, other C0 controls, stray continuation bytes, bytes UTF-8 never uses.
            _ => None,
        };
        out.extend(key.map(Input::Key));
    }
}

/// A printable character as a key; controls and invisible characters are no key.
fn char_key(c: char) -> Option<Key> {
    (!c.is_control() && crate::text_safety::forbidden_reason(c).is_none()).then_some(Key::Char(c))
}

/// `ESC [ params final`: arrows, Home/End, PgUp/PgDn, Shift-Tab, F1–F4; modifiers ignored.
fn csi_key(params: &[u8], last: u8) -> Option<Key> {
    let first: Option<u16> =
        params.split(|&b| b == b';').next().and_then(|p| std::str::from_utf8(p).ok()).and_then(|p| p.parse().ok());
    Some(match last {
        b'A' => Key::Up,
        b'B' => Key::Down,
        b'C' => Key::Right,
        b'D' => Key::Left,
        b'H' => Key::Home,
        b'F' => Key::End,
        b'Z' => Key::BackTab,
        b'~' => match first? {
            1 | 7 => Key::Home,
            4 | 8 => Key::End,
            5 => Key::PageUp,
            6 => Key::PageDown,
            11..=14 => Key::F((first? - 10) as u8),
            _ => return None,
        },
        _ => return None,
    })
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;
