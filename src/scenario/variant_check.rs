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
use super::raw::RawScenario;
use super::template::{Field, Role};
use super::validate::{Draw, Template, criminal_domains_named, forbidden_character};
use rand::SeedableRng;
use rand::rngs::StdRng;

/// Per cue (flags, then signs): whether every variant finds its quote — it holds no
/// placeholder, and a thread text or sender that holds none contains it.
pub(super) fn anchored_quotes(raw: &RawScenario, fields: &[Field]) -> Vec<bool> {
    let varies = |role: Role| fields.iter().any(|f| f.role == role);
    let fixed: Vec<&str> = raw
        .thread
        .iter()
        .enumerate()
        .flat_map(|(i, m)| {
            let m = m.get_ref();
            let from_me = m.from_me.as_ref().is_some_and(|b| *b.get_ref());
            let sender = m.sender.as_ref().filter(|_| !from_me && !varies(Role::Sender(i)));
            let text = m.text.as_ref().filter(|_| !varies(Role::Text(i)));
            sender.into_iter().chain(text).map(|t| t.get_ref().as_str())
        })
        .collect();
    raw.flag
        .iter()
        .chain(raw.sign.iter())
        .enumerate()
        .map(|(i, cue)| match &cue.get_ref().quote {
            Some(q) => !varies(Role::Quote(i)) && fixed.iter().any(|t| t.contains(q.get_ref().as_str())),
            None => true,
        })
        .collect()
}

/// Printable ASCII, no line break: a value that cannot break the character rule by itself.
fn plain_value(v: &str) -> bool {
    crate::text_safety::is_printable_ascii(v, false)
}

impl Template {
    /// Whether the variant drawn with `draw` passes every rule, given that variant 0 did.
    pub fn variant_passes(&self, draw: Draw) -> bool {
        if self.trusted {
            return false; // Built without what the quick test needs: the full check decides.
        }
        let (fields, anchored, last_found) = self.quick.get_or_init(|| {
            let names: Vec<&str> = self.vars.slots.iter().map(|(n, _)| n.as_str()).collect();
            let fields = super::template::placeholder_fields(&self.raw, &names);
            let anchored = anchored_quotes(&self.raw, &fields);
            let last_found = anchored.iter().map(|_| std::cell::Cell::new(0)).collect();
            (fields, anchored, last_found)
        });
        if fields.is_empty() {
            return true;
        }
        if fields.iter().any(|f| f.pieces.is_none()) {
            return false; // Not reached after a variant 0 that passed; the full check decides.
        }
        let values = self.vars.draw_values(&mut StdRng::seed_from_u64(draw.seed), draw.today);
        let plain: Vec<bool> = values.iter().map(|v| plain_value(v)).collect();
        let scam = self.raw.verdict.as_ref().and_then(|v| Verdict::parse(v.get_ref())) == Some(Verdict::Scam);
        let quotes_to_find = anchored.iter().any(|a| !a);
        let from_me = |i: usize| self.raw.thread[i].get_ref().from_me.as_ref().is_some_and(|b| *b.get_ref());
        // Thread texts and senders are read again when a quote must be looked for in them, or
        // (in a scam) for known domains and real-looking numbers; quotes when they must be found.
        let read_again = |f: &Field| match f.role {
            Role::Text(_) => scam || quotes_to_find,
            Role::Sender(i) => !from_me(i) && (scam || quotes_to_find),
            Role::Quote(i) => !anchored[i],
            Role::Other => false,
        };
        let mut rendered: Vec<Option<String>> = vec![None; fields.len()];
        let mut scratch = String::new();
        for (k, f) in fields.iter().enumerate() {
            let safe = f.plain && f.solid && f.slots().all(|s| plain[s]);
            let keep = read_again(f);
            if safe && !keep {
                continue;
            }
            f.render(&values, &mut scratch);
            if !safe
                && (scratch.trim().is_empty()
                    || forbidden_character(&self.source, &scratch, f.span.clone(), f.key, f.multiline).is_some())
            {
                return false;
            }
            if keep {
                rendered[k] = Some(std::mem::take(&mut scratch));
            }
        }
        let filled = |role: Role| fields.iter().position(|f| f.role == role).and_then(|k| rendered[k].as_deref());
        if quotes_to_find {
            let thread: Vec<(Option<&str>, Option<&str>)> = self
                .raw
                .thread
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let m = m.get_ref();
                    let sender = if from_me(i) {
                        None
                    } else {
                        filled(Role::Sender(i)).or(m.sender.as_ref().map(|s| s.get_ref().as_str()))
                    };
                    (sender, filled(Role::Text(i)).or(m.text.as_ref().map(|t| t.get_ref().as_str())))
                })
                .collect();
            let cues = self.raw.flag.iter().chain(self.raw.sign.iter());
            for (i, cue) in cues.enumerate().filter(|(i, _)| !anchored[*i]) {
                let Some(q) = filled(Role::Quote(i)).or(cue.get_ref().quote.as_ref().map(|q| q.get_ref().as_str()))
                else {
                    continue;
                };
                let holds = |j: &usize| {
                    let (sender, text) = thread[*j];
                    text.is_some_and(|t| t.contains(q)) || sender.is_some_and(|s| s.contains(q))
                };
                // The message it was found in last time first; then the others, in order.
                let first = last_found[i].get();
                let found = std::iter::once(first)
                    .filter(|j| *j < thread.len())
                    .chain((0..thread.len()).filter(|j| *j != first))
                    .find(holds);
                match found {
                    Some(j) => last_found[i].set(j),
                    None => return false,
                }
            }
        }
        if scam {
            for (f, s) in fields.iter().zip(&rendered) {
                let Some(s) = s.as_deref().filter(|_| matches!(f.role, Role::Text(_) | Role::Sender(_))) else {
                    continue;
                };
                if !criminal_domains_named(s).is_empty()
                    || north_american_numbers(s).iter().any(|n| !is_fictional(&n.digits))
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
