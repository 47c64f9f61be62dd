//! The network rule: the trainer and every reading command never open a socket; only `send`
//! (outgoing, to the configured LRS) and `serve` (listening, on 127.0.0.1 unless told) do. Checked by running each under
//! `strace -f` and finding no socket(), connect(), bind(), listen() or accept() at all (a
//! local `socketpair(AF_UNIX)`, the signal watcher's wake-up pipe, is not a network). Skipped with a
//! message where strace cannot run (not installed, ptrace not allowed), except under CI (`CI`
//! set), where it must.

mod lrs_common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use lrs_common::{BIN, data_with_samples, fresh};

fn strace_works() -> bool {
    let ok = Command::new("strace")
        .args(["-f", "-e", "trace=network", "-o", "/dev/null", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        let message = "strace cannot run here (missing, or ptrace is not allowed): the network rule is not checked";
        assert!(std::env::var_os("CI").is_none_or(|v| v.is_empty()), "{message}");
        eprintln!("SKIPPED: {message}");
    }
    ok
}

/// Runs smishdrill under strace with `input`; the network system calls it made (one line each).
fn network_calls(dir: &Path, args: &[&str], input: &str) -> (i32, Vec<String>) {
    let trace = dir.join(format!("trace-{}", args.first().unwrap_or(&"round")));
    let mut child = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=socket,socketpair,connect,bind,listen,accept,accept4", "-o"])
        .arg(&trace)
        .arg(BIN)
        .args(args)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("share"))
        .env_remove("SMISHDRILL_CONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run strace");
    let _ = child.stdin.as_mut().unwrap().write_all(input.as_bytes());
    drop(child.stdin.take());
    let code = child.wait().unwrap().code().unwrap_or(-1);
    let text = std::fs::read_to_string(&trace).unwrap_or_default();
    // A pair of connected local sockets (`socketpair(AF_UNIX, …)`) is how the signal watcher
    // wakes the loop (signal-hook's self-pipe): it reaches no network. Any other socket, and
    // every connect, bind, listen or accept, does.
    let network = |l: &&str| !l.trim().is_empty() && !l.contains("socketpair(AF_UNIX");
    (code, text.lines().filter(network).map(str::to_string).collect())
}

#[test]
fn the_trainer_and_the_reading_commands_open_no_socket() {
    if !strace_works() {
        return;
    }
    let dir = fresh("network-rule");
    let data = data_with_samples(&dir);
    let data = data.to_str().unwrap();
    let mut exam_input = String::from("\n");
    for _ in 0..40 {
        exam_input.push_str("s\n\n1\n\n");
    }
    let runs: [(&[&str], &str); 10] = [
        (&["--plain", "--seed", "1", "--count", "2", "--data-dir", data], "s\n2\n1 2\n1\n\nq\n"),
        (&["exam", "--deck", "quick-10", "--plain", "--seed", "3", "--data-dir", data], &exam_input),
        (&["course", "--plain", "--data-dir", data], "q\nq\n"),
        (&["present", "--deck", "quick-10", "--plain"], "q\n"),
        (&["check"], ""),
        (&["list"], ""),
        (&["stats", "--data-dir", data], ""),
        (&["report", "--format", "xapi", "--answers", "--data-dir", data], ""),
        (&["config"], ""),
        (
            &["inspect", "--plain", "--sender", "+1 (512) 555-0173"],
            "USPS: your parcel is held. Pay $1.99 at https://usps.com-hold.top/us\n",
        ),
    ];
    for (args, input) in runs {
        let (code, calls) = network_calls(&dir, args, input);
        assert!(code == 0, "smishdrill {args:?} exited {code}");
        assert!(calls.is_empty(), "smishdrill {args:?} made network calls:\n{}", calls.join("\n"));
    }
}

#[test]
fn send_does_open_a_socket_so_the_check_can_see_one() {
    if !strace_works() {
        return;
    }
    let dir = fresh("network-send");
    let data = data_with_samples(&dir);
    let lrs = lrs_common::FakeLrs::start(|_, _| (200, vec![], "[]".into()));
    let config = lrs_common::config(&dir, &lrs.endpoint, "");
    let trace = dir.join("trace-send");
    let status = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=socket,socketpair,connect,bind,listen,accept,accept4", "-o"])
        .arg(&trace)
        .arg(BIN)
        .args(["--config", config.to_str().unwrap(), "send", "--data-dir", data.to_str().unwrap()])
        .env(lrs_common::SECRET_ENV, "x")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&trace).unwrap();
    assert!(text.contains("connect("), "{text}");
    assert!(lrs.requests().len() == 1);
    // --dry-run opens none.
    let (code, calls) = network_calls(
        &dir,
        &["--config", config.to_str().unwrap(), "send", "--dry-run", "--data-dir", data.to_str().unwrap()],
        "",
    );
    assert_eq!(code, 0);
    assert!(calls.is_empty(), "{}", calls.join("\n"));
}

/// `serve` is the one command that listens: by default on 127.0.0.1 only (never every
/// address), seen in its bind() call; it accepts nothing until a learner connects.
#[test]
fn serve_listens_and_by_default_only_on_127_0_0_1() {
    if !strace_works() {
        return;
    }
    let dir = fresh("network-serve");
    let trace = dir.join("trace-serve");
    let data = dir.join("serve-data");
    let mut child = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=socket,bind,listen,connect", "-o"])
        .arg(&trace)
        .arg(BIN)
        .args(["serve", "--plain", "--deck", "quick-10", "--code", "net-rule-1", "--data-dir"])
        .arg(&data)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run strace");
    let start = std::time::Instant::now();
    let text = loop {
        let text = std::fs::read_to_string(&trace).unwrap_or_default();
        if text.contains("listen(") || text.contains("bind(") && text.contains("= -1") {
            break text;
        }
        if start.elapsed() > std::time::Duration::from_secs(20) || child.try_wait().ok().flatten().is_some() {
            break text;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    // The server's own process is the first pid in the trace: end it as an instructor would.
    if let Some(pid) = text.split_whitespace().next() {
        let _ = Command::new("kill").args(["-TERM", pid]).status();
    }
    let _ = child.wait();
    let binds: Vec<&str> = text.lines().filter(|l| l.contains("bind(")).collect();
    assert!(!binds.is_empty(), "serve binds a socket:\n{text}");
    for bind in &binds {
        assert!(bind.contains("inet_addr(\"127.0.0.1\")") && bind.contains("htons(2222)"), "{bind}");
    }
    assert!(!text.contains("connect("), "serve opens no outgoing connection:\n{text}");
}
