//! The command line as a user runs it.

use std::process::Command;

mod common;

use common::{BIN, fresh_dir, run};

#[test]
fn check_passes_on_the_bundled_corpus() {
    let (code, out, _) = run(&["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.lines().last().unwrap().starts_with("ok: "), "{out}");
    assert!(out.contains("course: 5 lessons, 15 practice messages, exam `onboarding-exam`: ok"), "{out}");
}

#[test]
fn check_reports_every_problem_in_every_file_as_path_line_col() {
    let dir = fresh_dir("cli-check");
    std::fs::write(dir.join("a.toml"), "id = \"Bad Id\"\nverdict = \"scam\"\n").unwrap();
    std::fs::write(dir.join("b.toml"), "id = [\n").unwrap();
    let (code, out, _) = run(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    let (problems, summary) = lines.split_at(lines.len() - 1);
    assert!(summary[0].contains("problems found in 2 files"), "{out}");
    assert!(problems.len() >= 5, "{out}");
    for line in problems {
        let mut parts = line.splitn(4, ':');
        let (path, l, c) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
        assert!(path.ends_with(".toml"), "{line}");
        assert!(l.parse::<u32>().is_ok() && c.parse::<u32>().is_ok(), "{line}");
    }
    assert!(out.contains("a.toml:1:6: id `Bad Id` must be lowercase-kebab"), "{out}");
    assert!(out.contains("b.toml:"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn list_prints_one_line_per_scenario() {
    let (code, out, _) = run(&["list"]);
    assert_eq!(code, 0);
    let (_, check, _) = run(&["check"]);
    let count: usize = check.lines().last().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    assert_eq!(out.lines().count(), count);
    let first = out.lines().next().unwrap();
    let cols: Vec<&str> = first.split_whitespace().collect();
    assert!(["scam", "legit"].contains(&cols[2]), "{first}");
}

/// Runs the trainer with `input` on stdin (so in plain mode) and a private data folder.
fn run_plain(args: &[&str], input: &str, data: &std::path::Path) -> (i32, String) {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .env("XDG_DATA_HOME", data)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn without_a_terminal_the_trainer_runs_line_by_line() {
    let data = fresh_dir("cli-plain");
    // Scam, fairly sure, mark pieces 1 and 2, answer any question with 1, next; then quit.
    let (code, out) = run_plain(&["--seed", "1", "--count", "2"], "s\n2\n1 2\n1\n\nq\n", &data);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Judge the last message received"), "{out}");
    assert!(out.contains("Spot the flags: which pieces"), "{out}");
    assert!(out.contains("Right: ") || out.contains("Not quite: "), "{out}");
    assert!(out.contains("Message 2 of 2"), "{out}");
    assert!(!out.contains('\u{1b}'), "plain mode writes no escape sequences");
    let saved = std::fs::read_to_string(
        data.join("smishdrill/profiles").read_dir().unwrap().next().unwrap().unwrap().path().join("answers.jsonl"),
    )
    .unwrap();
    assert_eq!(saved.lines().count(), 1);
    std::fs::remove_dir_all(&data).unwrap();
}

#[test]
fn plain_mode_ends_cleanly_at_the_end_of_input_and_explains_unknown_words() {
    let data = fresh_dir("cli-plain-eof");
    let (code, out) = run_plain(&["--plain", "--seed", "2"], "maybe\n", &data);
    assert_eq!(code, 0);
    assert!(out.contains("Not understood here: \"maybe\""), "{out}");
    std::fs::remove_dir_all(&data).unwrap();
}

#[test]
fn an_unknown_category_is_a_clear_usage_error() {
    let (code, _, err) = run(&["--category", "tolls"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `toll`"), "{err}");
}

#[test]
fn list_filters_by_category_verdict_and_difficulty() {
    let (code, out, _) = run(&["list", "--category", "wallet,bank", "--verdict", "legit", "--difficulty", "2,3"]);
    assert_eq!(code, 0);
    assert!(!out.is_empty());
    for line in out.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(["wallet", "bank"].contains(&cols[1]), "{line}");
        assert_eq!(cols[2], "legit", "{line}");
        assert!(["2", "3", "2*", "3*"].contains(&cols[3]), "{line}");
    }
}

#[test]
fn list_summary_counts_the_corpus() {
    let (code, out, _) = run(&["list", "--summary"]);
    assert_eq!(code, 0);
    let first = out.lines().next().unwrap();
    assert!(first.contains("scenarios:") && first.contains("% genuine"), "{first}");
    assert!(out.contains("lookalike-link"), "{out}");
    assert!(out.contains("official-sender"), "{out}");
}

#[test]
fn list_render_prints_one_scenario_in_full() {
    let (_, ids, _) = run(&["list"]);
    let id = ids.lines().next().unwrap().split_whitespace().next().unwrap();
    let (code, out, _) = run(&["list", "--render", id, "--seed", "3"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(id), "{out}");
    assert!(out.contains("verify: "), "{out}");
    let (code, _, err) = run(&["list", "--render", "no-such-id"]);
    assert_eq!(code, 2);
    assert!(err.contains("no scenario with id"), "{err}");
}

#[test]
fn an_unwritable_data_folder_is_explained_and_the_trainer_still_runs() {
    let data = fresh_dir("cli-unwritable");
    let (code, out) = run_plain(
        &["--seed", "3", "--count", "1", "--data-dir", "/proc/smishdrill-no-such-dir"],
        "l\n1\n\n1\n\nq\n",
        &data,
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Progress will not be saved"), "{out}");
    assert!(out.contains("Right: ") || out.contains("Not quite: "), "the round goes on: {out}");
    std::fs::remove_dir_all(&data).unwrap();
}

#[test]
fn in_plain_mode_empty_lines_answer_nothing_in_an_exam() {
    let data = fresh_dir("cli-plain-exam-enter");
    // Enter starts the exam from its introduction; then empty lines and an unknown word.
    let (code, out) = run_plain(&["--plain", "exam", "--deck", "onboarding-exam"], "\n\n\n\nmaybe\nq\nq\n", &data);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("Nothing answered: type s (scam) or g (genuine).").count(), 3, "{out}");
    assert!(out.contains("Not understood here: \"maybe\". Type s (scam) or g (genuine)."), "{out}");
    assert!(out.contains("The last message received: s scam or g genuine?"), "{out}");
    let records = std::fs::read_to_string(data.join("smishdrill/completions.jsonl")).unwrap();
    let record: serde_json::Value = serde_json::from_str(records.lines().next().unwrap()).unwrap();
    assert_eq!((record["status"].as_str(), record["answered"].as_u64()), (Some("incomplete"), Some(0)), "{record}");
    std::fs::remove_dir_all(&data).unwrap();
}
