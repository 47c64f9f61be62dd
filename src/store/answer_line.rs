//! One line of `answers.jsonl` read the quick way: the form the trainer writes (no whitespace,
//! no escapes, known fields) parsed in place into an [`AnswerView`], or `None` for anything
//! else, which then goes to `serde_json` (the careful reader) as before.
//!
//! Why: reading a 100 000-answer history with no summary cache yet (the first start after an
//! upgrade, or after the cache was deleted) was serde_json's general machinery — string
//! scanning, field-name matching through visitors, number parsing — for 60 % of the time,
//! over lines that are all the same simple shape. This parser takes only what it is sure
//! `serde_json::from_str::<AnswerView>` reads to the same view: any byte it does not expect
//! (whitespace, an escape, a control character, an unknown or repeated field, a number with a
//! sign, fraction, exponent or leading zero, or out of range, `null` where the field is not an
//! `Option`, a missing required field) makes it give up on the line, never guess. So a line
//! reads to exactly what it always did, and a damaged line is still damaged (the careful
//! reader says so). `answer_line_tests.rs` holds the two side by side over hostile lines.

use std::borrow::Cow;

use crate::learning::record::{AnswerView, Name};

/// The view of `line` when it has the trainer's own form; `None` means "ask the careful reader".
pub fn quick(line: &str) -> Option<AnswerView<'_>> {
    let mut p = Parser { text: line, at: 0 };
    p.eat(b'{')?;
    let mut seen = 0u16;
    let (mut time, mut difficulty, mut false_marks, mut spotted) = (0, None, 0, false);
    let (mut round, mut scenario, mut category, mut truth, mut said, mut confidence) =
        (None, None, None, None, None, None);
    let (mut flags_found, mut flags_missed, mut question, mut choice) = (Vec::new(), Vec::new(), None, None);
    // The field the trainer writes next, tried first as the bytes `"name":`, so a line of its
    // own form costs a fixed-length comparison per field, no scan.
    let mut expected = 0;
    loop {
        let field = if p.next_is(expected) {
            expected
        } else {
            let key = p.string()?;
            p.eat(b':')?;
            field(key)?
        };
        expected = field + 1;
        if seen & (1 << field) != 0 {
            return None; // serde: "duplicate field"
        }
        seen |= 1 << field;
        match field {
            0 => time = p.number(u64::MAX)?,
            1 => round = Some(p.name()?),
            2 => scenario = Some(p.name()?),
            3 => category = Some(p.name()?),
            4 => truth = Some(p.name()?),
            5 => said = Some(p.name()?),
            6 => confidence = p.optional(Parser::name)?,
            7 => difficulty = p.optional(|p| p.number(u8::MAX.into()).map(|n| n as u8))?,
            8 => flags_found = p.names()?,
            9 => flags_missed = p.names()?,
            10 => false_marks = p.number(u32::MAX.into())? as u32,
            11 => spotted = p.boolean()?,
            12 => question = p.optional(Parser::boolean)?,
            _ => choice = p.optional(|p| p.number(u32::MAX.into()).map(|n| n as u32))?,
        }
        match p.next()? {
            b',' => continue,
            b'}' => break,
            _ => return None,
        }
    }
    if p.at != line.len() {
        return None;
    }
    Some(AnswerView {
        time,
        round: round?,
        scenario: scenario?,
        category: category?,
        truth: truth?,
        said: said?,
        confidence,
        difficulty,
        flags_found,
        flags_missed,
        false_marks,
        spotted,
        question,
        choice,
    })
}

/// The number of `AnswerRecord`'s field `key` (the order of the `match` above), if it is one.
/// A `match` on strings compares lengths and then fixed-length bytes in place.
fn field(key: &str) -> Option<usize> {
    Some(match key {
        "time" => 0,
        "round" => 1,
        "scenario" => 2,
        "category" => 3,
        "truth" => 4,
        "said" => 5,
        "confidence" => 6,
        "difficulty" => 7,
        "flags_found" => 8,
        "flags_missed" => 9,
        "false_marks" => 10,
        "spotted" => 11,
        "question" => 12,
        "choice" => 13,
        _ => return None,
    })
}

