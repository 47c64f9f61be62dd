//! `smishdrill send`: delivers the xAPI statements of the machine's exam and course records to
//! the LRS configured in the `[lrs]` section of the config file.
//!
//! Statements are built by `report::xapi` (the same builder as `report --format xapi`), queued
//! in the outbox (see `outbox`) and delivered in batches (see `deliver`). Their ids are
//! name-based, so a statement sent twice is one statement to the LRS.

pub mod deliver;
pub mod http;
pub mod outbox;

use std::path::Path;

use crate::config::{LrsConfig, SecretSource, Settings};
use crate::i18n::{Arg, Locale};
use crate::report::xapi;
use crate::store::completions::CompletionStore;
use crate::text_safety::{sanitize_line, terminal_line};
use deliver::{Outcome, Patience, Stop};
use outbox::Outbox;

/// Exit code for wrong usage (no `[lrs]`, no data folder).
const EXIT_USAGE: u8 = 2;
/// How much of an LRS's reason is printed.
const REASON_CHARS: usize = 300;

/// What `send` was asked to do.
#[derive(Clone, Debug, Default)]
pub struct SendOptions {
    /// One `answered` statement per answered item, too.
    pub answers: bool,
    /// Print what would be sent; send nothing, write nothing.
    pub dry_run: bool,
}

/// Runs `send`, printing what happened; returns the exit code.
pub fn run(settings: &Settings, opts: &SendOptions) -> u8 {
    match send(settings, opts) {
        Ok(code) => code,
        Err((code, message)) => {
            eprintln!("smishdrill: {message}");
            code
        }
    }
}

type Failure = (u8, String);

fn send(settings: &Settings, opts: &SendOptions) -> Result<u8, Failure> {
    let Some(lrs) = &settings.lrs else {
        let file = settings.file.as_ref().map(|f| f.value.clone()).or_else(crate::config::default_config_file);
        let file = file.map_or_else(|| "the config file".to_string(), |f| f.display().to_string());
        return Err((
            EXIT_USAGE,
            format!(
                "no LRS is configured: add an [lrs] section (endpoint, key, secret_env) to {file}, or give one with --config FILE"
            ),
        ));
    };
    let dir =
        settings.data_dir.as_ref().map(|d| d.value.clone()).ok_or_else(|| {
            (EXIT_USAGE, "no data folder is known for this system; give one with --data-dir".to_string())
        })?;
    let store = CompletionStore::open(&dir).map_err(|e| (1, e.to_string()))?;
    let loaded = store.load().map_err(|e| (1, e.to_string()))?;
    if let Some(notice) = &loaded.notice {
        eprintln!("smishdrill: {}", crate::text_safety::terminal_line(&notice.say(&settings.locale())));
    }
    let options = xapi::XapiOptions { answers: opts.answers, ..settings.xapi() };
    let statements = xapi::statements(&loaded.records, &options);
    let outbox = Outbox::open(&dir).map_err(|e| (1, e.to_string()))?;
    let mut state = outbox.load().map_err(|e| (1, e.to_string()))?;
    for notice in &state.notices {
        eprintln!("smishdrill: {notice}");
    }
    let earlier = state.waiting.len();
    let target = format!("{}statements", lrs.endpoint);
    if opts.dry_run {
        return Ok(dry_run(lrs, &target, &state, statements, earlier, &settings.locale()));
    }
    let added = outbox.enqueue(&mut state, statements).map_err(|e| (1, e.to_string()))?;
    let t = settings.locale();
    if state.waiting.is_empty() {
        let shown = terminal_line(&dir.display().to_string()).into_owned();
        match loaded.records.len() {
            0 => println!("{}", t.fmt("send.nothing_no_records", &[("dir", Arg::Str(&shown))])),
            n => println!("{}", t.fmt("send.nothing_all_sent", &[("count", num(n))])),
        }
        return Ok(0);
    }
    let secret = secret(&lrs.secret)?;
    if earlier > 0 {
        println!("{}", t.fmt("send.waited", &[("count", num(earlier))]));
    }
    let target = sanitize_line(&target);
    let args = [("count", num(state.waiting.len())), ("added", num(added)), ("target", Arg::Str(&target))];
    println!("{}", t.fmt("send.sending", &args));
    let mut transport = http::Http::new(&lrs.endpoint, &lrs.key, &secret);
    let outcome = deliver::deliver(
        &outbox,
        state.waiting,
        lrs.batch,
        &mut transport,
        &Patience::default(),
        &mut std::thread::sleep,
    )
    .map_err(|e| (1, e.to_string()))?;
    Ok(report(lrs, &outbox, &outcome, &t))
}

