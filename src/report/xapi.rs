//! xAPI 1.0.3 statements, so a company's learning record store (LRS) can hold who passed.
//!
//! Per attempt: `passed` or `failed` for a finished attempt; an unfinished one is `terminated`
//! with `result.completion = false` and no `success` (ADL's verb for "left the activity";
//! `failed` would claim a verdict the learner never reached). A passed attempt in course mode
//! adds `completed` for the course activity. With answers, one `answered` statement per item
//! the learner answered — an item left unanswered (quit, time ran out) was not answered, so it
//! gets none; it still counts against the attempt's score.
//!
//! Statement ids are name-based, so exporting an attempt again gives the same ids and an LRS
//! keeps one copy: a version-8 UUID made from a SHA-256 of the attempt (learner, start, deck),
//! the statement's role, and the export's base IRI and account homepage (RFC 9562, appendix
//! B.2). The base and homepage are part of the name because a statement with the same id but
//! different content would be refused by an LRS as a conflict.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::learning::completion::{CompletionRecord, ItemResult, Status};

use super::iso8601::{duration, timestamp};
use super::sorted;

const VERBS: &str = "http://adlnet.gov/expapi/verbs";
const ASSESSMENT: &str = "http://adlnet.gov/expapi/activities/assessment";
const COURSE: &str = "http://adlnet.gov/expapi/activities/course";
const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
pub const DEFAULT_HOMEPAGE: &str = "https://smishdrill.example";
pub const DEFAULT_BASE: &str = "https://smishdrill.example/xapi";

/// Where the statements point.
#[derive(Clone, Debug)]
pub struct XapiOptions {
    /// The account homepage for learners without an email address.
    pub homepage: String,
    /// The base IRI for activity ids and extension keys.
    pub base: String,
    /// One `answered` statement per answered item, too.
    pub answers: bool,
}

impl Default for XapiOptions {
    fn default() -> Self {
        XapiOptions { homepage: DEFAULT_HOMEPAGE.into(), base: DEFAULT_BASE.into(), answers: false }
    }
}

/// Checks that `text` looks like an absolute IRI (`scheme:rest`, no spaces), as xAPI requires of
/// ids and homepages.
pub fn check_iri(text: &str) -> Result<(), String> {
    let scheme = text.split_once(':').map(|(s, _)| s).unwrap_or("");
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok || text.len() == scheme.len() + 1 || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("`{text}` is not an absolute IRI (like https://example.com/xapi)"));
    }
    Ok(())
}

/// Every record's statements, oldest attempt first.
pub fn statements(records: &[CompletionRecord], opts: &XapiOptions) -> Vec<Value> {
    sorted(records).into_iter().flat_map(|r| attempt_statements(r, opts)).collect()
}

/// The statements as a pretty JSON array (what an LRS's `POST /statements` takes).
pub fn document(records: &[CompletionRecord], opts: &XapiOptions) -> String {
    // Unsafe characters in names and titles become `\uXXXX` escapes (lossless for the LRS).
    let mut out = crate::text_safety::json_pretty(&statements(records, opts)).expect("statements serialise");
    out.push('\n');
    out
}

