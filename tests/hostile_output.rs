//! Nothing raw, nothing forged: every field of every file kind (scenario, deck, lesson,
//! course.toml, answers.jsonl, completions.jsonl, file names) carries terminal attacks and a
//! newline followed by a forged line, and goes through every command that prints it. No output
//! — stdout or stderr, any format — may hold a raw control, escape, bidi or invisible character
//! (judged by the test's own list, not the program's rule), and no line may start with the
//! forged text.

use std::path::{Path, PathBuf};

mod common;

use common::{fresh_dir, run, run_with_input};

/// The test's own oracle, independent of the program's rule: controls (C0, C1, DEL) and the
/// invisible characters issue 11 names. A newline is judged by the forged-line check.
fn raw_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{2028}' | '\u{2029}'
            | '\u{061C}' | '\u{FEFF}' | '\u{00AD}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}'
            | '\u{3164}' | '\u{115F}' | '\u{1160}' | '\u{FFA0}' | '\u{2800}' | '\u{034F}' | '\u{180B}'..='\u{180F}'
            | '\u{1D173}'..='\u{1D17A}' | '\u{E000}'..='\u{F8FF}' | '\u{FE00}'..='\u{FE0F}')
}

fn first_unsafe(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| raw_unsafe(c))
}

/// OSC 0 (window title), SGR red, OSC 52 (clipboard), C1 CSI, bidi override, zero-width space,
/// a tag character, a line separator, a Hangul filler, the braille blank — as TOML escapes.
const TOML_PAYLOAD: &str = r"\u001B]0;pwned\u0007\u001B[31m\u001B]52;c;cGF5\u0007\u009B31m\u202E\u200B\U000E0041\u2028\u3164\u2800\nFORGED line";

/// The same characters, raw (for JSON files and file names).
const RAW_PAYLOAD: &str = "\u{1b}]0;pwned\u{7}\u{1b}[31m\u{1b}]52;c;cGF5\u{7}\u{9b}31m\u{202E}\u{200B}\u{E0041}\u{2028}\u{3164}\u{2800}\nFORGED line";

/// A file name that tries to forge `check`'s success line.
const FORGING_NAME: &str = "e\u{1b}]0;t\u{7}\nok: 999 scenarios in 999 files, no problems.toml";

/// Fails if `text` holds a raw unsafe character or a line that starts with forged text.
#[track_caller]
fn assert_safe(what: &str, text: &str) {
    if let Some((at, c)) = first_unsafe(text) {
        let around = &text[text[..at].char_indices().rev().nth(40).map_or(0, |(i, _)| i)..at];
        panic!("{what}: raw U+{:04X} after {around:?}\n{text}", c as u32);
    }
    for line in text.lines() {
        let line = line.trim_start_matches(['"', ' ', '\'']);
        assert!(
            !line.starts_with("FORGED") && !line.starts_with("ok: 999") && !line.starts_with("# FORGED"),
            "{what}: a forged line: {line:?}\n{text}"
        );
    }
}

#[track_caller]
fn assert_run_safe(what: &str, (code, out, err): &(i32, String, String)) -> i32 {
    assert_safe(&format!("{what} (stdout)"), out);
    assert_safe(&format!("{what} (stderr)"), err);
    *code
}

const BASE: &str = r#"id = "other-base"
verdict = "legit"
category = "other"
title = "Garage: your car is ready"
context = "You left your car at the garage this morning."
difficulty = 2
verify = ["Call the number on your work order."]
sources = ["https://example.org/advice"]

[[thread]]
sender = "(317) 555-0186"
time = "Today 3:45 PM"
text = "Your car is ready. You can pay when you pick it up."

[[sign]]
kind = "expected"
quote = "Your car is ready"
why = "You left it there this morning."

[[question]]
ask = "What do you do?"
choices = ["Pick it up", "Call first"]
answer = 1
why = "Either is fine."
"#;

