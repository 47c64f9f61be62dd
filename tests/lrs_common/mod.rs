//! Helpers shared by the `send` tests: a scripted fake LRS on 127.0.0.1, a config file, and a
//! way to run `smishdrill` with an isolated data and config folder.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

pub const BIN: &str = env!("CARGO_BIN_EXE_smishdrill");
pub const SECRET_ENV: &str = "SMISHDRILL_TEST_LRS_SECRET";

/// One request the fake LRS received.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// Header names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The statements of a POST body.
    pub fn statements(&self) -> Vec<serde_json::Value> {
        serde_json::from_str(&self.body).expect("a JSON array of statements")
    }
}

/// What the fake answers: status, extra headers, body.
pub type Answer = (u16, Vec<(&'static str, String)>, String);

/// A fake LRS: answers every request with `answer(n, request)` (n counts from 0) and keeps
/// every request. Each connection serves one request and is closed.
pub struct FakeLrs {
    pub endpoint: String,
    pub requests: Arc<Mutex<Vec<Request>>>,
}

impl FakeLrs {
    pub fn start(answer: impl Fn(usize, &Request) -> Answer + Send + 'static) -> FakeLrs {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let endpoint = format!("http://{}/xAPI/", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let Some(request) = read_request(&stream) else { continue };
                let n = {
                    let mut all = seen.lock().unwrap();
                    all.push(request.clone());
                    all.len() - 1
                };
                let (status, headers, body) = answer(n, &request);
                let mut stream = stream;
                let mut head =
                    format!("HTTP/1.1 {status} Whatever\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
                for (name, value) in headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body.as_bytes()));
            }
        });
        FakeLrs { endpoint, requests }
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (name, value) = h.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let length: usize =
        headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request { method, path, headers, body: String::from_utf8_lossy(&body).into_owned() })
}

/// A data folder holding the sample exam records of `tests/data/records/`.
pub fn data_with_samples(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let mut lines = String::new();
    for name in ["ada", "ben", "chen", "dana"] {
        let text = std::fs::read_to_string(format!("tests/data/records/{name}.json")).unwrap();
        let records: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        for r in records {
            lines.push_str(&serde_json::to_string(&r).unwrap());
            lines.push('\n');
        }
    }
    std::fs::write(data.join("completions.jsonl"), lines).unwrap();
    data
}

/// Writes `config.toml` in `dir` for `endpoint` with key `smishdrill`; `extra` lines go in [lrs].
pub fn config(dir: &Path, endpoint: &str, extra: &str) -> PathBuf {
    let path = dir.join("config.toml");
    let text =
        format!("[lrs]\nendpoint = \"{endpoint}\"\nkey = \"smishdrill\"\nsecret_env = \"{SECRET_ENV}\"\n{extra}\n");
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs smishdrill with `--config` and `--data-dir` given, the secret in the environment and
/// no other config: (exit code, stdout, stderr).
pub fn smishdrill(config: &Path, data: &Path, secret: &str, args: &[&str]) -> (i32, String, String) {
    smishdrill_input(config, data, secret, args, "")
}

pub fn smishdrill_input(config: &Path, data: &Path, secret: &str, args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .args(["--config", config.to_str().unwrap()])
        .args(args)
        .args(["--data-dir", data.to_str().unwrap()])
        .env(SECRET_ENV, secret)
        .env("XDG_CONFIG_HOME", data)
        .env_remove("SMISHDRILL_CONFIG")
        .env_remove("SMISHDRILL_PROFILE")
        .env_remove("SMISHDRILL_DATA_DIR")
        .env_remove("SMISHDRILL_LANGUAGE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run smishdrill");
    let _ = child.stdin.as_mut().unwrap().write_all(input.as_bytes());
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// An empty folder of this test's own.
pub fn fresh(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smishdrill-send-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every statement id `report --format xapi` gives for the data folder (what `send` sends).
pub fn exported_ids(config: &Path, data: &Path, answers: bool) -> Vec<String> {
    let mut args = vec!["report", "--format", "xapi"];
    if answers {
        args.push("--answers");
    }
    let (code, out, err) = smishdrill(config, data, "", &args);
    assert_eq!(code, 0, "{err}");
    let all: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    all.iter().map(|s| s["id"].as_str().unwrap().to_string()).collect()
}

/// A proxy on 127.0.0.1 in front of `target` (a port): passes requests through one by one;
/// for request number `cut` (from 0) it lets the LRS answer, then calls `on_cut` (which kills
/// the LRS) and closes the client's connection without an answer — "killed in the middle of
/// a batch": the LRS may have stored the batch, smishdrill never heard so.
pub struct CuttingProxy {
    pub endpoint: String,
}

impl CuttingProxy {
    pub fn start(target: u16, cut: usize, on_cut: impl FnOnce() + Send + 'static) -> CuttingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let endpoint = format!("http://{}/xAPI/", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let mut on_cut = Some(on_cut);
            let mut n = 0;
            for client in listener.incoming().flatten() {
                let Some(request) = read_request(&client) else { continue };
                let Some(answer) = forward(target, &request) else { continue };
                if n == cut
                    && let Some(cut) = on_cut.take()
                {
                    cut();
                    n += 1;
                    continue;
                }
                n += 1;
                let mut client = client;
                let _ = client.write_all(&answer);
            }
        });
        CuttingProxy { endpoint }
    }
}

/// Sends `request` to 127.0.0.1:`port` with `Connection: close`; the whole answer, itself
/// marked `Connection: close`. `None` when the LRS cannot be reached.
fn forward(port: u16, request: &Request) -> Option<Vec<u8>> {
    let mut lrs = TcpStream::connect(("127.0.0.1", port)).ok()?;
    let mut head = format!("{} {} HTTP/1.1\r\n", request.method, request.path);
    for (name, value) in &request.headers {
        if name != "connection" {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str("connection: close\r\n\r\n");
    lrs.write_all(head.as_bytes()).ok()?;
    lrs.write_all(request.body.as_bytes()).ok()?;
    let mut answer = Vec::new();
    lrs.read_to_end(&mut answer).ok()?;
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let mut out: String = head
        .lines()
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .map(|l| format!("{l}\r\n"))
        .collect();
    out.push_str("Connection: close\r\n\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&answer[split + 4..]);
    Some(bytes)
}
