//! `smishdrill send` against a fake LRS on 127.0.0.1 that answers exactly the status codes
//! each case needs (cheap and deterministic; the real LRSs are in `send_real_lrs.rs`).

mod lrs_common;

use lrs_common::*;

fn ok() -> Answer {
    (200, vec![], "[]".into())
}

#[test]
fn every_statement_is_posted_once_with_the_xapi_headers_and_basic_auth() {
    let dir = fresh("happy");
    let data = data_with_samples(&dir);
    let lrs = FakeLrs::start(|_, _| ok());
    let config = config(&dir, &lrs.endpoint, "batch = 5");
    let expected = exported_ids(&config, &data, false);
    let (code, out, err) = smishdrill(&config, &data, "s3cret", &["send"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(&format!("Sent {} statements", expected.len())), "{out}");
    let requests = lrs.requests();
    assert_eq!(requests.len(), expected.len().div_ceil(5), "batches of 5");
    for r in &requests {
        assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/xAPI/statements"));
        assert_eq!(r.header("x-experience-api-version"), Some("1.0.3"));
        assert_eq!(r.header("content-type"), Some("application/json"));
        // base64("smishdrill:s3cret")
        assert_eq!(r.header("authorization"), Some("Basic c21pc2hkcmlsbDpzM2NyZXQ="));
    }
    let sent: Vec<String> =
        requests.iter().flat_map(|r| r.statements()).map(|s| s["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(sent, expected, "the statements report --format xapi gives, in order");
    assert!(!out.contains("s3cret") && !err.contains("s3cret"));

    let (code, out, _) = smishdrill(&config, &data, "s3cret", &["send"]);
    assert_eq!(code, 0);
    assert!(out.contains("Nothing to send"), "{out}");
    assert_eq!(lrs.requests().len(), requests.len(), "sending again posts nothing");

    // With --answers only the answered statements are new.
    let (code, out, _) = smishdrill(&config, &data, "s3cret", &["send", "--answers"]);
    assert_eq!(code, 0, "{out}");
    let answered: Vec<serde_json::Value> =
        lrs.requests()[requests.len()..].iter().flat_map(|r| r.statements()).collect();
    assert!(!answered.is_empty());
    assert!(answered.iter().all(|s| s["verb"]["id"].as_str().unwrap().ends_with("/answered")));
}

#[test]
fn a_server_error_then_success_is_retried_and_429_waits_for_retry_after() {
    let dir = fresh("retry");
    let data = data_with_samples(&dir);
    let lrs = FakeLrs::start(|n, _| match n {
        0 => (500, vec![], "busy".into()),
        1 => (429, vec![("Retry-After", "1".to_string())], String::new()),
        _ => ok(),
    });
    let config = config(&dir, &lrs.endpoint, "batch = 100");
    let (code, out, err) = smishdrill(&config, &data, "x", &["send"]);
    assert_eq!(code, 0, "{out}{err}");
    let requests = lrs.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0].body, requests[2].body, "the same batch again");
    assert!(out.contains("Sent 16 statements"), "{out}");
}

#[test]
fn an_lrs_that_stays_down_keeps_everything_for_the_next_send() {
    let dir = fresh("down");
    let data = data_with_samples(&dir);
    let lrs = FakeLrs::start(|_, _| (503, vec![], "maintenance".into()));
    let config_path = config(&dir, &lrs.endpoint, "");
    let (code, out, err) = smishdrill(&config_path, &data, "x", &["send"]);
    assert_eq!(code, 1);
    assert_eq!(lrs.requests().len(), 4, "a few tries");
    assert!(err.contains("stopped sending: the LRS answered 503"), "{err}");
    assert!(out.contains("16 statements wait in the outbox"), "{out}");

    let up = FakeLrs::start(|_, _| ok());
    let config_path = config(&dir, &up.endpoint, "");
    let (code, out, _) = smishdrill(&config_path, &data, "x", &["send"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("16 statements waited in the outbox"), "{out}");
    assert_eq!(up.requests().iter().map(|r| r.statements().len()).sum::<usize>(), 16);
}

#[test]
fn nobody_listening_is_a_network_error_kept_for_later() {
    let dir = fresh("refused");
    let data = data_with_samples(&dir);
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let config = config(&dir, &format!("http://127.0.0.1:{port}/xAPI"), "");
    let (code, out, err) = smishdrill(&config, &data, "x", &["send"]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot reach the LRS"), "{err}");
    assert!(out.contains("16 statements wait in the outbox"), "{out}");
}

#[test]
fn wrong_credentials_stop_with_a_clear_message_that_never_shows_the_secret() {
    let dir = fresh("auth");
    let data = data_with_samples(&dir);
    let lrs = FakeLrs::start(|_, _| (401, vec![], "Unauthorized".into()));
    let config = config(&dir, &lrs.endpoint, "batch = 5");
    let (code, out, err) = smishdrill(&config, &data, "wrong-secret", &["send"]);
    assert_eq!(code, 1);
    assert_eq!(lrs.requests().len(), 1, "no retry with the same wrong credentials");
    assert!(err.contains("the LRS refused the credentials (401)"), "{err}");
    assert!(err.contains(&format!("${SECRET_ENV}")), "{err}");
    assert!(!err.contains("wrong-secret") && !out.contains("wrong-secret"));
    assert!(out.contains("16 statements wait in the outbox"), "{out}");

    let forbidden = FakeLrs::start(|_, _| (403, vec![], String::new()));
    let config = lrs_common::config(&dir, &forbidden.endpoint, "");
    let (code, _, err) = smishdrill(&config, &data, "x", &["send"]);
    assert_eq!(code, 1);
    assert!(err.contains("refused the credentials (403)"), "{err}");
}

#[test]
fn a_refused_statement_is_found_and_set_aside_with_the_reason_while_the_rest_go() {
    let dir = fresh("reject");
    let data = data_with_samples(&dir);
    let config_path = config(&dir, "http://127.0.0.1:9/", "");
    let ids = exported_ids(&config_path, &data, false);
    let bad = ids[5].clone();
    let bad_in_lrs = bad.clone();
    // A strict LRS: any batch holding the bad statement is refused whole, with a reason that
    // carries a terminal escape (untrusted text must be printed safely).
    let lrs = FakeLrs::start(move |_, r| {
        if r.body.contains(&bad_in_lrs) {
            (400, vec![], format!("statement {bad_in_lrs}: \u{1b}[31mverb.display is invalid"))
        } else {
            ok()
        }
    });
    let config_path = config(&dir, &lrs.endpoint, "batch = 8");
    let (code, out, _) = smishdrill(&config_path, &data, "x", &["send"]);
    assert_eq!(code, 1, "something was refused");
    assert!(out.contains("Sent 15 statements"), "{out}");
    assert!(
        out.contains(&format!("Refused (400): statement {bad}: statement {bad}: ␛[31mverb.display is invalid")),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'));
    let rejected = std::fs::read_to_string(data.join("xapi-rejected.jsonl")).unwrap();
    assert_eq!(rejected.lines().count(), 1);
    let line: serde_json::Value = serde_json::from_str(rejected.lines().next().unwrap()).unwrap();
    assert_eq!((line["id"].as_str(), line["status"].as_u64()), (Some(bad.as_str()), Some(400)));
    assert!(line["reason"].as_str().unwrap().contains("verb.display is invalid"));
    let accepted: Vec<String> = lrs
        .requests()
        .iter()
        .filter(|r| !r.body.contains(&bad))
        .flat_map(|r| r.statements())
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(accepted.len(), 15);
    assert!(ids.iter().filter(|id| **id != bad).all(|id| accepted.contains(id)));
    let (code, out, _) = smishdrill(&config_path, &data, "x", &["send"]);
    assert_eq!(code, 0);
    assert!(out.contains("Nothing to send"), "the refused statement is not sent again: {out}");
}

#[test]
fn a_conflict_is_reported_as_one() {
    let dir = fresh("conflict");
    let data = data_with_samples(&dir);
    let lrs = FakeLrs::start(|_, r| {
        if r.statements().len() == 1 && r.body.contains("\"initialized\"") && r.body.contains("ada.lovelace") {
            (409, vec![], "Conflict: a different statement has this id".into())
        } else if r.body.contains("ada.lovelace") && r.body.contains("\"initialized\"") {
            (409, vec![], String::new())
        } else {
            ok()
        }
    });
    let config = config(&dir, &lrs.endpoint, "batch = 4");
    let (code, out, _) = smishdrill(&config, &data, "x", &["send"]);
    assert_eq!(code, 1);
    assert!(out.contains("Conflict (409): the LRS already holds a different statement with id"), "{out}");
    assert!(out.contains("a different statement has this id"), "{out}");
}

#[test]
fn a_dry_run_lists_the_statements_and_touches_nothing() {
    let dir = fresh("dry");
    let data = data_with_samples(&dir);
    let lrs = FakeLrs::start(|_, _| ok());
    let config = config(&dir, &lrs.endpoint, "");
    let ids = exported_ids(&config, &data, true);
    let (code, out, err) = smishdrill(&config, &data, "", &["send", "--dry-run", "--answers"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(&format!("Dry run: would POST {} statements", ids.len())), "{out}");
    for id in &ids {
        assert!(out.contains(id.as_str()), "{id} missing");
    }
    assert!(lrs.requests().is_empty(), "nothing was sent");
    assert!(!data.join("xapi-outbox.jsonl").exists(), "nothing was written");
}

#[test]
fn a_secret_in_the_config_file_is_refused() {
    let dir = fresh("secret");
    let data = data_with_samples(&dir);
    let path = dir.join("config.toml");
    std::fs::write(&path, "[lrs]\nendpoint = \"http://127.0.0.1:9/\"\nkey = \"k\"\nsecret = \"hunter2\"\n").unwrap();
    let (code, _, err) = smishdrill(&path, &data, "", &["send"]);
    assert_eq!(code, 2);
    let shown = path.display().to_string();
    assert!(err.contains(&format!("{shown}:4:10: the LRS secret must not be written in the config file")), "{err}");
    assert!(!err.contains("hunter2"));
}

#[test]
fn without_an_lrs_section_send_says_what_to_add() {
    let dir = fresh("nolrs");
    let data = data_with_samples(&dir);
    let path = dir.join("config.toml");
    std::fs::write(&path, "profile = \"ada\"\n").unwrap();
    let (code, _, err) = smishdrill(&path, &data, "", &["send"]);
    assert_eq!(code, 2);
    assert!(err.contains("no LRS is configured: add an [lrs] section"), "{err}");
}

#[test]
fn a_missing_secret_variable_is_named() {
    let dir = fresh("nosecret");
    let data = data_with_samples(&dir);
    let lrs = FakeLrs::start(|_, _| ok());
    let config = config(&dir, &lrs.endpoint, "");
    let (code, _, err) = smishdrill(&config, &data, "", &["send"]);
    assert_eq!(code, 1);
    assert!(err.contains(&format!("environment variable {SECRET_ENV}, which is not set")), "{err}");
    assert!(lrs.requests().is_empty());
}

#[test]
fn the_secret_can_come_from_a_command() {
    let dir = fresh("command");
    let data = data_with_samples(&dir);
    let lrs = FakeLrs::start(|_, _| ok());
    let path = dir.join("config.toml");
    let text =
        format!("[lrs]\nendpoint = \"{}\"\nkey = \"k\"\nsecret_command = \"printf from-a-command\"\n", lrs.endpoint);
    std::fs::write(&path, text).unwrap();
    let (code, out, err) = smishdrill(&path, &data, "", &["send"]);
    assert_eq!(code, 0, "{out}{err}");
    // base64("k:from-a-command")
    assert_eq!(lrs.requests()[0].header("authorization"), Some("Basic azpmcm9tLWEtY29tbWFuZA=="));
    let (code, out, _) = smishdrill(&path, &data, "", &["config"]);
    assert_eq!(code, 0);
    assert!(out.contains("from command `printf from-a-command`"), "{out}");
}
