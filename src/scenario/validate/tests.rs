//! One test per validation rule: a valid file is changed in one way and must fail in exactly
//! that way, at the right place.

use super::*;
use crate::scenario::Verdict;

const SCAM: &str = r#"id = "toll-test"
verdict = "scam"
category = "toll"
title = "Test toll"
difficulty = 2

[[thread]]
sender = "+63 917 555 0142"
time = "Today 7:12 PM"
text = "E-ZPass: unpaid toll of $4.35. Pay: https://e-zpassny.com-tollpay.top/ny"

[[flag]]
kind = "sender"
quote = "+63 917 555 0142"
why = "Foreign number."

[[flag]]
kind = "lookalike-link"
quote = "e-zpassny.com-tollpay.top"
why = "Read it from the right."

[[question]]
ask = "What now?"
choices = ["Pay", "Check the site yourself"]
answer = 2
why = "Go to the agency yourself."

verify = ["Forward to 7726."]
sources = ["https://www.ic3.gov/PSA/2024/PSA240412"]
"#;

const LEGIT: &str = r#"id = "postage-test"
verdict = "legit"
category = "postage"
title = "USPS tracking"

[[thread]]
from_me = true
text = "9400100000000000000000"

[[thread]]
sender = "28777"
text = "USPS 9400100000000000000000, Delivered. Reply HELP 4 info-STOP to cancel"

[[sign]]
kind = "official-sender"
quote = "28777"
why = "USPS short code."

[[sign]]
kind = "no-link"
why = "Nothing to tap."

verify = ["Check usps.com yourself."]
"#;

fn problems(text: &str) -> Vec<String> {
    match parse_scenario("t.toml", text) {
        Ok(_) => Vec::new(),
        Err(ps) => ps.iter().map(ToString::to_string).collect(),
    }
}

fn only_problem(text: &str) -> String {
    let ps = problems(text);
    assert_eq!(ps.len(), 1, "expected exactly one problem, got {ps:#?}");
    ps[0].clone()
}

#[test]
fn valid_files_parse() {
    let scam = parse_scenario("t.toml", SCAM).expect("scam is valid").scenario;
    assert_eq!(scam.verdict, Verdict::Scam);
    assert_eq!(scam.flags.len(), 2);
    assert_eq!(scam.question.as_ref().map(|q| q.answer), Some(1));
    let legit = parse_scenario("t.toml", LEGIT).expect("legit is valid").scenario;
    assert!(legit.thread[0].from_me());
    assert_eq!(legit.thread_sender(), "28777");
    assert_eq!(legit.signs[1].quote, None);
}

#[test]
fn syntax_error_has_line_and_column() {
    let p = only_problem("id = \"x\"\ntitle = \n");
    assert!(p.starts_with("t.toml:2:"), "{p}");
}

#[test]
fn unknown_key_is_reported_where_it_is() {
    let p = only_problem(&SCAM.replace("difficulty = 2", "difficulty = 2\ncolour = \"red\""));
    assert!(p.starts_with("t.toml:6:1:"), "{p}");
    assert!(p.contains("colour"), "{p}");
}

#[test]
fn unknown_kind_suggests_the_near_one() {
    let p = only_problem(&SCAM.replace("kind = \"sender\"", "kind = \"senders\""));
    assert_eq!(p, "t.toml:13:8: unknown red-flag kind `senders` (did you mean `sender`?)");
}

#[test]
fn unknown_sign_kind_and_category_and_verdict() {
    assert!(only_problem(&LEGIT.replace("\"no-link\"", "\"nolink\"")).contains("unknown sign kind `nolink`"));
    assert!(only_problem(&SCAM.replace("category = \"toll\"", "category = \"tolls\"")).contains("did you mean `toll`"));
    assert!(only_problem(&SCAM.replace("verdict = \"scam\"", "verdict = \"spam\"")).contains("unknown verdict `spam`"));
}

#[test]
fn quote_must_appear_in_the_thread() {
    let p = only_problem(&SCAM.replace("quote = \"e-zpassny.com-tollpay.top\"", "quote = \"ezpass.top\""));
    assert_eq!(p, "t.toml:19:9: quote `ezpass.top` appears in no sender or text of the thread");
}

