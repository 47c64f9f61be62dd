//! `smishdrill check`: every problem in every file (scenarios and decks), one line each, then a
//! count.

use std::path::{Path, PathBuf};

use crate::corpus::{Corpus, files_under};
use crate::deck::{self, is_deck_path, parse_deck};
use crate::i18n::{Arg, Locale};
use crate::scenario::{Problem, Scenario, Verdict};

/// What checking the deck files found.
#[derive(Debug, Default)]
pub struct DeckCheck {
    /// How many deck files were read (valid or not).
    pub files: usize,
    pub valid: usize,
    pub problems: Vec<Problem>,
}

impl DeckCheck {
    /// Checks (path, text) pairs against `pool`.
    pub fn run(decks: impl IntoIterator<Item = (String, Result<String, Problem>)>, pool: &[Scenario]) -> DeckCheck {
        let mut check = DeckCheck::default();
        for (path, text) in decks {
            check.files += 1;
            match text.map_err(|p| vec![p]).and_then(|text| parse_deck(&path, &text, pool)) {
                Ok(_) => check.valid += 1,
                Err(problems) => check.problems.extend(problems),
            }
        }
        check
    }
}

/// The lines `check` prints and its exit code: 0 when all is well, 1 when anything is wrong.
pub fn check_report(corpus: &Corpus, t: &Locale) -> (Vec<String>, u8) {
    check_report_with_decks(corpus, &DeckCheck::default(), t)
}

fn num(n: usize) -> Arg<'static> {
    Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
}

/// As [`check_report`], with the decks checked too. The summary names decks only when there
/// were deck files.
pub fn check_report_with_decks(corpus: &Corpus, decks: &DeckCheck, t: &Locale) -> (Vec<String>, u8) {
    // `Problem::line`: what `to_string` gives, without copying each line once more.
    let mut lines: Vec<String> = corpus.problems.iter().chain(&decks.problems).map(Problem::line).collect();
    // The detectors' warnings (src/scenario/link_lint.rs): reported, never failing.
    lines.extend(corpus.warnings.iter().map(Problem::line));
    // Teaching problems (issue #10): listed always; they fail the check once enforced.
    lines.extend(corpus.findings.iter().map(Problem::line));
    let enforced = crate::scenario::fairness::ENFORCED && !corpus.findings.is_empty();
    let pending = if corpus.findings.is_empty() || enforced {
        String::new()
    } else {
        t.fmt("check.pending", &[("count", num(corpus.findings.len()))])
    };
    let scams = corpus.scenarios.iter().filter(|s| s.verdict == Verdict::Scam).count();
    let genuine = corpus.scenarios.len() - scams;
    let files = t.fmt("check.files", &[("count", num(corpus.files + decks.files))]);
    let only_decks = corpus.files == 0 && decks.files > 0;
    let scenarios = t.fmt("check.scenarios", &[("count", num(corpus.scenarios.len()))]);
    let deck_count = t.fmt("check.decks", &[("count", num(decks.valid))]);
    let (valid, valid_count) = match (decks.files, only_decks) {
        (0, _) => (scenarios, corpus.scenarios.len()),
        (_, true) => (deck_count, decks.valid),
        _ => (
            t.fmt(
                "check.scenarios_and_decks",
                &[("scenarios", Arg::Str(&scenarios)), ("decks", Arg::Str(&deck_count))],
            ),
            corpus.scenarios.len() + decks.valid,
        ),
    };
    if corpus.problems.is_empty() && decks.problems.is_empty() && !enforced {
        let mix = if only_decks {
            String::new()
        } else {
            let scams = t.fmt("check.scams", &[("count", num(scams))]);
            let genuine = t.fmt("check.genuine", &[("count", num(genuine))]);
            t.fmt("check.mix", &[("scams", Arg::Str(&scams)), ("genuine", Arg::Str(&genuine))])
        };
        let args = [
            ("valid", Arg::Str(&valid)),
            ("files", Arg::Str(&files)),
            ("mix", Arg::Str(&mix)),
            ("pending", Arg::Str(&pending)),
        ];
        lines.push(t.fmt("check.ok", &args));
        (lines, 0)
    } else {
        let count = corpus.problems.len() + decks.problems.len() + if enforced { corpus.findings.len() } else { 0 };
        let found = t.fmt("check.problems_found", &[("count", num(count)), ("files", Arg::Str(&files))]);
        let valid = t.fmt("check.valid", &[("count", num(valid_count)), ("valid", Arg::Str(&valid))]);
        lines.push(format!("{found}; {valid}"));
        (lines, 1)
    }
}