/// Lists what a real `send` would POST, without writing a file or opening a socket.
fn dry_run(
    lrs: &LrsConfig,
    target: &str,
    state: &outbox::State,
    statements: Vec<serde_json::Value>,
    earlier: usize,
    t: &Locale,
) -> u8 {
    let new: Vec<serde_json::Value> =
        statements.into_iter().filter(|s| s["id"].as_str().is_some_and(|id| !state.known.contains(id))).collect();
    let all: Vec<&serde_json::Value> = state.waiting.iter().map(|q| &q.statement).chain(new.iter()).collect();
    let batches = all.len().div_ceil(lrs.batch.max(1));
    let (target, batches) = (sanitize_line(target), t.fmt("send.batches", &[("count", num(batches))]));
    let args = [
        ("count", num(all.len())),
        ("waiting", num(earlier)),
        ("new", num(new.len())),
        ("batches", Arg::Str(&batches)),
        ("target", Arg::Str(&target)),
    ];
    println!("{}", t.fmt("send.dry_run", &args));
    for s in all {
        let text = |v: &serde_json::Value| sanitize_line(v.as_str().unwrap_or("?"));
        let verb = s["verb"]["id"].as_str().and_then(|v| v.rsplit('/').next()).unwrap_or("?");
        println!(
            "{}  {}  {:<11}  {}  {}",
            text(&s["id"]),
            text(&s["timestamp"]),
            verb,
            text(&s["actor"]["name"]),
            text(&s["object"]["id"])
        );
    }
    0
}

/// Prints how the delivery went; the exit code is 0 only if everything left the outbox.
fn report(lrs: &LrsConfig, outbox: &Outbox, outcome: &Outcome, t: &Locale) -> u8 {
    if outcome.sent > 0 {
        println!("{}", t.fmt("send.sent", &[("count", num(outcome.sent))]));
    }
    for (id, status, reason) in &outcome.rejected {
        let (reason, id) = (short(reason), sanitize_line(id));
        let args = [("id", Arg::Str(&id)), ("status", Arg::Num(i64::from(*status))), ("reason", Arg::Str(&reason))];
        if *status == 409 {
            println!("{}", t.fmt("send.conflict", &args));
        } else {
            println!("{}", t.fmt("send.refused", &args));
        }
    }
    if !outcome.rejected.is_empty() {
        let file = terminal_line(&outbox.rejected_path().display().to_string()).into_owned();
        println!("{}", t.fmt("send.set_aside", &[("count", num(outcome.rejected.len())), ("file", Arg::Str(&file))]));
    }
    let stopped = |why: &str| eprintln!("smishdrill: {}", t.fmt("send.stopped", &[("why", Arg::Str(&short(why)))]));
    match &outcome.stopped {
        Some(Stop::Credentials(status)) => {
            let source = match &lrs.secret {
                SecretSource::Env(name) => t.fmt("send.secret_env", &[("name", Arg::Str(&sanitize_line(name)))]),
                SecretSource::Command(_) => t.text("send.secret_command").into_owned(),
            };
            let (key, at) = (sanitize_line(&lrs.key), terminal_line(&lrs.at.to_string()).into_owned());
            let args = [
                ("status", Arg::Num(i64::from(*status))),
                ("key", Arg::Str(&key)),
                ("at", Arg::Str(&at)),
                ("source", Arg::Str(&source)),
            ];
            eprintln!("smishdrill: {}", t.fmt("send.bad_credentials", &args));
        }
        Some(Stop::Unavailable(why)) | Some(Stop::Refused(why)) => stopped(why),
        None => {}
    }
    if outcome.waiting > 0 {
        println!("{}", t.fmt("send.waiting", &[("count", num(outcome.waiting))]));
    }
    u8::from(outcome.stopped.is_some() || outcome.waiting > 0 || !outcome.rejected.is_empty())
}

fn num(n: usize) -> Arg<'static> {
    Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Untrusted text from the LRS, one line, cut short.
fn short(text: &str) -> String {
    let line = sanitize_line(text.trim());
    let mut out: String = line.chars().take(REASON_CHARS).collect();
    if line.chars().count() > REASON_CHARS {
        out.push('…');
    }
    if out.is_empty() { "(no reason given)".to_string() } else { out }
}

/// The secret, from the environment or a command's first line of output. Never printed.
fn secret(source: &SecretSource) -> Result<String, Failure> {
    match source {
        SecretSource::Env(name) => std::env::var(name).ok().filter(|s| !s.is_empty()).ok_or_else(|| {
            (1, format!("the LRS secret is read from the environment variable {name}, which is not set"))
        }),
        SecretSource::Command(command) => {
            let mut words = command.split_whitespace();
            let program = words.next().unwrap_or_default();
            let output = std::process::Command::new(program)
                .args(words)
                .stdin(std::process::Stdio::null())
                .stderr(std::process::Stdio::inherit())
                .output()
                .map_err(|e| (1, format!("the LRS secret command `{}` could not run: {e}", sanitize_line(program))))?;
            let text = String::from_utf8_lossy(&output.stdout);
            let first = text.lines().next().unwrap_or("").trim().to_string();
            if !output.status.success() || first.is_empty() {
                return Err((
                    1,
                    format!("the LRS secret command `{}` gave no secret ({})", sanitize_line(command), output.status),
                ));
            }
            Ok(first)
        }
    }
}

/// The outbox of a data folder (for `smishdrill config` and tests).
pub fn waiting(data_dir: &Path) -> usize {
    Outbox::open(data_dir).and_then(|o| o.load()).map_or(0, |s| s.waiting.len())
}
