//! The outbox: statements waiting for the LRS, kept in the data folder so nothing is lost when
//! the network, the LRS or the program stops halfway.
//!
//! Three JSON Lines files beside the exam records:
//! - `xapi-outbox.jsonl`: statements queued and not yet accepted, in sending order;
//! - `xapi-sent.jsonl`: the id of every statement an LRS accepted (200 or 204), appended and
//!   synced *before* the outbox is rewritten without it, so a crash in between can only leave a
//!   statement that is both sent and queued, which the next load drops;
//! - `xapi-rejected.jsonl`: statements an LRS refused (400, 409), with its status and reason;
//!   they are not queued again (delete a line, or the file, to try them again).
//!
//! Appends are single synced writes (see `store::jsonl`); the outbox is rewritten atomically
//! (temporary file, sync, rename).

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::store::StoreError;
use crate::store::jsonl::{JsonlFile, io_err};

pub const OUTBOX_FILE: &str = "xapi-outbox.jsonl";
pub const SENT_FILE: &str = "xapi-sent.jsonl";
pub const REJECTED_FILE: &str = "xapi-rejected.jsonl";

/// One queued statement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    pub id: String,
    pub statement: Value,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Sent {
    id: String,
    at: u64,
}

/// A statement the LRS refused, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rejected {
    pub id: String,
    pub status: u16,
    /// The LRS's own words, as received (sanitised only when printed).
    pub reason: String,
    pub at: u64,
    pub statement: Value,
}

/// The three files under one data folder.
#[derive(Debug, Clone)]
pub struct Outbox {
    dir: PathBuf,
    outbox: JsonlFile,
    sent: JsonlFile,
    rejected: JsonlFile,
}

/// What loading found.
#[derive(Debug, Default)]
pub struct State {
    /// Queued and not known to be sent, oldest first.
    pub waiting: Vec<Queued>,
    /// Ids sent, rejected or waiting: never queued again.
    pub known: BTreeSet<String>,
    /// Messages about damaged lines set aside.
    pub notices: Vec<String>,
}

impl Outbox {
    /// The outbox under `data_dir` (created if needed).
    pub fn open(data_dir: &Path) -> Result<Outbox, StoreError> {
        fs::create_dir_all(data_dir).map_err(io_err(data_dir))?;
        Ok(Outbox {
            dir: data_dir.to_path_buf(),
            outbox: JsonlFile::new(data_dir.join(OUTBOX_FILE)),
            sent: JsonlFile::new(data_dir.join(SENT_FILE)),
            rejected: JsonlFile::new(data_dir.join(REJECTED_FILE)),
        })
    }

    pub fn path(&self) -> &Path {
        self.outbox.path()
    }

    pub fn rejected_path(&self) -> &Path {
        self.rejected.path()
    }

    /// Reads the three files without changing them (beyond setting damaged lines aside).
    pub fn load(&self) -> Result<State, StoreError> {
        let mut notices = Vec::new();
        let mut note = |what: &str, bad: usize, kept: Option<PathBuf>| {
            if let Some(kept) = kept {
                notices.push(format!(
                    "{bad} unreadable line(s) in {what} were left out; the original was kept as {}",
                    kept.display()
                ));
            }
        };
        let sent = self.sent.load::<Sent>()?;
        note(SENT_FILE, sent.bad, sent.kept);
        let rejected = self.rejected.load::<Rejected>()?;
        note(REJECTED_FILE, rejected.bad, rejected.kept);
        let queued = self.outbox.load::<Queued>()?;
        note(OUTBOX_FILE, queued.bad, queued.kept);
        let mut known: BTreeSet<String> = sent.items.into_iter().map(|s| s.id).collect();
        known.extend(rejected.items.into_iter().map(|r| r.id));
        let mut waiting = Vec::new();
        for q in queued.items {
            if known.insert(q.id.clone()) {
                waiting.push(q);
            }
        }
        Ok(State { waiting, known, notices })
    }

