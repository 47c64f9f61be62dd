//! The bundled corpus: valid, and covering what the trainer promises.

use smishdrill::corpus::Corpus;
use smishdrill::scenario::{Category, Verdict};

/// Loaded once for all tests: checking every variant of every scenario is the slow part.
fn corpus() -> &'static Corpus {
    static CORPUS: std::sync::OnceLock<Corpus> = std::sync::OnceLock::new();
    let c = CORPUS.get_or_init(Corpus::embedded_checked);
    let problems: Vec<String> = c.problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "bundled corpus has problems:\n{}", problems.join("\n"));
    c
}

fn count(c: &Corpus, f: impl Fn(&smishdrill::scenario::Scenario) -> bool) -> usize {
    c.scenarios.iter().filter(|s| f(s)).count()
}

#[test]
fn the_bundled_corpus_is_valid_and_large_enough() {
    let c = corpus();
    assert!(c.scenarios.len() >= 40, "{} scenarios", c.scenarios.len());
}

#[test]
fn every_category_the_issue_names_is_covered() {
    let c = corpus();
    assert!(count(c, |s| s.category == Category::Toll) >= 8);
    assert!(count(c, |s| matches!(s.category, Category::Postage | Category::Delivery)) >= 8);
    assert!(count(c, |s| s.category == Category::TrafficFine) >= 6);
    assert!(count(c, |s| s.category == Category::Wallet && s.verdict == Verdict::Scam) >= 3);
}

#[test]
fn at_least_35_percent_are_genuine() {
    let c = corpus();
    let genuine = count(c, |s| s.verdict == Verdict::Legit);
    assert!(genuine * 100 >= c.scenarios.len() * 35, "{genuine} of {}", c.scenarios.len());
}

#[test]
fn every_scam_cites_a_source_and_every_file_sits_in_its_category_folder() {
    let c = corpus();
    for s in &c.scenarios {
        if s.verdict == Verdict::Scam {
            assert!(!s.sources.is_empty(), "{}", s.id);
        }
        let folder = format!("scenarios/{}/", s.category.name());
        assert!(s.origin.starts_with(&folder), "{} is in {} but has category {}", s.id, s.origin, s.category.name());
        assert!(s.origin.ends_with(&format!("/{}.toml", s.id)), "{}: file name should be the id", s.origin);
    }
}

#[test]
fn every_difficulty_level_is_used() {
    let c = corpus();
    for d in 1..=3 {
        assert!(count(c, |s| s.difficulty == Some(d)) > 0, "no scenario of difficulty {d}");
    }
}
