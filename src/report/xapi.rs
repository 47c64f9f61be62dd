//! xAPI 1.0.3 statements, so a company's learning record store (LRS) can hold who passed.
//!
//! Per attempt: `passed` or `failed` for a finished attempt; an unfinished one is `terminated`
//! with `result.completion = false` and no `success` (ADL's verb for "left the activity";
//! `failed` would claim a verdict the learner never reached). A passed attempt in course mode
//! adds `completed` for the course activity. With answers, one `answered` statement per item
//! the learner answered — an item left unanswered (quit, time ran out) was not answered, so it
//! gets none; it still counts against the attempt's score.
//!
//! Every attempt is bracketed cmi5-style: `initialized` when it started and `terminated` when it
//! ended (an unfinished attempt's own statement is that `terminated`), all sharing the
//! attempt's `context.registration`, which is what session-minded LRSs pair up.
//!
//! Who: `ActorKind` — `auto` (mbox for an email-address learner, else an account), `account`
//! (always homePage + name, what an LMS that keys on its own user names wants) or `mbox`
//! (a learner without `@` gets `name@mbox_domain`). Display strings are keyed by the configured
//! language (`en-US` unless the config says otherwise).
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
pub const DEFAULT_LANGUAGE: &str = "en-US";

/// How a learner is identified in `actor`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ActorKind {
    /// `mbox` when the learner's name is an email address, else an account.
    #[default]
    Auto,
    /// Always an account: `homePage` + `name`.
    Account,
    /// Always `mbox`; a name without `@` gets `@mbox_domain`.
    Mbox,
}

impl ActorKind {
    pub fn parse(s: &str) -> Option<ActorKind> {
        match s {
            "auto" => Some(ActorKind::Auto),
            "account" => Some(ActorKind::Account),
            "mbox" => Some(ActorKind::Mbox),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ActorKind::Auto => "auto",
            ActorKind::Account => "account",
            ActorKind::Mbox => "mbox",
        }
    }
}

/// Where the statements point.
#[derive(Clone, Debug)]
pub struct XapiOptions {
    /// The account homepage for learners without an email address.
    pub homepage: String,
    /// The base IRI for activity ids and extension keys.
    pub base: String,
    /// One `answered` statement per answered item, too.
    pub answers: bool,
    /// How learners are identified.
    pub actor: ActorKind,
    /// With `ActorKind::Mbox`: the mail domain of learners named without one.
    pub mbox_domain: Option<String>,
    /// The language tag of display strings and `context.language`.
    pub language: String,
}

