//! The command line as a user runs it.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_smishdrill");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().expect("run smishdrill");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("smishdrill-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn check_passes_on_the_bundled_corpus() {
    let (code, out, _) = run(&["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("ok: "), "{out}");
}

#[test]
fn check_reports_every_problem_in_every_file_as_path_line_col() {
    let dir = temp_dir("check");
    std::fs::write(dir.join("a.toml"), "id = \"Bad Id\"\nverdict = \"scam\"\n").unwrap();
    std::fs::write(dir.join("b.toml"), "id = [\n").unwrap();
    let (code, out, _) = run(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    let (problems, summary) = lines.split_at(lines.len() - 1);
    assert!(summary[0].contains("problem(s) found in 2 files"), "{out}");
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
    let count: usize = check.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert_eq!(out.lines().count(), count);
    let first = out.lines().next().unwrap();
    let cols: Vec<&str> = first.split_whitespace().collect();
    assert!(["scam", "legit"].contains(&cols[2]), "{first}");
}

#[test]
fn the_trainer_refuses_to_run_without_a_terminal() {
    let (code, _, err) = run(&["--seed", "1"]);
    assert_eq!(code, 2);
    assert!(err.contains("needs an interactive terminal"), "{err}");
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
