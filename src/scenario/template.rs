//! `{name}` placeholders in a scenario's text, replaced by drawn values. `{{` and `}}` stand for
//! literal braces. Works on the raw file so that problems in a rendered variant still point at
//! the line the author wrote.

use std::ops::Range;

use super::problem::ProblemKind;
use super::raw::{RawScenario, Text};
use super::slots::is_name;
use super::vars::Values;

/// Replaces placeholders in `text`: the result, the names used that `values` defines (as its
/// own keys: no copy), and what is wrong. Goes on past a problem (leaving the placeholder as
/// written) so one slip is reported once, not again as every rule it then breaks.
pub fn substitute<'v>(text: &str, values: &Values<'v>) -> (String, Vec<&'v str>, Vec<ProblemKind>) {
    let mut out = String::with_capacity(text.len());
    let mut used = Vec::new();
    let mut problems = Vec::new();
    let mut rest = text;
    // Braces are ASCII, so a byte search finds them at a character boundary (`find` with a
    // set of chars decodes every character: it was half of filling a file's variables).
    while let Some(i) = memchr::memchr2(b'{', b'}', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            out.push('{');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            out.push('}');
            rest = after;
        } else if let Some(after) = tail.strip_prefix('{') {
            let Some(end) = after.find('}') else {
                problems.push(ProblemKind::BadBraces("a `{` is never closed; write `{{` for a literal brace".into()));
                out.push_str(tail);
                rest = "";
                break;
            };
            let name = &after[..end];
            if !is_name(name) {
                problems.push(ProblemKind::BadBraces(format!(
                    "`{{{name}}}` is not a variable name; write `{{{{` for a literal brace"
                )));
                out.push_str(&tail[..end + 2]);
            } else {
                match values.get_key_value(name) {
                    Some((name, value)) => {
                        out.push_str(value);
                        used.push(*name);
                    }
                    None => {
                        problems.push(ProblemKind::UndefinedVariable(name.to_string()));
                        out.push_str(&tail[..end + 2]);
                    }
                }
            }
            rest = &after[end + 1..];
        } else {
            problems.push(ProblemKind::BadBraces("a lone `}`; write `}}` for a literal brace".into()));
            out.push('}');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    (out, used, problems)
}

/// Substitutes in every text field of the scenario, in place. Returns the names used (of those
/// `values` defines: every variable of the file, broken or not, which is all the caller asks
/// about) and the problems found (with the span of the field they are in).
pub fn render_raw<'v>(
    raw: &mut RawScenario,
    values: &Values<'v>,
) -> (foldhash::HashSet<&'v str>, Vec<(Range<usize>, ProblemKind)>) {
    let mut used = foldhash::HashSet::default();
    let mut problems = Vec::new();
    let mut apply = |t: &mut Text| {
        // Nothing to substitute: keep the string as it is, no copy (a SIMD search for the
        // braces: every field of every file passes here).
        if memchr::memchr2(b'{', b'}', t.get_ref().as_bytes()).is_none() {
            return;
        }
        let span = t.span();
        let (s, names, found) = substitute(t.get_ref(), values);
        *t.get_mut() = s;
        used.extend(names);
        problems.extend(found.into_iter().map(|kind| (span.clone(), kind)));
    };
    for t in [&mut raw.title, &mut raw.context].into_iter().flatten() {
        apply(t);
    }
    for m in &mut raw.thread {
        let m = m.get_mut();
        for t in [&mut m.sender, &mut m.time, &mut m.text].into_iter().flatten() {
            apply(t);
        }
    }
    for c in raw.flag.iter_mut().chain(raw.sign.iter_mut()) {
        let c = c.get_mut();
        for t in [&mut c.quote, &mut c.why].into_iter().flatten() {
            apply(t);
        }
    }
    for q in &mut raw.question {
        let q = q.get_mut();
        for t in [&mut q.ask, &mut q.why].into_iter().flatten() {
            apply(t);
        }
        for t in q.choices.iter_mut().flat_map(|c| c.get_mut().iter_mut()) {
            apply(t);
        }
    }
    for t in raw.verify.iter_mut().flat_map(|v| v.get_mut().iter_mut()) {
        apply(t);
    }
    (used, problems)
}

/// What a field is to the rules that read more than the field itself: a thread's sender or
/// text (searched for quotes, known domains and real-looking numbers), a cue's quote (looked
/// for in the thread; `usize` counts flags, then signs), or anything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Sender(usize),
    Text(usize),
    Quote(usize),
    Other,
}

/// A piece of a field as written: text, or the value of slot number `n` (in `Vars::slots`).
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Text(String),
    Slot(usize),
}

/// A field that holds a placeholder, as written: the only text that differs between variants,
/// so the only text each further variant renders and checks again.
#[derive(Clone, Debug)]
pub struct Field {
    /// The field cut at its placeholders; `None` when it has a brace problem or names no slot
    /// (the file as written then fails, and no further variant is tried).
    pub pieces: Option<Vec<Piece>>,
    pub span: Range<usize>,
    /// The key the checker names in a problem, and whether it may hold line breaks: as the
    /// checker reads that field.
    pub key: &'static str,
    pub multiline: bool,
    pub role: Role,
    /// Its text pieces are printable ASCII (and line breaks where allowed): filled with
    /// printable ASCII values it cannot break the character rule.
    pub plain: bool,
    /// A text piece holds something besides white space: it cannot be empty.
    pub solid: bool,
}

