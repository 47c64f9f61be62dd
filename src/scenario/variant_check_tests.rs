//! The quick variant test agrees with the full check, and `check` still finds a problem that
//! only some draws make.

use crate::corpus::{Corpus, EMBEDDED};
use crate::scenario::validate::{Draw, parse_template};

/// A scam whose `{who}` and `{host}` picks are fine for most draws: `bad` replaces one value
/// with one that breaks a rule only when drawn.
fn scam_with(pick_who: &str, pick_host: &str) -> String {
    format!(
        r#"id = "toll-some-draws"
verdict = "scam"
category = "toll"
title = "T"
verify = ["v"]
sources = ["https://example.org"]

[vars]
who = {{ pick = [{pick_who}] }}
host = {{ pick = [{pick_host}] }}

[[thread]]
sender = "x@y.example"
text = "{{who}}: pay now at https://{{host}}.com-new.xin/pay"

[[flag]]
kind = "sender"
quote = "x@y.example"
why = "w"

[[flag]]
kind = "urgency"
quote = "pay now"
why = "{{who}}"
"#
    )
}

const FINE_WHO: &str = r#""E-ZPass", "SunPass", "FasTrak", "TxTag", "Peach Pass", "Good To Go", "I-Pass", "K-Tag""#;
const FINE_HOST: &str = r#""ezpass", "sunpass", "fastrak", "txtag", "peachpass", "goodtogo", "ipass", "ktag""#;

/// The quick test and the full check give the same answer for `seeds` variants of `text`.
fn assert_agree(path: &str, text: &str, seeds: std::ops::Range<u64>) -> usize {
    let template = parse_template(path, text).expect("parses");
    let mut failing = 0;
    for seed in seeds {
        let draw = Draw { seed, today: 20_782 };
        let full = template.variant_rules_only(draw).is_ok();
        assert_eq!(template.variant_passes(draw), full, "{path}, seed {seed}");
        failing += usize::from(!full);
    }
    failing
}

#[test]
fn the_quick_test_agrees_with_the_full_check_on_the_bundled_corpus() {
    for (path, text) in EMBEDDED.iter().filter(|(_, t)| t.contains("[vars]")) {
        assert_eq!(assert_agree(path, text, 0..40), 0, "{path}: the bundled corpus passes");
    }
}

#[test]
fn the_quick_test_agrees_with_the_full_check_when_some_draws_break_a_rule() {
    let who_zero_width = FINE_WHO.replace("\"TxTag\"", "\"Tx\\u200BTag\"");
    let host_criminal = FINE_HOST.replace("\"txtag\"", "\"dhl\"");
    let who_real_number = FINE_WHO.replace("\"TxTag\"", "\"Call (212) 867-5309\"");
    let who_empty = FINE_WHO.replace("\"TxTag\"", "\" \"");
    for (name, who, host) in [
        ("zero width", who_zero_width.as_str(), FINE_HOST),
        ("criminal domain", FINE_WHO, host_criminal.as_str()),
        ("real number", who_real_number.as_str(), FINE_HOST),
        ("blank", who_empty.as_str(), FINE_HOST),
    ] {
        let text = scam_with(who, host);
        let failing = assert_agree(name, &text, 0..64);
        assert!(failing > 0 && failing < 64, "{name}: only some draws break the rule ({failing} of 64)");
    }
    // A quote that only some variants contain.
    let text = scam_with(FINE_WHO, FINE_HOST).replace("quote = \"pay now\"", "quote = \"SunPass: pay now\"");
    let failing = assert_agree("quote", &text, 0..64);
    assert!(failing > 0 && failing < 64, "quote: {failing} of 64");
}

/// `check` (every variant) reports the problem a rare draw makes, at the place the full check
/// points at, even though variant 0 and the file as written are fine.
#[test]
fn check_finds_a_problem_that_only_some_draws_make() {
    let cases = [
        (scam_with(&FINE_WHO.replace("\"TxTag\"", "\"Tx\\u200BTag\""), FINE_HOST), "contains U+200B"),
        (scam_with(FINE_WHO, &FINE_HOST.replace("\"txtag\"", "\"dhl\"")), "dhl.com-new.xin"),
        (scam_with(&FINE_WHO.replace("\"TxTag\"", "\"Call (212) 867-5309\""), FINE_HOST), "(212) 867-5309"),
    ];
    for (text, words) in cases {
        let template = parse_template("f.toml", &text).expect("parses");
        assert!(template.variant(Draw { seed: 0, today: 20_782 }).is_ok(), "variant 0 is fine: {words}");
        let corpus = Corpus::from_sources([("f.toml".to_string(), Ok(text.clone()))]);
        assert!(corpus.scenarios.is_empty(), "{words}: the file is refused");
        let first = corpus.problems.first().map(ToString::to_string).unwrap_or_default();
        assert!(
            first.starts_with("f.toml:") && first.contains("in the variant drawn with seed") && first.contains(words),
            "{first}"
        );
        // The same words, at the same place, as the full check of that seed gives.
        let seed: u64 = first
            .split("seed ")
            .nth(1)
            .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|s| s.parse().ok())
            .expect("a seed");
        let full =
            template.variant_rules_only(Draw { seed, today: crate::scenario::dates::Date::today_days() }).unwrap_err();
        assert_eq!(full[0].at, corpus.problems[0].at, "{words}");
    }
}

/// The trainer (`--scenarios DIR`) checks each file's first variant in full and each variant
/// a round draws in full: a file that only some draws break loads, and no round ever shows
/// one of those draws. `check` refuses the file.
#[test]
fn the_trainer_never_shows_a_draw_that_breaks_a_rule_and_check_refuses_it() {
    let text = scam_with(&FINE_WHO.replace("\"TxTag\"", "\"Tx\\u200BTag\""), FINE_HOST);
    let dir = std::env::temp_dir().join(format!("smishdrill-some-draws-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("f.toml"), &text).unwrap();
    let trainer = Corpus::from_paths(std::slice::from_ref(&dir));
    let (files, problems) = crate::corpus::files_under(std::slice::from_ref(&dir));
    let check = Corpus::from_files(files, problems);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(check.scenarios.is_empty(), "check refuses it");
    assert!(check.problems[0].to_string().contains("U+200B"), "{}", check.problems[0]);
    assert!(trainer.problems.is_empty(), "{:?}", trainer.problems);
    let scenario = &trainer.scenarios[0];
    let mut texts = std::collections::BTreeSet::new();
    for seed in 0..64 {
        let v = scenario.variant(Draw { seed, today: 20_782 });
        assert!(v.thread.iter().all(|m| !m.text.contains('\u{200B}')), "seed {seed}");
        texts.insert(v.thread[0].text.clone());
    }
    assert!(texts.len() > 1, "rounds still draw fresh variants");
}
