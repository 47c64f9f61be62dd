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

#[test]
fn every_bundled_scenario_passes_the_checks_in_many_more_variants() {
    use smishdrill::corpus::EMBEDDED;
    use smishdrill::scenario::{Draw, parse_variant};
    let today = smishdrill::scenario::dates::Date::today_days();
    let mut failures = Vec::new();
    for (path, text) in EMBEDDED {
        if !text.contains("[vars]") {
            continue;
        }
        // Seeds well past the 25 that `check` draws.
        for seed in (100..164).chain([u64::MAX, u64::MAX / 3]) {
            if let Err(problems) = parse_variant(path, text, Draw { seed, today: today + (seed % 400) as i64 }) {
                failures.push(format!("seed {seed}: {}", problems[0]));
                break;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Seed 0 is what a round falls back on when a draw breaks a rule (`Scenario::variant`), and
/// a round's pool no longer draws it at start-up to find out: it passes on every week of a
/// year from today.
#[test]
fn every_bundled_first_variant_passes_the_checks_all_year() {
    use smishdrill::corpus::EMBEDDED;
    use smishdrill::scenario::Draw;
    use smishdrill::scenario::validate::parse_template;
    let today = smishdrill::scenario::dates::Date::today_days();
    let mut failures = Vec::new();
    for (path, text) in EMBEDDED.iter().filter(|(_, text)| text.contains("[vars]")) {
        let template = parse_template(path, text).expect("bundled files parse");
        for week in 0..53 {
            if let Err(problems) = template.variant_rules_only(Draw { seed: 0, today: today + 7 * week }) {
                failures.push(format!("week {week}: {}", problems[0]));
                break;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_same_seed_gives_the_same_round_with_the_same_variants() {
    use smishdrill::app::App;
    use smishdrill::round::RoundSpec;
    let pool = || corpus().scenarios.clone();
    let spec = RoundSpec { count: 10, categories: vec![], seed: 77 };
    let a = App::on_day(pool(), spec.clone(), 20_782);
    let b = App::on_day(pool(), spec.clone(), 20_782);
    assert_eq!(a.shown, b.shown);
    let other = App::on_day(pool(), RoundSpec { seed: 78, ..spec }, 20_782);
    assert_ne!(a.shown, other.shown);
    // With variables, the same scenario reads differently in different rounds.
    let varied = corpus().scenarios.iter().find(|s| s.template.is_some()).expect("some scenario has variables");
    let texts: std::collections::HashSet<String> = (0..10)
        .map(|seed| varied.variant(smishdrill::scenario::Draw { seed, today: 20_782 }).thread[0].text.clone())
        .collect();
    assert!(texts.len() > 1, "{} never varies", varied.id);
}

/// Shortcut warnings the bundled set still has, each a documented gap that content cannot close
/// truthfully yet. The list only shrinks: the test fails on any warning not listed *and* on a
/// listed one that no longer appears.
///
/// - toll, and the toll-and-postage deck built on it: 12 of the 59 toll texts (and 17 of the
///   deck's 93 candidates) come from short codes, all genuine (E-ZPass NY
///   39769, SunPass 786727, TxTag 22498 and USPS 28777 publish short codes as their only texting
///   numbers, and no primary source documents a US scam sent from a short code: spoofing one on
///   US networks is impractical). Closing it needs about 21 more genuine toll or postal texts from
///   ordinary numbers, or a documented short-code scam.
const KNOWN_GAPS: &[&str] = &[
    "warning: the built-in scenarios, toll only: kind of sender = short code is genuine in 100% of its 12 scenarios",
    "warning: deck toll-and-postage: kind of sender = short code is genuine in 100% of its 17 scenarios",
];

/// The shortcut audit (docs/audit.md) over the bundled scenarios and every bundled deck, with the
/// variants a round draws without a seed and with seeds 1, 7 and 42: a surface cue that predicts
/// the verdict is a bug as serious as a crash, so any warning beyond the known gaps fails.
#[test]
fn the_bundled_corpus_and_decks_pass_the_shortcut_audit() {
    for seed in [None, Some(1), Some(7), Some(42)] {
        let (lines, _) = smishdrill::commands::audit_builtin_lines(seed);
        let warnings: Vec<&str> = lines.iter().map(String::as_str).filter(|l| l.starts_with("warning:")).collect();
        assert_eq!(warnings, KNOWN_GAPS, "the audit's warnings with seed {seed:?}");
    }
}
