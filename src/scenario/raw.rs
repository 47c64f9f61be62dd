//! The scenario file exactly as TOML gives it, with the position of every value, before any rule
//! is checked. Every key is optional here so that the validator can report *all* missing keys,
//! not just the first one serde would stop at.

use serde::Deserialize;
use toml::Spanned;

pub type Text = Spanned<String>;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub id: Option<Text>,
    pub verdict: Option<Text>,
    pub category: Option<Text>,
    pub title: Option<Text>,
    pub context: Option<Text>,
    /// For the instructor: shown only in presenter mode, never to a learner.
    pub notes: Option<Text>,
    pub difficulty: Option<Spanned<i64>>,
    #[serde(default)]
    pub thread: Vec<Spanned<RawMessage>>,
    #[serde(default)]
    pub flag: Vec<Spanned<RawCue>>,
    #[serde(default)]
    pub sign: Vec<Spanned<RawCue>>,
    #[serde(default)]
    pub question: Vec<Spanned<RawQuestion>>,
    pub verify: Option<Spanned<Vec<Text>>>,
    pub sources: Option<Spanned<Vec<Text>>>,
    /// Named slots filled at random: `name = { pick = [...] }` and so on.
    pub vars: Option<Spanned<std::collections::BTreeMap<String, Spanned<RawSlot>>>>,
}

/// One `[vars]` entry; exactly one of the kind keys must be present.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSlot {
    pub pick: Option<Spanned<Vec<Text>>>,
    /// With `pick`: take the same position as this other pick.
    pub with: Option<Text>,
    pub money: Option<Spanned<Vec<f64>>>,
    pub date: Option<Spanned<Vec<i64>>>,
    /// With `date`: a strftime-style format.
    pub format: Option<Text>,
    pub digits: Option<Spanned<i64>>,
    pub pattern: Option<Text>,
    pub phone: Option<Text>,
    pub domain: Option<Spanned<RawDomain>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDomain {
    pub brand: Option<Text>,
    pub style: Option<Spanned<Vec<Text>>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMessage {
    pub sender: Option<Text>,
    pub time: Option<Text>,
    pub text: Option<Text>,
    pub from_me: Option<Spanned<bool>>,
    /// `verify` and `sources` written after a `[[table]]` header land inside that table in
    /// TOML; the format's own example does this, so they are accepted there and hoisted.
    pub verify: Option<Spanned<Vec<Text>>>,
    pub sources: Option<Spanned<Vec<Text>>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCue {
    pub kind: Option<Text>,
    pub quote: Option<Text>,
    pub why: Option<Text>,
    /// `verify` and `sources` written after a `[[table]]` header land inside that table in
    /// TOML; the format's own example does this, so they are accepted there and hoisted.
    pub verify: Option<Spanned<Vec<Text>>>,
    pub sources: Option<Spanned<Vec<Text>>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub ask: Option<Text>,
    pub choices: Option<Spanned<Vec<Text>>>,
    pub answer: Option<Spanned<i64>>,
    pub why: Option<Text>,
    /// `"before"` (the default: asked before the reveal, so it must not give the verdict away)
    /// or `"after"` (asked after the explanation in practice; never before the end of an exam).
    pub asked: Option<Text>,
    /// `verify` and `sources` written after a `[[table]]` header land inside that table in
    /// TOML; the format's own example does this, so they are accepted there and hoisted.
    pub verify: Option<Spanned<Vec<Text>>>,
    pub sources: Option<Spanned<Vec<Text>>>,
}

type TextList = Option<Spanned<Vec<Text>>>;

impl RawScenario {
    /// Moves `verify` and `sources` found inside array-of-table entries up to the scenario.
    /// Returns the spans of any second definition, which the validator reports.
    pub fn hoist_trailing_lists(&mut self) -> Vec<(&'static str, std::ops::Range<usize>)> {
        let mut found: Vec<(TextList, TextList)> = Vec::new();
        for m in &mut self.thread {
            let m = m.get_mut();
            found.push((m.verify.take(), m.sources.take()));
        }
        for c in self.flag.iter_mut().chain(self.sign.iter_mut()) {
            let c = c.get_mut();
            found.push((c.verify.take(), c.sources.take()));
        }
        for q in &mut self.question {
            let q = q.get_mut();
            found.push((q.verify.take(), q.sources.take()));
        }
        let mut twice = Vec::new();
        for (verify, sources) in found {
            place(&mut self.verify, verify, "verify", &mut twice);
            place(&mut self.sources, sources, "sources", &mut twice);
        }
        twice
    }
}

fn place(
    slot: &mut TextList,
    value: TextList,
    key: &'static str,
    twice: &mut Vec<(&'static str, std::ops::Range<usize>)>,
) {
    let Some(value) = value else { return };
    if slot.is_some() {
        twice.push((key, value.span()));
    } else {
        *slot = Some(value);
    }
}
