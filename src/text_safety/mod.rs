//! Text from any file (scenarios, decks, lessons, courses, answers.jsonl, completions.jsonl, file
//! names) and from the command line is untrusted. A hostile file could carry terminal escape
//! sequences (rewrite the screen, set the window title, write the clipboard with OSC 52, plant a
//! clickable OSC 8 link), a line break that forges a line of output, or invisible characters that
//! make text read differently from what it is (bidi overrides, zero-width spaces, tag characters
//! smuggling hidden text, Hangul fillers that look like nothing).
//!
//! **One rule** decides, by Unicode properties, which characters are unsafe: [`judge`]. The
//! checker (`smishdrill check`) rejects them in every file it reads; every output replaces or
//! escapes any that slip through, through one adapter per kind of output:
//!
//! | output | adapter | a newline | an unsafe character |
//! |---|---|---|---|
//! | the trainer's screen, multi-line text | [`sanitize`] | kept | visible marker (`␛`, `�`) |
//! | a screen field that is one line | [`sanitize_line`] | a space | visible marker |
//! | a line printed by a command (terminal, pipe, file) | [`terminal_line`] | `␤` | visible marker |
//! | a CSV cell | [`csv_cell`] | a space | visible marker; formula starts get `'` |
//! | Markdown | [`markdown_inline`] | a space | visible marker; Markdown and HTML escaped |
//! | JSON and xAPI | [`json_pretty`] | `\n` (JSON's own escape) | `\uXXXX` escape (lossless) |
//!
//! JSON keeps the data exact (a `report --format json` export merges back to the same records)
//! while no raw unsafe character is in the bytes written; the other outputs are for people and
//! show a marker instead.

mod output;

pub use output::{csv_cell, json_compact, json_pretty, markdown_code, markdown_inline};

use std::borrow::Cow;
use std::fmt;

use unicode_properties::{GeneralCategory, UnicodeEmoji, UnicodeGeneralCategory};

/// Why a character is unsafe to show. Each kind has one message, used by `check` and the
/// command line alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsafe {
    Escape,
    Tab,
    CarriageReturn,
    /// Any other C0 or C1 control (general category Cc), DEL included.
    Control,
    /// Bidirectional-text controls (embeddings, overrides, isolates, marks).
    Bidi,
    /// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (categories Zl, Zp).
    LineSeparator,
    /// Other format characters (category Cf): zero-width spaces, word joiner, soft hyphen, BOM,
    /// deprecated format controls U+206A–206F, interlinear annotation U+FFF9–FFFB, …
    Format,
    /// Tag characters U+E0000–E007F, which can hide whole sentences inside text.
    Tag,
    /// Characters that draw nothing or a blank though they are letters or symbols: Hangul
    /// fillers, the braille blank, the combining grapheme joiner, Mongolian free variation
    /// selectors, Khmer inherent vowels, musical formatting U+1D173–1D17A.
    Filler,
    /// A variation selector not directly after an emoji.
    VariationSelector,
    /// A zero-width joiner not between two emoji.
    Joiner,
    /// Private use (category Co): no agreed meaning, may draw anything.
    PrivateUse,
    /// Not assigned by Unicode (category Cn, noncharacters included).
    Unassigned,
}

impl Unsafe {
    /// What is wrong with the character, in the words `check` uses.
    pub fn reason(self) -> &'static str {
        match self {
            Unsafe::Escape => "an escape character (ESC), which starts terminal control sequences",
            Unsafe::Tab => "a tab; use spaces",
            Unsafe::CarriageReturn => "a carriage return",
            Unsafe::Control => "a control character",
            Unsafe::Bidi => {
                "a bidirectional-text control, which can make text display in a different order than it is stored"
            }
            Unsafe::LineSeparator => "a line or paragraph separator, which some programs show as a line break",
            Unsafe::Format => "an invisible character",
            Unsafe::Tag => "a tag character, which is invisible and can hide text",
            Unsafe::Filler => "an invisible filler character, which shows as a blank or nothing",
            Unsafe::VariationSelector => "a variation selector that does not follow an emoji (invisible)",
            Unsafe::Joiner => "a zero-width joiner that does not join two emoji (invisible)",
            Unsafe::PrivateUse => "a private-use character, which has no agreed meaning",
            Unsafe::Unassigned => "a code point that Unicode has not assigned",
        }
    }
}