/// Where the first `"`, `\\` or control character of `bytes` is: eight bytes at a time, with
/// the usual bit tricks (a byte's high bit is set in the mask exactly from the first byte that
/// matches; bytes after it may be set too, so only the lowest counts).
#[inline]
fn string_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x;
    let mut at = 0;
    while let Some(word) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let quote = zero_in(x ^ (ONES * u64::from(b'"')));
        let backslash = zero_in(x ^ (ONES * u64::from(b'\\')));
        let control = x.wrapping_sub(ONES * 0x20) & !x;
        let found = (quote | backslash | control) & HIGH;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).map(|i| at + i)
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Parser<'a> {
    fn next(&mut self) -> Option<u8> {
        let b = *self.text.as_bytes().get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn eat(&mut self, want: u8) -> Option<()> {
        (self.next()? == want).then_some(())
    }

    /// Whether field `n`, quoted and with its colon, comes next (then it is read). Each arm
    /// compares a fixed number of bytes, which the compiler does in place.
    fn next_is(&mut self, n: usize) -> bool {
        match n {
            0 => self.starts("\"time\":"),
            1 => self.starts("\"round\":"),
            2 => self.starts("\"scenario\":"),
            3 => self.starts("\"category\":"),
            4 => self.starts("\"truth\":"),
            5 => self.starts("\"said\":"),
            6 => self.starts("\"confidence\":"),
            7 => self.starts("\"difficulty\":"),
            8 => self.starts("\"flags_found\":"),
            9 => self.starts("\"flags_missed\":"),
            10 => self.starts("\"false_marks\":"),
            11 => self.starts("\"spotted\":"),
            12 => self.starts("\"question\":"),
            13 => self.starts("\"choice\":"),
            _ => false,
        }
    }

    #[inline(always)]
    fn starts(&mut self, word: &str) -> bool {
        let found = self.text.as_bytes()[self.at..].starts_with(word.as_bytes());
        if found {
            self.at += word.len();
        }
        found
    }

    /// A string with neither escapes nor control characters (serde_json refuses the latter;
    /// the former it reads, so they go to it), borrowed. The quote is ASCII, so the slice is
    /// on character boundaries of text already known to be UTF-8.
    #[inline]
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let bytes = self.text.as_bytes();
        let start = self.at;
        let len = string_end(&bytes[start..])?;
        if bytes[start + len] != b'"' {
            return None;
        }
        self.at = start + len + 1;
        Some(&self.text[start..start + len])
    }

    fn name(&mut self) -> Option<Name<'a>> {
        self.string().map(|s| Name(Cow::Borrowed(s)))
    }

    /// `[]` or `["a","b",…]`.
    fn names(&mut self) -> Option<Vec<Name<'a>>> {
        self.eat(b'[')?;
        let mut names = Vec::new();
        if self.text.as_bytes().get(self.at) == Some(&b']') {
            self.at += 1;
            return Some(names);
        }
        loop {
            names.push(self.name()?);
            match self.next()? {
                b',' => continue,
                b']' => return Some(names),
                _ => return None,
            }
        }
    }

    /// A non-negative integer at most `max`, written as JSON writes one (no leading zero, no
    /// sign, fraction or exponent: the byte after it must end the value, which the caller checks).
    fn number(&mut self, max: u64) -> Option<u64> {
        let bytes = &self.text.as_bytes()[self.at..];
        let mut n: u64 = 0;
        let mut digits = 0;
        for &b in bytes.iter().take_while(|b| b.is_ascii_digit()) {
            n = n.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
            digits += 1;
        }
        if digits == 0 || (digits > 1 && bytes[0] == b'0') || n > max {
            return None;
        }
        self.at += digits;
        Some(n)
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.starts("true") {
            Some(true)
        } else if self.starts("false") {
            Some(false)
        } else {
            None
        }
    }

    /// `null` (`None`) or what `value` reads; the outer `None` gives up.
    fn optional<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.starts("null") { Some(None) } else { value(self).map(Some) }
    }
}

#[cfg(test)]
#[path = "answer_line_tests.rs"]
mod tests;
