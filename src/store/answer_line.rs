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

use crate::json_scan::string_end;
#[cfg(test)]
use crate::learning::record::{AnswerView, Name};
#[cfg(test)]
use std::borrow::Cow;

/// The view of `line` when it has the trainer's own form; `None` means "ask the careful reader".
/// (The log itself is read through [`fields`], into `answer_window`'s form; this is the same
/// reading as a view, for the tests beside serde_json.)
#[cfg(test)]
pub fn quick(line: &str) -> Option<AnswerView<'_>> {
    let mut names = Vec::new();
    let f = fields(line, &mut names)?;
    fn name(s: &str) -> Name<'_> {
        Name(Cow::Borrowed(s))
    }
    let list = |r: std::ops::Range<usize>| names[r].iter().map(|s| name(s)).collect();
    Some(AnswerView {
        time: f.time,
        round: name(f.round),
        scenario: name(f.scenario),
        category: name(f.category),
        truth: name(f.truth),
        said: name(f.said),
        confidence: f.confidence.map(name),
        difficulty: f.difficulty,
        flags_found: list(f.flags_found.clone()),
        flags_missed: list(f.flags_missed.clone()),
        false_marks: f.false_marks,
        spotted: f.spotted,
        question: f.question,
        choice: f.choice,
    })
}

/// A line of the trainer's own form, read in place: [`AnswerView`] field for field, but the
/// flag kinds are ranges of the `names` they were pushed to, so reading a window of lines
/// allocates nothing per line (two `Vec`s a line were a tenth of reading a long history).
#[derive(Debug)]
#[cfg_attr(not(test), allow(dead_code, reason = "read to be checked; the summary needs only some"))]
pub struct Fields<'a> {
    pub time: u64,
    pub round: &'a str,
    pub scenario: &'a str,
    pub category: &'a str,
    pub truth: &'a str,
    pub said: &'a str,
    pub confidence: Option<&'a str>,
    pub difficulty: Option<u8>,
    pub flags_found: std::ops::Range<usize>,
    pub flags_missed: std::ops::Range<usize>,
    pub false_marks: u32,
    pub spotted: bool,
    pub question: Option<bool>,
    pub choice: Option<u32>,
}

/// Where [`fields`] puts the flag kinds it reads: a list of them, or (`store::answer_window`)
/// of where they are in a window of the log.
pub trait Names<'a> {
    fn push(&mut self, name: &'a str);
    fn len(&self) -> usize;
    fn truncate(&mut self, len: usize);
}

impl<'a> Names<'a> for Vec<&'a str> {
    fn push(&mut self, name: &'a str) {
        Vec::push(self, name);
    }
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn truncate(&mut self, len: usize) {
        Vec::truncate(self, len);
    }
}

/// [`quick`]'s reading of `line`, the flag kinds pushed to `names`; on `None` (ask the careful
/// reader) `names` is as it was.
pub fn fields<'a>(line: &'a str, names: &mut impl Names<'a>) -> Option<Fields<'a>> {
    let had = names.len();
    if let Some(read) = in_written_order(line, names) {
        return Some(read);
    }
    names.truncate(had);
    let read = fields_in(line, names);
    if read.is_none() {
        names.truncate(had);
    }
    read
}

