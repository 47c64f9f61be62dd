//! Any bytes as a deck file, against the built-in scenarios: the checker must never panic or
//! misplace a problem, and a deck that passes must choose its items without trouble.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use smishdrill::corpus::Corpus;
use smishdrill::deck::parse_deck;
use smishdrill::scenario::Scenario;

fn pool() -> &'static [Scenario] {
    static POOL: OnceLock<Vec<Scenario>> = OnceLock::new();
    POOL.get_or_init(|| Corpus::embedded().scenarios)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match parse_deck("fuzz.toml", &text, pool()) {
        Ok(deck) => {
            for seed in [0, 1] {
                let chosen = deck.choose(pool(), seed);
                assert!(chosen.len() <= deck.items());
                assert!(chosen.iter().all(|&i| i < pool().len()));
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in problems {
                assert!(p.at.line >= 1 && p.at.col >= 1);
            }
        }
    }
});
