//! `smishdrill check`: every problem in every file, one line each, then a count.

use crate::corpus::Corpus;
use crate::scenario::Verdict;

/// The lines `check` prints and its exit code: 0 when all is well, 1 when anything is wrong.
pub fn check_report(corpus: &Corpus) -> (Vec<String>, u8) {
    let mut lines: Vec<String> = corpus.problems.iter().map(ToString::to_string).collect();
    let scams = corpus.scenarios.iter().filter(|s| s.verdict == Verdict::Scam).count();
    let genuine = corpus.scenarios.len() - scams;
    if corpus.problems.is_empty() {
        lines.push(format!(
            "ok: {} scenarios in {} files, no problems ({scams} scams, {genuine} genuine)",
            corpus.scenarios.len(),
            corpus.files
        ));
        (lines, 0)
    } else {
        lines.push(format!(
            "{} problem(s) found in {} files; {} scenarios are valid",
            corpus.problems.len(),
            corpus.files,
            corpus.scenarios.len()
        ));
        (lines, 1)
    }
}

pub fn check(corpus: &Corpus) -> u8 {
    let (lines, code) = check_report(corpus);
    super::print_lines(lines);
    code
}
