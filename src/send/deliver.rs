//! Delivering the outbox in batches, and what each LRS answer means for the statements in it.
//!
//! - 200/204: accepted; the statements leave the outbox.
//! - 429, 5xx, a network error: tried again after a pause that doubles (or the `Retry-After`
//!   the LRS gave), a few times; then sending stops and everything left waits for the next
//!   `send`.
//! - 401/403: the credentials are wrong; sending stops at once.
//! - 400 (bad statement; 422 from LRSs built on FastAPI, such as Ralph) and 409 (a statement
//!   with this id but other content is stored): the
//!   batch is split in halves and each half sent again, so one bad statement holds back no
//!   good one; a single refused statement is set aside in `xapi-rejected.jsonl` with the
//!   LRS's reason.
//!
//! The network is behind `Transport` so the rules are tested without one.

use std::time::Duration;

use super::outbox::{Outbox, Queued};
use crate::store::StoreError;

/// What the LRS answered.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    pub status: u16,
    /// `Retry-After` in seconds, when given as a number.
    pub retry_after: Option<u64>,
    /// The start of the body (untrusted text).
    pub body: String,
}

/// A network failure: no answer at all.
#[derive(Clone, Debug, PartialEq)]
pub struct NetError {
    pub message: String,
    /// Worth trying again (connection refused or reset, timeout) rather than a setup problem.
    pub transient: bool,
}

/// One POST of a JSON array of statements to `<endpoint>/statements`.
pub trait Transport {
    fn post(&mut self, body: &str) -> Result<Reply, NetError>;
}

/// How patient to be.
#[derive(Clone, Debug)]
pub struct Patience {
    /// Tries per batch (the first included).
    pub tries: u32,
    /// The first pause; each next one doubles.
    pub first_pause: Duration,
    /// A `Retry-After` longer than this is not waited for: the batch waits for the next `send`.
    pub longest_pause: Duration,
}

impl Default for Patience {
    fn default() -> Self {
        Patience { tries: 4, first_pause: Duration::from_millis(500), longest_pause: Duration::from_secs(30) }
    }
}

/// How a delivery went.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    pub sent: usize,
    /// (id, status, reason) of each statement set aside.
    pub rejected: Vec<(String, u16, String)>,
    /// Still in the outbox.
    pub waiting: usize,
    /// Why sending stopped early, if it did.
    pub stopped: Option<Stop>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Stop {
    /// 401 or 403.
    Credentials(u16),
    /// The LRS kept failing or could not be reached.
    Unavailable(String),
    /// Something that trying again will not fix (a redirect, 404, a TLS failure).
    Refused(String),
}

enum BatchEnd {
    Done,
    Stop(Stop),
}

/// Sends `waiting` in batches of `batch`, recording every result in `outbox` as it comes.
pub fn deliver(
    outbox: &Outbox,
    mut waiting: Vec<Queued>,
    batch: usize,
    transport: &mut dyn Transport,
    patience: &Patience,
    sleep: &mut dyn FnMut(Duration),
) -> Result<Outcome, StoreError> {
    let mut outcome = Outcome::default();
    while !waiting.is_empty() {
        let take = batch.max(1).min(waiting.len());
        let chunk: Vec<Queued> = waiting[..take].to_vec();
        let mut done: Vec<String> = Vec::new();
        let end = send_part(outbox, &chunk, transport, patience, sleep, &mut outcome, &mut done)?;
        waiting.retain(|q| !done.contains(&q.id));
        outbox.rewrite(&waiting)?;
        if let BatchEnd::Stop(stop) = end {
            outcome.stopped = Some(stop);
            break;
        }
    }
    outcome.waiting = waiting.len();
    Ok(outcome)
}

