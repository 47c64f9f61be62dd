//! A course of one's own: `check` finds and checks it; `smishdrill course --course DIR` runs it.

use std::path::{Path, PathBuf};

mod common;

use common::run_with_input as run;

/// A copy of the bundled course in a fresh folder.
fn course_copy(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smishdrill-course-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/course");
    for entry in std::fs::read_dir(bundled).unwrap().flatten() {
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    dir
}

#[test]
fn check_finds_a_course_folder_and_reports_its_problems_in_place() {
    let dir = course_copy("broken");
    std::fs::write(dir.join("02-who-and-why.txt"), "no title here\n").unwrap();
    let course = std::fs::read_to_string(dir.join("course.toml")).unwrap();
    std::fs::write(dir.join("course.toml"), course.replace("other-pharmacy-ready", "other-pharmacy-redy")).unwrap();
    let (code, out, _) = run(&["check", dir.to_str().unwrap()], "");
    assert_eq!(code, 1, "{out}");
    let shown = dir.join("course.toml").display().to_string();
    assert!(out.contains(&format!("{shown}:")) && out.contains("lesson `02-who-and-why.txt`: line 1"), "{out}");
    assert!(out.contains("unknown scenario id `other-pharmacy-redy`"), "{out}");
    assert!(
        out.lines()
            .all(|l| !l.contains("course.toml") || l.split(':').nth(1).is_some_and(|n| n.parse::<u32>().is_ok()))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_good_course_folder_checks_clean_and_runs() {
    let dir = course_copy("good");
    let lesson = std::fs::read_to_string(dir.join("01-what-is-smishing.txt")).unwrap();
    std::fs::write(
        dir.join("01-what-is-smishing.txt"),
        lesson.replacen("# What smishing is", "# Our own first lesson", 1),
    )
    .unwrap();
    let (code, out, _) = run(&["check", dir.to_str().unwrap()], "");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("5 lessons, exam `onboarding-exam`: ok"), "{out}");
    let data = dir.join("data");
    let args = ["--data-dir", data.to_str().unwrap(), "course", "--course", dir.to_str().unwrap(), "--plain"];
    let (code, out, err) = run(&args, "q\nq\n");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Our own first lesson"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_course_folder_is_a_clear_error() {
    let (code, _, err) = run(&["course", "--course", "/nonexistent/smishdrill-course", "--plain"], "");
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/smishdrill-course/course.toml:1:1: cannot read file"), "{err}");
}