/// Scenario files, each with the payload in one field (some fields' checks quote the value).
fn hostile_scenarios(dir: &Path) {
    let p = TOML_PAYLOAD;
    let variants: Vec<(&str, String)> = vec![
        ("id", BASE.replace("id = \"other-base\"", &format!("id = \"x{p}\""))),
        ("verdict", BASE.replace("verdict = \"legit\"", &format!("verdict = \"{p}\""))),
        ("category", BASE.replace("category = \"other\"", &format!("category = \"{p}\""))),
        ("title", BASE.replace("Garage: your car is ready", p)),
        ("context", BASE.replace("You left your car at the garage this morning.", p)),
        ("sender", BASE.replace("(317) 555-0186", p)),
        ("time", BASE.replace("Today 3:45 PM", p)),
        ("text", BASE.replace("You can pay when you pick it up.", p)),
        ("kind", BASE.replace("kind = \"expected\"", &format!("kind = \"{p}\""))),
        ("quote", BASE.replace("quote = \"Your car is ready\"", &format!("quote = \"{p}\""))),
        ("why", BASE.replace("You left it there this morning.", p)),
        ("verify", BASE.replace("Call the number on your work order.", p)),
        ("sources", BASE.replace("https://example.org/advice", p)),
        ("ask", BASE.replace("What do you do?", p)),
        ("choice", BASE.replace("Call first", p)),
        ("unknown-key", BASE.replace("difficulty = 2", &format!("\"{p}\" = 2"))),
        ("unknown-table", format!("{BASE}\n[\"{p}\"]\nx = 1\n")),
        ("raw-escape", BASE.replace("Garage: your car", &format!("Garage{RAW_PAYLOAD}"))),
    ];
    for (name, text) in variants {
        std::fs::write(dir.join(format!("{name}.toml")), text).unwrap();
    }
    std::fs::write(dir.join(FORGING_NAME), BASE.replace("verdict = \"legit\"", "verdict = \"nope\"")).unwrap();
}

/// Deck files with the payload in each field.
fn hostile_decks(dir: &Path) {
    let p = TOML_PAYLOAD;
    let decks = [
        ("title", format!("title = \"{p}\"\nscenarios = [\"other-wrong-number\"]\n")),
        ("description", format!("title = \"T\"\ndescription = \"{p}\"\nscenarios = [\"other-wrong-number\"]\n")),
        ("id", format!("title = \"T\"\nscenarios = [\"{p}\"]\n")),
        ("order", format!("title = \"T\"\norder = \"{p}\"\nscenarios = [\"other-wrong-number\"]\n")),
        ("key", format!("title = \"T\"\n\"{p}\" = 1\nscenarios = [\"other-wrong-number\"]\n")),
        ("pick", format!("title = \"T\"\n[[pick]]\ncategory = \"{p}\"\ncount = 1\n")),
    ];
    for (name, text) in decks {
        std::fs::write(dir.join(format!("{name}.deck.toml")), text).unwrap();
    }
    std::fs::write(dir.join(format!("x{FORGING_NAME}").replace(".toml", ".deck.toml")), "title = 1\n").unwrap();
}

/// A course folder: course.toml and lessons, the payload everywhere.
fn hostile_course(dir: &Path) {
    let p = TOML_PAYLOAD;
    std::fs::create_dir_all(dir).unwrap();
    let course = format!(
        "title = \"{p}\"\nexam = \"{p}\"\n[[step]]\nlesson = \"one.txt\"\npractice = [\"{p}\"]\n[[step]]\nlesson = \"{p}\"\n"
    );
    std::fs::write(dir.join("course.toml"), course).unwrap();
    std::fs::write(dir.join("one.txt"), format!("# One {RAW_PAYLOAD}\n\nText {RAW_PAYLOAD}\n")).unwrap();
    std::fs::write(dir.join("exam-intro.txt"), format!("# Exam\n{RAW_PAYLOAD}\n")).unwrap();
}