#[test]
fn scam_needs_two_flags() {
    let one_flag = SCAM.replace("[[flag]]\nkind = \"lookalike-link\"\nquote = \"e-zpassny.com-tollpay.top\"\nwhy = \"Read it from the right.\"\n", "");
    assert!(only_problem(&one_flag).ends_with("a scam needs at least two [[flag]] entries, found 1"));
}

#[test]
fn legit_with_flags_and_without_signs() {
    let with_flag = LEGIT.replace("[[sign]]\nkind = \"official-sender\"", "[[flag]]\nkind = \"sender\"");
    assert!(only_problem(&with_flag).contains("must not have [[flag]]"));
    let no_signs = LEGIT.replace("[[sign]]\nkind = \"official-sender\"\nquote = \"28777\"\nwhy = \"USPS short code.\"\n\n[[sign]]\nkind = \"no-link\"\nwhy = \"Nothing to tap.\"\n", "");
    assert!(only_problem(&no_signs).ends_with("a genuine message needs at least one [[sign]]"));
}

#[test]
fn answer_out_of_range() {
    let p = only_problem(&SCAM.replace("answer = 2", "answer = 3"));
    assert_eq!(p, "t.toml:25:10: answer 3 is out of range: choose 1 to 2");
    assert!(only_problem(&SCAM.replace("answer = 2", "answer = 0")).contains("answer 0 is out of range"));
}

#[test]
fn scam_needs_a_source() {
    let p = only_problem(&SCAM.replace("sources = [\"https://www.ic3.gov/PSA/2024/PSA240412\"]", ""));
    assert!(p.ends_with("a scam needs at least one entry in `sources` (the public advisory it mirrors)"), "{p}");
    assert!(only_problem(&SCAM.replace("https://www.ic3.gov", "www.ic3.gov")).contains("not an http(s) address"));
}

#[test]
fn control_characters_are_rejected_at_the_character() {
    let p = only_problem(&SCAM.replace("Pay: https", "Pay: \\u001b[2Jhttps"));
    assert!(p.contains("U+001B"), "{p}");
    assert!(p.starts_with("t.toml:10:"), "{p}");
    assert!(only_problem(&SCAM.replace("Test toll", "Test\u{202E}toll")).contains("bidirectional"));
}

#[test]
fn missing_keys_are_all_reported() {
    let ps = problems(&SCAM.replace("title = \"Test toll\"\n", "").replace("verify = [\"Forward to 7726.\"]\n", ""));
    assert_eq!(ps.len(), 2, "{ps:#?}");
    assert!(ps.iter().any(|p| p.contains("missing required key `title`")));
    assert!(ps.iter().any(|p| p.contains("missing required key `verify`")));
}

#[test]
fn bad_id_and_difficulty() {
    assert!(only_problem(&SCAM.replace("toll-test", "Toll_Test")).contains("lowercase-kebab"));
    assert!(only_problem(&SCAM.replace("difficulty = 2", "difficulty = 5")).contains("difficulty must be 1, 2 or 3"));
}

#[test]
fn from_me_and_sender_rules() {
    let both = LEGIT.replace("from_me = true\n", "from_me = true\nsender = \"me\"\n");
    assert!(only_problem(&both).contains("must not have a `sender`"));
    let neither = LEGIT.replace("from_me = true\n", "");
    assert!(only_problem(&neither).contains("needs `sender`"));
}

#[test]
fn question_choice_count_and_single_question() {
    assert!(
        problems(&SCAM.replace("choices = [\"Pay\", \"Check the site yourself\"]", "choices = [\"Pay\"]"))
            .iter()
            .any(|p| p.contains("2 to 9 choices"))
    );
    let two = SCAM.replace(
        "verify =",
        "[[question]]\nask = \"a\"\nchoices = [\"x\", \"y\"]\nanswer = 1\nwhy = \"b\"\n\nverify =",
    );
    assert!(only_problem(&two).contains("at most one [[question]]"));
}

