//! End-to-end: exam, presenter and course modes in a real terminal (tmux). Exams must leave a
//! completion record however they end; the presenter must reveal nothing before the key.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{BIN, Session, have_tmux};

/// A three-message exam deck (scam, genuine, scam) in a folder of its own.
fn exam_deck(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smishdrill-e2e-deck-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.deck.toml"));
    std::fs::write(
        &path,
        "title = \"E2E exam\"\norder = \"fixed\"\nfeedback = \"end\"\npass_mark = 60\nspot = false\nseed = 3\n\
         scenarios = [\"toll-ezpass-ny-unpaid-foreign-number\", \"postage-usps-out-for-delivery\", \"other-wrong-number\"]\n",
    )
    .unwrap();
    path
}

/// The exam opens on its introduction; Enter starts the first message (and its clock).
fn start_exam(t: &Session) {
    let intro = t.wait_for("Before the exam");
    assert!(intro.contains("Enter start the exam (3 messages)"), "{intro}");
    t.keys(&["Enter"]);
    t.wait_for("Message 1 of 3");
}

fn completions(t: &Session) -> Vec<serde_json::Value> {
    let file = t.data.join("smishdrill").join("completions.jsonl");
    std::fs::read_to_string(&file)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each record is one JSON line"))
        .collect()
}

/// Gives `verdict` and "sure", answers a follow-up with 1 if one is asked, and waits for what
/// comes after (the next message or the result). Returns that screen.
fn answer_in_exam(t: &Session, verdict: &str, number: usize, last: bool) -> String {
    t.wait_for(&format!("Message {number} of 3"));
    t.verdict(verdict, "How sure");
    t.keys(&["1"]);
    let after = |s: &str| {
        s.contains("One more question")
            || (last && s.contains("Exam result"))
            || (!last && s.contains(&format!("Message {} of 3", number + 1)))
    };
    let screen = t.wait_until("the follow-up or the next message", after);
    let screen = if screen.contains("One more question") {
        t.keys(&["1"]);
        t.wait_until("the next message", |s| !s.contains("One more question") && after(s))
    } else {
        screen
    };
    assert!(!screen.contains("Right:") && !screen.contains("Not quite:"), "feedback during the exam:\n{screen}");
    screen
}

#[test]
fn an_exam_gives_no_feedback_until_the_end_and_records_the_result() {
    if !have_tmux() {
        return;
    }
    let deck = exam_deck("full");
    let t = Session::start(&["exam", "--deck", deck.to_str().unwrap(), "--learner", "ada@example.com"], &[], 80, 24);
    start_exam(&t);
    let first = t.wait_for("Message 1 of 3");
    assert!(first.contains("Exam ·"), "{first}");
    answer_in_exam(&t, "s", 1, false);
    answer_in_exam(&t, "g", 2, false);
    let result = answer_in_exam(&t, "s", 3, true);
    assert!(result.contains("PASSED ✓  3 of 3 right"), "{result}");
    t.keys(&["Enter"]);
    t.wait_until("the first explanation", |s| s.contains("Right:") && s.contains("next explanation"));
    t.keys(&["q"]);
    let end = t.wait_exit(0);
    assert!(end.contains("ada@example.com — full: passed (3 of 3 right"), "{end}");
    let records = completions(&t);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["status"], "passed");
    assert_eq!(records[0]["learner"], "ada@example.com");
    assert!(records[0]["deck_checksum"].as_str().unwrap().starts_with("sha256:"));
}

#[test]
fn leaving_an_exam_early_records_an_incomplete_attempt() {
    if !have_tmux() {
        return;
    }
    let deck = exam_deck("quit");
    let t = Session::start(&["exam", "--deck", deck.to_str().unwrap(), "--learner", "bo"], &[], 80, 24);
    start_exam(&t);
    answer_in_exam(&t, "s", 1, false);
    t.keys(&["q"]);
    t.wait_for("Press q again");
    t.keys(&["q"]);
    t.wait_exit(0);
    let records = completions(&t);
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["status"], "incomplete");
    assert_eq!(records[0]["answered"], 1);
}

