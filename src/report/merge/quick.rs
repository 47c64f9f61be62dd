//! One completion record read the quick way: parsed in place from the text into a
//! [`RecordView`], or `None` for anything this parser is not sure of, which then goes to
//! `serde_json` (the careful reader) exactly as before.
//!
//! Why: after session 12 what was left of `report --merge` over parsing the files once was
//! serde_json's typed parse of each record — matching 30 field names through visitors, scanning
//! 150 strings, building the view. This parser reads the record shapes the merge meets (the
//! export pretty-printed, `completions.jsonl` compact, `jq .`'s records; whitespace anywhere
//! JSON allows it; the known fields in any order, the next one tried first as fixed bytes) and
//! takes only what it is sure `serde_json`'s stream of `RecordView`s reads to the same view at
//! the same length: an unknown or repeated field, a missing required one, a number with a
//! sign, fraction or exponent where an integer is wanted, or with a leading zero, or out of
//! range, `null` where the field is not an `Option`, a struct written as an array, a string
//! escape it does not know or a surrogate not in a pair, a control character, a text cut short
//! — any of these gives `None`, never a guess. Escapes it does know are decoded as serde_json
//! decodes them. Floating-point numbers are handed to serde_json itself (its own rounding, to
//! the bit). `quick_tests.rs` holds the two side by side over hostile records.

use std::borrow::Cow;

use crate::learning::completion::Status;

use super::view::{AnyCategories, AnyStr, ItemView, RecordView};

/// The record at the start of `text` and the bytes it took (up to its closing brace), or
/// `None`: ask the careful reader.
pub fn record(text: &str) -> Option<(RecordView<'_>, usize)> {
    let mut p = Parser { text, at: 0 };
    let view = p.record()?;
    Some((view, p.at))
}

/// A struct's field names in the order they are written, as `$list`, and `$next(parser, n)`:
/// whether field `n`, quoted, comes next (then it is read). Each arm compares a fixed number of
/// bytes, which the compiler does in place (a comparison against a name from a table was a
/// call to `memcmp` per field).
macro_rules! fields {
    ($list:ident, $next:ident: $($n:literal $name:literal),* $(,)?) => {
        pub(super) const $list: &[&str] = &[$($name),*];

        fn $next(p: &mut Parser<'_>, n: usize) -> bool {
            match n {
                $($n => p.starts(concat!("\"", $name, "\"")),)*
                _ => false,
            }
        }
    };
}

fields!(RECORD, next_record_field:
    0 "learner", 1 "mode", 2 "deck", 3 "deck_title", 4 "deck_checksum", 5 "started", 6 "finished",
    7 "seconds", 8 "status", 9 "pass_mark", 10 "asked", 11 "answered", 12 "correct", 13 "score",
    14 "d_prime", 15 "criterion", 16 "by_category", 17 "items", 18 "version", 19 "seed",
);
fields!(ITEM, next_item_field:
    0 "scenario", 1 "title", 2 "category", 3 "truth", 4 "said", 5 "correct", 6 "confidence",
    7 "seconds", 8 "timed_out",
);
fields!(TALLY, next_tally_field: 0 "asked", 1 "correct");

/// Where the first `"`, `\\` or control character of `bytes` is, eight bytes at a time (the
/// same bit tricks as `store::answer_line`: a byte's high bit is set in the mask exactly from
/// the first byte that matches; only the lowest counts).
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

