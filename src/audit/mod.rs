//! The shortcut audit (`smishdrill check --audit`): for a set of scenarios, how well each surface
//! cue alone — the kind of sender, a link or none, length, language, time of day, a STOP line,
//! the word "fee", the wording of the situation, the length and position of the right follow-up
//! answer — predicts the verdict. A trainer in which such a cue works teaches the cue instead of
//! the rules that protect people, and every score it reports is false.
//!
//! "Predicts" is measured leave-one-out: each scenario is guessed from the majority verdict of
//! the *other* scenarios with the same value of the cue. That is what a learner who had seen all
//! the others could do, and unlike plain accuracy it does not reward values seen only once.

pub mod context_model;
pub mod cues;
mod report;

pub use report::audit_lines;

use crate::scenario::{Category, Scenario, Verdict};

/// A cue that alone predicts more than this share of verdicts is a shortcut.
pub const MAX_PREDICTION: f64 = 0.70;
/// A value that appears in at least this share of the scenarios …
pub const ONE_SIDED_MIN_SHARE: f64 = 0.15;
/// … and goes with one verdict at least this often is a one-sided shortcut.
pub const ONE_SIDED_MAX_PURITY: f64 = 0.85;
/// Sets smaller than this are too small for one-sided values to mean anything.
pub const ONE_SIDED_MIN_COUNT: usize = 8;
/// The categories measured on their own as well: the big campaigns, where a learner who has seen
/// a few toll texts could learn a rule that holds only for toll texts.
pub const OWN_SCOPES: &[Category] = &[Category::Toll, Category::Postage, Category::TrafficFine];
/// A category is measured on its own only when it has at least this many scenarios.
pub const MIN_SCOPE: usize = 10;
/// Picking the longest choice of a follow-up question may be right at most this often.
pub const MAX_LONGEST_RIGHT: f64 = 0.40;
/// Fewer questions than this say nothing about how they are written.
pub const MIN_QUESTIONS: usize = 5;

/// How often one value of a cue goes with each verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueCount {
    pub value: &'static str,
    pub scam: usize,
    pub legit: usize,
}

/// One cue measured over one set of scenarios.
#[derive(Clone, Debug, PartialEq)]
pub struct CueResult {
    pub key: &'static str,
    pub name: &'static str,
    pub values: Vec<ValueCount>,
    /// Leave-one-out share of verdicts the cue alone gets right.
    pub prediction: f64,
}

/// A shortcut the audit found.
#[derive(Clone, Debug, PartialEq)]
pub enum Warning {
    /// The cue alone predicts more than [`MAX_PREDICTION`].
    Predicts { cue: &'static str, prediction: f64 },
    /// A common value goes almost always with one verdict.
    OneSided { cue: &'static str, value: &'static str, verdict: Verdict, share: f64, count: usize },
    /// Picking the longest choice answers too many follow-up questions.
    LongestRight { share: f64, questions: usize },
}

/// Shortcuts inside the follow-up questions themselves, answered without reading them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuestionShortcuts {
    pub questions: usize,
    /// Share of questions whose right answer is strictly the longest choice.
    pub longest_right: f64,
    /// The file position (0-based) most often right, and how often (choices are shown shuffled,
    /// so this is for the author, not a warning).
    pub top_position: Option<(usize, f64)>,
}

fn question_shortcuts(scenarios: &[&Scenario]) -> QuestionShortcuts {
    let questions: Vec<_> = scenarios.iter().filter_map(|s| s.question.as_ref()).collect();
    if questions.is_empty() {
        return QuestionShortcuts::default();
    }
    let n = questions.len() as f64;
    let longest = questions
        .iter()
        .filter(|q| {
            let len = |i: usize| q.choices[i].chars().count();
            (0..q.choices.len()).all(|i| i == q.answer || len(i) < len(q.answer))
        })
        .count();
    let mut by_position = [0usize; 10];
    for q in &questions {
        by_position[q.answer.min(9)] += 1;
    }
    let top = (0..10).max_by_key(|&i| (by_position[i], std::cmp::Reverse(i))).map(|i| (i, by_position[i] as f64 / n));
    QuestionShortcuts { questions: questions.len(), longest_right: longest as f64 / n, top_position: top }
}

/// The audit of one set of scenarios (all of them, or one category).
#[derive(Clone, Debug, PartialEq)]
pub struct Scope {
    pub name: String,
    pub scams: usize,
    pub legit: usize,
    /// Saying the more common verdict every time: a shortcut too when the mix is lopsided.
    pub always_majority: f64,
    pub cues: Vec<CueResult>,
    /// Leave-one-out accuracy of a model of the contexts' words; `None` with too few contexts.
    pub context_model: Option<f64>,
    pub questions: QuestionShortcuts,
    pub warnings: Vec<Warning>,
}

