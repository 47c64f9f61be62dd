//! End-to-end tests: the real binary in a real terminal (tmux), driven with `send-keys` and read
//! with `capture-pane`. Every wait is for a condition on the screen, never a fixed sleep.
//!
//! Needs tmux. Without it the tests say so and pass, except under CI (`CI` set), where a
//! missing tmux is a failure: `.ci/run` installs it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use std::time::{Duration, Instant};

use common::{BIN, Session, WAIT, have_tmux};
fn revealed(screen: &str) -> bool {
    screen.contains("Right:") || screen.contains("Not quite:")
}

/// Answers the message on screen: verdict key, a confidence key, the marks (Space after moving
/// right `n` pieces, for each n), then the first choice shown if there is a follow-up (choices
/// are shuffled; no test here asserts whether it was right). Returns the reveal.
fn answer(t: &Session, verdict: &str, marks: &[usize]) -> String {
    t.keys(&[verdict]);
    t.wait_for("How sure are you?");
    t.keys(&["2"]);
    let screen = t.wait_until("spotting or the reveal", |s| {
        s.contains("Spot the flags") || s.contains("One more question") || revealed(s)
    });
    if screen.contains("Spot the flags") {
        for &n in marks {
            for _ in 0..n {
                t.keys(&["Right"]);
            }
            t.keys(&["Space"]);
        }
        t.wait_for(&format!("({} marked)", marks.len()));
        t.keys(&["Enter"]);
    }
    let screen = t.wait_until("the question or the reveal", |s| s.contains("One more question") || revealed(s));
    if screen.contains("One more question") {
        t.keys(&["1"]);
    }
    t.wait_until("the reveal", revealed)
}

#[test]
fn a_whole_round_from_first_message_to_summary() {
    if !have_tmux() {
        return;
    }
    let t = Session::start(&["--seed", "7", "--count", "3"], &[], 80, 24);
    for n in 1..=3 {
        let screen = t.wait_for(&format!("Message {n} of 3"));
        assert!(screen.contains("Judge the last message received"), "{screen}");
        assert!(!screen.contains("[1]") && !screen.contains("[✓1]"), "nothing is marked before answering:\n{screen}");
        let screen = answer(&t, "s", &[0]);
        assert!(screen.contains("You found") || screen.contains("no red flags"), "spotting is scored:\n{screen}");
        t.keys(&["End"]);
        t.wait_for("How to check");
        t.keys(&["Enter"]);
    }
    t.wait_for("Round complete");
    // The summary's length depends on which messages seed 7 draws from the corpus; the seed line
    // is at its end, so scroll there rather than assume it fits on one 24-row screen.
    t.keys(&["End"]);
    let screen = t.wait_for("Round seed 7");
    assert!(screen.contains("run with --seed 7 to replay it"), "{screen}");
    t.keys(&["q"]);
    t.wait_exit(0);
}

#[test]
fn the_same_seed_shows_the_same_first_message() {
    if !have_tmux() {
        return;
    }
    let first = |seed: &str| {
        let t = Session::start(&["--seed", seed], &[], 80, 24);
        let screen = t.wait_for("Message 1 of 10");
        t.keys(&["q"]);
        t.wait_exit(0);
        screen
    };
    assert_eq!(first("11"), first("11"));
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    if !have_tmux() {
        return;
    }
    let t = Session::start(&["--seed", "1"], &[], 80, 24);
    t.wait_for("Message 1 of 10");
    t.keys(&["C-c"]);
    t.wait_exit(130);
}

#[test]
fn sigterm_restores_the_terminal() {
    if !have_tmux() {
        return;
    }
    let t = Session::start(&["--seed", "1"], &[], 80, 24);
    t.wait_for("Message 1 of 10");
    let pid = t.program_pid();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    t.wait_exit(143);
}

#[test]
fn a_panic_restores_the_terminal_and_shows_the_message() {
    if !have_tmux() {
        return;
    }
    let t = Session::start(&["--seed", "1"], &[("SMISHDRILL_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")], 80, 24);
    let screen = t.wait_exit(101);
    assert!(screen.contains("panicking after the first frame"), "{screen}");
}

#[test]
fn resizing_to_tiny_and_back_keeps_working() {
    if !have_tmux() {
        return;
    }
    let t = Session::start(&["--seed", "3"], &[], 80, 24);
    t.wait_for("Message 1 of 10");
    t.tmux(&["resize-window", "-x", "30", "-y", "8"]);
    t.wait_for("enlarge");
    t.tmux(&["resize-window", "-x", "120", "-y", "40"]);
    t.wait_for("Message 1 of 10");
    t.keys(&["?"]);
    t.wait_for("Keys");
    t.keys(&["Escape"]);
    t.wait_until("help to close", |s| !s.contains("Show / hide this help"));
    t.keys(&["q"]);
    t.wait_exit(0);
}

fn scenario_dir_with_a_broken_file() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smishdrill-e2e-broken-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut copied = 0;
    for category in ["toll", "postage"] {
        for entry in std::fs::read_dir(root.join(category)).unwrap().flatten().take(2) {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
            copied += 1;
        }
    }
    assert_eq!(copied, 4);
    std::fs::write(dir.join("broken.toml"), "id = \"toll-broken\"\nverdict = \"maybe\"\n").unwrap();
    dir
}

