//! Nothing is drawn while nothing changes, and a clock tick draws only the clock (issue #12): the trainer's output is captured with
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

/// The exam's clock, as the header shows it ("⏱ 1:58 left").
fn clock(screen: &str) -> Option<String> {
    let header = screen.lines().next()?;
    let (_, after) = header.split_once("⏱ ")?;
    Some(after.split_whitespace().next()?.to_string())
}

/// Waits until the captured output has grown past `size` (tmux writes the pipe on its own time).
fn wait_for_bytes(path: &std::path::Path, size: u64) -> u64 {
    let start = std::time::Instant::now();
    loop {
        let now = bytes(path);
        if now > size {
            return now;
        }
        assert!(start.elapsed() < common::WAIT, "nothing was written to the terminal");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn the_exam_clock_redraws_only_what_its_tick_changes() {
    if !have_tmux() {
        return;
    }
    let t = Session::start(&["exam", "--deck", "onboarding-exam", "--seed", "3"], &[("USER", "learner")], 80, 24);
    t.wait_for("start the exam");
    t.keys(&["Enter"]);
    t.wait_until("the clock", |s| clock(s).is_some());
    let log = std::env::temp_dir().join(format!("smishdrill-clock-{}.out", std::process::id()));
    let _ = std::fs::remove_file(&log);
    t.tmux(&["pipe-pane", "-o", &format!("cat >> {}", log.display())]);
    // The first tick written once the pipe is open; from then on, measure one tick.
    wait_for_bytes(&log, 0);
    let before = t.wait_until("a settled screen", |s| clock(s).is_some());
    let at_start = bytes(&log);
    let shown = clock(&before);
    let after = t.wait_until("the next second", |s| clock(s).is_some_and(|c| Some(c) != shown));
    let tick = wait_for_bytes(&log, at_start) - at_start;
    // Everything but the header line is exactly as it was.
    let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&after), body(&before), "a tick changed more than the clock");
    assert!(tick < 120, "one tick of the clock wrote {tick} bytes: more than the clock's few cells");
    // The control: a whole new screen (the keys overlay) is many times that, so the measure
    // would have seen a full redraw.
    let at_help = bytes(&log);
    t.keys(&["?"]);
    t.wait_for("Keys");
    let help = wait_for_bytes(&log, at_help) - at_help;
    assert!(help > 10 * tick.max(1), "the overlay wrote {help} bytes, a tick {tick}");
    eprintln!("one tick of the exam clock: {tick} bytes; the keys overlay: {help} bytes");
    let _ = std::fs::remove_file(&log);
}
