//! `check`'s teaching problems over the bundled corpus (issue #10): a question asked before the
//! reveal that names the verdict, a right answer far longer than the others, a fixed calendar
//! date in a message. The bundled scenarios are being rewritten to these rules; until then the
//! findings are listed without failing the check (`scenario::fairness::ENFORCED`).

mod common;

use smishdrill::corpus::Corpus;
use smishdrill::scenario::ProblemKind;
use smishdrill::scenario::fairness::ENFORCED;

#[test]
fn the_findings_are_only_the_new_kinds_each_at_a_place_in_its_file() {
    let corpus = Corpus::embedded_checked();
    for f in &corpus.findings {
        assert!(
            matches!(
                f.kind,
                ProblemKind::FixedDate(_) | ProblemKind::QuestionNamesVerdict(_) | ProblemKind::LongRightAnswer { .. }
            ),
            "{f}"
        );
        let text = smishdrill::corpus::EMBEDDED.iter().find(|(p, _)| *p == f.at.path).expect("a bundled file").1;
        let line = text.lines().nth(f.at.line - 1).unwrap_or_else(|| panic!("{f}: no such line"));
        assert!(f.at.col <= line.chars().count(), "{f}: past the end of the line");
    }
    if ENFORCED {
        assert!(
            corpus.findings.is_empty(),
            "{}",
            corpus.findings.iter().map(|f| f.to_string()).collect::<Vec<_>>().join("\n")
        );
    }
}

#[test]
fn check_lists_the_findings_and_fails_on_them_only_once_enforced() {
    let corpus = Corpus::embedded_checked();
    let (code, out, _) = common::run(&["check"]);
    for f in &corpus.findings {
        assert!(out.contains(&f.to_string()), "check does not list {f}");
    }
    if ENFORCED || corpus.findings.is_empty() {
        assert_eq!(code, i32::from(!corpus.findings.is_empty()), "{out}");
    } else {
        assert_eq!(code, 0, "{out}");
        let last = out.lines().last().unwrap_or_default();
        assert!(
            last.ends_with(&format!("; {} teaching problems listed above, not yet enforced", corpus.findings.len())),
            "{last}"
        );
    }
}

#[test]
fn check_on_a_file_points_at_the_words_of_each_finding() {
    let dir = common::fresh_dir("fairness-check");
    let file = dir.join("stale.toml");
    std::fs::write(
        &file,
        "id = \"postage-stale\"\nverdict = \"legit\"\ncategory = \"postage\"\ntitle = \"Delivered\"\n\n\
         [[thread]]\nsender = \"28777\"\ntime = \"Today 9:00 AM\"\ntext = \"USPS: Delivered 12/22/2025 in your mailbox.\"\n\n\
         [[sign]]\nkind = \"official-sender\"\nquote = \"28777\"\nwhy = \"USPS's own short code.\"\n\n\
         [[question]]\nask = \"Why is it fine to ignore?\"\nchoices = [\"Because the genuine number sent it\", \"No\"]\nanswer = 1\nwhy = \"x\"\n\n\
         verify = [\"Look it up at usps.com yourself.\"]\n",
    )
    .unwrap();
    let (_, out, _) = common::run(&["check", file.to_str().unwrap()]);
    let shown = file.display();
    for line in [
        format!("{shown}:9:25: `12/22/2025` is a fixed calendar date"),
        format!("{shown}:17:8: this question is asked before the reveal, but `Why is it fine`"),
        format!("{shown}:18:25: this question is asked before the reveal, but `genuine`"),
        format!("{shown}:18:12: the right answer is the longest choice, 34 characters"),
    ] {
        assert!(out.contains(&line), "missing {line:?} in:\n{out}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
