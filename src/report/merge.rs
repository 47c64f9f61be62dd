//! `smishdrill report --merge FILE...`: many learners' records combined into a class view —
//! learners, attempts, pass rate, average score, and the scenarios that fooled most people.
//!
//! Inputs may be the `--format json` export (an array of records), a single record, or a
//! `completions.jsonl` file (one record a line). The CSV export cannot be merged: it has no
//! items, and the class view is mostly about items. The same attempt in two files (same
//! learner, start and deck) is counted once. A file that cannot be read is an error naming it
//! (and the line and column for JSON); the other files are still merged.
//!
//! "Fooled" counts answers: a scenario's `asked` is how often it was answered, `wrong` how
//! often wrongly. Unanswered items count against an attempt's score but fooled nobody.

mod fast;
#[cfg(test)]
mod fast_tests;
mod fold;
mod quick;
mod read;
#[cfg(test)]
mod stream_tests;
mod view;

use std::path::{Path, PathBuf};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::learning::completion::CompletionRecord;
use crate::text_safety::sanitize_line;

use super::export::csv_field;
use super::{align, percent_floor};

pub use fold::{ClassBuilder, FileFold};
pub use read::{fold_file, fold_reader};
pub use view::{ItemView, RecordView};

/// What the quick reader hands on: records as views borrowed from its chunk, folded at once
/// (only those of the learner asked for, if one was).
struct Folding<'f, 'c> {
    file: &'f mut FileFold<'c>,
    learner: Option<&'f str>,
}

impl fast::Sink for Folding<'_, '_> {
    type Item<'a> = RecordView<'a>;

    fn quick(text: &str) -> Option<(RecordView<'_>, usize)> {
        quick::record(text)
    }

    fn take(&mut self, r: RecordView<'_>) {
        if self.learner.is_none_or(|name| r.learner == name) {
            self.file.add(&r);
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}:{column}: {message}")]
    Json { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{path}: {what}")]
    NotRecords { path: PathBuf, what: String },
}

/// Reads one input file's records (all of them in memory: for tests and small files; the
/// command streams with [`merge_files`]).
pub fn read_records(path: &Path) -> Result<Vec<CompletionRecord>, MergeError> {
    let mut records = Vec::new();
    fold_file(path, |r| records.push(r))?;
    Ok(records)
}

/// Records from text: a JSON array or object, else JSON Lines (the streaming reader over it).
pub fn parse_records(path: &Path, text: &str) -> Result<Vec<CompletionRecord>, MergeError> {
    let mut records = Vec::new();
    fold_reader(path, text.as_bytes(), |r| records.push(r))?;
    Ok(records)
}

/// The class view of the files at `paths`, streamed: a file is read one record at a time and
/// counted only when the whole of it was read; one that cannot be is handed to `complain` and
/// left out. Only the records of `learner` count when one is given. Returns the view and
/// whether every file was read.
pub fn merge_files(
    paths: &[PathBuf],
    learner: Option<&str>,
    mut complain: impl FnMut(&MergeError),
) -> (ClassView, bool) {
    let mut class = ClassBuilder::new();
    let mut all_read = true;
    for path in paths {
        let mut file = class.file();
        if fast::fold_file(path, &mut Folding { file: &mut file, learner }).is_ok() {
            file.commit();
            continue;
        }
        // The quick way gave up (an error, an unusual shape): what it folded is dropped and the
        // file read again the careful way, which says what is wrong and where.
        drop(file);
        let mut file = class.file();
        let read = fold_file(path, |r| {
            if learner.is_none_or(|name| r.learner == name) {
                file.add(&RecordView::of(&r));
            }
        });
        match read {
            Ok(()) => file.commit(),
            Err(e) => {
                complain(&e);
                all_read = false;
            }
        }
    }
    (class.finish(), all_read)
}

/// One scenario's answers across the class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioTally {
    pub id: String,
    pub title: String,
    pub asked: u32,
    pub wrong: u32,
}

impl ScenarioTally {
    /// Percent wrong, to one decimal, in tenths (so sorting stays exact).
    fn tenths_wrong(&self) -> u64 {
        (u64::from(self.wrong) * 1000).checked_div(u64::from(self.asked)).unwrap_or(0)
    }
}

/// The class view.
#[derive(Clone, Debug, Default)]
pub struct ClassView {
    pub learners: usize,
    pub attempts: usize,
    pub passed: usize,
    pub failed: usize,
    pub incomplete: usize,
    /// Duplicates across files, left out.
    pub duplicates: usize,
    /// Mean score of finished attempts, 0 to 1; `None` when none finished.
    pub average_score: Option<f64>,
    /// Most often answered wrong first (then by % wrong, then id); only those answered wrong.
    pub fooled: Vec<ScenarioTally>,
}

impl ClassView {
    /// The view of records already in memory: the same fold as a stream of them.
    pub fn build(records: &[CompletionRecord]) -> ClassView {
        let mut class = ClassBuilder::new();
        let mut file = class.file();
        for r in records {
            file.add(&RecordView::of(r));
        }
        file.commit();
        class.finish()
    }

