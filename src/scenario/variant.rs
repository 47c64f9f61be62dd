//! A scenario's variables drawn again: the model holds the template, the validator draws and
//! checks. Here, not in `model`, so the model never calls the validator that builds it.

use super::model::Scenario;
use super::validate::{Draw, parse_variant};

impl Scenario {
    /// This scenario with its variables drawn again from `draw`. A scenario without variables,
    /// or a draw that fails the checks (which `check` tries hard to rule out), gives itself.
    pub fn variant(&self, draw: Draw) -> Scenario {
        let Some(source) = &self.template else {
            return self.clone();
        };
        match parse_variant(&self.origin, source, draw) {
            Ok(parsed) => Scenario { template: self.template.clone(), ..parsed.scenario },
            Err(_) => self.clone(),
        }
    }
}
