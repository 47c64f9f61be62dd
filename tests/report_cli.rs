//! `smishdrill report` as a user runs it: on an empty data folder, on the machine's exam
//! records, every export format, `--merge`, and a damaged records file.

use std::path::{Path, PathBuf};

mod common;

use common::{fresh_dir, run};
const SAMPLES: [&str; 4] = ["ada", "ben", "chen", "dana"];

fn sample(name: &str) -> String {
    format!("tests/data/records/{name}.json")
}

/// A data folder whose completions.jsonl holds every sample record, one a line.
fn data_dir_with_samples(name: &str) -> PathBuf {
    let dir = fresh_dir(&format!("report-{name}"));
    let mut lines = String::new();
    for name in SAMPLES {
        let text = std::fs::read_to_string(sample(name)).unwrap();
        for record in serde_json::from_str::<Vec<serde_json::Value>>(&text).unwrap() {
            lines.push_str(&serde_json::to_string(&record).unwrap());
            lines.push('\n');
        }
    }
    std::fs::write(dir.join("completions.jsonl"), lines).unwrap();
    dir
}

fn report(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["--data-dir", dir.to_str().unwrap(), "report"];
    all.extend_from_slice(args);
    run(&all)
}

#[test]
fn an_empty_data_folder_has_no_records_yet() {
    let dir = fresh_dir("report-empty");
    let (code, out, err) = report(&dir, &[]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "no exam records yet\n", ""));
    let (code, out, _) = report(&dir, &["--format", "json"]);
    assert_eq!((code, out.trim()), (0, "[]"));
    let (code, out, _) = report(&dir, &["--format", "csv"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1, "only the header: {out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_table_lists_every_attempt_with_a_learner_column() {
    let dir = data_dir_with_samples("table");
    let (code, out, err) = report(&dir, &[]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("learner ") && lines[0].contains("d′"), "{out}");
    assert_eq!(lines.len(), 7, "{out}");
    assert!(lines[1].starts_with("ada.lovelace@example.com  2026-03-02 14:05  new-hire  passed"), "{out}");
    assert!(lines[3].contains("incomplete") && lines[3].contains("1/8 12 %"), "{out}");
    assert_eq!(lines[6], "5 attempt(s): 3 passed, 1 failed, 1 incomplete");

    let (code, out, _) = report(&dir, &["--learner", "ben"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("started (UTC)"), "one learner, no learner column: {out}");
    assert_eq!(out.lines().count(), 4, "{out}");
    let (code, out, _) = report(&dir, &["--learner", "nobody"]);
    assert_eq!((code, out.as_str()), (0, "no exam records for nobody yet\n"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_export_format_and_output_to_a_file() {
    let dir = data_dir_with_samples("formats");
    let (code, out, _) = report(&dir, &["--format", "json"]);
    assert_eq!(code, 0);
    let records: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(records.len(), 5);
    assert_eq!(records[0]["learner"], "ada.lovelace@example.com");

    let (_, out, _) = report(&dir, &["--format", "csv", "--learner", "Chen Wei"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("learner,started,finished,seconds,deck,"), "{out}");
    assert!(lines[1].starts_with("Chen Wei,2026-03-02T16:05:09Z,") && lines[1].contains(",incomplete,"), "{out}");

    let (_, out, _) = report(&dir, &["--format", "md"]);
    assert!(out.contains("| Learner | Started (UTC) |") && out.contains("## dana — New-hire smishing check"), "{out}");

    let file = dir.join("out.json");
    let (code, out, _) = report(&dir, &["--format", "xapi", "--output", file.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (0, ""));
    let statements: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(
        statements.len(),
        16,
        "five attempts and two passed courses, each attempt bracketed by initialized and (when finished) terminated"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn output_never_overwrites_the_records() {
    let dir = data_dir_with_samples("overwrite");
    let records = dir.join("completions.jsonl");
    let before = std::fs::read(&records).unwrap();
    let (code, _, err) = report(&dir, &["--format", "csv", "--output", records.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("is a file of records being read"), "{err}");
    assert_eq!(std::fs::read(&records).unwrap(), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_damaged_records_file_is_set_aside_not_overwritten() {
    let dir = data_dir_with_samples("damaged");
    let path = dir.join("completions.jsonl");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("{\"learner\": \"eve\", torn");
    std::fs::write(&path, &text).unwrap();
    let (code, out, err) = report(&dir, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 unreadable line in the exam records"), "{err}");
    assert!(out.contains("5 attempt(s)"), "the readable records are all there: {out}");
    let kept: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("completions.jsonl.corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), text, "the original is kept byte for byte");
    let (_, _, err) = report(&dir, &[]);
    assert_eq!(err, "", "the file now loads cleanly");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn merge_makes_a_class_view_and_counts_duplicates_once() {
    let dir = data_dir_with_samples("merge");
    let jsonl = dir.join("completions.jsonl");
    let mut args: Vec<String> = vec!["report".into(), "--merge".into()];
    args.extend(SAMPLES.iter().map(|n| sample(n)));
    args.push(jsonl.to_string_lossy().into_owned()); // every attempt a second time
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Learners: 4   Attempts: 5\n"), "{out}");
    assert!(out.contains("Pass rate: 75 %") && out.contains("5 duplicate attempt(s)"), "{out}");
    assert!(out.contains("delivery-dhl-shortened-link") && out.contains('█'), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");

    let mut csv_args = args.clone();
    csv_args.extend(["--format", "csv"]);
    let (code, out, _) = run(&csv_args);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("kind,id,title,value,asked,wrong,percent_wrong\nsummary,learners,Learners,4,,,\n"),
        "{out}"
    );
    assert!(out.contains("scenario,delivery-dhl-shortened-link,\"Fake DHL redelivery, shortened link\",,4,3,75.0\n"));

    let mut md_args = args.clone();
    md_args.extend(["--format", "md"]);
    let (code, _, err) = run(&md_args);
    assert_eq!(code, 2);
    assert!(err.contains("--merge makes a class view as text or csv"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn merge_names_broken_files_and_still_merges_the_rest() {
    let dir = fresh_dir("report-merge-broken");
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "[\n  {\"learner\": \"eve\",\n").unwrap();
    let missing = dir.join("missing.json");
    let (code, out, err) = run(&[
        "report",
        "--merge",
        &sample("ada"),
        broken.to_str().unwrap(),
        missing.to_str().unwrap(),
        &sample("ben"),
    ]);
    assert_eq!(code, 1, "a script notices");
    assert!(err.contains(&format!("{}:3:", broken.display())), "line and column: {err}");
    assert!(err.contains(&format!("{}: ", missing.display())), "{err}");
    assert!(out.starts_with("Learners: 2   Attempts: 3\n"), "the good files are merged: {out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_base_that_is_not_an_iri_and_answers_without_xapi_are_wrong_usage() {
    let dir = fresh_dir("report-iri");
    let (code, _, err) = report(&dir, &["--format", "xapi", "--xapi-base", "smishdrill xapi"]);
    assert_eq!(code, 2);
    assert!(err.contains("not an absolute IRI"), "{err}");
    let (code, _, err) = report(&dir, &["--answers"]);
    assert_eq!(code, 2);
    assert!(err.contains("--answers goes with --format xapi"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_docs_give_the_csv_columns_the_program_writes() {
    let read = |p: &str| std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap();
    let (docs, readme) = (read("docs/reports.md"), read("README.md"));
    assert!(docs.contains(smishdrill::report::export::CSV_HEADER), "docs/reports.md lacks the CSV header");
    assert!(docs.contains(smishdrill::report::merge::CLASS_CSV_HEADER), "docs/reports.md lacks the class CSV header");
    assert!(readme.contains("smishdrill report") && readme.contains("docs/reports.md"));
}

#[test]
fn output_never_overwrites_records_through_a_hard_link_or_a_symbolic_link() {
    let dir = data_dir_with_samples("links");
    let records = dir.join("completions.jsonl");
    let before = std::fs::read(&records).unwrap();
    let answers = dir.join("profiles").join("ada").join("answers.jsonl");
    std::fs::create_dir_all(answers.parent().unwrap()).unwrap();
    std::fs::write(&answers, "{\"kept\": true}\n").unwrap();
    std::fs::hard_link(&records, dir.join("report.csv")).unwrap();
    std::os::unix::fs::symlink(&records, dir.join("link.csv")).unwrap();
    std::fs::hard_link(&answers, dir.join("answers-link.csv")).unwrap();
    for name in ["report.csv", "link.csv", "answers-link.csv"] {
        let out = dir.join(name);
        let (code, _, err) = report(&dir, &["--format", "csv", "--output", out.to_str().unwrap(), "--force"]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains("is a file of records being read"), "{name}: {err}");
    }
    assert_eq!(std::fs::read(&records).unwrap(), before, "completions.jsonl untouched");
    assert_eq!(std::fs::read_to_string(&answers).unwrap(), "{\"kept\": true}\n", "answers.jsonl untouched");

    // --merge inputs too, through a hard link.
    let input = dir.join("class.jsonl");
    std::fs::copy(&records, &input).unwrap();
    std::fs::hard_link(&input, dir.join("class-view.csv")).unwrap();
    let (code, _, err) = run(&[
        "--data-dir",
        dir.to_str().unwrap(),
        "report",
        "--merge",
        input.to_str().unwrap(),
        "--format",
        "csv",
        "--output",
        dir.join("class-view.csv").to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is a file of records being read"), "{err}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn output_refuses_an_existing_file_without_force() {
    let dir = data_dir_with_samples("force");
    let out = dir.join("old-report.csv");
    std::fs::write(&out, "last week's report\n").unwrap();
    let (code, _, err) = report(&dir, &["--format", "csv", "--output", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already exists; add --force to replace it"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "last week's report\n");
    let (code, _, err) = report(&dir, &["--format", "csv", "--output", out.to_str().unwrap(), "--force"]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("learner,started,") && !text.contains("last week"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}
