//! End-to-end (tmux): no answer is recorded that the learner did not give. Enter alone never
//! answers, keys typed ahead never answer a new exam message, a shuffled follow-up records the
//! choice picked (by its place in the file), and an exam never asks a question meant for after
//! the reveal (issue #10). Every wait is for a condition on the screen.

mod common;

use std::path::{Path, PathBuf};

use common::{Session, have_tmux};

/// A fixture scenario from `src/fixtures.rs` (compiled only into the unit tests), by its name.
fn fixture(name: &str) -> String {
    let source = include_str!("../src/fixtures.rs");
    let opening = format!("pub const {name}: &str = r#\"");
    let start = source.find(&opening).expect("the fixture") + opening.len();
    let len = source[start..].find("\"#;").expect("the fixture's end");
    source[start..start + len].to_string()
}

/// A folder with the three fixture scenarios (the toll scam's question first asked `asked`), and
/// a fixed-order exam deck over them.
fn fixture_dir(name: &str, asked_after: bool) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smishdrill-e2e-answers-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let toll = if asked_after {
        fixture("TOLL_SCAM")
            .replace("[[question]]\n", "[[question]]\nasked = \"after\"\n")
            .replace("What should you do now?", "How could a scammer know you drive the Thruway?")
    } else {
        fixture("TOLL_SCAM")
    };
    assert!(toll.starts_with("id = \"toll-fixture\""), "{toll}");
    std::fs::write(dir.join("toll.toml"), toll).unwrap();
    std::fs::write(dir.join("postage.toml"), fixture("USPS_LEGIT")).unwrap();
    std::fs::write(dir.join("wallet.toml"), fixture("WALLET_SCAM")).unwrap();
    std::fs::write(
        dir.join("exam.deck.toml"),
        "title = \"Fixture exam\"\norder = \"fixed\"\nfeedback = \"end\"\npass_mark = 60\nspot = false\nseed = 3\n\
         scenarios = [\"toll-fixture\", \"postage-fixture\", \"wallet-fixture\"]\n",
    )
    .unwrap();
    dir
}

fn exam(dir: &Path) -> Session {
    let deck = dir.join("exam.deck.toml");
    let args = ["--scenarios", dir.to_str().unwrap(), "exam", "--deck", deck.to_str().unwrap(), "--learner", "ada"];
    let t = Session::start(&args, &[], 80, 24);
    t.wait_for("Before the exam");
    t.keys(&["Enter"]);
    t.wait_for("Message 1 of 3");
    t
}

fn files_named(dir: &Path, name: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .flatten()
        .flat_map(|e| if e.path().is_dir() { files_named(&e.path(), name) } else { vec![e.path()] })
        .filter(|p| p.file_name().is_some_and(|n| n == name))
        .collect()
}

/// Every answer saved under the session's data folder, one JSON value per line.
fn saved_answers(t: &Session) -> Vec<serde_json::Value> {
    files_named(&t.data, "answers.jsonl")
        .iter()
        .flat_map(|f| std::fs::read_to_string(f).unwrap_or_default().lines().map(str::to_string).collect::<Vec<_>>())
        .map(|l| serde_json::from_str(&l).expect("one JSON answer per line"))
        .collect()
}

fn completions(t: &Session) -> Vec<serde_json::Value> {
    let file = t.data.join("smishdrill").join("completions.jsonl");
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON record per line"))
        .collect()
}

/// Presses Enter `times` times in one go, then waits for the notice saying which keys answer.
fn enters(t: &Session, times: usize, notice: &str) -> String {
    t.keys(&vec!["Enter"; times]);
    t.wait_for(notice)
}

#[test]
fn enter_alone_in_practice_answers_nothing_at_any_step() {
    if !have_tmux() {
        return;
    }
    let t = Session::start(&["--seed", "7", "--count", "3"], &[], 80, 24);
    t.wait_for("Message 1 of 3");
    let screen = enters(&t, 6, "Nothing chosen yet: press s (scam) or g (genuine)");
    assert!(screen.contains("Message 1 of 3") && screen.contains("Judge the last message received"), "{screen}");
    assert!(!screen.contains("How sure"), "Enter gave a verdict:\n{screen}");
    t.keys(&["s"]);
    t.wait_for("How sure are you?");
    let screen = enters(&t, 6, "Nothing chosen yet: press 1 (sure)");
    assert!(screen.contains("How sure are you?"), "Enter gave a confidence:\n{screen}");
    t.keys(&["2"]);
    let screen = t.wait_until("the next step", |s| {
        s.contains("Spot the flags")
            || s.contains("One more question")
            || s.contains("Right:")
            || s.contains("Not quite:")
    });
    if screen.contains("Spot the flags") {
        t.keys(&["Enter"]); // "done, nothing marked" is an answer the spot screen offers
    }
    let screen = t.wait_until("the question or the reveal", |s| {
        s.contains("One more question") || s.contains("Right:") || s.contains("Not quite:")
    });
    if screen.contains("One more question") {
        let screen = enters(&t, 6, "Nothing chosen yet: press the number of your answer");
        assert!(screen.contains("One more question"), "Enter answered the question:\n{screen}");
        assert!(saved_answers(&t).is_empty(), "an unfinished answer was saved");
    }
    t.keys(&["q"]);
    t.wait_exit(0);
    let saved = saved_answers(&t);
    assert!(saved.len() <= 1, "{saved:?}");
    if let Some(a) = saved.first() {
        assert_eq!((a["said"].as_str(), a["confidence"].as_str()), (Some("scam"), Some("fairly sure")), "{a}");
    }
}

