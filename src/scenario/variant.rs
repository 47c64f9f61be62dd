//! A scenario's variables drawn again: the model holds the template, the validator draws and
//! checks. Here, not in `model`, so the model never calls the validator that builds it.

use super::model::Scenario;
use super::validate::Draw;

/// How many variants after the first (seeds 1 to 24) `check` draws of a file with variables
/// and puts through every rule: besides the first, the draws it proves.
pub const VARIANTS_CHECKED: u64 = 24;

impl Scenario {
    /// This scenario with its variables drawn again from `draw`. A scenario without variables
    /// gives itself. A draw that fails the checks (which `check` tries hard to rule out) gives
    /// the first variant instead (seed 0, the one a corpus loaded for `check` or `list` holds):
    /// the scenario itself when it was drawn at load, drawn now when it was not
    /// ([`Scenario::undrawn`]). An undrawn scenario whose first variant fails as well takes
    /// the first of the further seeds `check` proves that passes, so what is shown has text.
    pub fn variant(&self, draw: Draw) -> Scenario {
        if self.template.is_none() {
            return self.clone();
        }
        // A drawn scenario is its own first variant; an undrawn one draws it, and more.
        let fallback = || {
            if !self.undrawn {
                return None;
            }
            let seeds = (0..=VARIANTS_CHECKED).map(|seed| Draw { seed, ..draw });
            seeds.filter(|d| *d != draw).find_map(|d| self.drawn(d))
        };
        self.drawn(draw).or_else(fallback).unwrap_or_else(|| self.clone())
    }

    /// The variant `draw` gives, if it passes the rules.
    fn drawn(&self, draw: Draw) -> Option<Scenario> {
        let source = self.template.as_ref()?;
        // Only the rules: a round has no use for `check`'s teaching findings and warnings.
        // A bundled file's TOML was read at build time; its variants are checked in full all
        // the same, since a round's seeds are not the ones `check` tried.
        let template = match super::baked::checked_template(&self.origin, source) {
            Some(t) => t,
            None => super::validate::parse_template(&self.origin, source).ok()?,
        };
        let parsed = template.into_variant_rules_only(draw).ok()?;
        Some(Scenario { template: self.template.clone(), ..parsed.scenario })
    }
}
