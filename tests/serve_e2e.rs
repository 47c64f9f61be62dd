//! `smishdrill serve` end to end: the real server in tmux, learners with the real OpenSSH
//! client (`ssh`), in tmux panes of their own or, for the refusals, as plain commands with the
//! class code given by SSH_ASKPASS. Every server listens on 127.0.0.1 on a free port; every
//! wait is for something on a screen or in a file.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Session, WAIT, fresh_dir, have_tmux};

const CODE: &str = "test-code-42";

fn have_ssh() -> bool {
    let ok = Command::new("ssh").arg("-V").output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "ssh (openssh-client) is required for the serve tests in CI");
        eprintln!("skipped: ssh is not installed");
    }
    ok && have_tmux()
}

/// A port nobody listens on now (the OS picks it).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// The options every client uses: no host key kept, no keys or agent, no user config.
const SSH_OPTS: &[&str] = &[
    "-F",
    "/dev/null",
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "UserKnownHostsFile=/dev/null",
    "-o",
    "PubkeyAuthentication=no",
    "-o",
    "LogLevel=ERROR",
    "-o",
    "ConnectTimeout=10",
];

/// A running class: the server's pane, its port and data folder.
struct Class {
    server: Session,
    port: u16,
    data: PathBuf,
}

impl Class {
    fn start(name: &str, extra: &[&str]) -> Class {
        let port = free_port();
        let data = fresh_dir(&format!("serve-{name}"));
        let listen = format!("127.0.0.1:{port}");
        let data_arg = data.to_string_lossy().into_owned();
        let mut args = vec!["serve", "--deck", "classroom-45min", "--code", CODE, "--listen", &listen];
        args.extend(["--data-dir", &data_arg, "--seed", "3"]);
        args.extend_from_slice(extra);
        let server = Session::start(&args, &[], 120, 45);
        // The line that says how to join: its command is the same in every language.
        server.wait_for(&format!("ssh -p {port} NAME@localhost"));
        Class { server, port, data }
    }

    /// A learner's terminal: `ssh -p PORT NAME@127.0.0.1`, the class code typed at the prompt.
    fn join(&self, name: &str, width: u16, height: u16) -> Session {
        self.join_at(name, width, height, "Class code:")
    }

    /// [`Class::join`] where the class code prompt ends with `prompt`.
    fn join_at(&self, name: &str, width: u16, height: u16, prompt: &str) -> Session {
        let learner = Session::shell(width, height);
        learner.wait_for("$");
        let line = format!("ssh {} -p {} {name}@127.0.0.1", SSH_OPTS.join(" "), self.port);
        learner.type_line(&line);
        learner.wait_for(prompt);
        learner.type_line(CODE);
        learner
    }