#[test]
fn enter_alone_in_an_exam_answers_nothing_and_the_attempt_shows_nothing_answered() {
    if !have_tmux() {
        return;
    }
    let dir = fixture_dir("enter", false);
    let t = exam(&dir);
    let screen = enters(&t, 8, "Nothing chosen yet");
    assert!(screen.contains("Message 1 of 3"), "Enter moved on:\n{screen}");
    assert!(!screen.contains("How sure"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("Press q again");
    t.keys(&["q"]);
    t.wait_exit(0);
    assert!(saved_answers(&t).is_empty(), "{:?}", saved_answers(&t));
    let records = completions(&t);
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["status"], "incomplete");
    assert_eq!(records[0]["answered"], 0, "{}", records[0]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn keys_typed_ahead_never_answer_a_new_exam_message() {
    if !have_tmux() {
        return;
    }
    let dir = fixture_dir("ahead", false);
    let t = exam(&dir);
    t.verdict("s", "How sure");
    t.keys(&["1"]);
    t.wait_for("One more question");
    // The answer to message 1 and, at once, keys that would answer message 2.
    t.keys(&["1", "g", "1"]);
    let screen = t.wait_until("message 2 and the notice", |s| s.contains("Message 2 of 3") && s.contains("Not taken:"));
    assert!(!screen.contains("How sure"), "a typed-ahead key answered message 2:\n{screen}");
    t.keys(&["q"]);
    t.wait_for("Press q again");
    t.keys(&["q"]);
    t.wait_exit(0);
    let records = completions(&t);
    assert_eq!(records[0]["answered"], 1, "{}", records[0]);
    assert!(records[0]["items"][1]["said"].is_null(), "{}", records[0]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_shuffled_follow_up_records_the_choice_picked_by_its_place_in_the_file() {
    if !have_tmux() {
        return;
    }
    let dir = fixture_dir("shuffled", false);
    // Only the toll scam, whose question's choices in the file are: pay (1), check by hand (2,
    // right), reply STOP (3).
    std::fs::remove_file(dir.join("postage.toml")).unwrap();
    std::fs::remove_file(dir.join("wallet.toml")).unwrap();
    let mut moved = false;
    for (seed, pick, file_index, right) in
        [("1", "Reply STOP", 3, false), ("2", "Check your account at e-zpassny.com", 2, true)]
    {
        let args = ["--scenarios", dir.to_str().unwrap(), "--seed", seed, "--no-spot"];
        let t = Session::start(&args, &[], 100, 60);
        t.wait_for("Message 1 of 1");
        t.keys(&["s"]);
        t.wait_for("How sure");
        t.keys(&["1"]);
        let screen = t.wait_for("One more question");
        let number = Session::choice_number(&screen, pick);
        moved |= number != file_index.to_string();
        t.keys(&[&number]);
        let reveal = t.wait_for("Follow-up:");
        let mark = if right { "✓ You chose: " } else { "✗ You chose: " };
        assert!(reveal.contains(&format!("{mark}{pick}")), "{reveal}");
        t.keys(&["q"]);
        t.wait_exit(0);
        let saved = saved_answers(&t);
        assert_eq!(saved.len(), 1, "{saved:?}");
        assert_eq!(saved[0]["choice"], file_index, "shown as {number}: {}", saved[0]);
        assert_eq!(saved[0]["question"], right, "{}", saved[0]);
    }
    assert!(moved, "with these seeds a picked choice is shown at another number than its place in the file");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_exam_never_asks_a_question_meant_for_after_the_reveal_and_practice_asks_it_after() {
    if !have_tmux() {
        return;
    }
    let dir = fixture_dir("after", true);
    let t = exam(&dir);
    t.verdict("s", "How sure");
    t.keys(&["1"]);
    // Straight on to message 2: the question, which names the verdict, is never shown.
    let screen = t.wait_for("Message 2 of 3");
    assert!(!screen.contains("scammer know") && !screen.contains("One more question"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("Press q again");
    t.keys(&["q"]);
    t.wait_exit(0);
    drop(t);

    // In practice: the explanation first, then the question, then its answer.
    std::fs::remove_file(dir.join("postage.toml")).unwrap();
    std::fs::remove_file(dir.join("wallet.toml")).unwrap();
    let t = Session::start(&["--scenarios", dir.to_str().unwrap(), "--seed", "1", "--no-spot"], &[], 100, 60);
    t.wait_for("Message 1 of 1");
    t.keys(&["s"]);
    t.wait_for("How sure");
    t.keys(&["1"]);
    let reveal = t.wait_for("Enter one more question");
    assert!(reveal.contains("Right:") && !reveal.contains("scammer know"), "{reveal}");
    t.keys(&["Enter"]);
    let question = t.wait_for("One more question about this message");
    assert!(question.contains("How could a scammer know"), "{question}");
    let number = Session::choice_number(&question, "Reply STOP");
    t.keys(&[&number]);
    t.wait_for("✗ You chose: Reply STOP");
    t.keys(&["q"]);
    t.wait_exit(0);
    assert_eq!(saved_answers(&t)[0]["choice"], 3);
    std::fs::remove_dir_all(&dir).unwrap();
}