fn attempt_statements(r: &CompletionRecord, opts: &XapiOptions) -> Vec<Value> {
    let base = opts.base.trim_end_matches('/');
    let ids = Ids { r, opts };
    let deck = deck_activity(r, base);
    let context = json!({
        "registration": ids.uuid("registration"),
        "platform": "smishdrill",
        "language": "en-US",
        "extensions": {
            format!("{base}/extensions/deck-checksum"): r.deck_checksum,
            format!("{base}/extensions/program-version"): r.version,
            // A string: seeds go past 2^53, which JSON numbers do not keep exactly everywhere.
            format!("{base}/extensions/seed"): r.seed.to_string(),
            format!("{base}/extensions/mode"): r.mode,
            format!("{base}/extensions/pass-mark"): r.pass_mark,
        }
    });
    let (verb, success) = match r.status {
        Status::Passed => ("passed", Some(true)),
        Status::Failed => ("failed", Some(false)),
        Status::Incomplete => ("terminated", None),
    };
    let mut result = json!({ "completion": r.status != Status::Incomplete, "duration": duration(r.seconds) });
    if let Some(success) = success {
        result["success"] = json!(success);
    }
    if r.asked > 0 {
        let scaled = (r.score.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0;
        result["score"] = json!({ "scaled": scaled, "raw": r.correct, "min": 0, "max": r.asked });
    }
    let mut out = vec![statement(
        ids.uuid("attempt"),
        actor(&r.learner, &opts.homepage),
        verb,
        deck.clone(),
        result,
        context.clone(),
        r.finished,
    )];
    if r.mode == "course" && r.status == Status::Passed {
        let course = json!({
            "objectType": "Activity",
            "id": format!("{base}/courses/{}", encode(&r.deck)),
            "definition": { "name": { "en-US": r.deck_title }, "type": COURSE },
        });
        let result = json!({ "completion": true, "success": true, "duration": duration(r.seconds) });
        out.push(statement(
            ids.uuid("completed"),
            actor(&r.learner, &opts.homepage),
            "completed",
            course,
            result,
            context.clone(),
            r.finished,
        ));
    }
    if opts.answers {
        let mut elapsed = 0u64;
        for (n, item) in r.items.iter().enumerate() {
            elapsed += item.seconds;
            let Some(said) = &item.said else { continue };
            let mut context = context.clone();
            context["contextActivities"] = json!({ "parent": [deck.clone()] });
            context["extensions"][format!("{base}/extensions/category")] = json!(item.category);
            let result = json!({ "success": item.correct, "response": said, "duration": duration(item.seconds) });
            out.push(statement(
                ids.uuid(&format!("answered:{n}")),
                actor(&r.learner, &opts.homepage),
                "answered",
                item_activity(item, base),
                result,
                context,
                (r.started + elapsed).min(r.finished.max(r.started)),
            ));
        }
    }
    out
}

fn statement(id: String, actor: Value, verb: &str, object: Value, result: Value, context: Value, at: u64) -> Value {
    json!({
        "id": id,
        "actor": actor,
        "verb": { "id": format!("{VERBS}/{verb}"), "display": { "en-US": verb } },
        "object": object,
        "result": result,
        "context": context,
        "timestamp": timestamp(at),
        "version": "1.0.3",
    })
}

/// `mbox` when the learner's name is an email address, else an account on `homepage`.
fn actor(learner: &str, homepage: &str) -> Value {
    if looks_like_email(learner) {
        json!({ "objectType": "Agent", "name": learner, "mbox": format!("mailto:{learner}") })
    } else {
        json!({ "objectType": "Agent", "name": learner, "account": { "homePage": homepage, "name": learner } })
    }
}

/// `local@domain.tld` with nothing that would not belong in a `mailto:` IRI.
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    let clean = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || "._%+-".contains(c));
    clean(local)
        && clean(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('%')
}

fn deck_activity(r: &CompletionRecord, base: &str) -> Value {
    json!({
        "objectType": "Activity",
        "id": format!("{base}/decks/{}", encode(&r.deck)),
        "definition": { "name": { "en-US": r.deck_title }, "type": ASSESSMENT },
    })
}

fn item_activity(item: &ItemResult, base: &str) -> Value {
    json!({
        "objectType": "Activity",
        "id": format!("{base}/scenarios/{}", encode(&item.scenario)),
        "definition": {
            "name": { "en-US": item.title },
            "type": INTERACTION,
            "interactionType": "choice",
            "correctResponsesPattern": [item.truth],
            "choices": [
                { "id": "scam", "description": { "en-US": "Scam" } },
                { "id": "legit", "description": { "en-US": "Genuine" } },
            ],
        },
    })
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so any deck or scenario
/// id makes a valid IRI path segment.
fn encode(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Statement ids for one attempt.
struct Ids<'a> {
    r: &'a CompletionRecord,
    opts: &'a XapiOptions,
}

impl Ids<'_> {
    fn uuid(&self, role: &str) -> String {
        let name = [
            "smishdrill-xapi-v1",
            &self.opts.base,
            &self.opts.homepage,
            &self.r.learner,
            &self.r.started.to_string(),
            &self.r.deck,
            role,
        ];
        uuid_v8(&name.join("\0"))
    }
}