    /// Passed of finished attempts, in percent (rounded down); `None` when none finished.
    pub fn pass_rate(&self) -> Option<u64> {
        let finished = self.passed + self.failed;
        (finished > 0).then(|| percent_floor(self.passed as u64, finished as u64))
    }
}

fn tenths(t: u64) -> String {
    format!("{}.{}", t / 10, t % 10)
}

/// The class view for the terminal: summary, the table of scenarios that fooled people, and a
/// bar chart of % wrong no wider than `width` columns.
pub fn class_lines(view: &ClassView, width: usize, top: usize) -> Vec<String> {
    let pass_rate = view.pass_rate().map_or_else(|| "–".to_string(), |p| format!("{p} %"));
    let average = view.average_score.map_or_else(|| "–".to_string(), |s| format!("{:.0} %", s * 100.0));
    let mut out = vec![
        format!("Learners: {}   Attempts: {}", view.learners, view.attempts),
        format!(
            "Passed: {}   Failed: {}   Incomplete: {}   Pass rate: {pass_rate} (of finished attempts)",
            view.passed, view.failed, view.incomplete
        ),
        format!("Average score: {average} (of finished attempts)"),
    ];
    if view.duplicates > 0 {
        out.push(format!("{} duplicate attempt(s) across the files were counted once.", view.duplicates));
    }
    out.push(String::new());
    if view.fooled.is_empty() {
        out.push("No scenario fooled anyone.".to_string());
        return out;
    }
    out.push("Scenarios that fooled most people:".to_string());
    let shown = &view.fooled[..view.fooled.len().min(top)];
    let mut rows = vec![vec!["wrong".to_string(), "asked".into(), "% wrong".into(), "scenario".into()]];
    for t in shown {
        rows.push(vec![t.wrong.to_string(), t.asked.to_string(), tenths(t.tenths_wrong()), sanitize_line(&t.id)]);
    }
    // Titles take what is left of the width, cut with `…` when long.
    let left = align(&rows, &[true, true, true, false]);
    let used = left.iter().map(|l| l.width()).max().unwrap_or(0);
    let title_width = width.saturating_sub(used + 2).max(10);
    let titles = std::iter::once("title".to_string()).chain(shown.iter().map(|t| sanitize_line(&t.title)));
    for (line, title) in left.into_iter().zip(titles) {
        let pad = " ".repeat(used - line.width());
        out.push(format!("{line}{pad}  {}", fit(&title, title_width)));
    }
    out.push(String::new());
    out.push("% wrong:".to_string());
    out.extend(bar_chart(shown, width));
    out
}

/// One bar per scenario: `id  ████▌  58.3 %`, the full bar meaning 100 %, each line at most
/// `width` columns. Eighth blocks end the bar, so close values still differ.
fn bar_chart(rows: &[ScenarioTally], width: usize) -> Vec<String> {
    const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    const SUFFIX: usize = 7; // "100.0 %"
    let labels: Vec<String> = rows.iter().map(|t| sanitize_line(&t.id)).collect();
    let label_width = labels.iter().map(|l| l.width()).max().unwrap_or(0).clamp(1, width / 3);
    let bar_width = width.saturating_sub(label_width + 2 + SUFFIX).max(1);
    rows.iter()
        .zip(labels)
        .map(|(t, label)| {
            let label = fit(&label, label_width);
            let label_pad = " ".repeat(label_width - label.width());
            let eighths = (t.tenths_wrong() as usize * bar_width * 8 + 500) / 1000;
            let bar = format!("{}{}", "█".repeat(eighths / 8), EIGHTHS[eighths % 8]);
            let pad = " ".repeat(bar_width - bar.chars().count());
            let percent = tenths(t.tenths_wrong());
            format!("{label}{label_pad}  {bar}{pad}{percent:>5} %").trim_end().to_string()
        })
        .collect()
}

/// `text` cut to `width` display columns, ending in `…` when cut.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.width().unwrap_or(0) + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

pub const CLASS_CSV_HEADER: &str = "kind,id,title,value,asked,wrong,percent_wrong";

/// The class view as CSV: `kind,id,title,value,asked,wrong,percent_wrong`. Summary rows
/// (`kind` = summary) carry a number in `value`; scenario rows (`kind` = scenario, every
/// scenario answered wrong at least once, most fooling first) fill the last three columns.
pub fn class_csv(view: &ClassView) -> String {
    let mut out = format!("{CLASS_CSV_HEADER}\n");
    let opt = |x: Option<String>| x.unwrap_or_default();
    let summary = [
        ("learners", "Learners", view.learners.to_string()),
        ("attempts", "Attempts", view.attempts.to_string()),
        ("passed", "Passed", view.passed.to_string()),
        ("failed", "Failed", view.failed.to_string()),
        ("incomplete", "Incomplete", view.incomplete.to_string()),
        ("pass_rate", "Pass rate of finished attempts (%)", opt(view.pass_rate().map(|p| p.to_string()))),
        (
            "average_score",
            "Average score of finished attempts (0 to 1)",
            opt(view.average_score.map(|s| format!("{s:.4}"))),
        ),
    ];
    for (id, title, value) in summary {
        out.push_str(&format!("summary,{id},{title},{value},,,\n"));
    }
    for t in &view.fooled {
        out.push_str(&format!(
            "scenario,{},{},,{},{},{}\n",
            csv_field(&t.id),
            csv_field(&t.title),
            t.asked,
            t.wrong,
            tenths(t.tenths_wrong())
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::samples;

    fn path() -> &'static Path {
        Path::new("class.json")
    }

    #[test]
    fn class_view_of_the_samples() {
        let view = ClassView::build(&samples());
        assert_eq!((view.learners, view.attempts, view.passed, view.failed, view.incomplete), (4, 5, 3, 1, 1));
        assert_eq!(view.pass_rate(), Some(75));
        // Finished attempts scored 8/8, 4/8, 7/8, 6/8.
        assert!((view.average_score.unwrap() - 25.0 / 32.0).abs() < 1e-9);
        assert!(view.fooled.windows(2).all(|w| w[0].wrong >= w[1].wrong));
        insta::assert_snapshot!(class_lines(&view, 80, 10).join("\n"));
    }

    #[test]
    fn class_csv_of_the_samples() {
        insta::assert_snapshot!(class_csv(&ClassView::build(&samples())));
    }

    #[test]
    fn the_same_attempt_in_two_files_counts_once() {
        let mut records = samples();
        records.extend(samples().into_iter().take(2));
        let view = ClassView::build(&records);
        assert_eq!((view.attempts, view.duplicates), (5, 2));
        assert_eq!(view.fooled, ClassView::build(&samples()).fooled);
    }

    #[test]
    fn bars_fit_the_width_and_scale_with_percent() {
        let rows = [
            ScenarioTally { id: "a".into(), title: String::new(), asked: 1, wrong: 1 },
            ScenarioTally { id: "b".into(), title: String::new(), asked: 4, wrong: 1 },
        ];
        let lines = bar_chart(&rows, 80);
        assert!(lines.iter().all(|l| l.chars().count() <= 80), "{lines:?}");
        let blocks = |l: &str| l.chars().filter(|&c| c == '█').count();
        assert_eq!(blocks(&lines[0]), 70);
        assert!(lines[1].contains("25.0 %") && (17..=18).contains(&blocks(&lines[1])), "{}", lines[1]);
        let long = [ScenarioTally { id: "长".repeat(40), title: String::new(), asked: 2, wrong: 1 }];
        let line = &bar_chart(&long, 80)[0];
        assert!(line.width() <= 80 && line.contains('…'), "{line}");
    }

    #[test]
    fn reads_json_arrays_single_records_and_json_lines() {
        let records = samples();
        let array = serde_json::to_string_pretty(&records).unwrap();
        assert_eq!(parse_records(path(), &array).unwrap(), records);
        let one = serde_json::to_string_pretty(&records[0]).unwrap();
        assert_eq!(parse_records(path(), &one).unwrap(), records[..1]);
        let lines: String = records.iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect();
        assert_eq!(parse_records(path(), &lines).unwrap(), records);
    }

    #[test]
    fn broken_input_names_the_file_line_and_column() {
        let err = parse_records(path(), "[\n  {\"learner\": 3}\n]").unwrap_err().to_string();
        assert!(err.starts_with("class.json:2:"), "{err}");
        let line = serde_json::to_string(&samples()[0]).unwrap();
        let err = parse_records(path(), &format!("{line}\n{{oops\n")).unwrap_err().to_string();
        assert!(err.starts_with("class.json:2:2: "), "{err}");
        let err = parse_records(path(), "learner,started\n").unwrap_err().to_string();
        assert!(err.contains("not exam records"), "{err}");
        assert!(parse_records(path(), " \n").unwrap_err().to_string().contains("empty"));
        let err = read_records(Path::new("/nonexistent/class.json")).unwrap_err().to_string();
        assert!(err.starts_with("/nonexistent/class.json: "), "{err}");
    }

    #[test]
    fn nobody_fooled_and_nothing_finished_still_make_a_view() {
        let view = ClassView::build(&[]);
        assert_eq!(view.pass_rate(), None);
        let lines = class_lines(&view, 80, 10);
        assert!(lines.iter().any(|l| l.contains("Pass rate: –")));
        assert_eq!(lines.last().unwrap(), "No scenario fooled anyone.");
    }
}