#[test]
fn scam_phone_numbers_must_be_fictional() {
    let real = SCAM.replace("Pay: https", "Call (212) 555-1234 or https");
    assert!(only_problem(&real).contains("`(212) 555-1234`"));
    let fictional = SCAM.replace("Pay: https", "Call (212) 555-0147 or https");
    assert!(problems(&fictional).is_empty());
}

#[test]
fn crlf_and_bom_are_accepted() {
    let crlf = format!("\u{FEFF}{}", SCAM.replace('\n', "\r\n"));
    assert!(problems(&crlf).is_empty(), "{:?}", problems(&crlf));
}

#[test]
fn kebab_ids() {
    assert!(is_kebab("toll-ezpass-1"));
    assert!(!is_kebab("toll--x"));
    assert!(!is_kebab("-x"));
    assert!(!is_kebab("X"));
}

#[test]
fn verify_and_sources_may_follow_the_last_table_as_in_the_format_example() {
    // In SCAM they follow [[question]]; moving them to the top must also work.
    let top = SCAM
        .replace("verify = [\"Forward to 7726.\"]\nsources = [\"https://www.ic3.gov/PSA/2024/PSA240412\"]\n", "")
        .replace(
            "difficulty = 2\n",
            "difficulty = 2\nverify = [\"Forward to 7726.\"]\nsources = [\"https://www.ic3.gov/PSA/2024/PSA240412\"]\n",
        );
    assert!(problems(&top).is_empty(), "{:?}", problems(&top));
    let scenario = parse_scenario("t.toml", SCAM).unwrap().scenario;
    assert_eq!(scenario.verify, ["Forward to 7726."]);
}

#[test]
fn a_list_given_twice_is_reported() {
    let twice = SCAM.replace("difficulty = 2\n", "difficulty = 2\nverify = [\"x\"]\n");
    assert!(only_problem(&twice).ends_with("`verify` is given twice"));
}

#[test]
fn a_misplaced_top_level_key_is_explained() {
    let p = only_problem(&SCAM.replace("verify =", "title = \"again\"\nverify ="));
    assert!(p.contains("move it above the first [[thread]]"), "{p}");
}

#[test]
fn real_criminal_domains_from_reports_are_refused() {
    let p = only_problem(&SCAM.replace("Pay: https", "Pay: https://NYDMV.gov-paylab.win/us or https"));
    assert!(p.contains("`nydmv.gov-paylab.win` is a real criminal domain"), "{p}");
}

const WITH_VARS: &str = r#"id = "toll-vars"
verdict = "scam"
category = "toll"
title = "{agency}: unpaid toll"
verify = ["Type {site} yourself."]
sources = ["https://www.ic3.gov/PSA/2024/PSA240412"]

[vars]
agency = { pick = ["E-ZPass", "SunPass", "FasTrak"] }
site   = { pick = ["e-zpassny.com", "sunpass.com", "bayareafastrak.org"], with = "agency" }
amount = { money = [2.50, 12.99] }
due    = { date = [1, 3], format = "%b %d" }
plate  = { pattern = "???-####" }
number = { phone = "intl" }
link   = { domain = { brand = "ezpass", style = ["subdomain", "hyphen"] } }

[[thread]]
sender = "{number}"
text = "{agency}: plate {plate} owes {amount}. Pay by {due}: https://{link}/pay {{ref}}"

[[flag]]
kind = "sender"
quote = "{number}"
why = "Foreign number."

[[flag]]
kind = "lookalike-link"
quote = "{link}"
why = "Read it from the right."
"#;

fn variant(seed: u64) -> Scenario {
    parse_variant("t.toml", WITH_VARS, Draw { seed, today: 20_782 }).expect("valid").scenario
}

#[test]
fn variables_fill_every_field_and_the_seed_decides() {
    let a = variant(1);
    assert!(a.thread[0].text.contains("{ref}"), "literal braces: {}", a.thread[0].text);
    assert!(!a.title.contains('{'));
    assert_eq!(a.flags[0].quote.as_deref(), a.thread[0].sender.as_deref());
    assert_eq!(variant(1), a);
    let texts: std::collections::HashSet<String> = (0..20).map(|s| variant(s).thread[0].text.clone()).collect();
    assert!(texts.len() > 15, "variants should differ");
    for s in 0..20 {
        let v = variant(s);
        let agency = v.title.split(':').next().unwrap().to_string();
        let site = match agency.as_str() {
            "E-ZPass" => "e-zpassny.com",
            "SunPass" => "sunpass.com",
            _ => "bayareafastrak.org",
        };
        assert_eq!(v.verify[0], format!("Type {site} yourself."), "tied pick");
    }
}