#[test]
fn a_broken_scenario_file_is_skipped_with_a_notice() {
    if !have_tmux() {
        return;
    }
    let dir = scenario_dir_with_a_broken_file();
    let t = Session::start(&["--only-scenarios", dir.to_str().unwrap(), "--seed", "5"], &[], 80, 24);
    let screen = t.wait_for("Message 1 of 4");
    assert!(screen.contains("problems in the scenario files"), "{screen}");
    t.keys(&["q"]);
    let screen = t.wait_exit(0);
    assert!(screen.contains("broken.toml:2:11: unknown verdict `maybe`"), "{screen}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Parameters of every SGR (`ESC [ … m`) sequence in `s`.
fn sgr_params(s: &str) -> Vec<String> {
    s.split("\u{1b}[").skip(1).filter_map(|rest| rest.find('m').map(|end| rest[..end].to_string())).collect()
}

#[test]
fn no_color_draws_without_colour_but_keeps_underlines() {
    if !have_tmux() {
        return;
    }
    let t = Session::start(&["--seed", "2", "--count", "2"], &[("NO_COLOR", "1")], 80, 24);
    t.wait_for("Message 1 of 2");
    answer(&t, "s", &[]);
    let styled = t.tmux(&["capture-pane", "-p", "-e"]);
    let params = sgr_params(&styled);
    let colour =
        |p: &String| p.split(';').any(|n| matches!(n.parse::<u16>(), Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)));
    assert!(!params.iter().any(colour), "colour codes under NO_COLOR: {params:?}");
    assert!(params.iter().any(|p| p.split(';').any(|n| n == "4")), "underline is still used: {params:?}");
    t.keys(&["q"]);
    t.wait_exit(0);
}

#[test]
fn marking_the_sender_of_a_scam_finds_that_flag() {
    if !have_tmux() {
        return;
    }
    // A round of toll messages until one is a scam whose first red flag is its sender.
    let t = Session::start(&["--seed", "4", "--category", "toll", "--count", "10"], &[], 100, 40);
    for n in 1..=10 {
        t.wait_for(&format!("Message {n} of 10"));
        // The sender is the first piece: mark it without moving.
        let screen = answer(&t, "s", &[0]);
        if screen.contains("this is a scam") && screen.contains("Odd sender") {
            assert!(screen.contains("you found it"), "marking the sender finds the sender flag:\n{screen}");
            t.keys(&["q"]);
            t.wait_exit(0);
            return;
        }
        t.keys(&["Enter"]);
    }
    panic!("no scam with a sender flag in the round");
}

#[test]
fn no_spot_skips_spotting() {
    if !have_tmux() {
        return;
    }
    let t = Session::start(&["--seed", "9", "--no-spot"], &[], 80, 24);
    t.wait_for("Message 1 of 10");
    t.keys(&["l"]);
    t.wait_for("How sure are you?");
    t.keys(&["1"]);
    let screen = t.wait_until("the question or the reveal", |s| s.contains("One more question") || revealed(s));
    assert!(!screen.contains("Spot the flags"), "{screen}");
    t.keys(&["q"]);
    t.wait_exit(0);
}

#[test]
fn answers_are_saved_and_the_stats_show_them() {
    if !have_tmux() {
        return;
    }
    let data = std::env::temp_dir().join(format!("smishdrill-e2e-progress-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let data_arg = data.to_str().unwrap();
    let t =
        Session::start(&["--seed", "12", "--count", "2", "--data-dir", data_arg, "--profile", "tester"], &[], 80, 24);
    for n in 1..=2 {
        t.wait_for(&format!("Message {n} of 2"));
        answer(&t, "s", &[0]);
        t.keys(&["Enter"]);
    }
    t.wait_for("Round complete");
    t.keys(&["t"]);
    let screen = t.wait_for("Your progress");
    assert!(screen.contains("2 answers in 1 round:"), "{screen}");
    t.keys(&["q"]);
    t.wait_exit(0);
    let out = Command::new(BIN).args(["stats", "--data-dir", data_arg, "--profile", "tester"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.contains("2 answers in 1 round:"), "{text}");
    let saved = std::fs::read_to_string(data.join("profiles/tester/answers.jsonl")).unwrap();
    assert_eq!(saved.lines().count(), 2);
    std::fs::remove_dir_all(&data).unwrap();
}

#[test]
fn closing_the_terminal_ends_the_program() {
    if !have_tmux() {
        return;
    }
    let t = Session::start(&["--seed", "1"], &[], 80, 24);
    t.wait_for("Message 1 of 10");
    let pid = t.program_pid();
    t.tmux(&["kill-server"]); // the terminal goes away: SIGHUP
    let start = Instant::now();
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.split_whitespace().nth(2) == Some("Z") {
            break; // exited; only waiting to be reaped
        }
        assert!(start.elapsed() < WAIT, "smishdrill {pid} kept running after its terminal closed");
        std::thread::sleep(Duration::from_millis(20));
    }
}
