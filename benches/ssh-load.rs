//! The classroom load benchmark (not a test; figures in docs/performance.md): `smishdrill
//! serve` on 127.0.0.1 with N scripted learners, each a real SSH client (russh's own client:
//! no Python or other toolchain to install, and the same SSH implementation as the server's,
//! so the protocol is exercised, not a mock) that plays a whole 10-message round of `quick-10`,
//! reading its screen with a vt100 parser to know which key to press. Measured: the time from
//! a key sent to the first bytes of the redrawn frame (p50, p99), the server's resident memory
//! per session above its base, its CPU time, and that every answer was recorded exactly once.
//! Then the same with hostile clients alongside (they stop reading their output and send
//! garbage and a 1 MB paste).
//!
//! `cargo bench --bench ssh-load` (learners: SSH_LOAD_LEARNERS, default 100; hostile:
//! SSH_LOAD_HOSTILE, default 10). Everything stays on loopback and ends by itself.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::ChannelMsg;
use russh::client::{self, Handle};
use tokio::sync::Mutex;

const CODE: &str = "bench-code-1";
/// A learner that takes longer than this for its round has failed.
const ROUND_LIMIT: Duration = Duration::from_secs(300);

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;
    async fn check_server_key(&mut self, _key: &russh::keys::PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true) // loopback, a key made for this run
    }
}

async fn connect(port: u16, user: &str) -> Result<(Handle<Client>, russh::Channel<client::Msg>), String> {
    let config = Arc::new(client::Config { nodelay: true, ..client::Config::default() });
    let mut handle = client::connect(config, ("127.0.0.1", port), Client).await.map_err(|e| e.to_string())?;
    let auth = handle.authenticate_password(user, CODE).await.map_err(|e| e.to_string())?;
    if !auth.success() {
        return Err(format!("{user}: refused"));
    }
    let channel = handle.channel_open_session().await.map_err(|e| e.to_string())?;
    channel.request_pty(false, "xterm-256color", 80, 24, 0, 0, &[]).await.map_err(|e| e.to_string())?;
    channel.request_shell(false).await.map_err(|e| e.to_string())?;
    Ok((handle, channel))
}

/// What the learner presses on the screen it sees; `None` when the round is over.
fn next_key(screen: &str) -> Option<&'static [u8]> {
    if screen.contains("play again") {
        return None;
    }
    Some(if screen.contains("[ s Scam ]") {
        b"s"
    } else if screen.contains("How sure") || screen.lines().any(|l| l.starts_with(" 1  ")) {
        b"1"
    } else {
        b"\r" // spot (done), the explanation (next), a question asked after it (open)
    })
}

/// Plays one round; returns the key-to-frame latencies.
async fn learner(port: u16, user: String) -> Result<Vec<Duration>, String> {
    let (_handle, mut channel) = connect(port, &user).await?;
    let size = |n: u16| std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN);
    let mut parser = vt100::Parser::new(size(24), size(80), 0);
    let mut latencies = Vec::new();
    let start = Instant::now();
    let mut sent: Option<Instant> = None;
    let mut last_screen = String::new();
    loop {
        if start.elapsed() > ROUND_LIMIT {
            return Err(format!("{user}: round not finished; screen:\n{last_screen}"));
        }
        let msg = tokio::time::timeout(Duration::from_millis(300), channel.wait()).await;
        match msg {
            Ok(Some(ChannelMsg::Data { data })) => {
                if let Some(at) = sent.take() {
                    latencies.push(at.elapsed());
                }
                parser.process(&data);
                continue; // more of the frame may follow at once
            }
            Ok(Some(ChannelMsg::Eof | ChannelMsg::Close)) | Ok(None) => {
                return Err(format!("{user}: closed early; screen:\n{last_screen}"));
            }
            Ok(Some(_)) => continue,
            Err(_) if sent.is_some() => continue, // still waiting for the redraw
            Err(_) => {}
        }
        // Quiet for a moment: the frame is complete.
        let screen = parser.screen().contents();
        let Some(key) = next_key(&screen) else { break };
        last_screen = screen;
        sent = Some(Instant::now());
        channel.data(key).await.map_err(|e| e.to_string())?;
    }
    let _ = channel.data(&b"q"[..]).await;
    Ok(latencies)
}

