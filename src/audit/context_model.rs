//! Can the situation alone give the answer away? A learner who reads many scenarios picks up the
//! words that come with each verdict ("you've never…" with scams, "as usual" with genuine texts).
//! A naive Bayes classifier over the words of the `context`, scored leave-one-out (each context
//! judged by a model trained on all the others), estimates how far that habit would carry them.

use std::collections::HashMap;

use crate::scenario::{Scenario, Verdict};

/// Fewer contexts than this say nothing about wording habits; the measure is skipped.
pub const MIN_CONTEXTS: usize = 20;

fn tokens(context: &str) -> Vec<String> {
    let lower = context.to_lowercase().replace('\u{2019}', "'");
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_string)
        .collect()
}

#[derive(Default, Clone)]
struct Counts {
    docs: usize,
    words: usize,
    by_word: HashMap<String, usize>,
}

impl Counts {
    fn add(&mut self, toks: &[String], sign: isize) {
        self.docs = self.docs.saturating_add_signed(sign);
        self.words = self.words.saturating_add_signed(sign * toks.len() as isize);
        for t in toks {
            let n = self.by_word.entry(t.clone()).or_default();
            *n = n.saturating_add_signed(sign);
        }
    }
}

/// The share of scenarios (with a context) whose verdict a leave-one-out naive Bayes model of the
/// context's words gets right, or `None` when there are too few contexts to say.
pub fn leave_one_out_accuracy(scenarios: &[&Scenario]) -> Option<f64> {
    let docs: Vec<(Verdict, Vec<String>)> =
        scenarios.iter().filter_map(|s| s.context.as_deref().map(|c| (s.verdict, tokens(c)))).collect();
    if docs.len() < MIN_CONTEXTS {
        return None;
    }
    let (mut scam, mut legit) = (Counts::default(), Counts::default());
    for (verdict, toks) in &docs {
        if *verdict == Verdict::Scam { &mut scam } else { &mut legit }.add(toks, 1);
    }
    let vocabulary = {
        let mut all: Vec<&String> = scam.by_word.keys().chain(legit.by_word.keys()).collect();
        all.sort();
        all.dedup();
        all.len() as f64
    };
    let mut right = 0;
    for (verdict, toks) in &docs {
        let (mut s, mut l) = (scam.clone(), legit.clone());
        if *verdict == Verdict::Scam { &mut s } else { &mut l }.add(toks, -1);
        let score = |c: &Counts| {
            let prior = ((c.docs as f64 + 1.0) / (docs.len() as f64 + 1.0)).ln();
            toks.iter().fold(prior, |acc, t| {
                let n = c.by_word.get(t).copied().unwrap_or(0) as f64;
                acc + ((n + 1.0) / (c.words as f64 + vocabulary)).ln()
            })
        };
        let guess = if score(&s) >= score(&l) { Verdict::Scam } else { Verdict::Legit };
        right += usize::from(guess == *verdict);
    }
    Some(right as f64 / docs.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn with_context(verdict: Verdict, context: &str) -> Scenario {
        let mut s = fixtures::scenario(fixtures::TOLL_SCAM);
        s.verdict = verdict;
        s.context = Some(context.to_string());
        s
    }

    #[test]
    fn a_word_that_goes_with_one_verdict_is_learned() {
        let mut all = Vec::new();
        for i in 0..15 {
            all.push(with_context(Verdict::Scam, &format!("You have never used this service, day {i}.")));
            all.push(with_context(Verdict::Legit, &format!("You signed up for alerts as usual, day {i}.")));
        }
        let refs: Vec<&Scenario> = all.iter().collect();
        assert!(leave_one_out_accuracy(&refs).unwrap() > 0.95);
    }

    #[test]
    fn the_same_wording_for_both_verdicts_gives_nothing_away() {
        let mut all = Vec::new();
        for i in 0..15 {
            let context = format!("You drive to work on the tollway most weeks, trip {i}.");
            all.push(with_context(Verdict::Scam, &context));
            all.push(with_context(Verdict::Legit, &context));
        }
        let refs: Vec<&Scenario> = all.iter().collect();
        assert!(leave_one_out_accuracy(&refs).unwrap() <= 0.55);
        assert_eq!(leave_one_out_accuracy(&refs[..10]), None, "too few to say");
    }
}
