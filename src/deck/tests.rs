//! The deck checker's rules, each with the exact place it reports; bundled decks; `find`.

use super::*;
use crate::corpus::Corpus;
use std::sync::OnceLock;

/// The built-in scenarios: the pool decks are checked against.
fn pool() -> &'static [Scenario] {
    static POOL: OnceLock<Vec<Scenario>> = OnceLock::new();
    POOL.get_or_init(|| Corpus::embedded().scenarios)
}

fn problems(src: &str) -> Vec<String> {
    match parse_deck("d.toml", src, pool()) {
        Ok(deck) => panic!("expected problems, got {deck:?}"),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

/// The only problem in a deck that is otherwise fine.
fn problem(src: &str) -> String {
    let found = problems(src);
    assert_eq!(found.len(), 1, "{found:#?}");
    found[0].clone()
}

const OK: &str = "title = \"T\"\nscenarios = [\"other-wrong-number\"]\n";

#[test]
fn a_minimal_deck_takes_the_defaults() {
    let deck = parse_deck("decks/mine.toml", OK, pool()).unwrap();
    assert_eq!(deck.name, "mine");
    assert_eq!(deck.title, "T");
    assert_eq!(deck.order, Order::Shuffled);
    assert_eq!(deck.feedback, Feedback::EachMessage);
    assert_eq!((deck.pass_mark, deck.time_limit, deck.seed, deck.spot), (80, None, None, true));
    assert_eq!(deck.ids, ["other-wrong-number"]);
    assert_eq!(deck.origin, "decks/mine.toml");
    assert_eq!(deck.items(), 1);
}

#[test]
fn every_bundled_deck_passes_with_its_planned_size() {
    let expected = [("classroom-45min", 12), ("onboarding-exam", 20), ("quick-10", 10), ("toll-and-postage", 12)];
    let names: Vec<&str> = embedded().iter().map(|(n, _)| *n).collect();
    assert_eq!(names, expected.map(|(n, _)| n), "sorted by name");
    for (name, items) in expected {
        let deck = find(name, pool()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(deck.items(), items, "{name}");
        assert_eq!(deck.choose(pool(), 7).len(), items, "{name}");
        assert_eq!(deck.origin, format!("built-in:{name}"));
    }
    let exam = find("onboarding-exam", pool()).unwrap();
    assert_eq!((exam.feedback, exam.pass_mark, exam.time_limit, exam.spot), (Feedback::AtEnd, 80, Some(120), false));
    assert!(exam.seed.is_some());
    let class = find("classroom-45min", pool()).unwrap();
    assert_eq!((class.order, class.spot), (Order::Fixed, false));
    assert_eq!(class.ids[0], "toll-state-toll-services-template");
}

#[test]
fn a_syntax_error_is_located() {
    assert_eq!(
        problem("title = \"T\"\norder = \n"),
        "d.toml:2:9: string values must be quoted, expected literal string"
    );
}

#[test]
fn an_unknown_key_suggests_the_nearest() {
    let p = problem("title = \"T\"\nscenarios = [\"other-wrong-number\"]\npassmark = 70\n");
    assert_eq!(p, "d.toml:3:1: unknown key `passmark` (did you mean `pass_mark`?)");
    let p = problem("title = \"T\"\n[[pick]]\ncount = 1\ncategroy = [\"toll\"]\n");
    assert_eq!(p, "d.toml:4:1: unknown key `categroy` (did you mean `category`?)");
}

#[test]
fn a_deck_key_below_a_pick_says_to_move_it_up() {
    let p = problem("title = \"T\"\n\n[[pick]]\ncount = 1\nseed = 3\n");
    assert!(p.starts_with("d.toml:5:1: `seed` is a deck key, but here it follows a [[pick]] header"), "{p}");
    assert!(p.ends_with("move it above the first [[pick]]"), "{p}");
}

#[test]
fn a_pick_key_at_the_top_says_where_it_belongs() {
    let p = problem("title = \"T\"\ncount = 3\nscenarios = [\"other-wrong-number\"]\n");
    assert_eq!(p, "d.toml:2:1: `count` belongs in a [[pick]] table");
}

#[test]
fn the_title_is_required_non_empty_and_one_line() {
    assert_eq!(problem("scenarios = [\"other-wrong-number\"]\n"), "d.toml:1:1: missing required key `title`");
    assert_eq!(
        problem("title = \" \"\nscenarios = [\"other-wrong-number\"]\n"),
        "d.toml:1:9: `title` must not be empty"
    );
    let p = problem("title = \"\"\"\nA\nB\"\"\"\nscenarios = [\"other-wrong-number\"]\n");
    assert!(p.starts_with("d.toml:1:12: `title` contains U+000A: a line break"), "{p}");
    assert_eq!(
        problem("title = 3\nscenarios = [\"other-wrong-number\"]\n"),
        "d.toml:1:9: `title` must be text in quotes"
    );
}

#[test]
fn control_and_bidi_characters_are_pointed_at() {
    let p = problem(&format!("{OK}description = \"pay \u{202E}moc.x\"\n"));
    assert_eq!(
        p,
        "d.toml:3:20: `description` contains U+202E: a bidirectional-text control, which can make text display in a different order than it is stored"
    );
    let p = problem(&format!("{OK}description = \"a \\u001b[2J\"\n"));
    assert!(p.starts_with("d.toml:3:15: `description` contains U+001B: an escape character"), "{p}");
    // A multi-line description is fine.
    assert!(parse_deck("d.toml", &format!("{OK}description = \"\"\"\nOne.\nTwo.\"\"\"\n"), pool()).is_ok());
}

#[test]
fn names_from_vocabularies_suggest_the_nearest_and_list_the_choices() {
    let p = problem(&format!("{OK}order = \"shufled\"\n"));
    assert_eq!(p, "d.toml:3:9: unknown order `shufled` (did you mean `shuffled`?); use one of: fixed, shuffled");
    let p = problem(&format!("{OK}feedback = \"after\"\n"));
    assert_eq!(p, "d.toml:3:12: unknown feedback `after`; use one of: each, end");
    let p = problem("title = \"T\"\n[[pick]]\nverdict = \"scams\"\ncount = 1\n");
    assert_eq!(p, "d.toml:3:11: unknown verdict `scams` (did you mean `scam`?); use one of: scam, legit, genuine");
    let p = problem("title = \"T\"\n[[pick]]\ncategory = [\"toll\", \"tolls\"]\ncount = 1\n");
    assert!(
        p.starts_with("d.toml:3:21: unknown category `tolls` (did you mean `toll`?); use one of: toll, postage"),
        "{p}"
    );
}

#[test]
fn genuine_is_accepted_as_a_verdict() {
    let deck = parse_deck("d.toml", "title = \"T\"\n[[pick]]\nverdict = \"genuine\"\ncount = 2\n", pool()).unwrap();
    assert_eq!(deck.picks[0].verdict, Some(crate::scenario::Verdict::Legit));
}

#[test]
fn numbers_out_of_range_say_the_range() {
    let cases = [
        ("pass_mark = 0", "d.toml:3:13: `pass_mark` must be a percentage from 1 to 100, not 0"),
        ("pass_mark = 101", "d.toml:3:13: `pass_mark` must be a percentage from 1 to 100, not 101"),
        ("time_limit = 9", "d.toml:3:14: `time_limit` must be 10 to 3600 seconds, not 9"),
        ("time_limit = 3601", "d.toml:3:14: `time_limit` must be 10 to 3600 seconds, not 3601"),
        ("seed = -1", "d.toml:3:8: `seed` must be 0 or more, not -1"),
        ("pass_mark = \"80\"", "d.toml:3:13: `pass_mark` must be a whole number"),
        ("pass_mark = 80.5", "d.toml:3:13: `pass_mark` must be a whole number"),
        ("spot = \"no\"", "d.toml:3:8: `spot` must be true or false"),
    ];
    for (line, expected) in cases {
        assert_eq!(problem(&format!("{OK}{line}\n")), expected);
    }
    let ok = parse_deck("d.toml", &format!("{OK}pass_mark = 100\ntime_limit = 10\nseed = 0x10\n"), pool()).unwrap();
    assert_eq!((ok.pass_mark, ok.time_limit, ok.seed), (100, Some(10), Some(16)));
}

#[test]
fn pick_counts_and_difficulties_out_of_range() {
    assert_eq!(problem("title = \"T\"\n[[pick]]\ncount = 0\n"), "d.toml:3:9: `count` must be at least 1, not 0");
    assert_eq!(
        problem("title = \"T\"\n[[pick]]\ndifficulty = [2, 4]\ncount = 1\n"),
        "d.toml:3:18: `difficulty` must be 1, 2 or 3, not 4"
    );
    assert_eq!(
        problem("title = \"T\"\n[[pick]]\ndifficulty = 2\ncount = 1\n"),
        "d.toml:3:14: `difficulty` must be a list of 1, 2 or 3, e.g. [2, 3]"
    );
    assert_eq!(
        problem("title = \"T\"\n[[pick]]\ncategory = []\ncount = 1\n"),
        "d.toml:3:12: `category` must not be empty"
    );
    assert_eq!(problem("title = \"T\"\n[[pick]]\nverdict = \"scam\"\n"), "d.toml:2:1: missing required key `count`");
    assert_eq!(
        problem("title = \"T\"\n[pick]\ncount = 1\n"),
        "d.toml:2:1: `pick` must be written as [[pick]] tables (two brackets)"
    );
}

#[test]
fn unknown_and_repeated_ids() {
    let p = problem("title = \"T\"\nscenarios = [\"other-wrong-numbr\"]\n");
    assert_eq!(
        p,
        "d.toml:2:14: no scenario with id `other-wrong-numbr` (did you mean `other-wrong-number`?) (`smishdrill list` shows the ids)"
    );
    let p = problem(
        "title = \"T\"\nscenarios = [\n  \"other-wrong-number\",\n  \"other-vet-reminder\",\n  \"other-wrong-number\",\n]\n",
    );
    assert_eq!(p, "d.toml:5:3: scenario `other-wrong-number` is listed twice (first at line 3)");
}

#[test]
fn a_deck_that_shows_nothing_is_refused() {
    assert_eq!(
        problem("title = \"T\"\n"),
        "d.toml:1:1: the deck shows nothing: list ids in `scenarios` or add a [[pick]]"
    );
    assert_eq!(
        problem("title = \"T\"\nscenarios = []\n"),
        "d.toml:1:1: the deck shows nothing: list ids in `scenarios` or add a [[pick]]"
    );
}

#[test]
fn a_pick_that_asks_for_more_than_match_says_how_many_do() {
    let wallet_legit = pool().iter().filter(|s| s.category == Category::Wallet && s.verdict == Verdict::Legit).count();
    let ask = wallet_legit + 1;
    let src = format!("title = \"T\"\n[[pick]]\ncategory = [\"wallet\"]\nverdict = \"legit\"\ncount = {ask}\n");
    assert_eq!(
        problem(&src),
        format!("d.toml:5:9: this pick asks for {ask} scenarios, but only {wallet_legit} match its filter")
    );
    // An id already listed does not count as a candidate.
    let src = format!(
        "title = \"T\"\nscenarios = [\"wallet-own-card-apple-pay\"]\n[[pick]]\ncategory = [\"wallet\"]\nverdict = \"legit\"\ncount = {wallet_legit}\n"
    );
    let besides = wallet_legit - 1;
    assert_eq!(
        problem(&src),
        format!(
            "d.toml:6:9: this pick asks for {wallet_legit} scenarios, but only {besides} match its filter besides the ids in `scenarios`"
        )
    );
}

#[test]
fn a_misplaced_key_does_not_hide_a_pick_that_asks_for_too_many() {
    let found = problems("title = \"T\"\n[[pick]]\ncategory = [\"wallet\"]\ncount = 999\nspot = false\n");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].starts_with("d.toml:4:9: this pick asks for 999 scenarios, but only "), "{found:#?}");
    assert!(found[1].starts_with("d.toml:5:1: `spot` is a deck key"), "{found:#?}");
}

#[test]
fn every_problem_in_a_file_is_reported_in_order() {
    let src = "titel = \"T\"\norder = \"random\"\npass_mark = 0\nscenarios = [\"nope\", 3]\n[[pick]]\ncount = 0\nspot = false\n";
    let found = problems(src);
    let places: Vec<String> = found.iter().map(|p| p.splitn(4, ':').take(3).collect::<Vec<_>>().join(":")).collect();
    let expected = ["1:1", "1:1", "2:9", "3:13", "4:14", "4:22", "6:9", "7:1"].map(|at| format!("d.toml:{at}"));
    assert_eq!(places, expected, "{found:#?}");
    assert!(found[7].starts_with("d.toml:7:1: `spot` is a deck key"), "{found:#?}");
}

#[test]
fn hostile_names_are_echoed_without_control_characters() {
    let found = problems("title = \"T\"\nscenarios = [\"a\\u001b]8;;x\"]\n\"k\\u001b\" = 1\n");
    assert!(found.iter().all(|p| !p.contains('\u{1b}')), "{found:#?}");
}

#[test]
fn the_checksum_is_sha256_of_the_exact_bytes() {
    let a = parse_deck("d.toml", OK, pool()).unwrap().checksum;
    let b = parse_deck("d.toml", &OK.replace("T", "U"), pool()).unwrap().checksum;
    assert!(a.starts_with("sha256:") && a.len() == 7 + 64, "{a}");
    assert!(a[7..].bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)), "{a}");
    assert_ne!(a, b);
    assert_eq!(checksum(b""), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // CRLF line ends parse the same but are different bytes.
    let crlf = parse_deck("d.toml", &OK.replace('\n', "\r\n"), pool()).unwrap();
    assert_ne!(crlf.checksum, a);
}

