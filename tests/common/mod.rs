//! What the integration tests share: running the binary as a command (`run`, `run_with_input`,
//! `fresh_dir`), and the tmux harness for the end-to-end tests — the real binary in a real
//! terminal, driven with `send-keys` and read with `capture-pane`. Every wait is for a condition
//! on the screen.
#![allow(dead_code)] // Each test file uses its own part of the harness.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_smishdrill");
pub const WAIT: Duration = Duration::from_secs(15);

static NEXT: AtomicUsize = AtomicUsize::new(0);

pub fn have_tmux() -> bool {
    let ok = Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "tmux is required for the end-to-end tests in CI");
        eprintln!("skipped: tmux is not installed");
    }
    ok
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// One program in its own tmux server, so tests can run in parallel.
pub struct Session {
    socket: String,
    /// XDG_DATA_HOME of the program: progress and completion records end up below it.
    pub data: PathBuf,
}

impl Session {
    /// Runs `smishdrill ARGS` in a `width`×`height` pane. After it exits, the pane shows
    /// `EXITED <code>` and the terminal mode (`TTY icanon echo` once properly restored).
    pub fn start(args: &[&str], env_vars: &[(&str, &str)], width: u16, height: u16) -> Session {
        Session::start_after("", args, env_vars, width, height)
    }

    /// As [`Session::start`], with shell commands run first by the pane's shell (e.g. a `trap`,
    /// so a Ctrl-C typed in `--plain` mode, which reaches the shell too, does not end it).
    pub fn start_after(prelude: &str, args: &[&str], env_vars: &[(&str, &str)], width: u16, height: u16) -> Session {
        let socket = format!("smishdrill-e2e-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
        // Progress goes to a private folder unless the test names one.
        let data = std::env::temp_dir().join(format!("{socket}-data"));
        let mut env: String = format!("XDG_DATA_HOME={} ", shell_quote(&data.to_string_lossy()));
        env.extend(env_vars.iter().map(|(k, v)| format!("{k}={} ", shell_quote(v))));
        let args: String = args.iter().map(|a| format!(" {}", shell_quote(a))).collect();
        let script = format!(
            "{prelude}{env}{bin}{args}; echo EXITED $?; echo TTY $(stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?icanon' -e '-\\?echo'); sleep 600",
            bin = shell_quote(BIN)
        );
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .args(["sh", "-c", &script])
            .status()
            .expect("run tmux");
        assert!(status.success(), "tmux new-session failed");
        Session { socket, data }
    }

    /// An interactive shell (bash, no start-up files, prompt `$ `) with job control, in which
    /// the test types command lines: for Ctrl-Z and `fg`. The program's data goes to `data`.
    pub fn shell(width: u16, height: u16) -> Session {
        let socket = format!("smishdrill-e2e-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
        let data = std::env::temp_dir().join(format!("{socket}-data"));
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d", "-x", &width.to_string()])
            .args(["-y", &height.to_string()])
            .args(["env", "PS1=$ ", &format!("XDG_DATA_HOME={}", data.display())])
            .args(["bash", "--norc", "--noprofile", "-i"])
            .status()
            .expect("run tmux");
        assert!(status.success(), "tmux new-session failed");
        Session { socket, data }
    }

    /// Types `line` and Enter into the pane (for [`Session::shell`]).
    pub fn type_line(&self, line: &str) {
        self.tmux(&["send-keys", "-l", line]);
        self.tmux(&["send-keys", "Enter"]);
    }

    /// tmux's view of the pane: (alternate screen on, cursor visible).
    pub fn pane_modes(&self) -> (bool, bool) {
        let out = self.tmux(&["display-message", "-p", "#{alternate_on} #{cursor_flag}"]);
        let mut flags = out.split_whitespace().map(|f| f == "1");
        (flags.next().unwrap_or(false), flags.next().unwrap_or(false))
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket]).args(args).output().expect("run tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p"])
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Waits until the screen satisfies `ok` and has stopped changing (two captures in a row
    /// agree), so a frame caught half-drawn is never judged; on timeout fails showing the
    /// screen.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut previous = String::new();
        loop {
            let screen = self.screen();
            if ok(&screen) && screen == previous {
                return screen;
            }
            previous = screen.clone();
            if start.elapsed() > WAIT {
                let ps = Command::new("ps")
                    .args(["-eo", "pid,stat,wchan:32,args"])
                    .output()
                    .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                    .unwrap_or_default();
                let ps: String = ps.lines().filter(|l| l.contains("smishdrill")).collect::<Vec<_>>().join("\n");
                panic!("timed out waiting for {what}; screen:\n{screen}\nprocesses:\n{ps}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |s| s.contains(needle))
    }

    /// Waits for the program to end and checks the terminal was left in normal mode.
    pub fn wait_exit(&self, code: u8) -> String {
        let screen = self.wait_for("TTY ");
        assert!(screen.contains(&format!("EXITED {code}")), "expected exit code {code}:\n{screen}");
        assert!(screen.contains("TTY icanon echo"), "terminal not restored:\n{screen}");
        screen
    }

    /// Gives a verdict key on a message in an exam and waits for `next` (e.g. "How sure"). An
    /// exam ignores a key pressed in the first moment after a message appears (it would have
    /// been typed ahead) and says "Not taken:"; then the key is pressed again. Waits are on
    /// what the screen shows, never on time.
    pub fn verdict(&self, key: &str, next: &str) -> String {
        loop {
            self.keys(&[key]);
            let screen = self.wait_until(next, |s| s.contains(next) || s.contains("Not taken:"));
            if screen.contains(next) {
                return screen;
            }
        }
    }

    /// On a follow-up question, the number shown for the choice that reads `text` (choices are
    /// shown shuffled), read from `screen`.
    pub fn choice_number(screen: &str, text: &str) -> String {
        screen
            .lines()
            .find_map(|l| {
                let l = l.trim_start();
                let (n, rest) = l.split_once("  ")?;
                (n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()) && rest.trim_start().starts_with(text))
                    .then(|| n.to_string())
            })
            .unwrap_or_else(|| panic!("no choice {text:?} on screen:\n{screen}"))
    }

    pub fn program_pid(&self) -> String {
        let shell = self.tmux(&["display-message", "-p", "#{pane_pid}"]);
        let out = Command::new("pgrep").args(["-P", shell.trim()]).output().expect("run pgrep");
        String::from_utf8_lossy(&out.stdout).lines().next().expect("program is running").to_string()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

/// Runs `smishdrill ARGS` to the end: (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    run_with_input(args, "")
}

/// As [`run`], with `input` on standard input (which is then not a terminal: `--plain`).
pub fn run_with_input(args: &[&str], input: &str) -> (i32, String, String) {
    use std::process::Stdio;
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run smishdrill");
    // A program that exits without reading its input closes the pipe: that is not a failure.
    let _ = std::io::Write::write_all(child.stdin.as_mut().expect("piped stdin"), input.as_bytes());
    drop(child.stdin.take());
    let out = child.wait_with_output().expect("wait for smishdrill");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// An empty folder of this test process's own, named after `name`.
pub fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smishdrill-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
