//! Every exported xAPI statement must be one a learning record store accepts: checked against
//! a JSON Schema written from the xAPI 1.0.3 spec (`tests/data/xapi-statement.schema.json`),
//! plus the rules JSON Schema cannot say (a score's raw between min and max, min below max).
//! Broken statements are checked to be rejected, so these tests can fail.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};
use smishdrill::learning::completion::CompletionRecord;
use smishdrill::report::xapi::{ActorKind, XapiOptions, statements};

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string("tests/data/xapi-statement.schema.json").unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).expect("the schema compiles")
}

fn samples() -> Vec<CompletionRecord> {
    let mut all = Vec::new();
    for name in ["ada", "ben", "chen", "dana"] {
        let text = std::fs::read_to_string(Path::new("tests/data/records").join(format!("{name}.json"))).unwrap();
        all.extend(serde_json::from_str::<Vec<CompletionRecord>>(&text).unwrap());
    }
    all
}

/// The schema's verdict and the cross-field score rules, as one list of problems.
fn problems(validator: &jsonschema::Validator, statement: &Value) -> Vec<String> {
    let mut out: Vec<String> =
        validator.iter_errors(statement).map(|e| format!("{e} at {}", e.instance_path())).collect();
    if let Some(score) = statement.pointer("/result/score") {
        let get = |k: &str| score.get(k).and_then(Value::as_f64);
        if let (Some(min), Some(max)) = (get("min"), get("max"))
            && min >= max
        {
            out.push(format!("score.min {min} must be below score.max {max}"));
        }
        if let Some(raw) = get("raw")
            && (get("min").is_some_and(|min| raw < min) || get("max").is_some_and(|max| raw > max))
        {
            out.push(format!("score.raw {raw} is outside min..max"));
        }
    }
    out
}

fn assert_all_valid(validator: &jsonschema::Validator, all: &[Value]) {
    assert!(!all.is_empty());
    for s in all {
        let p = problems(validator, s);
        assert!(p.is_empty(), "{p:#?}\n{}", serde_json::to_string_pretty(s).unwrap());
    }
}

#[test]
fn every_exported_statement_is_valid_xapi() {
    let v = validator();
    let with_answers = XapiOptions { answers: true, ..XapiOptions::default() };
    let all = statements(&samples(), &with_answers);
    assert!(all.len() > 30, "attempts, completions and answers: {}", all.len());
    assert_all_valid(&v, &all);
    let elsewhere = XapiOptions {
        homepage: "https://hr.example.com".into(),
        base: "https://lms.example.com/xapi/".into(),
        answers: true,
        ..XapiOptions::default()
    };
    assert_all_valid(&v, &statements(&samples(), &elsewhere));
}

#[test]
fn account_and_mbox_actors_and_other_languages_make_valid_statements() {
    let v = validator();
    let accounts =
        XapiOptions { actor: ActorKind::Account, language: "es-419".into(), answers: true, ..XapiOptions::default() };
    let all = statements(&samples(), &accounts);
    assert_all_valid(&v, &all);
    assert!(all.iter().all(|s| s["actor"].get("account").is_some() && s["actor"].get("mbox").is_none()));
    assert!(all.iter().all(|s| s["verb"]["display"].get("es-419").is_some()));
    let mboxes = XapiOptions {
        actor: ActorKind::Mbox,
        mbox_domain: Some("corp.example".into()),
        answers: true,
        ..XapiOptions::default()
    };
    let all = statements(&samples(), &mboxes);
    assert_all_valid(&v, &all);
    for s in &all {
        let name = s["actor"]["name"].as_str().unwrap();
        if name.contains(' ') {
            // "Chen Wei" makes no address: an account, not an invalid mbox.
            assert!(s["actor"].get("mbox").is_none() && s["actor"].get("account").is_some(), "{s}");
        } else {
            assert!(s["actor"]["mbox"].as_str().is_some_and(|m| m.starts_with("mailto:")), "{s}");
        }
    }
}

#[test]
fn every_attempt_is_one_registration_from_initialized_to_terminated() {
    let all = statements(&samples(), &XapiOptions { answers: true, ..XapiOptions::default() });
    let mut by_registration: std::collections::BTreeMap<String, Vec<&Value>> = Default::default();
    for s in &all {
        by_registration.entry(s["context"]["registration"].as_str().unwrap().to_string()).or_default().push(s);
    }
    assert_eq!(by_registration.len(), samples().len(), "one registration per attempt");
    for (registration, group) in by_registration {
        let verbs: Vec<&str> = group.iter().map(|s| s["verb"]["display"]["en-US"].as_str().unwrap()).collect();
        assert_eq!(verbs.first(), Some(&"initialized"), "{registration}: {verbs:?}");
        assert_eq!(verbs.last(), Some(&"terminated"), "{registration}: {verbs:?}");
        assert_eq!(verbs.iter().filter(|v| **v == "initialized" || **v == "terminated").count(), 2);
        let times: Vec<&str> = group.iter().map(|s| s["timestamp"].as_str().unwrap()).collect();
        assert!(times.iter().all(|t| times[0] <= *t && *t <= times[times.len() - 1]), "{times:?}");
    }
}

