//! Every input the deck fuzzer kept (fuzz/corpus/deck) and every crash it found
//! (fuzz/artifacts/deck) stays a regression test: the deck checker must not panic on any, every
//! problem must have a place, and a deck that passes must choose its items.

use std::path::Path;

use smishdrill::corpus::Corpus;
use smishdrill::deck::parse_deck;

fn inputs(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect()).unwrap_or_default()
}

#[test]
fn the_deck_checker_survives_every_saved_fuzz_input() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = inputs(&root.join("corpus/deck"));
    files.extend(inputs(&root.join("artifacts/deck")));
    assert!(files.len() >= 20, "the seed corpus is missing ({} files)", files.len());
    let pool = Corpus::embedded().scenarios;
    let (mut passed, mut refused) = (0, 0);
    for f in files {
        // A running fuzzer may replace files meanwhile; a vanished one is simply skipped.
        let Ok(bytes) = std::fs::read(&f) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        match parse_deck(&f.display().to_string(), &text, &pool) {
            Ok(deck) => {
                passed += 1;
                for seed in [0, 1] {
                    assert!(deck.choose(&pool, seed).iter().all(|&i| i < pool.len()), "{}", f.display());
                }
            }
            Err(problems) => {
                refused += 1;
                assert!(!problems.is_empty(), "{}", f.display());
                assert!(problems.iter().all(|p| p.at.line >= 1 && p.at.col >= 1), "{}", f.display());
            }
        }
    }
    // The bundled decks pass and the hand-made broken ones do not.
    assert!(passed >= 4 && refused >= 15, "{passed} passed, {refused} refused");
}