/// A version-8 UUID from the first 128 bits of SHA-256(`name`), version and variant bits set.
pub fn uuid_v8(name: &str) -> String {
    let hash = Sha256::digest(name.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::samples;

    fn verbs(statements: &[Value]) -> Vec<&str> {
        statements.iter().map(|s| s["verb"]["display"]["en-US"].as_str().unwrap()).collect()
    }

    #[test]
    fn one_statement_per_attempt_plus_completed_for_a_passed_course() {
        let all = statements(&samples(), &XapiOptions::default());
        // ada (course, passed), ben failed, chen quit, dana (course, passed), ben passed.
        assert_eq!(verbs(&all), ["passed", "completed", "failed", "terminated", "passed", "completed", "passed"]);
        let chen = &all[3];
        assert_eq!(chen["result"]["completion"], json!(false));
        assert!(chen["result"].get("success").is_none());
        assert_eq!(all[1]["object"]["definition"]["type"], json!(COURSE));
    }

    #[test]
    fn an_attempt_statement_carries_score_duration_and_context() {
        let ben = samples().into_iter().find(|r| r.learner == "ben").unwrap();
        let s = &statements(std::slice::from_ref(&ben), &XapiOptions::default())[0];
        assert_eq!(s["verb"]["id"], json!("http://adlnet.gov/expapi/verbs/failed"));
        assert_eq!(s["object"]["id"], json!("https://smishdrill.example/xapi/decks/new-hire"));
        assert_eq!(s["result"]["score"], json!({ "scaled": 0.5, "raw": 4, "min": 0, "max": 8 }));
        assert_eq!(s["result"]["success"], json!(false));
        assert_eq!(s["result"]["duration"], json!(duration(ben.seconds)));
        assert_eq!(s["timestamp"], json!(timestamp(ben.finished)));
        let ext = &s["context"]["extensions"];
        assert_eq!(ext["https://smishdrill.example/xapi/extensions/deck-checksum"], json!(ben.deck_checksum));
        assert_eq!(ext["https://smishdrill.example/xapi/extensions/seed"], json!("12"));
        assert_eq!(s["actor"]["account"], json!({ "homePage": "https://smishdrill.example", "name": "ben" }));
    }

    #[test]
    fn email_learners_are_identified_by_mbox() {
        let ada = &statements(&samples()[..1], &XapiOptions::default())[0];
        assert_eq!(ada["actor"]["mbox"], json!("mailto:ada.lovelace@example.com"));
        assert!(ada["actor"].get("account").is_none());
        assert!(looks_like_email("a.b+c@x.co"));
        for not in ["ben", "a@b", "@x.com", "a@.com", "a b@x.com", "a@x.com.", "a@@x.com"] {
            assert!(!looks_like_email(not), "{not}");
        }
    }

    #[test]
    fn answers_are_one_statement_per_answered_item_under_the_deck() {
        let dana = samples().into_iter().find(|r| r.learner == "dana").unwrap();
        let opts = XapiOptions { answers: true, ..XapiOptions::default() };
        let all = statements(std::slice::from_ref(&dana), &opts);
        let answered: Vec<&Value> = all.iter().filter(|s| s["verb"]["display"]["en-US"] == "answered").collect();
        assert_eq!(answered.len(), 7, "dana ran out of time on one of eight");
        let first = answered[0];
        assert_eq!(first["object"]["definition"]["interactionType"], json!("choice"));
        assert_eq!(first["object"]["definition"]["correctResponsesPattern"], json!(["scam"]));
        assert_eq!(first["result"]["response"], json!("scam"));
        assert_eq!(first["context"]["contextActivities"]["parent"][0]["id"], all[0]["object"]["id"]);
        assert_eq!(first["timestamp"], json!(timestamp(dana.started + dana.items[0].seconds)));
        assert_eq!(first["context"]["registration"], all[0]["context"]["registration"]);
        let times: Vec<&str> = answered.iter().map(|s| s["timestamp"].as_str().unwrap()).collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    }

    #[test]
    fn ids_are_stable_unique_version_8_uuids() {
        let opts = XapiOptions { answers: true, ..XapiOptions::default() };
        let once = statements(&samples(), &opts);
        let again = statements(&samples(), &opts);
        let ids: Vec<&str> = once.iter().map(|s| s["id"].as_str().unwrap()).collect();
        assert_eq!(ids, again.iter().map(|s| s["id"].as_str().unwrap()).collect::<Vec<_>>());
        let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len());
        for id in ids {
            assert_eq!(id.len(), 36);
            assert_eq!(&id[14..15], "8", "{id}");
            assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
        }
        let elsewhere = XapiOptions { base: "https://lms.example/x".into(), ..opts };
        assert_ne!(statements(&samples(), &elsewhere)[0]["id"], once[0]["id"]);
    }

    #[test]
    fn ids_in_iris_are_percent_encoded_and_iris_are_checked() {
        assert_eq!(encode("new hire/2"), "new%20hire%2F2");
        assert_eq!(encode("é"), "%C3%A9");
        assert!(check_iri("https://lms.example/xapi").is_ok());
        assert!(check_iri("urn:x").is_ok());
        for bad in ["lms.example", "https://a b", "1http://x", "https:"] {
            assert!(check_iri(bad).is_err(), "{bad}");
        }
    }
}
