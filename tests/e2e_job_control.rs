//! End-to-end, in a real terminal (tmux) with an interactive shell: Ctrl-Z and SIGTSTP suspend
//! the full-screen trainer like any full-screen program (the shell prompt on the normal screen,
//! cursor visible), `fg` brings it back drawn and answering keys, and SIGQUIT restores the
//! terminal. Also: leaving before an exam's first message records nothing.

mod common;

use std::process::Command;

use common::{Session, have_tmux};

/// A line that is the shell's prompt alone (capture-pane drops trailing spaces).
fn has_prompt(screen: &str) -> bool {
    screen.lines().any(|l| l == "$")
}

/// Starts a practice round in the pane's shell and waits for its first message.
fn start_trainer(t: &Session) {
    t.wait_until("the prompt", has_prompt);
    t.type_line(&format!("{} --seed 4 --count 3 --no-spot", common::BIN));
    t.wait_for("Is this text a scam or genuine?");
    assert_eq!(t.pane_modes(), (true, false), "the trainer runs on the alternate screen, cursor hidden");
}

/// Back in the shell after a suspension: normal screen, visible cursor, a prompt, cooked mode.
fn assert_back_in_the_shell(t: &Session) {
    let screen = t.wait_until("the job stopped", |s| s.contains("Stopped"));
    assert!(!screen.contains("Is this text a scam or genuine?"), "the trainer's screen is gone:\n{screen}");
    assert_eq!(t.pane_modes(), (false, true), "normal screen with the cursor visible");
    t.type_line("stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?icanon' -e '-\\?echo' | tr '\\n' ' '; echo MODE");
    let screen = t.wait_for("icanon echo MODE");
    assert!(screen.contains("icanon echo MODE"), "cooked mode while suspended:\n{screen}");
}

/// `fg`: the trainer redraws and answers keys again.
fn assert_resumes(t: &Session) {
    t.type_line("clear; fg");
    t.wait_until("the trainer again", |s| s.contains("Is this text a scam or genuine?") && !s.contains("MODE"));
    assert_eq!(t.pane_modes(), (true, false), "back on the alternate screen");
    t.keys(&["s"]);
    t.wait_for("How sure");
    t.keys(&["q"]);
    t.wait_until("the shell", |s| has_prompt(s) && !s.contains("How sure"));
    assert_eq!(t.pane_modes(), (false, true));
}

#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    if !have_tmux() {
        return;
    }
    let t = Session::shell(80, 24);
    start_trainer(&t);
    t.keys(&["C-z"]);
    assert_back_in_the_shell(&t);
    assert_resumes(&t);
}

#[test]
fn sigtstp_suspends_and_fg_resumes() {
    if !have_tmux() {
        return;
    }
    let t = Session::shell(80, 24);
    start_trainer(&t);
    let pid = t.program_pid();
    assert!(Command::new("kill").args(["-TSTP", &pid]).status().unwrap().success());
    assert_back_in_the_shell(&t);
    assert_resumes(&t);
}

#[test]
fn sigquit_leaves_a_usable_shell() {
    if !have_tmux() {
        return;
    }
    let t = Session::start(&["--seed", "4", "--count", "3"], &[], 80, 24);
    t.wait_for("Is this text a scam or genuine?");
    let pid = t.program_pid();
    assert!(Command::new("kill").args(["-QUIT", &pid]).status().unwrap().success());
    let screen = t.wait_exit(131);
    assert!(!screen.contains("Is this text a scam or genuine?"), "left the alternate screen:\n{screen}");
    assert_eq!(t.pane_modes(), (false, true), "normal screen with the cursor visible");
}

fn completions(t: &Session) -> String {
    std::fs::read_to_string(t.data.join("smishdrill").join("completions.jsonl")).unwrap_or_default()
}

#[test]
fn leaving_before_the_first_exam_message_records_nothing() {
    if !have_tmux() {
        return;
    }
    // From "Before the exam".
    let t = Session::start(&["exam", "--deck", "quick-10", "--learner", "new"], &[], 80, 24);
    t.wait_for("Before the exam");
    t.keys(&["q"]);
    t.wait_exit(0);
    assert_eq!(completions(&t), "", "no attempt began");
    // From the course's first lesson.
    let t = Session::start(&["course", "--learner", "new"], &[], 80, 24);
    t.wait_for("Lesson 1 of 5");
    t.keys(&["q"]);
    t.wait_exit(0);
    assert_eq!(completions(&t), "", "no attempt began");
}

#[test]
fn a_stop_from_outside_and_fg_bring_back_a_working_trainer() {
    if !have_tmux() {
        return;
    }
    let t = Session::shell(80, 24);
    start_trainer(&t);
    let pid = t.program_pid();
    // SIGSTOP cannot be caught: the trainer cannot restore first, but must recover on SIGCONT.
    assert!(Command::new("kill").args(["-STOP", &pid]).status().unwrap().success());
    t.wait_until("the job stopped", |s| s.contains("Stopped"));
    t.type_line("fg");
    t.wait_until("the trainer again", |s| s.contains("Is this text a scam or genuine?") && !s.contains("Stopped"));
    t.keys(&["s"]);
    t.wait_for("How sure");
    t.keys(&["q"]);
    t.wait_until("the shell", |s| has_prompt(s) && !s.contains("How sure"));
    assert_eq!(t.pane_modes(), (false, true));
}