impl Default for XapiOptions {
    fn default() -> Self {
        XapiOptions {
            homepage: DEFAULT_HOMEPAGE.into(),
            base: DEFAULT_BASE.into(),
            answers: false,
            actor: ActorKind::Auto,
            mbox_domain: None,
            language: DEFAULT_LANGUAGE.into(),
        }
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
    let lang = opts.language.as_str();
    let deck = deck_activity(r, base, lang);
    let who = || actor(&r.learner, opts);
    let context = json!({
        "registration": ids.uuid("registration"),
        "platform": "smishdrill",
        "language": lang,
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
    let initialized = statement(
        ids.uuid("initialized"),
        who(),
        "initialized",
        deck.clone(),
        Value::Null,
        context.clone(),
        r.started,
        lang,
    );
    let mut out = vec![initialized];
    let attempt = statement(ids.uuid("attempt"), who(), verb, deck.clone(), result, context.clone(), r.finished, lang);
    // An unfinished attempt's own statement is its `terminated`: it comes last.
    let mut last = None;
    if r.status == Status::Incomplete {
        last = Some(attempt);
    } else {
        out.push(attempt);
    }
    if r.mode == "course" && r.status == Status::Passed {
        let course = json!({
            "objectType": "Activity",
            "id": format!("{base}/courses/{}", encode(&r.deck)),
            "definition": { "name": { lang: r.deck_title }, "type": COURSE },
        });
        let result = json!({ "completion": true, "success": true, "duration": duration(r.seconds) });
        out.push(statement(
            ids.uuid("completed"),
            who(),
            "completed",
            course,
            result,
            context.clone(),
            r.finished,
            lang,
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
                who(),
                "answered",
                item_activity(item, base, lang),
                result,
                context,
                (r.started + elapsed).min(r.finished.max(r.started)),
                lang,
            ));
        }
    }
    match last {
        Some(attempt) => out.push(attempt),
        None => {
            let result = json!({ "duration": duration(r.seconds) });
            out.push(statement(ids.uuid("terminated"), who(), "terminated", deck, result, context, r.finished, lang));
        }
    }
    out
}

/// The interface's words in the statements' language (`language`, e.g. `en-US`): the
/// catalogue of that language if it is built in, else English. The tag stays the configured
/// one; only the words come from the catalogue.
fn words(lang: &str) -> crate::i18n::Locale {
    crate::i18n::Locale::get(lang).unwrap_or_default()
}

/// A verb's display word (`passed`) from the catalogue; its id stays the ADL verb.
fn verb_display(verb: &str, lang: &str) -> String {
    use crate::i18n::key;
    let k = match verb {
        "initialized" => key("xapi.initialized"),
        "passed" => key("xapi.passed"),
        "failed" => key("xapi.failed"),
        "completed" => key("xapi.completed"),
        "answered" => key("xapi.answered"),
        _ => key("xapi.terminated"),
    };
    words(lang).text(k).into_owned()
}

/// One statement; a `Value::Null` result is left out (`initialized` has none).
#[allow(clippy::too_many_arguments)]
fn statement(
    id: String,
    actor: Value,
    verb: &str,
    object: Value,
    result: Value,
    context: Value,
    at: u64,
    lang: &str,
) -> Value {
    let mut s = json!({
        "id": id,
        "actor": actor,
        "verb": { "id": format!("{VERBS}/{verb}"), "display": { lang: verb_display(verb, lang) } },
        "object": object,
        "result": result,
        "context": context,
        "timestamp": timestamp(at),
        "version": "1.0.3",
    });
    if s["result"].is_null() {
        s.as_object_mut().expect("a statement is an object").remove("result");
    }
    s
}

/// The learner as an Agent, by `opts.actor` (see the module comment).
fn actor(learner: &str, opts: &XapiOptions) -> Value {
    let mbox = match (opts.actor, &opts.mbox_domain) {
        (ActorKind::Account, _) => None,
        _ if looks_like_email(learner) => Some(learner.to_string()),
        (ActorKind::Mbox, Some(domain)) => Some(format!("{learner}@{domain}")).filter(|a| looks_like_email(a)),
        _ => None,
    };
    match mbox {
        Some(address) => json!({ "objectType": "Agent", "name": learner, "mbox": format!("mailto:{address}") }),
        None => json!({
            "objectType": "Agent",
            "name": learner,
            "account": { "homePage": opts.homepage, "name": learner },
        }),
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

fn deck_activity(r: &CompletionRecord, base: &str, lang: &str) -> Value {
    json!({
        "objectType": "Activity",
        "id": format!("{base}/decks/{}", encode(&r.deck)),
        "definition": { "name": { lang: r.deck_title }, "type": ASSESSMENT },
    })
}

fn item_activity(item: &ItemResult, base: &str, lang: &str) -> Value {
    json!({
        "objectType": "Activity",
        "id": format!("{base}/scenarios/{}", encode(&item.scenario)),
        "definition": {
            "name": { lang: item.title },
            "type": INTERACTION,
            "interactionType": "choice",
            "correctResponsesPattern": [item.truth],
            "choices": [
                { "id": "scam", "description": { lang: words(lang).text("verdict.scam") } },
                { "id": "legit", "description": { lang: words(lang).text("verdict.legit") } },
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
        // The actor choice and language change a statement's content, so they are part of its
        // name; left out at their defaults, so ids exported before these settings existed hold.
        let mut extra = String::new();
        if self.opts.actor != ActorKind::Auto {
            extra.push_str(&format!(
                "\0actor:{}:{}",
                self.opts.actor.name(),
                self.opts.mbox_domain.as_deref().unwrap_or("")
            ));
        }
        if self.opts.language != DEFAULT_LANGUAGE {
            extra.push_str(&format!("\0language:{}", self.opts.language));
        }
        let name = [
            "smishdrill-xapi-v1",
            &self.opts.base,
            &self.opts.homepage,
            &self.r.learner,
            &self.r.started.to_string(),
            &self.r.deck,
            role,
        ];
        uuid_v8(&(name.join("\0") + &extra))
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
        // ada (course, passed), ben failed, chen quit, dana (course, passed), ben passed; each
        // bracketed by initialized … terminated.
        #[rustfmt::skip]
        let expected = [
            "initialized", "passed", "completed", "terminated",
            "initialized", "failed", "terminated",
            "initialized", "terminated",
            "initialized", "passed", "completed", "terminated",
            "initialized", "passed", "terminated",
        ];
        assert_eq!(verbs(&all), expected);
        let chen = &all[8];
        assert_eq!(chen["result"]["completion"], json!(false));
        assert!(chen["result"].get("success").is_none());
        assert_eq!(all[2]["object"]["definition"]["type"], json!(COURSE));
    }

    #[test]
    fn an_attempt_statement_carries_score_duration_and_context() {
        let ben = samples().into_iter().find(|r| r.learner == "ben").unwrap();
        let s = &statements(std::slice::from_ref(&ben), &XapiOptions::default())[1];
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
        let ada = &statements(&samples()[..1], &XapiOptions::default())[1];
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
        let elsewhere = XapiOptions { base: "https://lms.example/x".into(), ..opts.clone() };
        assert_ne!(statements(&samples(), &elsewhere)[0]["id"], once[0]["id"]);
        let spanish = XapiOptions { language: "es-US".into(), ..opts.clone() };
        assert_ne!(statements(&samples(), &spanish)[0]["id"], once[0]["id"]);
        let accounts = XapiOptions { actor: ActorKind::Account, ..opts };
        assert_ne!(statements(&samples(), &accounts)[0]["id"], once[0]["id"]);
    }

    #[test]
    fn initialized_and_terminated_bracket_each_attempt_in_one_registration() {
        let ben = samples().into_iter().find(|r| r.learner == "ben").unwrap();
        let all = statements(std::slice::from_ref(&ben), &XapiOptions::default());
        assert_eq!(verbs(&all), ["initialized", "failed", "terminated"]);
        assert_eq!(all[0]["timestamp"], json!(timestamp(ben.started)));
        assert!(all[0].get("result").is_none(), "initialized carries no result");
        assert_eq!(all[2]["timestamp"], json!(timestamp(ben.finished)));
        assert_eq!(all[2]["result"], json!({ "duration": duration(ben.seconds) }));
        let registrations: std::collections::BTreeSet<String> =
            all.iter().map(|s| s["context"]["registration"].to_string()).collect();
        assert_eq!(registrations.len(), 1);
        assert!(all.iter().all(|s| s["object"]["id"] == all[0]["object"]["id"]));
    }

    #[test]
    fn the_actor_follows_the_chosen_kind() {
        let records = samples();
        let ada = records.iter().find(|r| r.learner.starts_with("ada")).unwrap();
        let ben = records.iter().find(|r| r.learner == "ben").unwrap();
        let who =
            |r: &CompletionRecord, opts: &XapiOptions| statements(std::slice::from_ref(r), opts)[0]["actor"].clone();
        let account =
            XapiOptions { actor: ActorKind::Account, homepage: "https://lms.example".into(), ..XapiOptions::default() };
        assert_eq!(who(ada, &account)["account"], json!({ "homePage": "https://lms.example", "name": ada.learner }));
        assert!(who(ada, &account).get("mbox").is_none());
        let mbox =
            XapiOptions { actor: ActorKind::Mbox, mbox_domain: Some("corp.example".into()), ..XapiOptions::default() };
        assert_eq!(who(ben, &mbox)["mbox"], json!("mailto:ben@corp.example"));
        assert_eq!(who(ada, &mbox)["mbox"], json!("mailto:ada.lovelace@example.com"));
    }

    #[test]
    fn display_strings_use_the_configured_language() {
        let opts = XapiOptions { language: "es-US".into(), answers: true, ..XapiOptions::default() };
        let all = statements(&samples(), &opts);
        for s in &all {
            assert_eq!(s["context"]["language"], json!("es-US"));
            assert!(s["verb"]["display"].get("es-US").is_some() && s["verb"]["display"].get("en-US").is_none());
            assert!(s["object"]["definition"]["name"].get("es-US").is_some());
        }
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