impl fmt::Display for Unsafe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}

/// **The rule.** Whether `c`, between `prev` and `next` (the characters around it, if any), is
/// unsafe to show, and why. A newline (`\n`) is not judged here: each output decides whether it
/// may hold lines. Emoji sequences stay whole: a zero-width joiner between two emoji
/// (👩‍💻) and a variation selector U+FE0E/U+FE0F right after an emoji (❤️, 1️⃣) are fine.
pub fn judge(prev: Option<char>, c: char, next: Option<char>) -> Option<Unsafe> {
    if c.is_ascii() {
        return match c {
            '\n' => None,
            '\u{1b}' => Some(Unsafe::Escape),
            '\t' => Some(Unsafe::Tab),
            '\r' => Some(Unsafe::CarriageReturn),
            c if c.is_ascii_control() => Some(Unsafe::Control),
            _ => None,
        };
    }
    match c {
        '\u{200D}' => (!joins_emoji(prev, next)).then_some(Unsafe::Joiner),
        '\u{FE0E}' | '\u{FE0F}' => (!selects_emoji(prev, next)).then_some(Unsafe::VariationSelector),
        '\u{FE00}'..='\u{FE0D}' | '\u{E0100}'..='\u{E01EF}' => Some(Unsafe::VariationSelector),
        '\u{E0000}'..='\u{E007F}' => Some(Unsafe::Tag),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' => Some(Unsafe::Bidi),
        '\u{115F}'
        | '\u{1160}'
        | '\u{3164}'
        | '\u{FFA0}'
        | '\u{2800}'
        | '\u{034F}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{1D173}'..='\u{1D17A}' => Some(Unsafe::Filler),
        _ => match c.general_category() {
            GeneralCategory::Control => Some(Unsafe::Control),
            GeneralCategory::Format => Some(Unsafe::Format),
            GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator => Some(Unsafe::LineSeparator),
            GeneralCategory::PrivateUse => Some(Unsafe::PrivateUse),
            GeneralCategory::Unassigned | GeneralCategory::Surrogate => Some(Unsafe::Unassigned),
            _ => None,
        },
    }
}

/// An emoji a joiner or selector may attach to: `Emoji=Yes`, but not the ASCII digits, `#`
/// and `*`, which are emoji only inside keycap sequences.
fn pictographic(c: char) -> bool {
    !c.is_ascii() && c.is_emoji_char()
}

/// A ZWJ between two emoji; the emoji before may end in a presentation selector or a skin tone.
fn joins_emoji(prev: Option<char>, next: Option<char>) -> bool {
    let before = prev.is_some_and(|p| pictographic(p) || p == '\u{FE0F}');
    before && next.is_some_and(pictographic)
}

/// A presentation selector right after an emoji; after `0`–`9`, `#` or `*` only as a keycap
/// (followed by U+20E3 COMBINING ENCLOSING KEYCAP).
fn selects_emoji(prev: Option<char>, next: Option<char>) -> bool {
    match prev {
        Some(p) if p.is_ascii() => p.is_emoji_char() && next == Some('\u{20E3}'),
        Some(p) => p.is_emoji_char(),
        None => false,
    }
}

/// Each character of `s` with its byte offset and, if unsafe, why (by [`judge`], in context).
pub fn judged(s: &str) -> impl Iterator<Item = (usize, char, Option<Unsafe>)> + '_ {
    let mut prev = None;
    let mut rest = s.char_indices().peekable();
    std::iter::from_fn(move || {
        let (i, c) = rest.next()?;
        let next = rest.peek().map(|&(_, n)| n);
        let verdict = judge(prev, c, next);
        prev = Some(c);
        Some((i, c, verdict))
    })
}