#[test]
fn undefined_and_unused_variables_are_reported() {
    let ps = problems(&WITH_VARS.replace("owes {amount}", "owes {amuont}"));
    assert_eq!(ps.len(), 2, "{ps:?}");
    assert!(ps.iter().any(|p| p.contains("t.toml:19:8: `{amuont}` is used but not defined")), "{ps:?}");
    assert!(ps.iter().any(|p| p.contains("variable `amount` is defined but never used")), "{ps:?}");
    let ps = problems(&WITH_VARS.replace("plate {plate} ", ""));
    assert!(ps.iter().any(|p| p.contains("variable `plate` is defined but never used")), "{ps:?}");
}

#[test]
fn bad_slots_are_explained() {
    let two_kinds = WITH_VARS.replace("{ money = [2.50, 12.99] }", "{ money = [2.50, 12.99], digits = 3 }");
    assert!(only_problem(&two_kinds).contains("give exactly one of"));
    let reversed = WITH_VARS.replace("[2.50, 12.99]", "[12.99, 2.50]");
    assert!(only_problem(&reversed).contains("0 ≤ min ≤ max"));
    let format = WITH_VARS.replace("\"%b %d\"", "\"%Q\"");
    assert!(only_problem(&format).contains("unknown format `%Q`"));
    let tie = WITH_VARS.replace("\"bayareafastrak.org\"], with", "], with");
    assert!(only_problem(&tie).contains("tied picks must match one to one"));
    let phone = WITH_VARS.replace("phone = \"intl\"", "phone = \"mars\"");
    assert!(only_problem(&phone).contains("\"us\" or \"intl\""));
    let style = WITH_VARS.replace("\"hyphen\"", "\"typo\"");
    assert!(only_problem(&style).contains("unknown domain style `typo`"));
}

#[test]
fn unbalanced_braces_are_reported() {
    let p = only_problem(&WITH_VARS.replace("{{ref}}", "{ref"));
    assert!(p.contains("never closed"), "{p}");
}

#[test]
fn a_criminal_domain_on_a_hash_line_inside_a_text_is_still_found() {
    let text = SCAM.replace(
        "text = \"E-ZPass: unpaid toll of $4.35. Pay: https://e-zpassny.com-tollpay.top/ny\"",
        "text = \"\"\"E-ZPass: unpaid toll of $4.35. Pay: https://e-zpassny.com-tollpay.top/ny\n# nydmv.gov-paylab.win\"\"\"",
    );
    let ps = problems(&text);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(ps[0].contains("`nydmv.gov-paylab.win` is a real criminal domain"), "{ps:?}");
}

/// A file's own text moved into its template gives the template its text borrowed would, for
/// a good file and a broken one; a text that needs normalising is handed back untouched.
#[test]
fn a_text_moved_into_its_template_gives_the_same_template() {
    let broken = SCAM.replace("difficulty = 2", "difficulty = 2\ndifficulty = [");
    for text in [SCAM.to_string(), broken] {
        let moved = parse_template_owned("f.toml", text.clone()).expect("no normalising needed");
        let borrowed = parse_template("f.toml", &text);
        match (moved, borrowed) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.source(), b.source());
                assert_eq!(format!("{:?}", a.variant(Draw::today())), format!("{:?}", b.variant(Draw::today())));
            }
            (Err(a), Err(b)) => assert_eq!(a, b),
            (a, b) => panic!("{a:?} against {b:?}"),
        }
    }
    for text in [SCAM.replace('\n', "\r\n"), format!("\u{FEFF}{SCAM}")] {
        assert_eq!(parse_template_owned("f.toml", text.clone()).err(), Some(text));
    }
}
