//! The course resumes where each learner left off (`--plain`, as a screen-reader user or a
//! kiosk runs it), per learner, and `--start-again` opens the first lesson.

mod common;

use common::{fresh_dir, run_with_input};

/// Enter on lesson 1, then each of its three practice messages answered (spotting off), then
/// quit on lesson 2.
const TO_LESSON_2: &str = "\ns\n1\n1\n\ns\n1\n1\n\ns\n1\n1\n\nq\n";

fn course(data: &std::path::Path, learner: &str, extra: &[&str], input: &str) -> String {
    let mut args = vec!["--data-dir", data.to_str().unwrap(), "--no-spot", "course", "--learner", learner, "--plain"];
    args.extend_from_slice(extra);
    let (code, out, err) = run_with_input(&args, input);
    assert_eq!(code, 0, "{out}{err}");
    out
}

fn first_lesson_shown(out: &str) -> Option<&str> {
    out.lines().find(|l| l.starts_with("Lesson ") && l.contains(" of 5"))
}

#[test]
fn the_course_resumes_where_each_learner_left_off() {
    let data = fresh_dir("course-resume");
    let out = course(&data, "zed", &[], TO_LESSON_2);
    assert!(out.contains("Lesson 2 of 5"), "reached lesson 2:\n{out}");

    let out = course(&data, "zed", &[], "q\n");
    assert_eq!(first_lesson_shown(&out), Some("Lesson 2 of 5"), "resumed:\n{out}");
    assert!(out.contains("Welcome back: the course opens where you left off"), "{out}");
    assert!(out.contains("--start-again"), "{out}");

    let out = course(&data, "amy", &[], "q\n");
    assert_eq!(first_lesson_shown(&out), Some("Lesson 1 of 5"), "another learner starts at the start:\n{out}");
    assert!(!out.contains("Welcome back"), "{out}");

    let out = course(&data, "zed", &["--start-again"], "q\n");
    assert_eq!(first_lesson_shown(&out), Some("Lesson 1 of 5"), "--start-again:\n{out}");
    let out = course(&data, "zed", &[], "\nq\n");
    assert_eq!(first_lesson_shown(&out), Some("Lesson 1 of 5"), "starting again is the new place:\n{out}");
    assert!(!data.join("completions.jsonl").exists(), "no exam was begun, so no exam record");
    let _ = std::fs::remove_dir_all(&data);
}
