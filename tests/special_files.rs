//! Special files given by path — devices that never end, named pipes that block, links to
//! them, folders where a file is expected — are refused with a clear message, and `check`
//! reports every path it could not read as a problem instead of skipping it.
//!
//! Each run has a watchdog (a run that has not ended after a generous while failed: it hung)
//! and an address-space limit of 256 MiB (`ulimit -v`): reading /dev/zero without a bound grew
//! to 2 GB in seconds, so it would fail here rather than pass slowly. Nothing is timed.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

mod common;

use common::fresh_dir;

const BIN: &str = env!("CARGO_BIN_EXE_smishdrill");

/// Runs smishdrill under a 256 MiB address-space limit with empty input: (code, stdout,
/// stderr). Fails if the run has not ended after 60 s.
fn run_bounded(args: &[&str]) -> (i32, String, String) {
    let mut command = Command::new("sh");
    command.arg("-c").arg("ulimit -v 262144; exec \"$0\" \"$@\"").arg(BIN).args(args);
    let child = command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let (tx, rx) = mpsc::channel();
    let pid = child.id();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let Ok(out) = rx.recv_timeout(Duration::from_secs(60)) else {
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        panic!("smishdrill {args:?} hung");
    };
    let out = out.unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A folder with every kind of special file a scenario folder could hold.
fn special_folder(name: &str) -> PathBuf {
    let dir = fresh_dir(&format!("special-{name}"));
    mkfifo(&dir.join("fifo.toml"));
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.toml")).unwrap();
    std::fs::create_dir(dir.join("x.toml")).unwrap();
    let mut deep = dir.join("deep");
    for _ in 0..40 {
        deep = deep.join("d");
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("lost.toml"), "id = \"x\"\n").unwrap();
    dir
}

#[test]
fn devices_and_pipes_given_as_a_deck_are_refused() {
    let dir = fresh_dir("special-decks");
    let data = dir.join("data");
    let fifo = dir.join("deck.toml");
    mkfifo(&fifo);
    for (mode, deck, kind) in [
        ("exam", "/dev/zero", "a device"),
        ("practice", "/dev/urandom", "a device"),
        ("present", "/dev/zero", "a device"),
        ("exam", s(&fifo), "a named pipe (FIFO)"),
        ("practice", s(&fifo), "a named pipe (FIFO)"),
    ] {
        let (code, out, err) = run_bounded(&["--data-dir", s(&data), mode, "--deck", deck, "--plain"]);
        assert_eq!(code, 2, "{mode} --deck {deck}: {out}{err}");
        assert!(err.contains(&format!("{deck}:1:1: cannot read file: {kind}, not a regular file")), "{err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_course_file_that_is_a_device_or_a_pipe_is_refused() {
    let dir = fresh_dir("special-course");
    let data = dir.join("data");
    let linked = dir.join("linked");
    std::fs::create_dir(&linked).unwrap();
    std::os::unix::fs::symlink("/dev/zero", linked.join("course.toml")).unwrap();
    let piped = dir.join("piped");
    std::fs::create_dir(&piped).unwrap();
    mkfifo(&piped.join("course.toml"));
    for (course, kind) in [(&linked, "a device"), (&piped, "a named pipe (FIFO)")] {
        let (code, out, err) = run_bounded(&["--data-dir", s(&data), "course", "--course", s(course), "--plain"]);
        assert_eq!(code, 2, "{out}{err}");
        let want =
            format!("{}:1:1: cannot read file: {kind}, not a regular file", course.join("course.toml").display());
        assert!(err.contains(&want), "{want}\n{err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_reports_every_path_it_cannot_read() {
    let dir = special_folder("check");
    let (code, out, err) = run_bounded(&["check", s(&dir)]);
    assert_eq!(code, 1, "{out}{err}");
    let at = |p: &Path| format!("{}:1:1: cannot read file: ", p.display());
    assert!(out.contains(&format!("{}a named pipe (FIFO), not a regular file", at(&dir.join("fifo.toml")))), "{out}");
    assert!(out.contains(&format!("{}a device, not a regular file", at(&dir.join("zero.toml")))), "{out}");
    assert!(out.contains(&format!("{}a folder, not a regular file", at(&dir.join("x.toml")))), "{out}");
    assert!(out.contains("folders nested deeper than 32 levels are not searched"), "{out}");
    assert!(out.ends_with("4 problems found in 0 files; 0 scenarios are valid\n"), "{out}");

    // Named explicitly, too.
    let fifo = dir.join("fifo.toml");
    let (code, out, _) = run_bounded(&["check", s(&fifo), "/dev/zero"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("{}a named pipe (FIFO)", at(&fifo))), "{out}");
    assert!(out.contains("/dev/zero:1:1: cannot read file: a device, not a regular file"), "{out}");
    assert!(!out.contains("ok:"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_scenarios_folder_of_special_files_says_what_is_wrong_and_what_to_do() {
    let dir = special_folder("practice");
    let data = dir.join("data");
    let (code, out, err) = run_bounded(&["--data-dir", s(&data), "--only-scenarios", s(&dir), "--plain"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("a named pipe (FIFO), not a regular file") && err.contains("a device, not a regular file"),
        "{err}"
    );
    assert!(err.contains("To go on: fix the files"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_oversized_file_is_refused_by_what_is_read() {
    let dir = fresh_dir("special-big");
    let big = dir.join("big.deck.toml");
    std::fs::write(&big, vec![b'#'; 1024 * 1024 + 1]).unwrap();
    let (code, _, err) = run_bounded(&["--data-dir", s(&dir.join("data")), "exam", "--deck", s(&big), "--plain"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot read file: larger than the 1048576-byte limit for a deck"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn data_files_are_read_through_the_same_bound() {
    let dir = fresh_dir("special-data");
    let file = std::fs::File::create(dir.join("completions.jsonl")).unwrap();
    file.set_len(256 * 1024 * 1024 + 1).unwrap();
    let (code, out, err) = run_bounded(&["--data-dir", s(&dir), "report"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("larger than the 268435456-byte limit for a data file"), "{err}");
    std::fs::remove_file(dir.join("completions.jsonl")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("completions.jsonl")).unwrap();
    let (code, _, err) = run_bounded(&["--data-dir", s(&dir), "report"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("not a regular file"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn piping_into_a_reader_that_stops_early_ends_quietly() {
    // `| head -1`: the reader takes one line and closes the pipe.
    for args in [&["list"][..], &["check"], &["list", "--summary"]] {
        let mut child = Command::new(BIN)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut first).unwrap();
        assert!(!first.is_empty());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("Broken pipe") && !err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn a_plain_exam_whose_output_is_closed_ends_quietly() {
    let dir = fresh_dir("special-pipe");
    let mut child = Command::new(BIN)
        .args(["--data-dir", s(&dir), "--profile", "kim", "exam", "--deck", "quick-10", "--plain"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the first line, close the pipe, then give the exam input so it writes again.
    let mut first = String::new();
    let stdout = child.stdout.take().unwrap();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut first).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let _ = std::io::Write::write_all(&mut stdin, b"\n\n\n\n");
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("Broken pipe") && !err.contains("terminal error"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn without_a_login_name_the_profile_used_is_named() {
    let dir = fresh_dir("special-user");
    let out = Command::new(BIN)
        .args(["--data-dir", s(&dir), "stats"])
        .env_remove("USER")
        .env_remove("USERNAME")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the profile `default` is used; choose one with `--profile NAME`"), "{err}");
    let out = Command::new(BIN)
        .args(["--data-dir", s(&dir), "--profile", "kim", "stats"])
        .env_remove("USER")
        .env_remove("USERNAME")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).is_empty(), "--profile given: nothing to say");
    std::fs::remove_dir_all(&dir).unwrap();
}
