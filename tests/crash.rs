//! Crash safety of saved progress: a writer killed with SIGKILL again and again loses at most
//! the answer it was writing, never an earlier one.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use smishdrill::learning::record::AnswerRecord;
use smishdrill::store::progress::ProgressStore;

const DIR_VAR: &str = "SMISHDRILL_CRASH_WRITER_DIR";

fn record(n: u64) -> AnswerRecord {
    AnswerRecord {
        time: n,
        round: format!("r{n}"),
        scenario: "toll-crash".into(),
        category: "toll".into(),
        truth: "scam".into(),
        said: "scam".into(),
        confidence: Some("sure".into()),
        difficulty: Some(2),
        flags_found: vec!["sender".into(); 20],
        flags_missed: vec!["lookalike-link".into(); 20],
        false_marks: 0,
        spotted: true,
        question: None,
        choice: None,
    }
}

/// Run as a child process: append answers forever (until killed).
#[test]
fn writer_child() {
    let Some(dir) = std::env::var_os(DIR_VAR) else { return };
    let store = ProgressStore::open(&PathBuf::from(dir), "crash").unwrap();
    for n in 0.. {
        store.append(&record(n)).unwrap();
    }
}

fn lines(path: &std::path::Path) -> usize {
    std::fs::read_to_string(path).map(|t| t.matches('\n').count()).unwrap_or(0)
}

#[test]
fn killing_a_writer_repeatedly_loses_at_most_the_answer_in_flight() {
    let dir = std::env::temp_dir().join(format!("smishdrill-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = ProgressStore::open(&dir, "crash").unwrap();
    let kills = 5;
    let mut complete_before_last_kill = 0;
    for _ in 0..kills {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "writer_child", "--nocapture", "--test-threads", "1"])
            .env(DIR_VAR, &dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until it has written some more answers, then kill it mid-stream.
        let target = lines(store.path()) + 20;
        let start = Instant::now();
        while lines(store.path()) < target {
            assert!(start.elapsed() < Duration::from_secs(30), "the writer made no progress");
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        complete_before_last_kill = lines(store.path());
    }
    let loaded = store.load().unwrap();
    // Every line finished before a kill survives; a torn line at the end of a kill is the only
    // possible loss, once per kill at most.
    assert!(
        loaded.history.len() + kills >= complete_before_last_kill,
        "{} of {complete_before_last_kill}",
        loaded.history.len()
    );
    assert!(loaded.history.len() >= complete_before_last_kill.saturating_sub(kills));
    std::fs::remove_dir_all(&dir).unwrap();
}