fn folder(name: &str) -> PathBuf {
    let dir = fresh_dir(&format!("hostile-out-{name}"));
    hostile_scenarios(&dir);
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn check_prints_every_problem_of_hostile_files_safely() {
    let dir = folder("check");
    hostile_decks(&dir);
    hostile_course(&dir.join("course"));
    let result = run(&["check", s(&dir)]);
    assert_eq!(assert_run_safe("check", &result), 1);
    let out = &result.1;
    // The file name is shown, its newline as a visible marker, not a line of its own.
    assert!(out.contains("e␛]0;t␇␤ok: 999 scenarios in 999 files, no problems.toml:"), "{out}");
    assert!(out.lines().last().unwrap().contains("problems found"), "{out}");
    // Values that problem messages quote come out with markers.
    assert!(out.contains("unknown category `␛]0;pwned␇␛[31m"), "{out}");
    // Each checked file kind is reported.
    for part in ["title.toml:", "title.deck.toml:", "course.toml:", "one.txt:"] {
        assert!(out.contains(part), "{part}: {out}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn list_render_decks_and_a_scenarios_folder_print_safely() {
    let dir = folder("list");
    let code = assert_run_safe("list", &run(&["--scenarios", s(&dir), "list"]));
    assert_eq!(code, 1, "problems make list exit 1");
    assert_run_safe("list --summary", &run(&["--scenarios", s(&dir), "list", "--summary"]));
    let typed = format!("nope{RAW_PAYLOAD}");
    let result = run(&["list", "--render", &typed]);
    assert_eq!(assert_run_safe("list --render", &result), 2);
    assert!(result.2.contains("no scenario with id `nope␛]0;pwned␇"), "{}", result.2);
    assert_run_safe("list --render a real id", &run(&["list", "--render", "other-car-service-ready"]));
    assert_run_safe("decks", &run(&["decks"]));
    // Every file broken (and only that folder used): each problem as check prints it, then
    // what to do.
    let data = fresh_dir("hostile-out-list-data");
    let args = ["--data-dir", s(&data), "--only-scenarios", s(&dir), "--plain"];
    let result = run_with_input(&args, "q\n");
    assert_eq!(assert_run_safe("practice --scenarios (all broken)", &result), 2);
    let err = &result.2;
    assert!(err.contains("title.toml:") && err.contains("could be used"), "{err}");
    assert!(err.contains(&format!("smishdrill check {}", s(&dir))), "what to do: {err}");
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&data).unwrap();
}

#[test]
fn practice_quitting_lists_the_skipped_files_safely() {
    let dir = folder("practice");
    std::fs::write(dir.join("good.toml"), BASE).unwrap();
    let data = fresh_dir("hostile-out-practice-data");
    let args = ["--data-dir", s(&data), "--scenarios", s(&dir), "--plain", "-n", "1"];
    let result = run_with_input(&args, "q\n");
    assert_run_safe("practice --scenarios quitting", &result);
    assert!(result.2.contains("title.toml:"), "the skipped files are listed at the end: {}", result.2);
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&data).unwrap();
}

#[test]
fn course_start_errors_and_hostile_decks_print_safely() {
    let dir = fresh_dir("hostile-out-course");
    hostile_course(&dir.join("c"));
    let data = dir.join("data");
    let course = dir.join("c");
    let args = ["--data-dir", s(&data), "course", "--course", s(&course), "--plain"];
    let result = run_with_input(&args, "q\n");
    assert_eq!(assert_run_safe("course --course", &result), 2);
    assert!(result.2.contains("course.toml:1:"), "{}", result.2);
    hostile_decks(&dir);
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        if path.to_string_lossy().ends_with(".deck.toml") {
            let args = ["--data-dir", s(&data), "exam", "--deck", s(&path), "--plain"];
            let result = run_with_input(&args, "q\n");
            assert_eq!(assert_run_safe(&format!("exam --deck {}", path.display()), &result), 2);
            let args = ["--data-dir", s(&data), "practice", "--deck", s(&path), "--plain"];
            assert_run_safe("practice --deck", &run_with_input(&args, "q\n"));
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_exam_result_line_shows_a_hostile_deck_file_name_safely() {
    let dir = fresh_dir("hostile-out-exam");
    let name = FORGING_NAME.replace(".toml", ".deck.toml");
    let deck = dir.join(&name);
    std::fs::write(&deck, "title = \"T\"\nscenarios = [\"other-wrong-number\"]\nspot = false\n").unwrap();
    let data = dir.join("data");
    let args = ["--data-dir", s(&data), "--profile", "kim", "exam", "--deck", s(&deck), "--plain"];
    let result = run_with_input(&args, "\ns\n1\n\n\n\n\n\n");
    assert_run_safe("exam result line", &result);
    assert!(result.2.contains("kim — e␛]0;t␇␤ok: 999 scenarios"), "{}", result.2);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A completion record with the payload in every text field.
fn hostile_record() -> serde_json::Value {
    let text = std::fs::read_to_string("tests/data/records/ada.json").unwrap();
    let mut record = serde_json::from_str::<Vec<serde_json::Value>>(&text).unwrap().remove(0);
    for key in ["learner", "deck", "deck_title", "deck_checksum", "mode", "version"] {
        record[key] = format!("{RAW_PAYLOAD}<img src=x onerror=alert(1)>").into();
    }
    for item in record["items"].as_array_mut().unwrap() {
        for key in ["scenario", "title", "category", "truth", "said"] {
            item[key] = format!("=cmd|{RAW_PAYLOAD}\n# FORGED heading <img src=x onerror=alert(1)>").into();
        }
    }
    record
}

#[test]
fn every_report_format_of_hostile_records_is_safe() {
    let dir = fresh_dir("hostile-out-report");
    std::fs::write(dir.join("completions.jsonl"), format!("{}\n", hostile_record())).unwrap();
    for format in ["text", "csv", "md", "json", "xapi"] {
        let mut args = vec!["--data-dir", s(&dir), "report", "--format", format];
        if format == "xapi" {
            args.push("--answers");
        }
        let result = run(&args);
        assert_eq!(assert_run_safe(&format!("report --format {format}"), &result), 0, "{}", result.2);
        let out = &result.1;
        match format {
            "md" => {
                assert!(!out.contains("<img") && out.contains("&lt;img"), "{out}");
                assert_eq!(out.lines().filter(|l| l.starts_with("# ")).count(), 1, "one heading: {out}");
            }
            "csv" => assert!(out.lines().skip(1).all(|l| !l.starts_with('=')), "{out}"),
            "json" => {
                assert!(out.contains("\\u009B") && out.contains("\\u202E"), "escaped: {out}");
                let back: Vec<serde_json::Value> = serde_json::from_str(out).unwrap();
                assert_eq!(back[0]["learner"], hostile_record()["learner"], "and read back exactly");
            }
            _ => {}
        }
    }
    let result = run(&["--data-dir", s(&dir), "report", "--merge", s(&dir.join("completions.jsonl"))]);
    assert_run_safe("report --merge", &result);
    let result =
        run(&["--data-dir", s(&dir), "report", "--merge", s(&dir.join("completions.jsonl")), "--format", "csv"]);
    assert_run_safe("report --merge --format csv", &result);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stats_of_a_hostile_answers_file_is_safe() {
    let dir = fresh_dir("hostile-out-stats");
    let profile = dir.join("profiles/kim");
    std::fs::create_dir_all(&profile).unwrap();
    let mut lines = String::new();
    for n in 0..6 {
        let answer = serde_json::json!({
            "time": 1_700_000_000 + n, "round": format!("r{}{RAW_PAYLOAD}", n / 3),
            "scenario": format!("s{n}{RAW_PAYLOAD}"), "category": RAW_PAYLOAD, "truth": "scam",
            "said": if n % 2 == 0 { "legit" } else { "scam" }, "confidence": RAW_PAYLOAD,
            "flags_found": [RAW_PAYLOAD], "flags_missed": [format!("missed{RAW_PAYLOAD}")],
            "spotted": true,
        });
        lines.push_str(&format!("{answer}\n"));
    }
    std::fs::write(profile.join("answers.jsonl"), lines).unwrap();
    let result = run(&["--data-dir", s(&dir), "--profile", "kim", "stats"]);
    assert_eq!(assert_run_safe("stats", &result), 0, "{}", result.2);
    assert!(result.1.contains("s0") || result.1.contains("missed"), "the answers were read: {}", result.1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_typed_profile_or_category_is_echoed_safely() {
    let dir = fresh_dir("hostile-out-profile");
    let typed = format!("bad{RAW_PAYLOAD}");
    let result = run(&["--data-dir", s(&dir), "--profile", &typed, "stats"]);
    assert_eq!(assert_run_safe("--profile", &result), 1);
    assert!(result.2.contains("profile name `bad␛]0;pwned␇"), "{}", result.2);
    for args in [
        vec!["--category", &typed, "list"],
        vec!["list", "--verdict", &typed],
        vec!["--count", &typed, "list"],
        vec!["exam", "--deck", "quick-10", "--learner", &typed],
        vec![&typed],
    ] {
        let result = run(&args);
        assert_eq!(assert_run_safe(&format!("{args:?}"), &result), 2, "{}", result.2);
        assert!(result.2.contains("bad␛]0;pwned␇"), "{args:?}: {}", result.2);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 3 of issue 11: characters the old deny-list missed are `check` errors at their place.
#[test]
fn check_rejects_invisible_characters_the_old_rule_missed() {
    let dir = fresh_dir("hostile-out-invisible");
    let chars = [
        "\\U000E0041",
        "\\u2028",
        "\\u2029",
        "\\u206A",
        "\\uFFF9",
        "\\u3164",
        "\\u115F",
        "\\u034F",
        "\\u2800",
        "\\u180B",
        "\\U0001D173",
        "\\uE000",
        "\\uFE0F",
        "\\u200D",
    ];
    for (n, c) in chars.iter().enumerate() {
        let text = BASE
            .replace("id = \"other-base\"", &format!("id = \"other-base-{n}\""))
            .replace("Garage: your car is ready", &format!("Garage{c} ready"));
        std::fs::write(dir.join(format!("s{n:02}.toml")), text).unwrap();
    }
    std::fs::write(
        dir.join("emoji.toml"),
        BASE.replace("Garage: your car is ready", "Garage 👩\u{200D}🔧 ready ❤\u{FE0F}"),
    )
    .unwrap();
    let (code, out, _) = run(&["check", s(&dir)]);
    assert_eq!(code, 1, "{out}");
    for (n, c) in chars.iter().enumerate() {
        let code = c.trim_start_matches("\\u").trim_start_matches("\\U").trim_start_matches("000");
        // A TOML escape is reported at the value's start (a literal character at itself).
        let want = format!("s{n:02}.toml:4:9: `title` contains U+{code}");
        assert!(out.contains(&want), "{want}\n{out}");
    }
    assert!(!out.contains("emoji.toml"), "emoji sequences are text: {out}");
    assert!(
        out.ends_with(&format!("{} problems found in {} files; 1 scenario is valid\n", chars.len(), chars.len() + 1)),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// In a real terminal (tmux): the hostile files and records leave the pane's title, colours
/// and clipboard alone — what the issue saw change.
#[test]
fn in_a_real_terminal_hostile_output_changes_nothing() {
    if !common::have_tmux() {
        return;
    }
    let dir = folder("tmux");
    hostile_decks(&dir);
    std::fs::write(dir.join("completions.jsonl"), format!("{}\n", hostile_record())).unwrap();
    let commands: [&[&str]; 4] = [
        &["check", s(&dir)],
        &["--scenarios", s(&dir), "list"],
        &["--data-dir", s(&dir), "report"],
        &["--data-dir", s(&dir), "report", "--format", "md"],
    ];
    for args in commands {
        let session = common::Session::start(args, &[], 200, 50);
        session.wait_for("TTY ");
        let title = session.tmux(&["display-message", "-p", "#{pane_title}"]);
        assert!(!title.contains("pwned"), "{args:?} set the pane title: {title}");
        let styled = session.tmux(&["capture-pane", "-p", "-e"]);
        assert!(!styled.contains("\u{1b}[31m"), "{args:?} turned text red:\n{styled}");
        let buffers = session.tmux(&["list-buffers"]);
        assert!(buffers.trim().is_empty(), "{args:?} wrote the clipboard: {buffers}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