impl Scope {
    pub fn total(&self) -> usize {
        self.scams + self.legit
    }
}

/// Audits `scenarios` as a whole and, when `by_category`, each big campaign's category on its
/// own.
pub fn audit(scenarios: &[&Scenario], by_category: bool) -> Vec<Scope> {
    let mut scopes = vec![scope("all", scenarios)];
    if by_category {
        for category in OWN_SCOPES {
            let within: Vec<&Scenario> = scenarios.iter().copied().filter(|s| s.category == *category).collect();
            if within.len() >= MIN_SCOPE {
                scopes.push(scope(category.name(), &within));
            }
        }
    }
    scopes
}

fn scope(name: &str, scenarios: &[&Scenario]) -> Scope {
    let scams = scenarios.iter().filter(|s| s.verdict == Verdict::Scam).count();
    let legit = scenarios.len() - scams;
    let always_majority = if scenarios.is_empty() { 0.0 } else { scams.max(legit) as f64 / scenarios.len() as f64 };
    let cues: Vec<CueResult> = cues::CUES.iter().map(|cue| measure(cue, scenarios)).collect();
    let context_model = context_model::leave_one_out_accuracy(scenarios);
    let questions = question_shortcuts(scenarios);
    let mut warnings = Vec::new();
    if questions.questions >= MIN_QUESTIONS && questions.longest_right > MAX_LONGEST_RIGHT {
        warnings.push(Warning::LongestRight { share: questions.longest_right, questions: questions.questions });
    }
    if always_majority > MAX_PREDICTION {
        warnings.push(Warning::Predicts { cue: "always the more common verdict", prediction: always_majority });
    }
    if let Some(p) = context_model.filter(|p| *p > MAX_PREDICTION) {
        warnings.push(Warning::Predicts { cue: "words of the context", prediction: p });
    }
    for cue in &cues {
        if cue.prediction > MAX_PREDICTION {
            warnings.push(Warning::Predicts { cue: cue.name, prediction: cue.prediction });
        }
        warnings.extend(one_sided(cue, scenarios.len()));
    }
    Scope { name: name.to_string(), scams, legit, always_majority, cues, context_model, questions, warnings }
}

/// Values of `cue` common enough to learn and nearly always one verdict.
fn one_sided(cue: &CueResult, total: usize) -> Vec<Warning> {
    if total < ONE_SIDED_MIN_COUNT {
        return Vec::new();
    }
    cue.values
        .iter()
        .filter(|v| (v.scam + v.legit) as f64 >= ONE_SIDED_MIN_SHARE * total as f64)
        .filter(|v| v.scam + v.legit >= ONE_SIDED_MIN_COUNT)
        .filter_map(|v| {
            let count = v.scam + v.legit;
            let (verdict, n) = if v.scam >= v.legit { (Verdict::Scam, v.scam) } else { (Verdict::Legit, v.legit) };
            let share = n as f64 / count as f64;
            (share >= ONE_SIDED_MAX_PURITY).then_some(Warning::OneSided {
                cue: cue.name,
                value: v.value,
                verdict,
                share,
                count,
            })
        })
        .collect()
}

