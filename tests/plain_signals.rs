//! `--plain` (the screen-reader user's and the kiosk's path, chosen automatically when input or
//! output is not a terminal) ended by a signal: the exam under way is still recorded, as
//! incomplete, and nothing is recorded before the exam's first message was shown.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use common::{BIN, Session, WAIT, fresh_dir, have_tmux};

/// A three-message exam deck with a time limit (which plain mode must not promise).
fn exam_deck(dir: &Path) -> PathBuf {
    let path = dir.join("sig.deck.toml");
    std::fs::write(
        &path,
        "title = \"Signal exam\"\ndescription = \"For the night shift: texts that came in after hours.\"\n\
         order = \"fixed\"\nfeedback = \"end\"\npass_mark = 60\nspot = false\nseed = 3\ntime_limit = 90\n\
         scenarios = [\"toll-ezpass-ny-unpaid-foreign-number\", \"postage-usps-out-for-delivery\", \"other-wrong-number\"]\n",
    )
    .unwrap();
    path
}

/// The trainer in plain mode on pipes, its output collected as it comes.
struct Plain {
    child: Child,
    out: Arc<Mutex<String>>,
}

impl Plain {
    fn start(args: &[&str]) -> Plain {
        let mut child = Command::new(BIN)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run smishdrill");
        let out = Arc::new(Mutex::new(String::new()));
        for stream in
            [Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>, Box::new(child.stderr.take().unwrap())]
        {
            let out = Arc::clone(&out);
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut buf = [0u8; 4096];
                while let Ok(n) = stream.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    out.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        Plain { child, out }
    }

    fn text(&self) -> String {
        self.out.lock().unwrap().clone()
    }

    /// Waits until the output contains `needle` `times` times.
    fn wait_for(&self, needle: &str, times: usize) -> String {
        let start = Instant::now();
        loop {
            let text = self.text();
            if text.matches(needle).count() >= times {
                return text;
            }
            assert!(start.elapsed() < WAIT, "timed out waiting for {needle:?} x{times}:\n{text}");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    fn send(&mut self, line: &str) {
        let stdin = self.child.stdin.as_mut().unwrap();
        stdin.write_all(line.as_bytes()).unwrap();
        stdin.write_all(b"\n").unwrap();
        stdin.flush().unwrap();
    }

    fn signal(&self, name: &str) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-s", name, &pid]).status().unwrap().success());
    }

    /// Waits for the end, keeping standard input open meanwhile (a closed input would end
    /// the session by itself, as end of input).
    fn wait_code(mut self) -> i32 {
        let _input = self.child.stdin.take();
        let status = self.child.wait().unwrap();
        use std::os::unix::process::ExitStatusExt;
        status.code().unwrap_or_else(|| 128 + status.signal().unwrap_or(0))
    }
}

fn records(data: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(data.join("completions.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each record is one JSON line"))
        .collect()
}

/// Starts a plain exam, answers the first message, and ends it with `signal`.
fn interrupted_after_one_answer(signal: &str, code: i32) {
    let dir = fresh_dir(&format!("plain-sig-{signal}"));
    let deck = exam_deck(&dir);
    let data = dir.join("data");
    let mut p = Plain::start(&[
        "--data-dir",
        data.to_str().unwrap(),
        "exam",
        "--deck",
        deck.to_str().unwrap(),
        "--learner",
        "sam",
        "--plain",
    ]);
    let intro = p.wait_for("Enter to go on", 1);
    assert!(intro.contains("Time allowed: as long as you need."), "plain mode has no clock:\n{intro}");
    assert!(!intro.contains("seconds per message"), "{intro}");
    assert!(intro.contains("For the night shift: texts that came in after hours."), "the description:\n{intro}");
    p.send("");
    p.wait_for("Scam or genuine?", 1);
    p.send("s");
    p.wait_for("How sure?", 1);
    p.send("1");
    let more = p.wait_for("Your answer (a number)", 1);
    assert!(more.contains("Your answer"), "{more}");
    p.send("1");
    p.wait_for("Scam or genuine?", 2);
    p.signal(signal);
    assert_eq!(p.wait_code(), code, "exit code after {signal}");
    let records = records(&data);
    assert_eq!(records.len(), 1, "after {signal}: {records:?}");
    assert_eq!(records[0]["status"], "incomplete");
    assert_eq!(records[0]["answered"], 1);
    assert_eq!(records[0]["learner"], "sam");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sigint_ends_a_plain_exam_with_an_incomplete_record() {
    interrupted_after_one_answer("INT", 130);
}

#[test]
fn sigterm_ends_a_plain_exam_with_an_incomplete_record() {
    interrupted_after_one_answer("TERM", 143);
}

#[test]
fn sighup_ends_a_plain_exam_with_an_incomplete_record() {
    interrupted_after_one_answer("HUP", 129);
}

#[test]
fn sigquit_ends_a_plain_exam_with_an_incomplete_record() {
    interrupted_after_one_answer("QUIT", 131);
}

#[test]
fn a_signal_before_the_first_exam_message_records_nothing() {
    let dir = fresh_dir("plain-sig-intro");
    let deck = exam_deck(&dir);
    let data = dir.join("data");
    let p = Plain::start(&["--data-dir", data.to_str().unwrap(), "exam", "--deck", deck.to_str().unwrap(), "--plain"]);
    p.wait_for("Enter to go on", 1);
    p.signal("TERM");
    assert_eq!(p.wait_code(), 143);
    assert!(records(&data).is_empty(), "no attempt began: {:?}", records(&data));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Ctrl-C typed in a real terminal, and the window closed, with `--plain`.
#[test]
fn ctrl_c_and_a_closed_window_end_a_plain_exam_in_a_terminal_with_a_record() {
    if !have_tmux() {
        return;
    }
    let dir = fresh_dir("plain-sig-tmux");
    let deck = exam_deck(&dir);
    // Ctrl-C in cooked mode reaches the whole foreground group, the pane's shell too: a trap
    // keeps the shell alive to print how the program ended.
    let args = ["exam", "--deck", deck.to_str().unwrap(), "--learner", "kim", "--plain"];
    let t = Session::start_after("trap 'echo shell got INT' INT; ", &args, &[], 80, 24);
    t.wait_for("Enter to go on");
    t.keys(&["Enter"]);
    t.wait_for("Scam or genuine?");
    t.keys(&["C-c"]);
    t.wait_exit(130);
    let file = t.data.join("smishdrill").join("completions.jsonl");
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("\"status\":\"incomplete\""), "{text}");

    let t = Session::start(&["exam", "--deck", deck.to_str().unwrap(), "--learner", "lee", "--plain"], &[], 80, 24);
    t.wait_for("Enter to go on");
    t.keys(&["Enter"]);
    t.wait_for("Scam or genuine?");
    let pid = t.program_pid();
    let file = t.data.join("smishdrill").join("completions.jsonl");
    t.tmux(&["kill-server"]); // the window closes: SIGHUP
    let start = Instant::now();
    while std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|s| s.split_whitespace().nth(2).is_some_and(|state| state != "Z"))
    {
        assert!(start.elapsed() < WAIT, "smishdrill {pid} kept running after its window closed");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("\"status\":\"incomplete\"") && text.contains("\"learner\":\"lee\""), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