/// Problems one per line, exactly as `check` prints them (each already one safe line).
pub fn problem_lines(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

pub fn check(corpus: &Corpus, t: &Locale) -> u8 {
    let (lines, code) = check_report(corpus, t);
    super::print_lines(lines);
    code
}

/// `smishdrill check` with no paths: the built-in scenarios, every variant, and the bundled
/// decks against them.
pub fn check_builtin(t: &Locale) -> u8 {
    let corpus = Corpus::embedded_checked();
    let mut decks = DeckCheck::run(
        deck::embedded().iter().map(|(name, text)| (deck::embedded_path(name), Ok(text.to_string()))),
        &corpus.scenarios,
    );
    let course = course_lines(&corpus.scenarios, &mut decks.problems, t);
    let (mut lines, code) = check_report_with_decks(&corpus, &decks, t);
    // The summary stays the last line.
    lines.splice(lines.len().saturating_sub(1)..lines.len().saturating_sub(1), course);
    print((lines, if decks.problems.is_empty() { code } else { 1 }))
}

/// The built-in course: its file and lessons parse, its practice ids exist, and its exam is a
/// bundled deck. Problems go to `problems`; the line returned says what was checked.
fn course_lines(pool: &[Scenario], problems: &mut Vec<Problem>, t: &Locale) -> Vec<String> {
    let course = match crate::course::embedded(pool) {
        Ok(course) => course,
        Err(found) => {
            problems.extend(found);
            return Vec::new();
        }
    };
    if !deck::embedded().iter().any(|(name, _)| *name == course.exam) {
        problems.push(Problem {
            at: crate::scenario::Location { path: "assets/course/course.toml".into(), line: 1, col: 1 },
            kind: crate::scenario::ProblemKind::Syntax(format!(
                "the exam deck `{}` is not a bundled deck",
                course.exam
            )),
        });
        return Vec::new();
    }
    let practice: usize = course.steps.iter().map(|s| s.practice.len()).sum();
    let lessons = t.fmt("check.lessons", &[("count", num(course.steps.len()))]);
    let practice = t.fmt("check.practice_messages", &[("count", num(practice))]);
    let args = [("lessons", Arg::Str(&lessons)), ("practice", Arg::Str(&practice)), ("exam", Arg::Str(&course.exam))];
    vec![t.fmt("check.course_builtin", &args)]
}

/// `smishdrill check PATH...`: the scenario files and the deck files among `paths`. Decks are
/// checked against the scenarios among the paths if there are any, else those in
/// `scenarios_dir`, else the built-in ones.
pub fn check_paths(paths: &[PathBuf], scenarios_dir: Option<&Path>, t: &Locale) -> u8 {
    let (files, walk_problems) = files_under(paths);
    let (course_files, files): (Vec<PathBuf>, Vec<PathBuf>) =
        files.into_iter().partition(|f| crate::course::is_course_path(f));
    let (deck_files, scenario_files): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|f| is_deck_path(f));
    let corpus = Corpus::from_files(scenario_files, walk_problems);
    let other_pool;
    let pool = if corpus.files > 0 {
        &corpus.scenarios
    } else {
        other_pool = match scenarios_dir {
            // Decks may name built-in ids and the folder's own (as `--scenarios` adds them).
            Some(dir) => Corpus::embedded_and(&[dir.to_path_buf()]).scenarios,
            None => Corpus::embedded().scenarios,
        };
        &other_pool
    };
    let decks = DeckCheck::run(
        deck_files.iter().map(|f| {
            let shown = f.display().to_string();
            let text = deck::read(&shown);
            (shown, text)
        }),
        pool,
    );
    let mut decks = decks;
    let mut course = Vec::new();
    for file in &course_files {
        let dir = file.parent().unwrap_or(Path::new("."));
        decks.files += 1;
        match crate::course::from_dir(dir, pool) {
            Ok(c) => {
                decks.valid += 1;
                let (path, lessons) =
                    (file.display().to_string(), t.fmt("check.lessons", &[("count", num(c.steps.len()))]));
                let args = [("path", Arg::Str(&path)), ("lessons", Arg::Str(&lessons)), ("exam", Arg::Str(&c.exam))];
                course.push(t.fmt("check.course_file", &args));
            }
            Err(found) => decks.problems.extend(found),
        }
    }
    let (mut lines, code) = check_report_with_decks(&corpus, &decks, t);
    lines.splice(lines.len().saturating_sub(1)..lines.len().saturating_sub(1), course);
    print((lines, code))
}

fn print((lines, code): (Vec<String>, u8)) -> u8 {
    super::print_lines(lines);
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECK: &str = "title = \"T\"\nscenarios = [\"other-wrong-number\"]\n";

    #[test]
    fn the_summary_names_decks_only_when_there_were_some() {
        let corpus = Corpus::embedded();
        let (lines, code) = check_report(&corpus, &Locale::english());
        assert_eq!(code, 0);
        assert!(lines[0].starts_with(&format!("ok: {} scenarios in ", corpus.scenarios.len())), "{lines:?}");
        let decks = DeckCheck::run([("d.toml".to_string(), Ok(DECK.to_string()))], &corpus.scenarios);
        let (lines, code) = check_report_with_decks(&corpus, &decks, &Locale::english());
        assert_eq!(code, 0);
        let files = corpus.files + 1;
        assert!(
            lines[0].starts_with(&format!(
                "ok: {} scenarios and 1 deck in {files} files, no problems (",
                corpus.scenarios.len()
            )),
            "{lines:?}"
        );
        let only = check_report_with_decks(&Corpus::default(), &decks, &Locale::english()).0;
        assert_eq!(only, ["ok: 1 deck in 1 file, no problems"]);
    }

    #[test]
    fn deck_problems_are_listed_and_fail_the_check() {
        let corpus = Corpus::embedded();
        let decks = DeckCheck::run(
            [("a.toml".to_string(), Ok(DECK.to_string())), ("b.toml".to_string(), Ok("title = 1\n".to_string()))],
            &corpus.scenarios,
        );
        assert_eq!((decks.files, decks.valid), (2, 1));
        let (lines, code) = check_report_with_decks(&Corpus::default(), &decks, &Locale::english());
        assert_eq!(code, 1);
        assert_eq!(lines[0], "b.toml:1:1: the deck shows nothing: list ids in `scenarios` or add a [[pick]]");
        assert_eq!(lines[1], "b.toml:1:9: `title` must be text in quotes");
        assert_eq!(lines[2], "2 problems found in 2 files; 1 deck is valid");
    }
}
