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

mod ids;
mod options;
#[cfg(test)]
mod tests;

use serde_json::{Value, json};

use crate::learning::completion::{CompletionRecord, ItemResult, Status};

use super::iso8601::{duration, timestamp};
use super::sorted;
pub use ids::uuid_v8;
use ids::{Ids, encode};
use options::actor;
pub use options::{
    ActorKind, DEFAULT_BASE, DEFAULT_HOMEPAGE, DEFAULT_LANGUAGE, XapiOptions, check_iri, looks_like_email,
};

const VERBS: &str = "http://adlnet.gov/expapi/verbs";
const ASSESSMENT: &str = "http://adlnet.gov/expapi/activities/assessment";
const COURSE: &str = "http://adlnet.gov/expapi/activities/course";
const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
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
