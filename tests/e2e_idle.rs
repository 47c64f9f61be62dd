//! Nothing is drawn while nothing changes (issue #12): the trainer's output is captured with
//! tmux `pipe-pane` and must not grow while the learner only reads. The three seconds of reading
//! are the property itself (an absence over time), not a wait for a condition.

mod common;

use common::{Session, have_tmux};

fn bytes(path: &std::path::Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

#[test]
fn an_idle_judge_screen_writes_nothing_and_a_key_draws_again() {
    if !have_tmux() {
        return;
    }
    let t = Session::start(&["--seed", "3", "--count", "2"], &[], 80, 24);
    t.wait_for("Judge the last message received");
    let log = std::env::temp_dir().join(format!("smishdrill-idle-{}.out", std::process::id()));
    let _ = std::fs::remove_file(&log);
    t.tmux(&["pipe-pane", "-o", &format!("cat >> {}", log.display())]);
    // Let tmux open the pipe, then measure three seconds of reading.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let before = bytes(&log);
    std::thread::sleep(std::time::Duration::from_secs(3));
    assert_eq!(bytes(&log), before, "the idle judge screen wrote to the terminal");
    // A key still draws: the help overlay appears, and bytes are written.
    t.keys(&["?"]);
    t.wait_for("Keys");
    assert!(bytes(&log) > before, "a key must redraw");
    let _ = std::fs::remove_file(&log);
}
