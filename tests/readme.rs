//! The README documents what the program does: every key in the help table and every command.

use smishdrill::app::help_rows;
use smishdrill::i18n::Locale;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The README's key table is the `?` overlay's, row for row: each row's keys (as `` `k` ``
/// items) and its action on one line, in the same order, and no row the overlay lacks.
#[test]
fn the_readme_key_table_is_the_help_screens() {
    let readme = readme();
    let table: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| Key | What it does |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    let rows = help_rows(&Locale::english());
    let expected: Vec<String> = rows
        .iter()
        .map(|(keys, action)| {
            let keys: Vec<String> =
                keys.replace(" … ", "…").split(' ').map(|k| format!("`{}`", k.replace('…', "` … `"))).collect();
            format!("| {} | {action} |", keys.join(" "))
        })
        .collect();
    assert_eq!(
        table,
        expected.iter().map(String::as_str).collect::<Vec<_>>(),
        "README key table (expected lines shown)"
    );
}

#[test]
fn the_readme_gives_the_run_and_test_commands_and_every_subcommand() {
    let readme = readme();
    for needle in [
        "cargo run --release",
        "cargo test",
        "smishdrill check",
        "smishdrill list",
        "smishdrill stats",
        "smishdrill exam --deck",
        "smishdrill present --deck",
        "smishdrill course",
        "smishdrill report --merge",
        "--learner",
        "smishdrill decks",
        "--no-spot",
        "--profile",
        "--data-dir",
        "--seed",
    ] {
        assert!(readme.contains(needle), "README lacks {needle}");
    }
}