#[test]
fn find_by_name_by_path_and_unknown_name() {
    let dir = std::env::temp_dir().join(format!("smishdrill-deck-find-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("team.deck.toml");
    std::fs::write(&file, OK).unwrap();
    let path = file.display().to_string();
    let deck = find(&path, pool()).unwrap();
    assert_eq!((deck.name.as_str(), deck.origin.as_str()), ("team", path.as_str()));
    std::fs::write(&file, "title = \"T\"\n").unwrap();
    let err = find(&path, pool()).unwrap_err().to_string();
    assert_eq!(err, format!("{path}:1:1: the deck shows nothing: list ids in `scenarios` or add a [[pick]]"));
    std::fs::write(&file, b"title = \"\xff\"\n").unwrap();
    let err = find(&path, pool()).unwrap_err().to_string();
    assert_eq!(err, format!("{path}:1:10: cannot read file: not valid UTF-8 text"));
    std::fs::remove_dir_all(&dir).unwrap();
    let missing = find(&path, pool()).unwrap_err().to_string();
    assert!(missing.starts_with(&format!("{path}:1:1: cannot read file")), "{missing}");

    let err = find("quick10", pool()).unwrap_err().to_string();
    assert_eq!(
        err,
        "no bundled deck named `quick10` (did you mean `quick-10`?); the bundled decks are: classroom-45min, onboarding-exam, quick-10, toll-and-postage"
    );
}

#[test]
fn deck_files_are_told_from_scenarios_by_folder_or_name() {
    use std::path::Path;
    assert!(is_deck_path(Path::new("assets/decks/quick-10.toml")));
    assert!(is_deck_path(Path::new("mine/team.deck.toml")));
    assert!(!is_deck_path(Path::new("scenarios/toll/toll-x.toml")));
    assert!(!is_deck_path(Path::new("decks.toml")));
    assert_eq!(parse::stem("a/b/team.deck.toml"), "team");
    assert_eq!(parse::stem("quick-10.toml"), "quick-10");
}

use crate::scenario::{Category, Verdict};

#[path = "choose_tests.rs"]
mod choose_tests;
