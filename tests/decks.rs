//! Decks from the command line: `check` with and without paths, and `decks`.

mod common;

use common::{fresh_dir, run};

#[test]
fn check_without_paths_checks_the_bundled_decks_too() {
    let (code, out, _) = run(&["check"]);
    assert_eq!(code, 0, "{out}");
    let summary = out.lines().last().unwrap();
    assert!(summary.starts_with("ok: ") && summary.contains(" scenarios and 4 decks in "), "{summary}");
}

#[test]
fn a_broken_deck_is_reported_with_path_line_col_and_fails() {
    let dir = fresh_dir("decks-broken");
    std::fs::create_dir_all(dir.join("decks")).unwrap();
    let deck = dir.join("decks/team.toml");
    std::fs::write(&deck, "title = \"Team\"\npass_mark = 0\nscenarios = [\"other-wrong-numbr\"]\n").unwrap();
    let (code, out, _) = run(&["check", deck.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    let shown = deck.display();
    assert!(out.contains(&format!("{shown}:2:13: `pass_mark` must be a percentage from 1 to 100, not 0")), "{out}");
    assert!(
        out.contains(&format!(
            "{shown}:3:14: no scenario with id `other-wrong-numbr` (did you mean `other-wrong-number`?)"
        )),
        "{out}"
    );
    assert!(out.lines().last().unwrap().starts_with("2 problems found in 1 file"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn decks_are_checked_against_the_scenarios_given_alongside() {
    let dir = fresh_dir("decks-alongside");
    std::fs::create_dir_all(dir.join("decks")).unwrap();
    // A built-in id, but the pool is the scenarios given alongside: here one broken file, so none.
    std::fs::write(dir.join("decks/d.toml"), "title = \"T\"\nscenarios = [\"other-wrong-number\"]\n").unwrap();
    std::fs::write(dir.join("x.toml"), "id = \"bad\"\n").unwrap();
    let (code, out, _) = run(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("d.toml:2:14: no scenario with id `other-wrong-number`"), "{out}");
    // The deck alone is checked against the built-in scenarios, and passes.
    let (code, out, _) = run(&["check", dir.join("decks").to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.trim(), "ok: 1 deck in 1 file, no problems");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn decks_lists_the_four_bundled_decks() {
    let (code, out, _) = run(&["decks"]);
    assert_eq!(code, 0);
    let names: Vec<&str> = out.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(names, ["classroom-45min", "onboarding-exam", "quick-10", "toll-and-postage"]);
    assert!(out.contains("feedback end") && out.contains("120 s per message"), "{out}");
}

#[test]
fn the_example_in_the_deck_format_docs_is_valid() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/deck-format.md")).unwrap();
    let example = doc.split("```toml\n").nth(1).and_then(|b| b.split("\n```").next()).expect("a toml example");
    let pool = smishdrill::corpus::Corpus::embedded().scenarios;
    let deck = smishdrill::deck::parse_deck("example.toml", example, &pool).unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(deck.items(), 12);
    assert_eq!(deck.choose(&pool, 1).len(), 12);
}
