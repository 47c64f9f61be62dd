//! `smishdrill report`: the attempts as an aligned table, one line each, oldest first.

use crate::learning::completion::CompletionRecord;
use crate::text_safety::sanitize_line;

use super::iso8601::{minute, short_duration};
use super::{align, d_prime_text, score_text, sorted};

/// The table, header first. `show_learner` adds a learner column (when the file holds more
/// than one learner's attempts). Names and titles are sanitised: the file may come from anywhere.
pub fn history_lines(records: &[CompletionRecord], show_learner: bool) -> Vec<String> {
    let mut header: Vec<&str> = vec!["started (UTC)", "deck", "status", "score", "pass", "time", "d′"];
    if show_learner {
        header.insert(0, "learner");
    }
    let mut rows = vec![header.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for r in sorted(records) {
        let mut row = vec![
            minute(r.started),
            sanitize_line(&r.deck),
            r.status.name().to_string(),
            score_text(r),
            format!("{} %", r.pass_mark),
            short_duration(r.seconds),
            d_prime_text(r),
        ];
        if show_learner {
            row.insert(0, sanitize_line(&r.learner));
        }
        rows.push(row);
    }
    let offset = usize::from(show_learner);
    let mut right = vec![false; header.len()];
    for c in [3, 4, 5, 6] {
        right[c + offset] = true;
    }
    let mut lines = align(&rows, &right);
    lines.push(summary_line(records));
    lines
}

/// `5 attempts: 3 passed, 1 failed, 1 incomplete`.
fn summary_line(records: &[CompletionRecord]) -> String {
    let count = |name: &str| records.iter().filter(|r| r.status.name() == name).count();
    format!(
        "{} attempt(s): {} passed, {} failed, {} incomplete",
        records.len(),
        count("passed"),
        count("failed"),
        count("incomplete")
    )
}

/// Whether the records are of more than one learner.
pub fn many_learners(records: &[CompletionRecord]) -> bool {
    records.iter().any(|r| r.learner != records[0].learner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::samples;

    #[test]
    fn table_of_every_learner() {
        let records = samples();
        assert!(many_learners(&records));
        insta::assert_snapshot!(history_lines(&records, true).join("\n"));
    }

    #[test]
    fn one_learner_has_no_learner_column() {
        let ben: Vec<_> = samples().into_iter().filter(|r| r.learner == "ben").collect();
        assert!(!many_learners(&ben));
        let lines = history_lines(&ben, false);
        assert!(lines[0].starts_with("started (UTC)"), "{}", lines[0]);
        assert!(lines[1].contains("failed") && lines[1].contains("4/8 50 %"), "{}", lines[1]);
        assert_eq!(lines[3], "2 attempt(s): 1 passed, 1 failed, 0 incomplete");
    }

    #[test]
    fn control_characters_in_names_never_reach_the_terminal() {
        let mut r = samples().remove(0);
        r.learner = "evil\u{1b}]52;c;bad\u{7}".into();
        let text = history_lines(&[r], true).join("\n");
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text}");
    }
}
