//! Any bytes as a scenario file: the checker must never panic, hang or misplace a problem.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smishdrill::scenario::{Draw, parse_variant};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for seed in [0, 1] {
        match parse_variant("fuzz.toml", &text, Draw { seed, today: 20_782 }) {
            Ok(parsed) => {
                // A scenario that passed must draw and display without trouble too.
                let s = parsed.scenario;
                let pieces = smishdrill::learning::spot::pieces(&s);
                let _ = smishdrill::learning::spot::score(&s, &pieces, &[0, 1, 2]);
            }
            Err(problems) => {
                assert!(!problems.is_empty());
                for p in problems {
                    assert!(p.at.line >= 1 && p.at.col >= 1);
                }
            }
        }
    }
});
