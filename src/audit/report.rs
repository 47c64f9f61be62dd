//! The audit as lines of text: a table per scope, then one line per shortcut found.

use super::{MAX_PREDICTION, Scope, Warning};
use crate::scenario::Verdict;

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The audit's table and warnings for `scopes`, and how many warnings there were. `what` says
/// what was audited ("the built-in scenarios", "deck quick-10"). Names in the scopes are either
/// category names or "all"; nothing here repeats file text, so nothing needs sanitising beyond
/// `what`, which the caller makes safe.
pub fn audit_lines(what: &str, scopes: &[Scope]) -> (Vec<String>, usize) {
    let mut lines = Vec::new();
    let mut warnings = Vec::new();
    for scope in scopes {
        let title = if scope.name == "all" { what.to_string() } else { format!("{what}, {} only", scope.name) };
        let majority = if scope.scams >= scope.legit { "scam" } else { "genuine" };
        lines.push(format!(
            "== {title}: {} scenarios, {} scam, {} genuine; answering \"{majority}\" every time is right {}",
            scope.total(),
            scope.scams,
            scope.legit,
            percent(scope.always_majority)
        ));
        lines.push(format!("   {:<42} {:>6} {:>8}   alone predicts", "cue and value", "scam", "genuine"));
        for cue in &scope.cues {
            let mark = if cue.prediction > MAX_PREDICTION { "  << shortcut" } else { "" };
            lines.push(format!("   {:<42} {:>6} {:>8}   {}{mark}", cue.name, "", "", percent(cue.prediction)));
            for v in &cue.values {
                lines.push(format!("     {:<40} {:>6} {:>8}", v.value, v.scam, v.legit));
            }
        }
        match scope.context_model {
            Some(p) => {
                let mark = if p > MAX_PREDICTION { "  << shortcut" } else { "" };
                lines.push(format!(
                    "   {:<42} {:>6} {:>8}   {}{mark}",
                    "words of the context (naive Bayes)",
                    "",
                    "",
                    percent(p)
                ));
            }
            None => lines.push("   words of the context: too few contexts to measure".to_string()),
        }
        let q = &scope.questions;
        if q.questions > 0 {
            let mark = if q.longest_right > super::MAX_LONGEST_RIGHT { "  << shortcut" } else { "" };
            lines.push(format!(
                "   follow-up questions: {}; picking the longest choice is right in {} (limit {}){mark}",
                q.questions,
                percent(q.longest_right),
                percent(super::MAX_LONGEST_RIGHT)
            ));
            if let Some((at, share)) = q.top_position {
                lines.push(format!(
                    "   the right answer is written choice {} in {} of questions (shown shuffled)",
                    at + 1,
                    percent(share)
                ));
            }
        }
        warnings.extend(scope.warnings.iter().map(|w| format!("warning: {title}: {}", describe(w))));
    }
    let count = warnings.len();
    lines.extend(warnings);
    lines.push(match count {
        0 => format!("audit: no surface cue predicts the verdict above {}", percent(MAX_PREDICTION)),
        n => format!("audit: {n} shortcut warning(s): a learner could score by these instead of the real rules"),
    });
    (lines, count)
}

fn describe(w: &Warning) -> String {
    match w {
        Warning::Predicts { cue, prediction } => {
            format!(
                "{cue} alone predicts the verdict {} of the time (limit {})",
                percent(*prediction),
                percent(MAX_PREDICTION)
            )
        }
        Warning::OneSided { cue, value, verdict, share, count } => {
            let verdict = if *verdict == Verdict::Scam { "scam" } else { "genuine" };
            format!("{cue} = {value} is {verdict} in {} of its {count} scenarios", percent(*share))
        }
        Warning::LongestRight { share, questions } => format!(
            "the longest choice is the right answer in {} of {questions} follow-up questions (limit {})",
            percent(*share),
            percent(super::MAX_LONGEST_RIGHT)
        ),
    }
}