fn hex(b: u8) -> Option<u32> {
    char::from(b).to_digit(16)
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Parser<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    /// Skips JSON whitespace (exactly serde_json's four bytes).
    #[inline]
    fn ws(&mut self) {
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
    fn eat(&mut self, want: u8) -> Option<()> {
        self.ws();
        (self.peek()? == want).then(|| self.at += 1)
    }

    /// After a value: `,` (more follow: true) or `close` (false), whitespace around.
    #[inline]
    fn more(&mut self, close: u8) -> Option<bool> {
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
    fn starts(&mut self, word: &str) -> bool {
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
    fn key(&mut self, names: &[&str], next: impl Fn(&mut Self, usize) -> bool, expected: usize) -> Option<usize> {
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
    fn string(&mut self) -> Option<Cow<'a, str>> {
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
    fn any_str(&mut self) -> Option<AnyStr> {
        self.string().map(|_| AnyStr)
    }

    /// A non-negative integer at most `max`, as JSON writes one: no sign, no leading zero,
    /// and not followed by a fraction, an exponent or another digit (serde_json would read a
    /// float there, which an integer field refuses).
    #[inline]
    fn integer(&mut self, max: u64) -> Option<u64> {
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

    fn u32(&mut self) -> Option<u32> {
        self.integer(u32::MAX.into()).map(|n| n as u32)
    }

    /// A JSON number read by serde_json itself, so the value is its own to the last bit: the
    /// extent is found here (`-? digits (. digits)? ([eE] [+-]? digits)?`), serde_json reads it
    /// and refuses what is not a number or is out of range.
    fn float(&mut self) -> Option<f64> {
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

    fn status(&mut self) -> Option<Status> {
        match self.string()?.as_ref() {
            "passed" => Some(Status::Passed),
            "failed" => Some(Status::Failed),
            "incomplete" => Some(Status::Incomplete),
            _ => None,
        }
    }

    /// `{ "name": { "asked": n, "correct": n }, … }`: each key a string, each value a tally
    /// with exactly its two fields (a repeated key is what the careful reader accepts too).
    fn categories(&mut self) -> Option<AnyCategories> {
        self.eat(b'{')?;
        self.ws();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(AnyCategories);
        }
        loop {
            self.ws();
            self.any_str()?;
            self.eat(b':')?;
            self.tally()?;
            if !self.more(b'}')? {
                return Some(AnyCategories);
            }
        }
    }

    fn tally(&mut self) -> Option<()> {
        self.eat(b'{')?;
        let mut seen = 0u8;
        let mut expected = 0;
        loop {
            let field = self.key(TALLY, next_tally_field, expected)?;
            if seen & (1 << field) != 0 {
                return None;
            }
            seen |= 1 << field;
            expected = field + 1;
            self.u32()?;
            if !self.more(b'}')? {
                return (seen == 0b11).then_some(());
            }
        }
    }

    fn items(&mut self) -> Option<Vec<ItemView<'a>>> {
        self.eat(b'[')?;
        self.ws();
        let mut items = Vec::new();
        if self.peek()? == b']' {
            self.at += 1;
            return Some(items);
        }
        loop {
            self.ws();
            items.push(self.item()?);
            if !self.more(b']')? {
                return Some(items);
            }
        }
    }

    fn item(&mut self) -> Option<ItemView<'a>> {
        self.eat(b'{')?;
        let mut seen = 0u16;
        let (mut scenario, mut title, mut category, mut truth, mut correct) = (None, None, None, None, None);
        let (mut said, mut confidence, mut seconds, mut timed_out) = (None, None, 0, false);
        let mut expected = 0;
        self.ws();
        if self.peek()? == b'}' {
            return None; // every required field is missing
        }
        loop {
            let field = self.key(ITEM, next_item_field, expected)?;
            if seen & (1 << field) != 0 {
                return None; // serde: "duplicate field"
            }
            seen |= 1 << field;
            expected = field + 1;
            match field {
                0 => scenario = Some(self.string()?),
                1 => title = Some(self.string()?),
                2 => category = Some(self.any_str()?),
                3 => truth = Some(self.any_str()?),
                4 => said = self.optional(Self::any_str)?,
                5 => correct = Some(self.boolean()?),
                6 => confidence = self.optional(Self::any_str)?,
                7 => seconds = self.integer(u64::MAX)?,
                _ => timed_out = self.boolean()?,
            }
            if !self.more(b'}')? {
                break;
            }
        }
        Some(ItemView {
            scenario: scenario?,
            title: title?,
            category: category?,
            truth: truth?,
            said,
            correct: correct?,
            confidence,
            seconds,
            timed_out,
        })
    }

    fn record(&mut self) -> Option<RecordView<'a>> {
        self.eat(b'{')?;
        let mut seen = 0u32;
        let (mut learner, mut mode, mut deck, mut deck_title, mut deck_checksum) = (None, None, None, None, None);
        let (mut started, mut finished, mut seconds, mut status, mut pass_mark) = (None, None, None, None, None);
        let (mut asked, mut answered, mut correct, mut score) = (None, None, None, None);
        let (mut d_prime, mut criterion, mut by_category, mut items, mut version, mut seed) =
            (None, None, None, None, None, None);
        let mut expected = 0;
        self.ws();
        if self.peek()? == b'}' {
            return None;
        }
        loop {
            let field = self.key(RECORD, next_record_field, expected)?;
            if seen & (1 << field) != 0 {
                return None;
            }
            seen |= 1 << field;
            expected = field + 1;
            match field {
                0 => learner = Some(self.string()?),
                1 => mode = Some(self.any_str()?),
                2 => deck = Some(self.string()?),
                3 => deck_title = Some(self.any_str()?),
                4 => deck_checksum = Some(self.any_str()?),
                5 => started = Some(self.integer(u64::MAX)?),
                6 => finished = Some(self.integer(u64::MAX)?),
                7 => seconds = Some(self.integer(u64::MAX)?),
                8 => status = Some(self.status()?),
                9 => pass_mark = Some(self.integer(u8::MAX.into())? as u8),
                10 => asked = Some(self.u32()?),
                11 => answered = Some(self.u32()?),
                12 => correct = Some(self.u32()?),
                13 => score = Some(self.float()?),
                14 => d_prime = self.optional(Self::float)?,
                15 => criterion = self.optional(Self::float)?,
                16 => by_category = Some(self.categories()?),
                17 => items = Some(self.items()?),
                18 => version = Some(self.any_str()?),
                _ => seed = Some(self.integer(u64::MAX)?),
            }
            if !self.more(b'}')? {
                break;
            }
        }
        Some(RecordView {
            learner: learner?,
            mode: mode?,
            deck: deck?,
            deck_title: deck_title?,
            deck_checksum: deck_checksum?,
            started: started?,
            finished: finished?,
            seconds: seconds?,
            status: status?,
            pass_mark: pass_mark?,
            asked: asked?,
            answered: answered?,
            correct: correct?,
            score: score?,
            d_prime,
            criterion,
            by_category: by_category?,
            items: items?,
            version: version?,
            seed: seed?,
        })
    }
}

#[cfg(test)]
#[path = "quick_tests.rs"]
mod tests;