    /// `ssh` as a plain command with `code` given through SSH_ASKPASS: (exit code, stderr).
    fn ssh(&self, code: &str, args: &[&str]) -> (i32, String) {
        let dir = fresh_dir(&format!("askpass-{}", self.port));
        let askpass = dir.join("askpass.sh");
        std::fs::write(&askpass, format!("#!/bin/sh\necho '{code}'\n")).unwrap();
        make_executable(&askpass);
        let out = Command::new("ssh")
            .args(SSH_OPTS)
            .args(["-p", &self.port.to_string()])
            .args(args)
            .env("SSH_ASKPASS", &askpass)
            .env("SSH_ASKPASS_REQUIRE", "force")
            .env("DISPLAY", ":0")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run ssh");
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Waits until `ok` holds for the file's text (the file may not exist yet).
fn wait_file(path: &Path, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if ok(&text) {
            return text;
        }
        assert!(start.elapsed() < WAIT, "timed out waiting for {what} in {}:\n{text}", path.display());
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Answers the message on a learner's screen: a verdict, how sure, and a follow-up question
/// asked before the reveal if there is one (its first choice).
fn answer(learner: &Session, verdict: &str) {
    learner.keys(&[verdict]);
    learner.wait_for("How sure");
    learner.keys(&["1"]);
    let screen = learner
        .wait_until("the question or the wait", |s| s.contains("One more question") || s.contains("your answer is in"));
    if screen.contains("One more question") {
        learner.keys(&["1"]);
    }
    learner.wait_for("your answer is in");
}

#[test]
fn two_learners_join_answer_and_see_the_reveal_when_the_instructor_reveals() {
    if !have_ssh() {
        return;
    }
    let class = Class::start("lockstep", &["--mode", "lockstep"]);
    let ada = class.join("ada", 80, 24);
    let bob = class.join("bob+mono", 80, 24);
    ada.wait_for("Your instructor will show the first one soon");
    bob.wait_for("Welcome, bob.");
    let dash = class.server.wait_until("both learners", |s| s.contains("2 connected"));
    assert!(dash.contains("ada") && dash.contains("bob"), "{dash}");
    class.server.keys(&["n"]);
    ada.wait_for("Message 1 of 12");
    bob.wait_for("Message 1 of 12");
    answer(&ada, "s");
    answer(&bob, "g");
    let dash = class.server.wait_for("The room (2 answers)");
    assert!(dash.contains("1 (50 %)"), "the vote as the learners gave it: {dash}");
    assert!(dash.contains("Your notes"), "the notes, before the reveal, for the instructor: {dash}");
    let waiting = ada.screen();
    assert!(!waiting.contains("You said scam") && !waiting.contains("this is a"), "nothing revealed yet: {waiting}");
    class.server.keys(&["r"]);
    ada.wait_for("You said scam (sure)");
    bob.wait_for("You said genuine (sure)");
    class.server.keys(&["n"]);
    ada.wait_for("Message 2 of 12");
    bob.wait_for("Message 2 of 12");
    for name in ["ada", "bob"] {
        let answers = class.data.join("profiles").join(name).join("answers.jsonl");
        let text = wait_file(&answers, "one answer", |t| t.lines().count() == 1);
        assert!(text.contains("\"scenario\""), "{text}");
    }
    class.server.keys(&["q"]);
    class.server.wait_exit(0);
    let results: Vec<_> = std::fs::read_dir(class.data.join("serve")).unwrap().flatten().map(|e| e.path()).collect();
    let messages = results.iter().find(|p| p.to_string_lossy().ends_with("-messages.csv")).expect("room results");
    let table = std::fs::read_to_string(messages).unwrap();
    assert!(table.lines().nth(1).is_some_and(|l| l.starts_with("1,") && l.ends_with(",1,1,1,2")), "{table}");
}

#[test]
fn a_learner_who_stops_reading_stalls_nobody_and_catches_up() {
    if !have_ssh() {
        return;
    }
    let class = Class::start("stalled", &["--mode", "lockstep"]);
    let ada = class.join("ada", 80, 24);
    let bob = class.join("bob", 80, 24);
    ada.wait_for("Welcome, ada.");
    bob.wait_for("Welcome, bob.");
    // Stop bob's ssh: it reads nothing more from the server, as a frozen client would.
    let ssh = bob.program_pid();
    assert!(Command::new("kill").args(["-STOP", &ssh]).status().unwrap().success());
    for k in 1..=3 {
        class.server.keys(&["n"]);
        class.server.wait_for(&format!("Message {k} of 12 (voting)"));
        class.server.keys(&["r"]);
        class.server.wait_for(&format!("Message {k} of 12 (revealed)"));
    }
    class.server.keys(&["n"]);
    ada.wait_for("Message 4 of 12"); // the others go on, unhindered
    class.server.wait_for("Message 4 of 12 (voting)");
    assert!(Command::new("kill").args(["-CONT", &ssh]).status().unwrap().success());
    let caught_up = bob.wait_for("Message 4 of 12");
    assert!(!caught_up.contains("Welcome, bob."), "the screen is redrawn right, nothing left over:\n{caught_up}");
}

#[test]
fn a_full_class_turns_the_next_learner_away_and_says_why() {
    if !have_ssh() {
        return;
    }
    let class = Class::start("full", &["--max-sessions", "1"]);
    let ada = class.join("ada", 80, 24);
    ada.wait_for("Message 1 of 12");
    let bob = class.join("bob", 80, 24);
    bob.wait_for("the class is full (1 learner): ask your instructor.");
    let dash = class.server.wait_for("Learners: 1 connected, 1 joined");
    assert!(dash.contains("ada") && !dash.contains("bob"), "{dash}");
    // Ada's place was not taken: she still has her screen.
    assert!(ada.screen().contains("Message 1 of 12"), "{}", ada.screen());
}

#[test]
fn the_class_language_reaches_the_dashboard_and_every_learner() {
    if !have_ssh() {
        return;
    }
    let class = Class::start("lang", &["--lang", "en-XA", "--mode", "lockstep"]);
    let dash = class.server.screen();
    assert!(!dash.contains("Learners type:") && dash.contains("ssh -p"), "the dashboard in en-XA:\n{dash}");
    let ada = class.join_at("ada", 80, 24, "]:");
    let screen = ada.wait_for("ada.");
    assert!(!screen.contains("Welcome") && !screen.contains("Your instructor"), "{screen}");
}

#[test]
fn a_learner_silent_for_the_idle_time_is_disconnected_and_told_why() {
    if !have_ssh() {
        return;
    }
    let class = Class::start("idle", &["--idle", "2s"]);
    let ada = class.join("ada", 80, 24);
    ada.wait_for("Message 1 of 12");
    ada.wait_for("smishdrill: disconnected after 2 seconds without a key.");
    class.server.wait_for("Learners: 0 connected, 1 joined");
}

#[test]
fn a_wrong_code_is_refused() {
    if !have_ssh() {
        return;
    }
    let class = Class::start("wrong-code", &[]);
    let (code, stderr) = class.ssh("not-the-code", &["-t", "eve@127.0.0.1"]);
    assert_eq!(code, 255, "{stderr}");
    assert!(stderr.contains("Permission denied"), "{stderr}");
    let dash = class.server.wait_for("Learners: 0 connected, 0 joined");
    assert!(!dash.contains("eve "), "{dash}");
}

#[test]
fn a_command_runs_nothing_and_says_why() {
    if !have_ssh() {
        return;
    }
    let class = Class::start("exec", &[]);
    let marker = fresh_dir("serve-exec-marker").join("made");
    let command = format!("touch {}", marker.display());
    let (code, stderr) = class.ssh(CODE, &["mallory@127.0.0.1", &command]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("this server runs no commands"), "{stderr}");
    assert!(!marker.exists(), "nothing ran");
    let (code, stderr) = class.ssh(CODE, &["-s", "mallory@127.0.0.1", "sftp"]);
    assert_ne!(code, 0, "no sftp: {stderr}");
    // No port forwarding: asked to forward a port back, the server refuses and ssh gives up.
    let forward = ["-o", "ExitOnForwardFailure=yes", "-N", "-R", "127.0.0.1:0:127.0.0.1:9", "mallory@127.0.0.1"];
    let (code, stderr) = class.ssh(CODE, &forward);
    assert_eq!(code, 255, "{stderr}");
    assert!(stderr.contains("forwarding failed"), "{stderr}");
}

#[test]
fn a_session_without_a_terminal_is_told_why_and_closed() {
    if !have_ssh() {
        return;
    }
    let class = Class::start("no-pty", &[]);
    let (code, stderr) = class.ssh(CODE, &["-T", "tom@127.0.0.1"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("the trainer needs a terminal"), "{stderr}");
}

#[test]
fn resizing_a_learners_window_redraws_it_at_the_new_size() {
    if !have_ssh() {
        return;
    }
    let class = Class::start("resize", &[]);
    let ada = class.join("ada", 100, 30);
    let wide = ada.wait_for("Message 1 of 12");
    // The longest rule drawn: as wide as the page, which follows the window.
    let rule = |s: &str| s.lines().map(|l| l.chars().filter(|&c| c == '─').count()).max().unwrap_or(0);
    let before = rule(&wide);
    assert!(before > 60, "a wide page at 100 columns:\n{wide}");
    ada.tmux(&["resize-window", "-x", "60", "-y", "20"]);
    let narrow =
        ada.wait_until("the redraw at 60 columns", |s| (40..=60).contains(&rule(s)) && s.contains("Message 1 of 12"));
    assert!(narrow.lines().all(|l| l.chars().count() <= 60), "{narrow}");
}

#[test]
fn a_learner_who_drops_mid_exam_gets_an_incomplete_record_on_the_server() {
    if !have_ssh() {
        return;
    }
    let class = Class::start("exam-drop", &["--exam"]);
    let ada = class.join("ada", 100, 30);
    ada.wait_for("start the exam");
    ada.keys(&["Enter"]);
    ada.wait_for("Message 1 of");
    ada.verdict("s", "How sure");
    drop(ada); // the learner's terminal goes away: ssh dies, the connection drops
    let completions = class.data.join("completions.jsonl");
    let text = wait_file(&completions, "the incomplete record", |t| t.contains("incomplete"));
    assert!(text.contains("\"ada\""), "{text}");
    assert_eq!(text.lines().count(), 1, "recorded once: {text}");
}

#[test]
fn by_default_the_server_listens_on_127_0_0_1_only() {
    if !have_ssh() {
        return;
    }
    let data = fresh_dir("serve-default-listen");
    let data_arg = data.to_string_lossy().into_owned();
    let server = Session::start(&["serve", "--deck", "classroom-45min", "--data-dir", &data_arg], &[], 120, 40);
    let screen = server.wait_until("the start", |s| s.contains("listening on") || s.contains("EXITED"));
    if screen.contains("Address already in use") {
        eprintln!("skipped: port 2222 is taken on this machine");
        return;
    }
    assert!(screen.contains("listening on 127.0.0.1:2222"), "{screen}");
    let tcp = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    let listening: Vec<&str> =
        tcp.lines().filter(|l| l.contains(":08AE ") && l.split_whitespace().nth(3) == Some("0A")).collect();
    assert!(!listening.is_empty(), "a socket listens on port 2222:\n{tcp}");
    assert!(listening.iter().all(|l| l.split_whitespace().nth(1) == Some("0100007F:08AE")), "{listening:?}");
}