/// A line exactly as the trainer writes it: every field in `AnswerRecord`'s order, the
/// optional ones present or not, each tried as the fixed bytes `,"name":` in turn — no loop
/// over fields, no table of the fields seen (that loop was a fifth of reading a line). Any
/// other line (another order, `null`, spacing) gives `None` and [`fields_in`] reads it: what
/// this accepts, it accepts too, to the same fields.
fn in_written_order<'a>(line: &'a str, names: &mut impl Names<'a>) -> Option<Fields<'a>> {
    let mut p = Parser { text: line, at: 0 };
    let field = |p: &mut Parser<'a>, word: &str| p.starts(word).then_some(());
    field(&mut p, "{\"time\":")?;
    let time = p.number(u64::MAX)?;
    field(&mut p, ",\"round\":")?;
    let round = p.string()?;
    field(&mut p, ",\"scenario\":")?;
    let scenario = p.string()?;
    field(&mut p, ",\"category\":")?;
    let category = p.string()?;
    field(&mut p, ",\"truth\":")?;
    let truth = p.string()?;
    field(&mut p, ",\"said\":")?;
    let said = p.string()?;
    let confidence = if p.starts(",\"confidence\":") { Some(p.string()?) } else { None };
    let difficulty = if p.starts(",\"difficulty\":") { Some(p.number(u8::MAX.into())? as u8) } else { None };
    field(&mut p, ",\"flags_found\":")?;
    let flags_found = p.names(names)?;
    field(&mut p, ",\"flags_missed\":")?;
    let flags_missed = p.names(names)?;
    field(&mut p, ",\"false_marks\":")?;
    let false_marks = p.number(u32::MAX.into())? as u32;
    field(&mut p, ",\"spotted\":")?;
    let spotted = p.boolean()?;
    let question = if p.starts(",\"question\":") { Some(p.boolean()?) } else { None };
    let choice = if p.starts(",\"choice\":") { Some(p.number(u32::MAX.into())? as u32) } else { None };
    field(&mut p, "}")?;
    (p.at == line.len()).then_some(Fields {
        time,
        round,
        scenario,
        category,
        truth,
        said,
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

fn fields_in<'a>(line: &'a str, names: &mut impl Names<'a>) -> Option<Fields<'a>> {
    let mut p = Parser { text: line, at: 0 };
    p.eat(b'{')?;
    let mut seen = 0u16;
    let (mut time, mut difficulty, mut false_marks, mut spotted) = (0, None, 0, false);
    let (mut round, mut scenario, mut category, mut truth, mut said, mut confidence) =
        (None, None, None, None, None, None);
    let (mut flags_found, mut flags_missed, mut question, mut choice) = (0..0, 0..0, None, None);
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
            1 => round = Some(p.string()?),
            2 => scenario = Some(p.string()?),
            3 => category = Some(p.string()?),
            4 => truth = Some(p.string()?),
            5 => said = Some(p.string()?),
            6 => confidence = p.optional(Parser::string)?,
            7 => difficulty = p.optional(|p| p.number(u8::MAX.into()).map(|n| n as u8))?,
            8 => flags_found = p.names(names)?,
            9 => flags_missed = p.names(names)?,
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
    Some(Fields {
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

    /// `[]` or `["a","b",…]`, pushed to `names`: where they went.
    fn names(&mut self, names: &mut impl Names<'a>) -> Option<std::ops::Range<usize>> {
        self.eat(b'[')?;
        let start = names.len();
        if self.text.as_bytes().get(self.at) == Some(&b']') {
            self.at += 1;
            return Some(start..start);
        }
        loop {
            names.push(self.string()?);
            match self.next()? {
                b',' => continue,
                b']' => return Some(start..names.len()),
                _ => return None,
            }
        }
    }

    /// A non-negative integer at most `max`, written as JSON writes one (no leading zero, no
    /// sign, fraction or exponent: the byte after it must end the value, which the caller checks).
    #[inline]
    fn number(&mut self, max: u64) -> Option<u64> {
        let bytes = &self.text.as_bytes()[self.at..];
        // Nineteen digits never overflow a u64: those are summed without checks (a time
        // stamp has ten); only from a twentieth on is each step checked.
        let (mut n, mut digits) = (0u64, 0);
        while let Some(&b) = bytes.get(digits).filter(|b| b.is_ascii_digit() && digits < 19) {
            n = n * 10 + u64::from(b - b'0');
            digits += 1;
        }
        while let Some(&b) = bytes.get(digits).filter(|b| b.is_ascii_digit()) {
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