#[test]
fn sigterm_during_an_exam_still_records_it() {
    if !have_tmux() {
        return;
    }
    let deck = exam_deck("term");
    let t = Session::start(&["exam", "--deck", deck.to_str().unwrap(), "--learner", "cy"], &[], 80, 24);
    start_exam(&t);
    let pid = t.program_pid();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    t.wait_exit(143);
    let records = completions(&t);
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["status"], "incomplete");
}

#[test]
fn the_presenter_reveals_only_on_the_key_and_saves_nothing() {
    if !have_tmux() {
        return;
    }
    let t = Session::start(&["present", "--deck", "classroom-45min"], &[], 100, 30);
    let first = t.wait_for("Presenting · Message 1 of 12");
    for giveaway in ["It's a scam", "It's genuine", "Red flags", "Notes for the instructor", "Right:"] {
        assert!(!first.contains(giveaway), "{giveaway:?} before the reveal:\n{first}");
    }
    t.keys(&["s", "l", "1"]); // learners' keys do nothing for the presenter
    t.keys(&["t"]);
    t.wait_for("How many in the room said");
    t.keys(&["1", "2", "Enter", "8", "Enter"]);
    let vote = t.wait_for("The room (20 answers)");
    assert!(!vote.contains("It's a scam") && !vote.contains("It's genuine"), "the vote comes first:\n{vote}");
    t.keys(&["Enter"]);
    let reveal = t.wait_until("the answer", |s| s.contains("It's a scam") || s.contains("It's genuine"));
    assert!(reveal.contains("The room (20 answers)"), "{reveal}");
    t.keys(&["Enter"]);
    t.wait_for("Presenting · Message 2 of 12");
    t.keys(&["q"]);
    t.wait_exit(0);
    let saved = t.data.join("smishdrill").join("profiles");
    let answers: Vec<_> = walk(&saved).into_iter().filter(|p| p.ends_with("answers.jsonl")).collect();
    assert!(answers.is_empty(), "presenter mode wrote progress: {answers:?}");
}

#[test]
fn the_course_opens_on_its_first_lesson_then_practice() {
    if !have_tmux() {
        return;
    }
    let t = Session::start(&["course", "--learner", "dee"], &[], 80, 24);
    let lesson = t.wait_for("Lesson 1 of 5");
    assert!(lesson.contains("Enter practise on 3 messages"), "{lesson}");
    t.keys(&["Enter"]);
    let practice = t.wait_for("Practice · Message 1 of 3");
    assert!(practice.contains("Judge the last message received"), "{practice}");
    t.keys(&["q"]);
    t.wait_exit(0);
    assert!(completions(&t).is_empty(), "practice before the exam is not an attempt");
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries.flatten().flat_map(|e| if e.path().is_dir() { walk(&e.path()) } else { vec![e.path()] }).collect()
}

#[test]
fn decks_and_report_work_from_the_command_line() {
    let out = Command::new(BIN).arg("decks").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for name in ["quick-10", "toll-and-postage", "onboarding-exam", "classroom-45min"] {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
}

#[test]
fn closing_the_terminal_during_an_exam_still_records_it() {
    if !have_tmux() {
        return;
    }
    let deck = exam_deck("hup");
    let t = Session::start(&["exam", "--deck", deck.to_str().unwrap(), "--learner", "eve"], &[], 80, 24);
    start_exam(&t);
    answer_in_exam(&t, "s", 1, false);
    let pid = t.program_pid();
    t.tmux(&["kill-server"]); // the terminal goes away: SIGHUP
    let start = std::time::Instant::now();
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.split_whitespace().nth(2) == Some("Z") {
            break;
        }
        assert!(start.elapsed() < common::WAIT, "smishdrill {pid} kept running after its terminal closed");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let records = completions(&t);
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["status"], "incomplete");
    assert_eq!(records[0]["answered"], 1);
}
