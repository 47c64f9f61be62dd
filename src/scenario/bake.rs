//! Compiled into build.rs only (`#[path]`), not part of the library: it runs at build time.
//! Bakes the bundled scenarios at build time: each file is parsed here into the crate's own
//! parsed form (`src/scenario/raw.rs`, with every value's span), and written out as Rust code
//! that builds that form again without reading any TOML. The trainer's start-up then builds
//! each bundled scenario from its baked form instead of parsing and scanning 200-odd files
//! (it was two thirds of the time to the first frame). A file that is not valid TOML, or holds
//! a key the format does not know, fails the build here with its path, line and column.

use std::collections::BTreeMap;
use std::fmt::Write;

use toml::Spanned;

use crate::raw::{RawCue, RawDomain, RawMessage, RawQuestion, RawScenario, RawSlot};

/// The generated file, one function per scenario, in the order the files are added.
#[derive(Default)]
pub struct Baker {
    code: String,
    count: usize,
    /// One `Some(Summary { .. })` (or `None`) per file, for `SUMMARIES`.
    summaries: Vec<String>,
}

impl Baker {
    /// Parses `text` (shown as `shown` in a failure) and adds the code that rebuilds it.
    pub fn add(&mut self, shown: &str, text: &str) {
        // The same normalising as `parse_template`, so every span means the same there.
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let text = text.replace("\r\n", "\n");
        let raw: RawScenario = toml::from_str(&text).unwrap_or_else(|e| {
            let at = e.span().map_or(0, |s| s.start);
            let line = text[..at.min(text.len())].matches('\n').count() + 1;
            let col = text[..at.min(text.len())].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            panic!("{shown}:{line}:{col}: {}", e.message())
        });
        let _ = write!(self.code, "fn s{}() -> RawScenario {{\n    ", self.count);
        raw.emit(&mut self.code);
        self.code.push_str("\n}\n");
        self.summaries.push(summary(&raw, &text).unwrap_or_else(|| "None".to_string()));
        self.count += 1;
    }

    /// The generated module body: the functions and `BAKED`, indexed as `EMBEDDED`.
    pub fn finish(mut self) -> String {
        self.code.push_str("pub(super) static BAKED: &[fn() -> RawScenario] = &[");
        for i in 0..self.count {
            let _ = write!(self.code, "s{i}, ");
        }
        self.code.push_str("];\n");
        self.code.push_str("pub(super) static SUMMARIES: &[Option<Summary>] = &[\n");
        for summary in &self.summaries {
            let _ = writeln!(self.code, "    {summary},");
        }
        self.code.push_str("];\n");
        self.code
    }
}

/// The code of a file's `Summary` (see `baked.rs`): what weighs and picks a round, as written.
/// `None` for a file without variables (it is built whole: it has one variant) or with a
/// value missing (it is built whole, and its problem reported, as from its text).
fn summary(raw: &RawScenario, text: &str) -> Option<String> {
    let has_vars = raw.vars.as_ref().is_some_and(|v| !v.get_ref().is_empty());
    if !has_vars {
        return None;
    }
    let (id, verdict, category) = (raw.id.as_ref()?, raw.verdict.as_ref()?, raw.category.as_ref()?);
    let flags: Option<Vec<&str>> =
        raw.flag.iter().map(|f| f.get_ref().kind.as_ref().map(|k| k.get_ref().as_str())).collect();
    let before = &text[..id.span().start.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some(format!(
        "Some(Summary {{ id: {:?}, id_line: {line}, id_col: {col}, verdict: {:?}, category: {:?}, difficulty: {:?}, flags: &{:?} }})",
        id.get_ref(),
        verdict.get_ref(),
        category.get_ref(),
        raw.difficulty.as_ref().map(|d| *d.get_ref()),
        flags?,
    ))
}

/// Writes a Rust expression that evaluates to the value. The generated file brings `S`
/// (`toml::Spanned`), `x` (a spanned `String` from a span and a `&str`) and the raw types into
/// scope.
trait Emit {
    fn emit(&self, out: &mut String);
}

impl Emit for String {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "{self:?}.to_string()");
    }
}

impl Emit for i64 {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "{self}i64");
    }
}

impl Emit for f64 {
    fn emit(&self, out: &mut String) {
        if self.is_finite() {
            let _ = write!(out, "{self:?}f64");
        } else if self.is_nan() {
            out.push_str("f64::NAN");
        } else if *self > 0.0 {
            out.push_str("f64::INFINITY");
        } else {
            out.push_str("f64::NEG_INFINITY");
        }
    }
}

impl Emit for bool {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl<T: Emit> Emit for Option<T> {
    fn emit(&self, out: &mut String) {
        match self {
            None => out.push_str("None"),
            Some(v) => {
                out.push_str("Some(");
                v.emit(out);
                out.push(')');
            }
        }
    }
}

impl<T: Emit> Emit for Vec<T> {
    fn emit(&self, out: &mut String) {
        out.push_str("vec![");
        for v in self {
            v.emit(out);
            out.push_str(", ");
        }
        out.push(']');
    }
}

/// Spanned strings are most values: a short helper call keeps the generated code small.
trait EmitSpanned {
    fn emit_spanned(span: std::ops::Range<usize>, value: &Self, out: &mut String);
}

impl<T: Emit> EmitSpanned for T {
    fn emit_spanned(span: std::ops::Range<usize>, value: &T, out: &mut String) {
        let _ = write!(out, "S::new({}..{}, ", span.start, span.end);
        value.emit(out);
        out.push(')');
    }
}

impl<T: Emit + 'static> Emit for Spanned<T> {
    fn emit(&self, out: &mut String) {
        if let Some(s) = (self.get_ref() as &dyn std::any::Any).downcast_ref::<String>() {
            let _ = write!(out, "x({}, {}, {s:?})", self.span().start, self.span().end);
        } else {
            T::emit_spanned(self.span(), self.get_ref(), out);
        }
    }
}

impl<T: Emit> Emit for BTreeMap<String, T> {
    fn emit(&self, out: &mut String) {
        out.push_str("BTreeMap::from([");
        for (k, v) in self {
            let _ = write!(out, "({k:?}.to_string(), ");
            v.emit(out);
            out.push_str("), ");
        }
        out.push_str("])");
    }
}

/// `Name { field: value, ... }` for a struct of the parsed form.
macro_rules! emit_struct {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl Emit for $ty {
            fn emit(&self, out: &mut String) {
                out.push_str(concat!(stringify!($ty), " {"));
                $(
                    out.push_str(concat!(stringify!($field), ": "));
                    self.$field.emit(out);
                    out.push_str(", ");
                )*
                out.push('}');
            }
        }
    };
}

emit_struct!(RawScenario {
    id,
    verdict,
    category,
    title,
    context,
    notes,
    difficulty,
    thread,
    flag,
    sign,
    question,
    verify,
    sources,
    vars
});
emit_struct!(RawSlot { pick, with, money, date, format, digits, pattern, phone, domain });
emit_struct!(RawDomain { brand, style });
emit_struct!(RawMessage { sender, time, text, from_me, verify, sources });
emit_struct!(RawCue { kind, quote, why, verify, sources });
emit_struct!(RawQuestion { ask, choices, answer, why, asked, verify, sources });