/// A hostile client: logs in, never reads a byte of output, and sends garbage, escape
/// sequences and a 1 MB paste, for `run_for`.
async fn hostile(port: u16, user: String, run_for: Duration) -> Result<(), String> {
    let (_handle, channel) = connect(port, &user).await?;
    let (_read, write) = channel.split(); // the read half is never read: a stalled reader
    let start = Instant::now();
    let mut paste = b"\x1b[200~".to_vec();
    paste.extend(std::iter::repeat_n(b'x', 1 << 20));
    paste.extend_from_slice(b"\x1b[201~");
    let _ = tokio::time::timeout(Duration::from_secs(5), write.data(&paste[..])).await;
    let mut seed = 0x2545_f491_u32;
    while start.elapsed() < run_for {
        let garbage: Vec<u8> = (0..256)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                seed as u8
            })
            .chain(*b"\x1b[999;999R\x1b[?1049l\x1b]0;x\x07")
            .collect();
        if tokio::time::timeout(Duration::from_millis(500), write.data(&garbage[..])).await.is_err() {
            // Our own sending is blocked: the server stopped reading us (its inbox is full).
        }
        let _ = write.window_change(0, 0, 0, 0).await;
        let _ = write.window_change(65535, 65535, 0, 0).await;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// The server's CPU time so far (user + system), in seconds.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11).and_then(|u| u.parse().ok()).unwrap_or(0)
        + fields.get(12).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0);
    ticks as f64 / 100.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// The answers recorded per learner, and whether each was recorded exactly once.
fn recorded(data: &Path, names: &[String]) -> (usize, bool) {
    let mut total = 0;
    let mut once = true;
    for name in names {
        let text = std::fs::read_to_string(data.join("profiles").join(name).join("answers.jsonl")).unwrap_or_default();
        let scenarios: Vec<String> = text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("scenario").and_then(|s| s.as_str()).map(str::to_string))
            .collect();
        let mut unique = scenarios.clone();
        unique.sort();
        unique.dedup();
        once &= unique.len() == scenarios.len() && scenarios.len() == 10;
        total += scenarios.len();
    }
    (total, once)
}

async fn round(learners: usize, hostile_count: usize, label: &str) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap();
    let data: PathBuf = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("ssh-load-{label}"));
    let _ = std::fs::remove_dir_all(&data);
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_smishdrill"))
        .args(["serve", "--plain", "--deck", "quick-10", "--seed", "7", "--code", CODE, "--max-sessions", "500"])
        .args(["--per-address", "1000", "--listen", &format!("127.0.0.1:{port}"), "--data-dir"])
        .arg(&data)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the server");
    let pid = server.id();
    let ready = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
        assert!(ready.elapsed() < Duration::from_secs(30), "the server did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let base = rss_kib(pid);
    let cpu0 = cpu_seconds(pid);
    let wall = Instant::now();
    let peak = Arc::new(Mutex::new(base));
    let sampler = {
        let peak = Arc::clone(&peak);
        tokio::spawn(async move {
            loop {
                let now = rss_kib(pid);
                let mut p = peak.lock().await;
                *p = (*p).max(now);
                drop(p);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    };
    let hostiles: Vec<_> = (0..hostile_count)
        .map(|i| tokio::spawn(hostile(port, format!("hostile{i}"), Duration::from_secs(20))))
        .collect();
    let names: Vec<String> = (0..learners).map(|i| format!("learner{i:03}")).collect();
    let tasks: Vec<_> = names.iter().map(|n| tokio::spawn(learner(port, n.clone()))).collect();
    let mut latencies = Vec::new();
    let mut failed = 0;
    for task in tasks {
        match task.await {
            Ok(Ok(l)) => latencies.extend(l),
            Ok(Err(e)) => {
                failed += 1;
                eprintln!("{e}");
            }
            Err(e) => {
                failed += 1;
                eprintln!("{e}");
            }
        }
    }
    let elapsed = wall.elapsed().as_secs_f64();
    let cpu = cpu_seconds(pid) - cpu0;
    let peak = *peak.lock().await;
    sampler.abort();
    for h in hostiles {
        h.abort();
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (answers, once) = recorded(&data, &names);
    let _ = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status();
    let _ = server.wait();
    latencies.sort();
    let per_session = (peak.saturating_sub(base)) as f64 / 1024.0 / (learners + hostile_count).max(1) as f64;
    println!(
        "{label}: {learners} learners + {hostile_count} hostile: {failed} failed; {} keys; key-to-frame p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; \
         server RSS base {:.1} MiB, peak {:.1} MiB ({per_session:.2} MiB a session); CPU {cpu:.1} s over {elapsed:.1} s ({:.0} % of a core); \
         answers recorded {answers} of {} (each exactly once: {once})",
        latencies.len(),
        percentile(&latencies, 0.5).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.99).as_secs_f64() * 1000.0,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1000.0,
        base as f64 / 1024.0,
        peak as f64 / 1024.0,
        cpu / elapsed * 100.0,
        learners * 10,
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing useful: run only
    // when benchmarking, so the test suite never starts 100 SSH sessions.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let count = |var: &str, default: usize| std::env::var(var).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let learners = count("SSH_LOAD_LEARNERS", 100);
    let hostile_count = count("SSH_LOAD_HOSTILE", 10);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(round(learners, 0, "plain"));
    runtime.block_on(round(learners, hostile_count, "hostile"));
}
