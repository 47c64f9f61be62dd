//! The tokens of a record's text for [`super`]'s parser: whitespace, punctuation, field names,
//! strings (escapes decoded as serde_json decodes them), integers, floating-point numbers
//! (read by serde_json itself), booleans and `null`. Each gives `None` where serde_json would
//! not read the same thing.

use std::borrow::Cow;

use crate::learning::completion::Status;

use super::super::view::AnyStr;
use crate::json_scan::string_end;

fn hex(b: u8) -> Option<u32> {
    char::from(b).to_digit(16)
}

/// A place in a record's text.
pub(super) struct Parser<'a> {
    pub(super) text: &'a str,
    pub(super) at: usize,
}

impl<'a> Parser<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    /// Skips JSON whitespace (exactly serde_json's four bytes).
    #[inline]
    pub(super) fn ws(&mut self) {
        while let Some(&b) = self.bytes().get(self.at) {
            if b > b' ' {
                return; // a token (the usual case, and the only one in compact records)
            }
            match b {
                b' ' => {
                    self.at += 1;
                    if self.peek() == Some(b' ') {
                        self.spaces();
                    }
                }
                b'\n' | b'\t' | b'\r' => self.at += 1,
                _ => return,
            }
        }
    }

    /// A run of spaces (the indentation of pretty-printed records, up to a dozen bytes before
    /// each field of the export), eight bytes at a time: a byte loop here was a third of
    /// reading the export.
    #[inline(never)]
    fn spaces(&mut self) {
        const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
        while let Some(word) = self.bytes().get(self.at..self.at + 8) {
            let x = u64::from_le_bytes(word.try_into().expect("eight bytes")) ^ SPACES;
            if x != 0 {
                // The first byte that is not a space is the lowest one not zero.
                self.at += (x.trailing_zeros() / 8) as usize;
                return;
            }
            self.at += 8;
        }
        while self.peek() == Some(b' ') {
            self.at += 1;
        }
    }

    /// `want` after optional whitespace.
    #[inline]
    pub(super) fn eat(&mut self, want: u8) -> Option<()> {
        self.ws();
        (self.peek()? == want).then(|| self.at += 1)
    }

    /// After a value: `,` (more follow: true) or `close` (false), whitespace around.
    #[inline]
    pub(super) fn more(&mut self, close: u8) -> Option<bool> {
        self.ws();
        let b = self.peek()?;
        self.at += 1;
        match b {
            b',' => Some(true),
            b if b == close => Some(false),
            _ => None,
        }
    }

    #[inline(always)]
    pub(super) fn starts(&mut self, word: &str) -> bool {
        let found = self.bytes()[self.at..].starts_with(word.as_bytes());
        if found {
            self.at += word.len();
        }
        found
    }

    /// The next field's number in `names`, tried first as `expected` (the quoted name in
    /// place), then read as a plain string; its colon is eaten. `None` for an unknown field or
    /// a name with an escape (serde_json would decode it: the careful reader's case).
    #[inline]
    pub(super) fn key(
        &mut self,
        names: &[&str],
        next: impl Fn(&mut Self, usize) -> bool,
        expected: usize,
    ) -> Option<usize> {
        self.ws();
        let field = if next(self, expected) {
            expected
        } else {
            if self.peek()? != b'"' {
                return None;
            }
            self.at += 1;
            let len = string_end(&self.bytes()[self.at..])?;
            if self.bytes()[self.at + len] != b'"' {
                return None;
            }
            let name = &self.text[self.at..self.at + len];
            self.at += len + 1;
            names.iter().position(|n| *n == name)?
        };
        self.eat(b':')?;
        self.ws();
        Some(field)
    }

    /// A string, borrowed when it has no escape; escapes decoded as serde_json decodes them
    /// into a `String` (surrogates only in pairs). The quote and backslash are ASCII, so every
    /// slice is on character boundaries of text already known to be UTF-8.
    pub(super) fn string(&mut self) -> Option<Cow<'a, str>> {
        if self.peek()? != b'"' {
            return None;
        }
        self.at += 1;
        let start = self.at;
        let len = string_end(&self.bytes()[start..])?;
        self.at += len;
        match self.bytes()[self.at] {
            b'"' => {
                self.at += 1;
                Some(Cow::Borrowed(&self.text[start..start + len]))
            }
            b'\\' => {
                let mut out = String::from(&self.text[start..self.at]);
                self.escaped(&mut out)?;
                Some(Cow::Owned(out))
            }
            _ => None, // a control character: serde_json refuses it
        }
    }

    /// The rest of a string from its first backslash, decoded into `out`, through the quote.
    #[cold]
    fn escaped(&mut self, out: &mut String) -> Option<()> {
        loop {
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                b'\\' => {
                    self.at += 1;
                    let b = self.peek()?;
                    self.at += 1;
                    let c = match b {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let n = self.hex4()?;
                            match n {
                                0xD800..=0xDBFF => {
                                    // A leading surrogate: only its trailing one makes a character.
                                    if !self.starts("\\u") {
                                        return None;
                                    }
                                    let low = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&low) {
                                        return None;
                                    }
                                    char::from_u32((((n - 0xD800) << 10) | (low - 0xDC00)) + 0x1_0000)?
                                }
                                0xDC00..=0xDFFF => return None,
                                _ => char::from_u32(n)?,
                            }
                        }
                        _ => return None,
                    };
                    out.push(c);
                }
                _ => {
                    let len = string_end(&self.bytes()[self.at..])?;
                    if !matches!(self.bytes()[self.at + len], b'"' | b'\\') {
                        return None;
                    }
                    out.push_str(&self.text[self.at..self.at + len]);
                    self.at += len;
                }
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let b = self.bytes().get(self.at..self.at + 4)?;
        let n = (hex(b[0])? << 12) | (hex(b[1])? << 8) | (hex(b[2])? << 4) | hex(b[3])?;
        self.at += 4;
        Some(n)
    }

    /// A string checked and not kept.
    pub(super) fn any_str(&mut self) -> Option<AnyStr> {
        self.string().map(|_| AnyStr)
    }

    /// A non-negative integer at most `max`, as JSON writes one: no sign, no leading zero,
    /// and not followed by a fraction, an exponent or another digit (serde_json would read a
    /// float there, which an integer field refuses).
    #[inline]
    pub(super) fn integer(&mut self, max: u64) -> Option<u64> {
        let bytes = &self.bytes()[self.at..];
        let mut n: u64 = 0;
        let mut digits = 0;
        for &b in bytes.iter().take_while(|b| b.is_ascii_digit()) {
            n = n.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
            digits += 1;
        }
        if digits == 0 || (digits > 1 && bytes[0] == b'0') || n > max {
            return None;
        }
        if matches!(bytes.get(digits), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        self.at += digits;
        Some(n)
    }

    pub(super) fn u32(&mut self) -> Option<u32> {
        self.integer(u32::MAX.into()).map(|n| n as u32)
    }

    /// A JSON number read by serde_json itself, so the value is its own to the last bit: the
    /// extent is found here (`-? digits (. digits)? ([eE] [+-]? digits)?`), serde_json reads it
    /// and refuses what is not a number or is out of range.
    pub(super) fn float(&mut self) -> Option<f64> {
        let bytes = &self.bytes()[self.at..];
        let digits = |from: usize| bytes[from.min(bytes.len())..].iter().take_while(|b| b.is_ascii_digit()).count();
        let mut end = usize::from(bytes.first() == Some(&b'-'));
        let whole = digits(end);
        if whole == 0 {
            return None;
        }
        end += whole;
        if bytes.get(end) == Some(&b'.') {
            end += 1;
            end += digits(end);
        }
        if matches!(bytes.get(end), Some(b'e' | b'E')) {
            end += 1;
            if matches!(bytes.get(end), Some(b'+' | b'-')) {
                end += 1;
            }
            end += digits(end);
        }
        let n = serde_json::from_str::<f64>(&self.text[self.at..self.at + end]).ok()?;
        self.at += end;
        Some(n)
    }

    pub(super) fn boolean(&mut self) -> Option<bool> {
        if self.starts("true") {
            Some(true)
        } else if self.starts("false") {
            Some(false)
        } else {
            None
        }
    }

    /// `null` (`None`) or what `value` reads; the outer `None` gives up.
    pub(super) fn optional<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.starts("null") { Some(None) } else { value(self).map(Some) }
    }

    pub(super) fn status(&mut self) -> Option<Status> {
        match self.string()?.as_ref() {
            "passed" => Some(Status::Passed),
            "failed" => Some(Status::Failed),
            "incomplete" => Some(Status::Incomplete),
            _ => None,
        }
    }
}
