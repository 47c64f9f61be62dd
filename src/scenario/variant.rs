//! A scenario's variables drawn again: the model holds the template, the validator draws and
//! checks. Here, not in `model`, so the model never calls the validator that builds it.

use super::model::Scenario;
use super::validate::Draw;

impl Scenario {
    /// This scenario with its variables drawn again from `draw`. A scenario without variables,
    /// or a draw that fails the checks (which `check` tries hard to rule out), gives itself.
    pub fn variant(&self, draw: Draw) -> Scenario {
        let Some(source) = &self.template else {
            return self.clone();
        };
        // Only the rules: a round has no use for `check`'s teaching findings and warnings.
        // A bundled file's TOML was read at build time; its variants are checked in full all
        // the same, since a round's seeds are not the ones `check` tried.
        let template = match super::baked::checked_template(&self.origin, source) {
            Some(t) => Ok(t),
            None => super::validate::parse_template(&self.origin, source),
        };
        let parsed = template.and_then(|t| t.into_variant_rules_only(draw));
        match parsed {
            Ok(parsed) => Scenario { template: self.template.clone(), ..parsed.scenario },
            Err(_) => self.clone(),
        }
    }
}
