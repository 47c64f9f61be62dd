//! The output adapters other than the terminal's: CSV cells, Markdown and JSON. Each applies
//! the one rule ([`super::judge`]) and adds what its format needs.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::{judged, replace};

/// One CSV cell (RFC 4180): one line (newlines become spaces), unsafe characters shown as
/// markers, quoted when it holds a comma or quote (quotes doubled). Text that a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@` first, also after leading spaces) gets a leading
/// `'`, as OWASP advises against CSV injection; numbers are written without this function.
pub fn csv_cell(text: &str) -> String {
    let text = replace(text, Some(' ')).into_owned();
    let formula = text.trim_start_matches(' ').starts_with(['=', '+', '-', '@']);
    let text = if formula { format!("'{text}") } else { text };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

/// Text safe inside a Markdown paragraph, heading, list item or table cell: one line (newlines
/// become spaces, so no `# heading` or list can start), unsafe characters shown as markers, the
/// characters that make emphasis, code, links, images, headings, tables and strike-through
/// (`\ ` * _ [ ] # | ~ !`) escaped with `\`, and `<`, `>`, `&` written as HTML entities so that no
/// HTML tag (`<img src=x onerror=…>`) or entity can form. The caller never starts a line with
/// the text, so `-`, `+` and `1.` cannot make a list.
pub fn markdown_inline(text: &str) -> String {
    let line = replace(text, Some(' '));
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// An identifier as a Markdown code span (`` `toll-x` ``) when it is plain (ASCII letters,
/// digits, `-`, `_`, `.`), else as [`markdown_inline`] text: no renderer, however naive about
/// code spans, then sees anything but plain characters between backticks.
pub fn markdown_code(text: &str) -> String {
    let plain = !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if plain { format!("`{text}`") } else { markdown_inline(text) }
}

/// Pretty JSON in which every unsafe character inside a string (C1 controls such as U+009B,
/// DEL, bidi controls, zero-width and other invisible characters) is written as a `\uXXXX`
/// escape (a surrogate pair above U+FFFF). serde_json already escapes C0 controls, quotes and
/// backslashes. Escapes are lossless: reading the JSON back gives the exact text.
pub fn json_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    write_json(value, SafeFormatter(PrettyFormatter::new()))
}

/// As [`json_pretty`], on one line.
pub fn json_compact<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    write_json(value, SafeFormatter(serde_json::ser::CompactFormatter))
}

fn write_json<T: Serialize + ?Sized, F: Formatter>(value: &T, formatter: F) -> serde_json::Result<String> {
    let mut bytes = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    value.serialize(&mut ser)?;
    // Only whole UTF-8 strings and ASCII are ever written.
    Ok(String::from_utf8(bytes).expect("serde_json writes UTF-8"))
}

/// A serde_json formatter that escapes unsafe characters in strings and otherwise formats as
/// the one it wraps.
struct SafeFormatter<F>(F);

impl<F: Formatter> Formatter for SafeFormatter<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut start = 0;
        for (i, c, verdict) in judged(fragment) {
            if verdict.is_none() {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04X}")?;
            }
            start = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}