    /// Queues statements whose ids are not in `known`; returns how many were added.
    pub fn enqueue(&self, state: &mut State, statements: Vec<Value>) -> Result<usize, StoreError> {
        let mut added = 0;
        for statement in statements {
            let Some(id) = statement["id"].as_str().map(str::to_string) else { continue };
            if state.known.insert(id.clone()) {
                let q = Queued { id, statement };
                self.outbox.append(&q)?;
                state.waiting.push(q);
                added += 1;
            }
        }
        Ok(added)
    }

    /// Records that the LRS accepted these ids. Called before [`Outbox::rewrite`].
    pub fn mark_sent(&self, ids: &[&str]) -> Result<(), StoreError> {
        let at = now();
        ids.iter().try_for_each(|id| self.sent.append(&Sent { id: (*id).to_string(), at }))
    }

    /// Sets a refused statement aside with the LRS's reason.
    pub fn reject(&self, q: &Queued, status: u16, reason: &str) -> Result<(), StoreError> {
        let r = Rejected {
            id: q.id.clone(),
            status,
            reason: reason.to_string(),
            at: now(),
            statement: q.statement.clone(),
        };
        self.rejected.append(&r)
    }

    /// Replaces the outbox with `waiting` (atomically).
    pub fn rewrite(&self, waiting: &[Queued]) -> Result<(), StoreError> {
        let path = self.outbox.path();
        let tmp = self.dir.join(format!("{OUTBOX_FILE}.tmp-{}", std::process::id()));
        let mut text = String::new();
        for q in waiting {
            text.push_str(&serde_json::to_string(q).expect("statements serialise"));
            text.push('\n');
        }
        let mut file = File::create(&tmp).map_err(io_err(&tmp))?;
        file.write_all(text.as_bytes()).map_err(io_err(&tmp))?;
        file.sync_all().map_err(io_err(&tmp))?;
        fs::rename(&tmp, path).map_err(io_err(path))?;
        let _ = File::open(&self.dir).and_then(|d| d.sync_all());
        Ok(())
    }
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("smishdrill-outbox-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn statements_are_queued_once_and_leave_only_when_marked_sent() {
        let dir = temp("once");
        let outbox = Outbox::open(&dir).unwrap();
        let mut state = outbox.load().unwrap();
        let all = vec![json!({"id": "a"}), json!({"id": "b"}), json!({"id": "a"})];
        assert_eq!(outbox.enqueue(&mut state, all.clone()).unwrap(), 2);
        let mut again = outbox.load().unwrap();
        assert_eq!(again.waiting.len(), 2);
        assert_eq!(outbox.enqueue(&mut again, all.clone()).unwrap(), 0, "already queued");
        outbox.mark_sent(&["a"]).unwrap();
        // A crash here: sent but still in the outbox. Loading drops it.
        let state = outbox.load().unwrap();
        assert_eq!(state.waiting.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(), ["b"]);
        outbox.reject(&state.waiting[0], 400, "bad").unwrap();
        outbox.rewrite(&[]).unwrap();
        let mut state = outbox.load().unwrap();
        assert!(state.waiting.is_empty());
        assert_eq!(outbox.enqueue(&mut state, all).unwrap(), 0, "sent and rejected are never queued again");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_torn_last_line_loses_only_that_statement() {
        let dir = temp("torn");
        let outbox = Outbox::open(&dir).unwrap();
        let mut state = outbox.load().unwrap();
        outbox.enqueue(&mut state, vec![json!({"id": "a"})]).unwrap();
        let mut text = fs::read_to_string(outbox.path()).unwrap();
        text.push_str("{\"id\": \"b\", \"stat");
        fs::write(outbox.path(), text).unwrap();
        let state = outbox.load().unwrap();
        assert_eq!(state.waiting.len(), 1);
        assert_eq!(state.notices.len(), 1, "{:?}", state.notices);
        fs::remove_dir_all(&dir).unwrap();
    }
}
