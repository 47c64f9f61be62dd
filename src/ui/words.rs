//! Words the views share: a verdict's name, a confidence level's, in the session's locale.

use std::borrow::Cow;

use crate::app::Confidence;
use crate::i18n::{Locale, key};
use crate::scenario::Verdict;

/// A verdict as a button or a heading: "Scam", "Genuine".
pub fn verdict(t: &Locale, v: Verdict) -> Cow<'_, str> {
    t.text(match v {
        Verdict::Scam => key("verdict.scam"),
        Verdict::Legit => key("verdict.legit"),
    })
}

/// A verdict inside a sentence: "scam", "genuine".
pub fn verdict_word(t: &Locale, v: Verdict) -> Cow<'_, str> {
    t.text(match v {
        Verdict::Scam => key("verdict.scam_word"),
        Verdict::Legit => key("verdict.legit_word"),
    })
}

/// A confidence level as shown: "sure", "fairly sure", "guessing".
pub fn confidence(t: &Locale, c: Confidence) -> Cow<'_, str> {
    t.text(c.key())
}

/// A category as learners see it ("Road tolls"), by its name in files.
pub fn category(t: &Locale, c: crate::scenario::Category) -> String {
    term(t, "category", c.name(), c.label())
}

/// A red-flag kind as learners see it ("Lookalike link").
pub fn flag_kind(t: &Locale, k: crate::scenario::FlagKind) -> String {
    term(t, "flag_kind", k.name(), k.label())
}

/// A genuine-sign kind as learners see it.
pub fn sign_kind(t: &Locale, k: crate::scenario::SignKind) -> String {
    term(t, "sign_kind", k.name(), k.label())
}

/// A vocabulary term's words: `<table>.<name>` in the catalogue (a test checks that every term
/// is there), else the English label of `scenario::kinds`.
fn term(t: &Locale, table: &str, name: &str, label: &str) -> String {
    t.lookup(&format!("{table}.{name}")).unwrap_or(label).to_string()
}
