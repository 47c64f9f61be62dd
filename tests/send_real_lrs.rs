//! `smishdrill send` against two real LRSs started by the tests on 127.0.0.1: Learning
//! Locker's `xapi-statements` (strict; in-memory models, Basic credentials checked through its
//! `fetch` client lookup, answered here) and Ralph (lax; file-system backend, Basic credentials
//! from its auth file). `.ci/run` installs both into `target/lrs/`; elsewhere set
//! `SMISHDRILL_XAPI_STATEMENTS` (the package folder) and `SMISHDRILL_RALPH_PYTHON` (a Python
//! with `ralph-malph[backend-fs,cli,lrs]`). Without them the tests say so and pass, except
//! under CI (`CI` set), where a missing LRS fails.

mod lrs_common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use lrs_common::*;
use serde_json::Value;
use smishdrill::send::http::Http;

const KEY: &str = "smishdrill";
const SECRET: &str = "s3cret-for-tests";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    LearningLocker,
    Ralph,
}

/// A running LRS; killed when dropped.
struct Lrs {
    kind: Kind,
    port: u16,
    dir: PathBuf,
    child: Option<Child>,
    /// Learning Locker asks this for the client behind the credentials.
    _auth: Option<FakeLrs>,
}

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn tool(kind: Kind) -> Option<PathBuf> {
    let (var, default) = match kind {
        Kind::LearningLocker => ("SMISHDRILL_XAPI_STATEMENTS", "target/lrs/npm/node_modules/xapi-statements"),
        Kind::Ralph => ("SMISHDRILL_RALPH_PYTHON", "target/lrs/venv/bin/python"),
    };
    let path = std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| manifest(default));
    if path.exists() {
        return Some(path);
    }
    let message = format!("{kind:?} is not installed (set {var} or run .ci/run, which installs it into target/lrs/)");
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!("{message}");
    }
    eprintln!("SKIPPED: {message}");
    None
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Lrs {
    fn start(kind: Kind, dir: &Path) -> Option<Lrs> {
        let tool = tool(kind)?;
        let mut lrs = Lrs { kind, port: free_port(), dir: dir.to_path_buf(), child: None, _auth: None };
        match kind {
            Kind::Ralph => ralph_credentials(&tool, dir),
            Kind::LearningLocker => lrs._auth = Some(client_lookup()),
        }
        lrs.spawn(&tool);
        Some(lrs)
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI/", self.port)
    }

    fn spawn(&mut self, tool: &Path) {
        let log = std::fs::OpenOptions::new().create(true).append(true).open(self.dir.join("lrs.log")).unwrap();
        let mut command = match self.kind {
            Kind::Ralph => {
                let mut c = Command::new(tool);
                c.arg(manifest("tests/data/lrs/ralph_fs.py"))
                    .arg(self.port.to_string())
                    .env("RALPH_RUNSERVER_BACKEND", "fs")
                    .env("RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH", self.dir.join("store"))
                    .env("RALPH_AUTH_FILE", self.dir.join("auth.json"));
                c
            }
            Kind::LearningLocker => {
                let auth = self._auth.as_ref().expect("client lookup").endpoint.clone();
                let mut c = Command::new("node");
                c.arg("-r")
                    .arg(manifest("tests/data/lrs/loopback.js"))
                    .arg(tool.join("dist/index.js"))
                    .env("EXPRESS_PORT", self.port.to_string())
                    .env("MODELS_REPO", "memory")
                    .env("STORAGE_REPO", "local")
                    .env("FS_LOCAL_STORAGE_DIR", self.dir.join("storage"))
                    .env("EXPRESS_MORGAN_DIRECTORY", self.dir.join("access-logs"))
                    .env("EVENTS_REPO", "test")
                    .env("AUTH_REPO", "fetch")
                    .env("LL_CLIENT_INFO_ENDPOINT", format!("{auth}client"))
                    .env("SERVICE_AWAIT_UPDATES", "true")
                    .env("WINSTON_CONSOLE_LEVEL", "error")
                    .env("LANG", "en");
                c
            }
        };
        std::fs::create_dir_all(self.dir.join("store")).unwrap();
        let child = command
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start the LRS");
        self.child = Some(child);
        self.wait_ready();
    }

    /// Polls until the LRS answers an authenticated GET (a condition, bounded).
    fn wait_ready(&mut self) {
        let client = Http::new(&self.endpoint(), KEY, SECRET);
        let start = Instant::now();
        loop {
            if let Ok((200, _)) = client.get("limit=1") {
                return;
            }
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                panic!("{:?} exited ({status}); its log:\n{}", self.kind, self.log());
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "{:?} did not start; its log:\n{}",
                self.kind,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("lrs.log")).unwrap_or_default()
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn restart(&mut self) {
        self.kill();
        let tool = tool(self.kind).expect("was there a moment ago");
        self.spawn(&tool);
    }

    fn client(&self) -> Http {
        Http::new(&self.endpoint(), KEY, SECRET)
    }

    /// The stored statement with this id.
    fn statement(&self, id: &str) -> Value {
        let (status, body) = self.client().get(&format!("statementId={id}")).unwrap();
        assert_eq!(status, 200, "{id}: {body}");
        let found: Value = serde_json::from_str(&body).unwrap();
        // Ralph answers a statementId query with a one-statement list (the spec says the
        // statement itself, as Learning Locker does).
        match found.get("statements").and_then(Value::as_array) {
            Some(list) => {
                assert_eq!(list.len(), 1, "{id}: {body}");
                list[0].clone()
            }
            None => found,
        }
    }

    /// Every stored statement's id (each as often as it is stored).
    fn all_ids(&self) -> Vec<String> {
        let (status, body) = self.client().get("limit=1000").unwrap();
        assert_eq!(status, 200, "{body}");
        let page: Value = serde_json::from_str(&body).unwrap();
        page["statements"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_string()).collect()
    }
}

impl Drop for Lrs {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Ralph's auth file, written by Ralph's own `ralph auth`.
fn ralph_credentials(python: &Path, dir: &Path) {
    let ralph = python.with_file_name("ralph");
    let out = Command::new(&ralph)
        .args(["auth", "-u", KEY, "-p", SECRET, "-s", "all", "-M", "mailto:lrs@example.com", "-w"])
        .env("RALPH_AUTH_FILE", dir.join("auth.json"))
        .env("RALPH_RUNSERVER_BACKEND", "fs")
        .output()
        .expect("run ralph auth");
    assert!(out.status.success(), "ralph auth: {}", String::from_utf8_lossy(&out.stderr));
}

/// What Learning Locker's `fetch` auth asks for: the client behind an Authorization header
/// (404 means unknown credentials, which it answers with 401).
fn client_lookup() -> FakeLrs {
    let expected = format!("Basic {}", smishdrill::send::http::base64(format!("{KEY}:{SECRET}").as_bytes()));
    FakeLrs::start(move |_, r| {
        if r.header("authorization") == Some(expected.as_str()) {
            let client = serde_json::json!({
                "_id": "58fe13e34effd3c26a7fc4b7",
                "title": "smishdrill tests",
                "authority": { "objectType": "Agent", "mbox": "mailto:lrs@example.com" },
                "isTrusted": true,
                "lrs_id": "58fe13e34effd3c26a7fc4b7",
                "organisation": "58fe13e34effd3c26a7fc4b6",
                "scopes": ["all"],
            });
            (200, vec![("Content-Type", "application/json".to_string())], client.to_string())
        } else {
            (404, vec![], "no such client".to_string())
        }
    })
}

/// Two real exams in plain mode with scripted answers: one learner says scam to everything
/// (an email address: an mbox actor), the other genuine (an account).
fn exam_records(config: &Path, data: &Path) {
    for (learner, verdict) in [("ada@example.com", "s"), ("bo", "l")] {
        let mut input = String::from("\n");
        for _ in 0..40 {
            input.push_str(&format!("{verdict}\n\n1\n\n"));
        }
        let args = ["exam", "--deck", "quick-10", "--plain", "--seed", "3", "--learner", learner];
        let (code, out, err) = smishdrill_input(config, data, SECRET, &args, &input);
        assert_eq!(code, 0, "{out}{err}");
        assert!(err.contains("recorded in"), "{err}");
    }
}

/// What an LRS may add or normalise: `stored`, `authority`, `version`; everything we sent must
/// come back as sent.
fn assert_unchanged(sent: &Value, stored: &Value) {
    for (key, value) in sent.as_object().unwrap() {
        if key == "version" {
            continue;
        }
        assert_eq!(&stored[key], value, "`{key}` of {} changed", sent["id"]);
    }
}

fn sent_statements(config: &Path, data: &Path) -> Vec<Value> {
    let (code, out, err) = smishdrill(config, data, SECRET, &["report", "--format", "xapi", "--answers"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn records_are_stored_unchanged_and_sending_again_adds_nothing(kind: Kind) {
    let dir = fresh(&format!("real-{kind:?}"));
    let Some(lrs) = Lrs::start(kind, &dir) else { return };
    let data = dir.join("data");
    let config = config(&dir, &lrs.endpoint(), "batch = 10");
    exam_records(&config, &data);
    let statements = sent_statements(&config, &data);
    assert_eq!(statements.len(), 2 * (3 + 10), "initialized, verdict, terminated and ten answers per exam");

    let (code, out, err) = smishdrill(&config, &data, SECRET, &["send", "--answers"]);
    assert_eq!(code, 0, "{out}{err}\n{}", lrs.log());
    assert!(out.contains("Sent 26 statements"), "{out}");
    for s in &statements {
        assert_unchanged(s, &lrs.statement(s["id"].as_str().unwrap()));
    }
    let mut stored = lrs.all_ids();
    stored.sort();
    let mut expected: Vec<String> = statements.iter().map(|s| s["id"].as_str().unwrap().to_string()).collect();
    expected.sort();
    assert_eq!(stored, expected);

    let (code, out, _) = smishdrill(&config, &data, SECRET, &["send", "--answers"]);
    assert_eq!(code, 0);
    assert!(out.contains("Nothing to send"), "{out}");
    // Even with the record of what was sent gone, the same ids make the LRS keep one copy.
    std::fs::remove_file(data.join("xapi-sent.jsonl")).unwrap();
    let (code, out, err) = smishdrill(&config, &data, SECRET, &["send", "--answers"]);
    assert_eq!(code, 0, "{out}{err}");
    let mut again = lrs.all_ids();
    again.sort();
    assert_eq!(again, expected, "sending twice never counts twice");
}

fn wrong_credentials_stop_with_a_clear_message(kind: Kind) {
    let dir = fresh(&format!("real-auth-{kind:?}"));
    let Some(lrs) = Lrs::start(kind, &dir) else { return };
    let data = data_with_samples(&dir);
    let config = config(&dir, &lrs.endpoint(), "");
    let (code, out, err) = smishdrill(&config, &data, "not-the-secret", &["send"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("the LRS refused the credentials (401)"), "{err}");
    assert!(!err.contains("not-the-secret") && !out.contains("not-the-secret"));
    assert!(out.contains("16 statements wait in the outbox"), "{out}");
    assert!(lrs.all_ids().is_empty());
}

fn a_refused_statement_is_set_aside_with_the_reason(kind: Kind) {
    let dir = fresh(&format!("real-400-{kind:?}"));
    let Some(lrs) = Lrs::start(kind, &dir) else { return };
    let data = data_with_samples(&dir);
    let config = config(&dir, &lrs.endpoint(), "batch = 4");
    // A statement no LRS takes (no actor, a verb id that is not an IRI), already in the
    // outbox as an older version might have left it.
    let mut bad = sent_statements(&config, &data)[1].clone();
    bad["id"] = Value::from("00000000-0000-8000-8000-000000000001");
    bad["verb"]["id"] = Value::from("passed");
    bad.as_object_mut().unwrap().remove("actor");
    let line = serde_json::json!({ "id": bad["id"], "statement": bad });
    std::fs::write(data.join("xapi-outbox.jsonl"), format!("{line}\n")).unwrap();
    let (code, out, err) = smishdrill(&config, &data, SECRET, &["send"]);
    assert_eq!(code, 1, "{out}{err}");
    // Ralph answers 422 (FastAPI's validation status) where the spec says 400; both are set aside.
    let status = if kind == Kind::Ralph { 422 } else { 400 };
    assert!(out.contains(&format!("Refused ({status}): statement 00000000-0000-8000-8000-000000000001:")), "{out}");
    assert!(out.contains("Sent 16 statements"), "the good ones went: {out}");
    let rejected = std::fs::read_to_string(data.join("xapi-rejected.jsonl")).unwrap();
    let entry: Value = serde_json::from_str(rejected.lines().next().unwrap()).unwrap();
    assert_eq!(entry["status"], status);
    assert!(!entry["reason"].as_str().unwrap().is_empty(), "the LRS's reason is kept");
    assert_eq!(lrs.all_ids().len(), 16);
}

#[test]
fn learning_locker_stores_real_exam_records_unchanged_and_once() {
    records_are_stored_unchanged_and_sending_again_adds_nothing(Kind::LearningLocker);
}

#[test]
fn ralph_stores_real_exam_records_unchanged_and_once() {
    records_are_stored_unchanged_and_sending_again_adds_nothing(Kind::Ralph);
}

#[test]
fn learning_locker_wrong_credentials() {
    wrong_credentials_stop_with_a_clear_message(Kind::LearningLocker);
}

#[test]
fn ralph_wrong_credentials() {
    wrong_credentials_stop_with_a_clear_message(Kind::Ralph);
}

#[test]
fn learning_locker_refuses_a_bad_statement() {
    a_refused_statement_is_set_aside_with_the_reason(Kind::LearningLocker);
}

#[test]
fn ralph_refuses_a_bad_statement() {
    a_refused_statement_is_set_aside_with_the_reason(Kind::Ralph);
}

/// Ralph keeps its statements on disk, so it can be killed and started again: the batch it
/// was handling when killed may or may not be stored; after the next `send` every statement
/// is there exactly once. (Learning Locker's in-memory store forgets everything on a restart.)
#[test]
fn ralph_killed_in_the_middle_of_a_batch_ends_with_every_statement_once() {
    let dir = fresh("real-kill");
    let Some(lrs) = Lrs::start(Kind::Ralph, &dir) else { return };
    let data = data_with_samples(&dir);
    let pid = lrs.child.as_ref().unwrap().id();
    let lrs = std::sync::Arc::new(std::sync::Mutex::new(lrs));
    let port = lrs.lock().unwrap().port;
    // The third batch reaches Ralph, Ralph stores it, and is killed before the answer gets back.
    let proxy = CuttingProxy::start(port, 2, move || {
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    });
    let config_path = config(&dir, &proxy.endpoint, "batch = 3");
    let expected = exported_ids(&config_path, &data, false);
    let (code, out, err) = smishdrill(&config_path, &data, SECRET, &["send"]);
    assert_eq!(code, 1, "{out}{err}");
    // Two whole batches normally get through before the cut; on a loaded machine a slow
    // answer can end the run a batch earlier. Either way what was sent and what waits add up.
    let sent = number_before(&out, " statements; the LRS accepted them").expect("a count of statements sent");
    assert!(sent == 6 || sent == 3, "{out}");
    let waiting = 16 - sent;
    assert!(out.contains(&format!("{waiting} statements wait in the outbox")), "{out}");

    let mut lrs = std::sync::Arc::try_unwrap(lrs).ok().unwrap().into_inner().unwrap();
    lrs.restart();
    let direct = config(&dir, &lrs.endpoint(), "batch = 3");
    let (code, out, err) = smishdrill(&direct, &data, SECRET, &["send"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(&format!("{waiting} statements waited in the outbox")), "{out}");
    let mut stored = lrs.all_ids();
    stored.sort();
    let mut expected = expected;
    expected.sort();
    assert_eq!(stored, expected, "every statement exactly once");
}

/// The number just before `tail` in `out` ("Sent 6 statements; …" → 6).
fn number_before(out: &str, tail: &str) -> Option<usize> {
    let head = &out[..out.find(tail)?];
    let digits: String = head.chars().rev().take_while(char::is_ascii_digit).collect();
    digits.chars().rev().collect::<String>().parse().ok()
}
