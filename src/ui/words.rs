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
