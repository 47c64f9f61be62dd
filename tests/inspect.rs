//! `smishdrill inspect` from the outside: a text piped in, the draft scenario it writes, and
//! the full-screen paste box in a real terminal (tmux), with a bracketed paste.

mod common;

use common::{BIN, Session, fresh_dir, have_tmux, run_with_input};

const SCAM: &str = "SunPass: This is an official notice regarding an outstanding toll balance of $6.89 on your account. Pay within 12 hours to avoid late fees and a report to the DMV: https://sunpass.com-tollbalance.top/fl\n(Please reply Y, then exit and reopen this message to activate the link.)";

#[test]
fn a_piped_text_is_inspected_as_plain_text() {
    let (code, out, err) = run_with_input(&["inspect", "--sender", "+1 (305) 555-0172"], SCAM);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("sunpass.com-tollbalance.top["), "{out}");
    assert!(out.contains("Name in front of another site (warning)"), "{out}");
    assert!(out.contains("Reply to activate (warning)"), "{out}");
    assert!(out.contains("reportfraud.ftc.gov") && out.contains("7726"), "{out}");
}

#[test]
fn invalid_utf8_and_escape_sequences_on_stdin_come_out_neutralised() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(BIN)
        .args(["inspect", "--plain"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = b"Pay \xff now \x1b]52;c;aGk=\x07 at https://usps.com-x.top \xe2\x80\xae".to_vec();
    input.extend(std::iter::repeat_n(b'a', 1_100_000));
    let _ = child.stdin.take().unwrap().write_all(&input);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("the output is valid UTF-8");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202E}'), "{}", &text[..400]);
    assert!(text.contains("not valid UTF-8") && text.contains("Only the first 64 KiB"), "{}", &text[..400]);
}

#[test]
fn to_scenario_writes_a_draft_that_check_reports_and_refuses_to_overwrite() {
    let dir = fresh_dir("inspect-draft");
    let file = dir.join("draft.toml");
    let path = file.to_str().unwrap();
    let (code, out, err) = run_with_input(&["inspect", "--to-scenario", path], SCAM);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("What is still missing (2 problems"), "{out}");
    let draft = std::fs::read_to_string(&file).unwrap();
    assert!(!draft.contains("sunpass.com-tollbalance.top"), "{draft}");
    let (code, check_out, _) = common::run(&["check", path]);
    assert_eq!(code, 1, "{check_out}");
    assert!(check_out.contains("`verify` must not be empty"), "{check_out}");
    // Not replaced without --force…
    std::fs::write(&file, "keep me").unwrap();
    let (code, _, err) = run_with_input(&["inspect", "--to-scenario", path], SCAM);
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
    // … and replaced with it.
    let (code, _, _) = run_with_input(&["inspect", "--to-scenario", path, "--force"], SCAM);
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(&file).unwrap().contains("[[flag]]"));
}

#[test]
fn a_bracketed_paste_into_the_paste_box_is_inspected() {
    if !have_tmux() {
        return;
    }
    let s = Session::start(&["inspect", "--sender", "+1 (305) 555-0172"], &[("NO_COLOR", "1")], 80, 24);
    s.wait_for("Paste the text you received here");
    // A paste with a line break: with bracketed paste it arrives whole, so the line break does
    // not press Enter half-way.
    s.tmux(&["set-buffer", "-b", "sms", SCAM]);
    s.tmux(&["paste-buffer", "-p", "-d", "-b", "sms"]);
    s.wait_for("activate the link.)▏");
    s.keys(&["Enter"]);
    let screen = s.wait_for("What was found");
    assert!(screen.contains("sunpass.com-tollbalance.top["), "{screen}");
    assert!(screen.contains("+1 (305) 555-0172[1]"), "{screen}");
    s.keys(&["?"]);
    s.wait_for("Press any key to close.");
    s.keys(&["x"]);
    s.wait_until("help closed", |sc| !sc.contains("Press any key to close."));
    s.keys(&["q"]);
    s.wait_exit(0);
}

#[test]
fn esc_quits_the_empty_paste_box_and_restores_the_terminal() {
    if !have_tmux() {
        return;
    }
    let s = Session::start(&["inspect"], &[], 80, 24);
    s.wait_for("Paste the text you received here");
    s.keys(&["Escape"]);
    s.wait_exit(0);
}

/// The README's capture is what the program prints for the README's message.
#[test]
fn the_readme_capture_is_current() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme.split("## Inspecting a text you received").nth(1).expect("the README section");
    let blocks: Vec<&str> = section.split("```text\n").skip(1).map(|b| b.split("\n```").next().unwrap()).collect();
    let (message, capture) = (blocks[1], blocks[2]);
    let (code, out, _) = run_with_input(&["inspect", "--sender", "+1 (512) 555-0173", "--plain"], message);
    assert_eq!(code, 0);
    assert_eq!(out.trim_end(), capture, "update the README capture");
}

#[test]
fn sigterm_ends_the_paste_box_with_the_terminal_restored() {
    if !have_tmux() {
        return;
    }
    let s = Session::start(&["inspect"], &[], 80, 24);
    s.wait_for("Paste the text you received here");
    let pid = s.program_pid();
    let status = std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    s.wait_exit(143);
}

#[test]
fn check_prints_the_detectors_warnings_and_still_exits_zero() {
    let dir = fresh_dir("inspect-lint");
    let scam = r#"id = "toll-unflagged-link"
verdict = "scam"
category = "toll"
title = "T"
verify = ["Type sunpass.com yourself."]
sources = ["https://news.yahoo.com/sunpass-warns-drivers-fake-text-214320379.html"]

[[thread]]
sender = "+1 (305) 555-0172"
text = "SunPass: pay within 12 hours at https://sunpass.com-toll.top/fl or https://sunpass-help.vip"

[[flag]]
kind = "urgency"
quote = "within 12 hours"
why = "Rush."

[[flag]]
kind = "lookalike-link"
quote = "sunpass.com-toll.top"
why = "Read from the right."
"#;
    std::fs::write(dir.join("toll-unflagged-link.toml"), scam).unwrap();
    let (code, out, err) = common::run(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("toll-unflagged-link.toml:10:") && out.contains("warning: the scam's link `sunpass-help.vip`"),
        "{out}"
    );
    assert!(out.lines().last().unwrap_or("").starts_with("ok: 1 scenario"), "{out}");
}