impl Field {
    /// The field with slot values filled in, as [`substitute`] fills it.
    pub fn render(&self, values: &[std::borrow::Cow<'_, str>], out: &mut String) {
        out.clear();
        // One allocation of the right size: the string is often handed on, and a fresh one grown
        // piece by piece was a twentieth of `check`.
        let len = self.pieces.iter().flatten().map(|p| match p {
            Piece::Text(t) => t.len(),
            Piece::Slot(k) => values[*k].len(),
        });
        out.reserve(len.sum());
        for piece in self.pieces.iter().flatten() {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Slot(k) => out.push_str(&values[*k]),
            }
        }
    }

    /// The slots it uses.
    pub fn slots(&self) -> impl Iterator<Item = usize> + '_ {
        self.pieces.iter().flatten().filter_map(|p| match p {
            Piece::Slot(k) => Some(*k),
            Piece::Text(_) => None,
        })
    }
}

/// `text` cut at its placeholders, as [`substitute`] reads them; `None` on any problem.
pub fn pieces(text: &str, slots: &[&str]) -> Option<Vec<Piece>> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(i) = memchr::memchr2(b'{', b'}', rest.as_bytes()) {
        literal.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            literal.push('{');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            literal.push('}');
            rest = after;
        } else {
            let after = tail.strip_prefix('{')?;
            let end = after.find('}')?;
            let k = slots.iter().position(|n| *n == &after[..end])?;
            if !literal.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut literal)));
            }
            out.push(Piece::Slot(k));
            rest = &after[end + 1..];
        }
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        out.push(Piece::Text(literal));
    }
    Some(out)
}

/// Every field that [`render_raw`] substitutes in and that holds a brace, in the same walk;
/// `slots` names the variables in `Vars::slots` order.
pub fn placeholder_fields(raw: &RawScenario, slots: &[&str]) -> Vec<Field> {
    let mut out = Vec::new();
    let mut add = |t: Option<&Text>, key: &'static str, multiline: bool, role: Role| {
        if let Some(t) = t
            && memchr::memchr2(b'{', b'}', t.get_ref().as_bytes()).is_some()
        {
            let pieces = pieces(t.get_ref(), slots);
            let texts = || {
                pieces.iter().flatten().filter_map(|p| match p {
                    Piece::Text(t) => Some(t.as_str()),
                    Piece::Slot(_) => None,
                })
            };
            let plain = texts().all(|t| crate::text_safety::is_printable_ascii(t, multiline));
            let solid = texts().any(|t| !t.trim().is_empty());
            out.push(Field { pieces, span: t.span(), key, multiline, role, plain, solid });
        }
    };
    add(raw.title.as_ref(), "title", false, Role::Other);
    add(raw.context.as_ref(), "context", true, Role::Other);
    for (i, m) in raw.thread.iter().enumerate() {
        let m = m.get_ref();
        add(m.sender.as_ref(), "sender", false, Role::Sender(i));
        add(m.time.as_ref(), "time", false, Role::Other);
        add(m.text.as_ref(), "text", true, Role::Text(i));
    }
    for (i, c) in raw.flag.iter().chain(raw.sign.iter()).enumerate() {
        let c = c.get_ref();
        add(c.quote.as_ref(), "quote", false, Role::Quote(i));
        add(c.why.as_ref(), "why", true, Role::Other);
    }
    // Only the first question is checked (a second one is an error of the file as written).
    if let Some(q) = raw.question.first() {
        let q = q.get_ref();
        add(q.ask.as_ref(), "ask", true, Role::Other);
        add(q.why.as_ref(), "why", true, Role::Other);
        for t in q.choices.iter().flat_map(|c| c.get_ref().iter()) {
            add(Some(t), "choices", false, Role::Other);
        }
    }
    for t in raw.verify.iter().flat_map(|v| v.get_ref().iter()) {
        add(Some(t), "verify", true, Role::Other);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values<'static> {
        Values::from_iter([("agency", "SunPass".into())])
    }

    #[test]
    fn replaces_names_and_literal_braces() {
        let (s, used, problems) = substitute("{agency}: pay {{now}}", &values());
        assert_eq!(s, "SunPass: pay {now}");
        assert_eq!(used, ["agency"]);
        assert!(problems.is_empty());
    }

    #[test]
    fn reports_undefined_and_unbalanced_and_goes_on() {
        let (s, _, p) = substitute("{agnecy} and {agency}", &values());
        assert_eq!(p, [ProblemKind::UndefinedVariable("agnecy".into())]);
        assert_eq!(s, "{agnecy} and SunPass");
        assert!(matches!(substitute("{agency", &values()).2[..], [ProblemKind::BadBraces(_)]));
        assert!(matches!(substitute("a } b", &values()).2[..], [ProblemKind::BadBraces(_)]));
        assert!(matches!(substitute("{Agency}", &values()).2[..], [ProblemKind::BadBraces(_)]));
    }

    #[test]
    fn text_without_braces_is_unchanged() {
        assert_eq!(substitute("plain $4.35", &values()).0, "plain $4.35");
    }
}
