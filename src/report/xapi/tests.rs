//! xAPI statements: verbs, results, ids, actors and activities as an LRS reads them.

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
    let who = |r: &CompletionRecord, opts: &XapiOptions| statements(std::slice::from_ref(r), opts)[0]["actor"].clone();
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
