//! The bundled scenarios in the form build.rs parsed them into (`src/scenario/bake.rs`): code that
//! builds each file's parsed form, spans and all, without reading TOML. [`template`] gives the
//! same [`Template`] `parse_template` gives for that file's text, minus the scan for known
//! criminal domains, which `check` of the built-in corpus (in the test suite) does in full.

use std::collections::BTreeMap;

use super::kinds::{Category, FlagKind, Verdict};
use super::model::{Cue, Scenario, TemplateText};
use super::problem::Location;
#[allow(unused_imports)]
use super::raw::{RawCue, RawDomain, RawMessage, RawQuestion, RawScenario, RawSlot, Text};
use super::validate::{Parsed, Template};
use toml::Spanned as S;

/// What a round needs of a bundled file with variables before any of it is shown, as build.rs
/// read it from the file: the round is weighed and picked from these (id, verdict, category,
/// difficulty, flag kinds), and only the variants it shows are drawn. Drawing the first
/// variant of each of the 213 such files at start-up was three fifths of the instructions
/// before the first frame, for ten variants shown (docs/performance.md, session 16).
pub(super) struct Summary {
    id: &'static str,
    /// Where the id is written (1-based), for a duplicate id reported against it.
    id_line: usize,
    id_col: usize,
    verdict: &'static str,
    category: &'static str,
    difficulty: Option<i64>,
    /// The flags' kinds, in file order.
    flags: &'static [&'static str],
}

/// A spanned string from its span and text: most of the baked values.
fn x(start: usize, end: usize, s: &str) -> Text {
    S::new(start..end, s.to_string())
}

include!(concat!(env!("OUT_DIR"), "/baked_scenarios.rs"));

/// How many files were baked: as many as [`super::embedded::EMBEDDED`] holds, in its order.
pub fn count() -> usize {
    BAKED.len()
}

/// Bundled file `index` as a round's pool holds it before it is drawn (see [`Summary`]): a
/// scenario that is [`Scenario::undrawn`], with no text of its own. `None` for a file that
/// has no variables or whose summary does not read as the rules would have it (an unknown
/// kind, a difficulty out of range): that file is built whole instead, and any problem
/// reported as from its text.
pub fn undrawn(index: usize, path: &str, text: &'static str) -> Option<Parsed> {
    let summary = SUMMARIES.get(index)?.as_ref()?;
    let difficulty = match summary.difficulty {
        None => None,
        Some(d @ 1..=3) => Some(d as u8),
        Some(_) => return None,
    };
    let flags = summary
        .flags
        .iter()
        .map(|k| FlagKind::parse(k).map(|kind| Cue { kind, quote: None, why: String::new() }))
        .collect::<Option<Vec<_>>>()?;
    let scenario = Scenario {
        id: summary.id.to_string(),
        verdict: Verdict::parse(summary.verdict)?,
        category: Category::parse(summary.category)?,
        title: String::new(),
        context: None,
        notes: None,
        difficulty,
        thread: Vec::new(),
        flags,
        signs: Vec::new(),
        question: None,
        verify: Vec::new(),
        sources: Vec::new(),
        origin: path.to_string(),
        template: Some(TemplateText::Bundled(text)),
        undrawn: true,
    };
    let id_at = Location { path: path.to_string(), line: summary.id_line, col: summary.id_col };
    Some(Parsed { scenario, id_at, has_vars: true, findings: Vec::new(), warnings: Vec::new() })
}

/// The template of bundled file `index` (an index into [`super::embedded::EMBEDDED`]), built
/// from its baked form.
pub fn template(index: usize, path: &str, text: &'static str) -> Template {
    Template::from_baked(path, text, BAKED[index]())
}

/// The template of a bundled file, known by its path and exact text, built from its baked form
/// with every rule (as `parse_template` would give it, without reading TOML): a round draws
/// its variants from this. `None` for any other file.
pub fn checked_template(path: &str, text: &str) -> Option<Template> {
    let index = super::embedded::EMBEDDED.iter().position(|(p, t)| *p == path && *t == text)?;
    Some(Template::from_baked_checked(path, super::embedded::EMBEDDED[index].1, BAKED[index]()))
}