fn measure(cue: &cues::Cue, scenarios: &[&Scenario]) -> CueResult {
    let observed: Vec<(&'static str, Verdict)> = scenarios.iter().map(|s| ((cue.value)(s), s.verdict)).collect();
    let mut values: Vec<ValueCount> = Vec::new();
    for (value, verdict) in &observed {
        let at = match values.iter().position(|v| v.value == *value) {
            Some(at) => at,
            None => {
                values.push(ValueCount { value, scam: 0, legit: 0 });
                values.len() - 1
            }
        };
        match verdict {
            Verdict::Scam => values[at].scam += 1,
            Verdict::Legit => values[at].legit += 1,
        }
    }
    values.sort_by(|a, b| (b.scam + b.legit).cmp(&(a.scam + a.legit)).then(a.value.cmp(b.value)));
    CueResult { key: cue.key, name: cue.name, prediction: leave_one_out(&observed, &values), values }
}

/// Each observation guessed from the majority verdict among the others with its value; with no
/// others (or a tie) from the majority among all the others.
fn leave_one_out(observed: &[(&'static str, Verdict)], values: &[ValueCount]) -> f64 {
    if observed.is_empty() {
        return 0.0;
    }
    let scams = observed.iter().filter(|(_, v)| *v == Verdict::Scam).count();
    let legit = observed.len() - scams;
    let right = observed
        .iter()
        .filter(|(value, verdict)| {
            let mine = |v: Verdict| usize::from(*verdict == v);
            let count = values.iter().find(|c| c.value == *value).expect("counted");
            let (s, l) = (count.scam - mine(Verdict::Scam), count.legit - mine(Verdict::Legit));
            let guess = match s.cmp(&l) {
                std::cmp::Ordering::Greater => Verdict::Scam,
                std::cmp::Ordering::Less => Verdict::Legit,
                std::cmp::Ordering::Equal => {
                    let (s, l) = (scams - mine(Verdict::Scam), legit - mine(Verdict::Legit));
                    if s >= l { Verdict::Scam } else { Verdict::Legit }
                }
            };
            guess == *verdict
        })
        .count();
    right as f64 / observed.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn make(verdict: Verdict, sender: &str) -> Scenario {
        let mut s = fixtures::scenario(fixtures::TOLL_SCAM);
        s.verdict = verdict;
        s.thread[0].sender = Some(sender.to_string());
        s
    }

    fn sender_prediction(scope: &Scope) -> f64 {
        scope.cues.iter().find(|c| c.key == "sender-kind").unwrap().prediction
    }

    #[test]
    fn a_sender_kind_that_gives_the_answer_away_is_a_warning() {
        let mut all = Vec::new();
        for _ in 0..10 {
            all.push(make(Verdict::Scam, "(202) 555-0142"));
            all.push(make(Verdict::Legit, "28777"));
        }
        let refs: Vec<&Scenario> = all.iter().collect();
        let scopes = audit(&refs, false);
        assert_eq!(sender_prediction(&scopes[0]), 1.0);
        assert!(scopes[0].warnings.iter().any(|w| matches!(w, Warning::Predicts { cue: "kind of sender", .. })));
        assert!(
            scopes[0]
                .warnings
                .iter()
                .any(|w| matches!(w, Warning::OneSided { value: "short code", verdict: Verdict::Legit, .. }))
        );
    }

    #[test]
    fn a_sender_kind_spread_over_both_verdicts_predicts_nothing() {
        let mut all = Vec::new();
        for i in 0..10 {
            let sender = if i % 2 == 0 { "(202) 555-0142" } else { "28777" };
            all.push(make(Verdict::Scam, sender));
            all.push(make(Verdict::Legit, sender));
        }
        let refs: Vec<&Scenario> = all.iter().collect();
        let scopes = audit(&refs, false);
        assert!(sender_prediction(&scopes[0]) <= 0.5, "{}", sender_prediction(&scopes[0]));
        assert!(!scopes[0].warnings.iter().any(|w| matches!(w, Warning::Predicts { cue: "kind of sender", .. })));
    }

    #[test]
    fn a_value_seen_once_does_not_count_as_predicting() {
        // Every scenario has its own sender kind value: leave-one-out cannot use any of them.
        let all = [make(Verdict::Scam, "a@b.example"), make(Verdict::Legit, "28777"), make(Verdict::Scam, "Bank")];
        let refs: Vec<&Scenario> = all.iter().collect();
        assert!(sender_prediction(&audit(&refs, false)[0]) < 0.7);
    }

    #[test]
    fn a_lopsided_mix_is_itself_a_shortcut() {
        let all: Vec<Scenario> = (0..10).map(|_| make(Verdict::Scam, "28777")).collect();
        let refs: Vec<&Scenario> = all.iter().collect();
        let scope = &audit(&refs, false)[0];
        assert!(
            scope.warnings.iter().any(|w| matches!(w, Warning::Predicts { cue: "always the more common verdict", .. }))
        );
    }
}

#[cfg(test)]
mod question_tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn a_longest_right_answer_in_most_questions_is_a_warning() {
        // The fixture's right answer ("Check your account at e-zpassny.com, typed by hand") is
        // its longest choice.
        let all: Vec<Scenario> = (0..6).map(|_| fixtures::scenario(fixtures::TOLL_SCAM)).collect();
        let refs: Vec<&Scenario> = all.iter().collect();
        let scope = &audit(&refs, false)[0];
        assert_eq!(scope.questions.longest_right, 1.0);
        assert_eq!(scope.questions.top_position, Some((1, 1.0)));
        assert!(scope.warnings.iter().any(|w| matches!(w, Warning::LongestRight { .. })));
    }
}