#[test]
fn odd_names_and_ids_still_make_valid_statements() {
    let mut r = samples().remove(0);
    r.learner = "Zoë O'Brien, Sales".into();
    r.deck = "new hire/2026 [v2]".into();
    r.items[0].scenario = "id with spaces".into();
    let all = statements(&[r], &XapiOptions { answers: true, ..XapiOptions::default() });
    assert_all_valid(&validator(), &all);
}

/// Breaks a valid statement one way at a time; each must be rejected.
#[test]
fn broken_statements_are_rejected() {
    let v = validator();
    let good = statements(&samples()[..1], &XapiOptions { answers: true, ..XapiOptions::default() });
    let attempt = good.iter().find(|s| s["verb"]["display"]["en-US"] == "passed").unwrap().clone();
    let answered = good.iter().find(|s| s["verb"]["display"]["en-US"] == "answered").unwrap().clone();
    assert!(problems(&v, &attempt).is_empty());
    type Breaker = fn(&mut Value);
    let breakers: [(&str, Breaker); 19] = [
        ("no actor", |s| drop(s.as_object_mut().unwrap().remove("actor"))),
        ("no verb", |s| drop(s.as_object_mut().unwrap().remove("verb"))),
        ("no object", |s| drop(s.as_object_mut().unwrap().remove("object"))),
        ("verb id not an IRI", |s| s["verb"]["id"] = json!("passed")),
        ("activity id with a space", |s| s["object"]["id"] = json!("https://x.example/a b")),
        ("id not a UUID", |s| s["id"] = json!("1234")),
        ("UUID of version 0", |s| s["id"] = json!("12345678-1234-0234-8234-123456789012")),
        ("timestamp without a zone", |s| s["timestamp"] = json!("2026-03-02T14:05:09")),
        ("timestamp with a space", |s| s["timestamp"] = json!("2026-03-02 14:05:09Z")),
        ("duration without parts", |s| s["result"]["duration"] = json!("PT")),
        ("duration without P", |s| s["result"]["duration"] = json!("5M12S")),
        ("scaled score above 1", |s| s["result"]["score"]["scaled"] = json!(1.5)),
        ("raw score above max", |s| s["result"]["score"]["raw"] = json!(99)),
        ("min not below max", |s| s["result"]["score"]["min"] = json!(8)),
        ("language map key not a tag", |s| s["verb"]["display"] = json!({ "english please": "passed" })),
        ("language map value not text", |s| s["object"]["definition"]["name"] = json!({ "en-US": 3 })),
        ("two identifiers for one agent", |s| {
            s["actor"]["account"] = json!({ "homePage": "https://x.example", "name": "a" })
        }),
        ("mbox without mailto", |s| s["actor"]["mbox"] = json!("ada@example.com")),
        ("an unknown property", |s| s["grade"] = json!("A")),
    ];
    for (what, breaker) in breakers {
        let mut s = attempt.clone();
        breaker(&mut s);
        assert!(!problems(&v, &s).is_empty(), "{what} was accepted");
    }
    let interaction_breakers: [(&str, Breaker); 3] = [
        ("unknown interaction type", |s| s["object"]["definition"]["interactionType"] = json!("multiple")),
        ("choices without interaction type", |s| {
            drop(s["object"]["definition"].as_object_mut().unwrap().remove("interactionType"))
        }),
        ("parent that is not an activity", |s| s["context"]["contextActivities"]["parent"] = json!(["x"])),
    ];
    for (what, breaker) in interaction_breakers {
        let mut s = answered.clone();
        assert!(problems(&v, &s).is_empty());
        breaker(&mut s);
        assert!(!problems(&v, &s).is_empty(), "{what} was accepted");
    }
}

#[test]
fn the_command_line_export_is_valid_xapi() {
    let dir = std::env::temp_dir().join(format!("smishdrill-xapi-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let lines: String = samples().iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect();
    std::fs::write(dir.join("completions.jsonl"), lines).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_smishdrill"))
        .args(["--data-dir", dir.to_str().unwrap(), "report", "--format", "xapi", "--answers"])
        .env("XDG_CONFIG_HOME", &dir)
        .env_remove("SMISHDRILL_CONFIG")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).expect("a JSON array");
    assert_all_valid(&validator(), &all);
    let verbs: Vec<&str> = all.iter().map(|s| s["verb"]["display"]["en-US"].as_str().unwrap()).collect();
    for verb in ["initialized", "passed", "failed", "terminated", "completed", "answered"] {
        assert!(verbs.contains(&verb), "{verb} missing from {verbs:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