/// How many bytes at the start of `b` are printable ASCII (space to `~`): eight at a time, since
/// nearly all text is, and this test runs over every field `check` reads and every line it prints.
pub fn printable_ascii_prefix(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // With no high bit set, each test is exact: a byte below 0x20, a byte equal to 0x7f.
        let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        let del = (w ^ (ONES * 0x7f)).wrapping_sub(ONES) & !(w ^ (ONES * 0x7f)) & HIGH;
        if w & HIGH != 0 || below_space != 0 || del != 0 {
            break;
        }
        i += 8;
    }
    i + b[i..].iter().take_while(|&&c| (0x20..0x7f).contains(&c)).count()
}

/// Whether `s` is all printable ASCII, and line breaks where `newlines` allows them: text that
/// needs no character judged.
pub fn is_printable_ascii(s: &str, newlines: bool) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        i += printable_ascii_prefix(&b[i..]);
        match b.get(i) {
            None => return true,
            Some(b'\n') if newlines => i += 1,
            Some(_) => return false,
        }
    }
}

/// The first unsafe character of `s`: its byte offset, the character and why.
///
/// The same answer as the first unsafe verdict of [`judged`], found faster: printable ASCII
/// (nearly all text, and every byte of `check`'s messages but a `×` or a `—`) is passed over
/// eight bytes at a time, an ASCII character is judged alone (the rule never looks around one),
/// and only a non-ASCII character is decoded and judged between its neighbours. Judging every
/// character of `check`'s 2 000 printed lines was an eighth of its time.
pub fn first_unsafe(s: &str) -> Option<(usize, char, Unsafe)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        i += printable_ascii_prefix(&bytes[i..]);
        let &b = bytes.get(i)?;
        if b < 0x80 {
            let c = char::from(b);
            if let Some(why) = judge(None, c, None) {
                return Some((i, c, why));
            }
            i += 1;
            continue;
        }
        let c = s[i..].chars().next()?;
        let prev = s[..i].chars().next_back();
        let next = s[i + c.len_utf8()..].chars().next();
        if let Some(why) = judge(prev, c, next) {
            return Some((i, c, why));
        }
        i += c.len_utf8();
    }
}

/// Is every character of `s` safe (newlines aside)?
pub fn is_safe(s: &str) -> bool {
    first_unsafe(s).is_none()
}

/// Why a character may not appear in text, or `None` if it may, judged alone (no emoji around
/// it, so a lone joiner or selector is unsafe). Prefer [`first_unsafe`] on whole strings.
pub fn forbidden_reason(c: char) -> Option<&'static str> {
    judge(None, c, None).map(Unsafe::reason)
}

/// The visible stand-in drawn for an unsafe character.
pub fn marker_for(c: char) -> char {
    match c {
        // Control Pictures block: ␀ … ␟ for C0, ␡ for DEL, ␤ for a newline where a line break
        // is not allowed.
        '\n' => '␤',
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
        '\u{7f}' => '␡',
        _ => '�',
    }
}

/// `s` with every unsafe character, and each newline unless `newline` says what it becomes,
/// replaced by its marker.
fn replace(s: &str, newline: Option<char>) -> Cow<'_, str> {
    let clean = |s: &str| match newline {
        None => is_safe(s),
        Some(_) => is_safe(s) && !s.contains('\n'),
    };
    if clean(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (_, c, verdict) in judged(s) {
        match (c, verdict, newline) {
            ('\n', _, Some(n)) => out.push(n),
            (_, Some(_), _) => out.push(marker_for(c)),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Multi-line text safe to hand to the terminal: newlines kept, unsafe characters replaced by
/// visible markers.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    replace(s, None)
}

/// Like [`sanitize`], for a single-line field on screen: newlines become spaces too.
pub fn sanitize_line(s: &str) -> String {
    replace(s, Some(' ')).into_owned()
}

/// One line of a command's output (terminal, pipe or file): unsafe characters replaced by
/// markers and every newline shown as `␤`, so no text from a file can start a line of its own.
pub fn terminal_line(s: &str) -> Cow<'_, str> {
    replace(s, Some('␤'))
}

#[cfg(test)]
mod tests;
