//! `smishdrill check --audit [PATHS]`: the shortcut audit of scenarios and decks. Exits 1 when any
//! surface cue alone predicts the verdict above the limit, so CI and an instructor's own script
//! can stop on it.

use std::path::{Path, PathBuf};

use crate::audit::{audit, audit_lines};
use crate::corpus::{Corpus, files_under};
use crate::deck::{self, Deck, is_deck_path};
use crate::scenario::Scenario;
use crate::text_safety::sanitize_line;

/// The scenarios a deck can show: its ids, and for each pick the scenarios its seed draws (or,
/// without a seed, every scenario the pick could draw, since each run draws afresh).
pub fn deck_scenarios<'a>(deck: &Deck, pool: &'a [Scenario]) -> Vec<&'a Scenario> {
    let mut indices: Vec<usize> = match deck.seed {
        Some(seed) => deck.choose(pool, seed),
        None => {
            let ids = deck.ids.iter().filter_map(|id| pool.iter().position(|s| &s.id == id));
            let picked = (0..pool.len()).filter(|&i| deck.picks.iter().any(|p| p.matches(&pool[i])));
            ids.chain(picked).collect()
        }
    };
    indices.sort_unstable();
    indices.dedup();
    indices.into_iter().map(|i| &pool[i]).collect()
}

/// Audits a corpus (by category too) and then each deck against it; returns the lines and the
/// number of warnings.
fn audit_all(what: &str, pool: &[Scenario], decks: &[Deck]) -> (Vec<String>, usize) {
    let all: Vec<&Scenario> = pool.iter().collect();
    let (mut lines, mut warnings) =
        if all.is_empty() { (Vec::new(), 0) } else { audit_lines(what, &audit(&all, true)) };
    for deck in decks {
        let shown = deck_scenarios(deck, pool);
        let (deck_lines, n) = audit_lines(&format!("deck {}", sanitize_line(&deck.name)), &audit(&shown, false));
        lines.push(String::new());
        lines.extend(deck_lines);
        warnings += n;
    }
    if !decks.is_empty() {
        lines.push(String::new());
        lines.push(match warnings {
            0 => format!(
                "audit: all {} sets pass (no shortcut above the limits)",
                decks.len() + usize::from(!all.is_empty())
            ),
            n => format!("audit: {n} shortcut warning(s) in all"),
        });
    }
    (lines, warnings)
}

/// Each scenario drawn with `seed` (the variant a round with that seed would show), so the audit
/// can be run over many variants; `None` keeps the variant `list` shows.
fn drawn(mut corpus: Corpus, seed: Option<u64>) -> Corpus {
    if let Some(seed) = seed {
        let all: Vec<usize> = (0..corpus.scenarios.len()).collect();
        let today = crate::scenario::Draw::today().today;
        corpus.scenarios = crate::app::draw_variants(&corpus.scenarios, &all, seed, today);
    }
    corpus
}

/// The built-in scenarios and every bundled deck.
pub fn audit_builtin(seed: Option<u64>) -> u8 {
    let corpus = drawn(Corpus::embedded(), seed);
    let lines = builtin_lines(&corpus);
    finish(&corpus, lines)
}

/// The audit's lines for the built-in scenarios and every bundled deck, and how many warnings
/// (for tests that compare the warnings themselves).
pub fn audit_builtin_lines(seed: Option<u64>) -> (Vec<String>, usize) {
    builtin_lines(&drawn(Corpus::embedded(), seed))
}

fn builtin_lines(corpus: &Corpus) -> (Vec<String>, usize) {
    let decks: Vec<Deck> =
        deck::embedded().iter().filter_map(|(name, _)| deck::find(name, &corpus.scenarios).ok()).collect();
    audit_all("the built-in scenarios", &corpus.scenarios, &decks)
}

/// The scenario files and deck files among `paths`; decks are audited against the scenarios
/// among the paths, else those in `scenarios_dir`, else the built-in ones.
pub fn audit_paths(paths: &[PathBuf], scenarios_dir: Option<&Path>, seed: Option<u64>) -> u8 {
    let (files, walk_problems) = files_under(paths);
    let (deck_files, scenario_files): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|f| is_deck_path(f));
    let corpus = drawn(Corpus::from_files(scenario_files, walk_problems), seed);
    let pool = if corpus.files > 0 {
        corpus.scenarios.clone()
    } else {
        match scenarios_dir {
            Some(dir) => Corpus::from_paths(&[dir.to_path_buf()]).scenarios,
            None => Corpus::embedded().scenarios,
        }
    };
    let mut problems = Vec::new();
    let decks: Vec<Deck> = deck_files
        .iter()
        .filter_map(|f| {
            deck::find(&f.display().to_string(), &pool)
                .map_err(|e| {
                    problems.push(format!(
                        "{}: {}",
                        sanitize_line(&f.display().to_string()),
                        sanitize_line(&e.to_string())
                    ))
                })
                .ok()
        })
        .collect();
    let what = if corpus.files > 0 { format!("{} scenario files", corpus.files) } else { "the scenarios".to_string() };
    let audited_pool: &[Scenario] = if corpus.files > 0 { &pool } else { &[] };
    let (mut lines, warnings) = audit_all(&what, audited_pool, &decks);
    if corpus.files == 0 && decks.is_empty() {
        lines.push("audit: no scenarios or decks among the paths given".to_string());
    }
    let mut all = problems;
    all.append(&mut lines);
    // Decks are audited against the whole pool even when the pool itself is not printed.
    let _ = &pool;
    finish(&corpus, (all, warnings))
}

fn finish(corpus: &Corpus, (lines, warnings): (Vec<String>, usize)) -> u8 {
    let skipped = corpus.problems.len();
    let mut out = Vec::new();
    if skipped > 0 {
        out.push(format!(
            "note: {skipped} problem(s) in the files; scenarios with problems are left out of the audit (run `smishdrill check` to see them)"
        ));
    }
    out.extend(lines);
    super::print_lines(out);
    u8::from(warnings > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seeded_deck_is_audited_on_what_its_seed_draws() {
        let corpus = Corpus::embedded();
        let deck = deck::find("onboarding-exam", &corpus.scenarios).unwrap();
        let shown = deck_scenarios(&deck, &corpus.scenarios);
        assert_eq!(shown.len(), deck.items());
    }
}
