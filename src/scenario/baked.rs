//! The bundled scenarios in the form build.rs parsed them into (`src/scenario/bake.rs`): code that
//! builds each file's parsed form, spans and all, without reading TOML. [`template`] gives the
//! same [`Template`] `parse_template` gives for that file's text, minus the scan for known
//! criminal domains, which `check` of the built-in corpus (in the test suite) does in full.

use std::collections::BTreeMap;

#[allow(unused_imports)]
use super::raw::{RawCue, RawDomain, RawMessage, RawQuestion, RawScenario, RawSlot, Text};
use super::validate::Template;
use toml::Spanned as S;

/// A spanned string from its span and text: most of the baked values.
fn x(start: usize, end: usize, s: &str) -> Text {
    S::new(start..end, s.to_string())
}

include!(concat!(env!("OUT_DIR"), "/baked_scenarios.rs"));

/// How many files were baked: as many as [`super::embedded::EMBEDDED`] holds, in its order.
pub fn count() -> usize {
    BAKED.len()
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
