//! The README documents what the program does: every key in the help table and every command.

use smishdrill::app::KEY_HELP;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn every_key_of_the_help_screen_is_in_the_readme() {
    let readme = readme();
    for k in KEY_HELP {
        assert!(readme.contains(k.action), "README lacks the key row: {} — {}", k.keys, k.action);
    }
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
