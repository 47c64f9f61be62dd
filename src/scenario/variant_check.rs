//! The quick test of one further variant of a template. Variant 0 of a file is checked in full
//! (every rule, every field); the other variants `check` draws differ from it only in the
//! fields that hold a placeholder, so only those are rendered and put through the rules that
//! can read them: each such field's characters and emptiness, the quotes against the thread
//! when a quote or the thread holds a placeholder, and a scam thread's known domains and
//! real-looking numbers. Everything else (keys, kinds, counts, sources, every field without a
//! placeholder) was proved by variant 0 and cannot change.
//!
//! The test only ever answers "passes" or "fails"; a failing variant is then checked in full by
//! [`Template::variant_rules_only`], so what `check` reports is word for word what the full
//! check reports. `variant_check_tests` proves the two agree on every variant they try.

use super::Verdict;
use super::phone::{is_fictional, north_american_numbers};
use super::template::{Role, substitute};
use super::validate::{Draw, Template, criminal_domains_named, forbidden_character};
use rand::SeedableRng;
use rand::rngs::StdRng;

impl Template {
    /// Whether the variant drawn with `draw` passes every rule, given that variant 0 did.
    pub fn variant_passes(&self, draw: Draw) -> bool {
        if self.fields.is_empty() {
            return true;
        }
        let values = self.vars.draw(&mut StdRng::seed_from_u64(draw.seed), draw.today);
        let mut rendered: Vec<String> = Vec::with_capacity(self.fields.len());
        for f in &self.fields {
            let (s, _, _) = substitute(&f.text, &values);
            if s.trim().is_empty()
                || forbidden_character(&self.source, &s, f.span.clone(), f.key, f.multiline).is_some()
            {
                return false;
            }
            rendered.push(s);
        }
        let filled = |role: Role| self.fields.iter().position(|f| f.role == role).map(|i| rendered[i].as_str());
        let thread_varies = self.fields.iter().any(|f| matches!(f.role, Role::Sender(_) | Role::Text(_)));
        let quotes_vary = self.fields.iter().any(|f| matches!(f.role, Role::Quote(_)));
        if thread_varies || quotes_vary {
            let thread: Vec<(Option<&str>, Option<&str>)> = self
                .raw
                .thread
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let m = m.get_ref();
                    let from_me = m.from_me.as_ref().is_some_and(|b| *b.get_ref());
                    let sender = if from_me {
                        None
                    } else {
                        filled(Role::Sender(i)).or(m.sender.as_ref().map(|s| s.get_ref().as_str()))
                    };
                    (sender, filled(Role::Text(i)).or(m.text.as_ref().map(|t| t.get_ref().as_str())))
                })
                .collect();
            for (i, cue) in self.raw.flag.iter().chain(self.raw.sign.iter()).enumerate() {
                let Some(q) = filled(Role::Quote(i)).or(cue.get_ref().quote.as_ref().map(|q| q.get_ref().as_str()))
                else {
                    continue;
                };
                let found = thread
                    .iter()
                    .any(|(sender, text)| text.is_some_and(|t| t.contains(q)) || sender.is_some_and(|s| s.contains(q)));
                if !found {
                    return false;
                }
            }
        }
        let scam = self.raw.verdict.as_ref().and_then(|v| Verdict::parse(v.get_ref())) == Some(Verdict::Scam);
        if scam && thread_varies {
            for (f, s) in self.fields.iter().zip(&rendered) {
                let from_me = |i: usize| self.raw.thread[i].get_ref().from_me.as_ref().is_some_and(|b| *b.get_ref());
                let read = match f.role {
                    Role::Text(_) => true,
                    Role::Sender(i) => !from_me(i),
                    _ => false,
                };
                if read
                    && (!criminal_domains_named(s).is_empty()
                        || north_american_numbers(s).iter().any(|n| !is_fictional(&n.digits)))
                {
                    return false;
                }
            }
        }
        true
    }
}

#[cfg(test)]
#[path = "variant_check_tests.rs"]
mod tests;