/// Sends one batch (or half of one); `done` collects the ids that left the outbox.
fn send_part(
    outbox: &Outbox,
    part: &[Queued],
    transport: &mut dyn Transport,
    patience: &Patience,
    sleep: &mut dyn FnMut(Duration),
    outcome: &mut Outcome,
    done: &mut Vec<String>,
) -> Result<BatchEnd, StoreError> {
    let body =
        serde_json::to_string(&part.iter().map(|q| &q.statement).collect::<Vec<_>>()).expect("statements serialise");
    let mut pause = patience.first_pause;
    let mut last = String::new();
    for attempt in 1..=patience.tries.max(1) {
        let wait = match transport.post(&body) {
            Ok(reply) => match reply.status {
                200 | 204 => {
                    let ids: Vec<&str> = part.iter().map(|q| q.id.as_str()).collect();
                    outbox.mark_sent(&ids)?;
                    done.extend(ids.iter().map(|s| (*s).to_string()));
                    outcome.sent += part.len();
                    return Ok(BatchEnd::Done);
                }
                401 | 403 => return Ok(BatchEnd::Stop(Stop::Credentials(reply.status))),
                400 | 409 | 422 if part.len() > 1 => {
                    let (a, b) = part.split_at(part.len() / 2);
                    for half in [a, b] {
                        if let BatchEnd::Stop(s) = send_part(outbox, half, transport, patience, sleep, outcome, done)? {
                            return Ok(BatchEnd::Stop(s));
                        }
                    }
                    return Ok(BatchEnd::Done);
                }
                400 | 409 | 422 => {
                    let q = &part[0];
                    outbox.reject(q, reply.status, &reply.body)?;
                    done.push(q.id.clone());
                    outcome.rejected.push((q.id.clone(), reply.status, reply.body));
                    return Ok(BatchEnd::Done);
                }
                429 | 500..=599 => {
                    last = format!("the LRS answered {}", reply.status);
                    match reply.retry_after.map(Duration::from_secs) {
                        Some(asked) if asked > patience.longest_pause => {
                            let why = format!("{last} and asked to wait {} s", asked.as_secs());
                            return Ok(BatchEnd::Stop(Stop::Unavailable(why)));
                        }
                        Some(asked) => asked,
                        None => pause,
                    }
                }
                other => {
                    return Ok(BatchEnd::Stop(Stop::Refused(format!("the LRS answered {other}: {}", reply.body))));
                }
            },
            Err(e) if e.transient => {
                last = e.message;
                pause
            }
            Err(e) => return Ok(BatchEnd::Stop(Stop::Refused(e.message))),
        };
        if attempt < patience.tries {
            sleep(wait);
            pause = (pause * 2).min(patience.longest_pause);
        }
    }
    Ok(BatchEnd::Stop(Stop::Unavailable(last)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::VecDeque;

    /// Answers from a script; a statement whose id starts with `bad` makes any batch holding
    /// it a 400 (as a strict LRS would).
    struct Script {
        replies: VecDeque<Result<Reply, NetError>>,
        bodies: Vec<String>,
    }

    impl Transport for Script {
        fn post(&mut self, body: &str) -> Result<Reply, NetError> {
            self.bodies.push(body.to_string());
            if body.contains("\"bad") {
                return Ok(reply(400, "statement bad-1 is invalid"));
            }
            self.replies.pop_front().unwrap_or(Ok(reply(200, "[]")))
        }
    }

    fn reply(status: u16, body: &str) -> Reply {
        Reply { status, retry_after: None, body: body.into() }
    }

    fn setup(name: &str, ids: &[&str]) -> (std::path::PathBuf, Outbox, Vec<Queued>) {
        let dir = std::env::temp_dir().join(format!("smishdrill-deliver-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let outbox = Outbox::open(&dir).unwrap();
        let mut state = outbox.load().unwrap();
        outbox.enqueue(&mut state, ids.iter().map(|id| json!({ "id": id })).collect()).unwrap();
        (dir, outbox, state.waiting)
    }

    fn run(outbox: &Outbox, waiting: Vec<Queued>, batch: usize, script: &mut Script) -> (Outcome, Vec<Duration>) {
        let mut pauses = Vec::new();
        let outcome = deliver(outbox, waiting, batch, script, &Patience::default(), &mut |d| pauses.push(d)).unwrap();
        (outcome, pauses)
    }

    fn script(replies: Vec<Result<Reply, NetError>>) -> Script {
        Script { replies: replies.into(), bodies: Vec::new() }
    }

    #[test]
    fn batches_leave_the_outbox_when_accepted() {
        let (dir, outbox, waiting) = setup("ok", &["a", "b", "c"]);
        let mut s = script(vec![]);
        let (outcome, pauses) = run(&outbox, waiting, 2, &mut s);
        assert_eq!((outcome.sent, outcome.waiting, outcome.stopped), (3, 0, None));
        assert_eq!(s.bodies.len(), 2);
        assert!(pauses.is_empty());
        assert!(outbox.load().unwrap().waiting.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn server_errors_are_retried_with_doubling_pauses_or_retry_after_then_kept() {
        let (dir, outbox, waiting) = setup("retry", &["a", "b"]);
        let busy = Reply { status: 429, retry_after: Some(3), body: String::new() };
        let mut s = script(vec![Ok(reply(500, "")), Ok(busy), Ok(reply(200, "[]"))]);
        let (outcome, pauses) = run(&outbox, waiting, 10, &mut s);
        assert_eq!(outcome.sent, 2);
        assert_eq!(pauses, [Duration::from_millis(500), Duration::from_secs(3)]);

        let (dir2, outbox, waiting) = setup("down", &["a", "b"]);
        let down = || Err(NetError { message: "connection refused".into(), transient: true });
        let mut s = script(vec![down(), down(), down(), down()]);
        let (outcome, pauses) = run(&outbox, waiting, 10, &mut s);
        assert_eq!(outcome.waiting, 2);
        assert_eq!(outcome.stopped, Some(Stop::Unavailable("connection refused".into())));
        assert_eq!(pauses, [500, 1000, 2000].map(Duration::from_millis));
        assert_eq!(outbox.load().unwrap().waiting.len(), 2, "kept for the next send");
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::remove_dir_all(&dir2).unwrap();
    }

    #[test]
    fn a_bad_statement_is_found_by_halving_and_set_aside_alone() {
        let (dir, outbox, waiting) = setup("bisect", &["a", "b", "bad-1", "c", "d"]);
        let mut s = script(vec![]);
        let (outcome, _) = run(&outbox, waiting, 5, &mut s);
        assert_eq!(outcome.sent, 4);
        assert_eq!(outcome.rejected, [("bad-1".to_string(), 400, "statement bad-1 is invalid".to_string())]);
        assert_eq!(outcome.waiting, 0);
        let state = outbox.load().unwrap();
        assert!(state.known.contains("bad-1") && state.waiting.is_empty());
        let rejected = std::fs::read_to_string(outbox.rejected_path()).unwrap();
        assert!(rejected.contains("statement bad-1 is invalid"), "{rejected}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn wrong_credentials_stop_at_once_and_keep_everything() {
        let (dir, outbox, waiting) = setup("auth", &["a", "b", "c"]);
        let mut s = script(vec![Ok(reply(401, ""))]);
        let (outcome, pauses) = run(&outbox, waiting, 1, &mut s);
        assert_eq!(outcome.stopped, Some(Stop::Credentials(401)));
        assert_eq!((outcome.sent, outcome.waiting), (0, 3));
        assert_eq!(s.bodies.len(), 1);
        assert!(pauses.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_retry_after_longer_than_patience_waits_for_the_next_send() {
        let (dir, outbox, waiting) = setup("long", &["a"]);
        let mut s = script(vec![Ok(Reply { status: 503, retry_after: Some(3600), body: String::new() })]);
        let (outcome, pauses) = run(&outbox, waiting, 1, &mut s);
        assert!(matches!(outcome.stopped, Some(Stop::Unavailable(ref why)) if why.contains("3600")), "{outcome:?}");
        assert!(pauses.is_empty());
        assert_eq!(outcome.waiting, 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
