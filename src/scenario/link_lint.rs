//! A pass of `smishdrill check` that reads each scenario with inspect's detectors: a scam's
//! link that no `[[flag]]` quotes (the learner would not be told about it), and a genuine
//! message whose link is not the own domain of an organisation it names (only organisations
//! in `assets/reference/official-organisations.toml`). These are warnings: reported, never a
//! reason for `check` to fail.

use super::Verdict;
use super::model::Scenario;
use super::problem::{Problem, ProblemKind, SourceMap};
use crate::detect::{links, orgs};

/// The warnings for one parsed scenario; `source` is its (normalised) file text.
pub fn warnings(map: &SourceMap, source: &str, scenario: &Scenario) -> Vec<Problem> {
    // SIMD substring searches: setting up `str::find`'s searcher cost more than the search.
    let find = |hay: &str, needle: &str| memchr::memmem::find(hay.as_bytes(), needle.as_bytes());
    let thread_at = find(source, "[[thread]]").unwrap_or(0);
    let at = |words: &str| find(&source[thread_at..], words).map_or(0, |i| thread_at + i);
    let mut out = Vec::new();
    // A genuine thread may hold an earlier scam text; the verdict judges the last one received.
    let last_received = scenario.thread.iter().rposition(|m| !m.from_me());
    for (i, message) in scenario.thread.iter().enumerate().filter(|(_, m)| !m.from_me()) {
        if scenario.verdict == Verdict::Legit && Some(i) != last_received {
            continue;
        }
        let text = &message.text;
        for link in links::find(text) {
            let written = &text[link.host_span.clone()];
            let message_words = match scenario.verdict {
                Verdict::Scam => {
                    let covered = scenario.flags.iter().filter_map(|f| f.quote.as_deref()).any(|q| {
                        text.match_indices(q).any(|(i, _)| i < link.span.end && link.span.start < i + q.len())
                    });
                    (!covered).then(|| {
                        format!(
                            "warning: the scam's link `{written}` is not quoted by any [[flag]]; add a lookalike-link or shortened-link flag that names its real domain ({})",
                            link.registrable
                        )
                    })
                }
                Verdict::Legit => {
                    let named = orgs::named_in(text, message.sender.as_deref().unwrap_or(""));
                    let owner = named.iter().any(|o| o.owns(&link.host));
                    named.first().filter(|_| !owner).map(|org| {
                        format!(
                            "warning: a genuine message names {} but links to `{}`, which is not one of its own domains ({})",
                            org.name,
                            link.registrable,
                            org.domain_list()
                        )
                    })
                }
            };
            if let Some(words) = message_words {
                out.push(map.problem(at(written)..at(written), ProblemKind::Syntax(words)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::corpus::Corpus;

    fn lint(toml: &str) -> Vec<String> {
        let corpus = Corpus::from_sources([("t.toml".to_string(), Ok(toml.to_string()))]);
        assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
        corpus.warnings.iter().map(ToString::to_string).collect()
    }

    const SCAM: &str = r#"id = "s"
verdict = "scam"
category = "toll"
title = "T"
verify = ["Type sunpass.com yourself."]
sources = ["https://example.org/report"]

[[thread]]
sender = "+1 (305) 555-0172"
text = "SunPass: pay within 12 hours at https://sunpass.com-toll.top/fl or https://sunpass-help.vip"

[[flag]]
kind = "urgency"
quote = "within 12 hours"
why = "Rush."

[[flag]]
kind = "lookalike-link"
quote = "sunpass.com-toll.top"
why = "Read from the right."
"#;

    #[test]
    fn a_scam_link_without_a_flag_is_a_warning_at_the_link() {
        let w = lint(SCAM);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("t.toml:10:"), "{w:?}");
        assert!(w[0].contains("`sunpass-help.vip` is not quoted by any [[flag]]"), "{w:?}");
    }

    #[test]
    fn a_genuine_link_off_the_named_organisations_domains_is_a_warning() {
        let legit = r#"id = "g"
verdict = "legit"
category = "postage"
title = "T"
verify = ["Type usps.com yourself."]

[[thread]]
sender = "28777"
text = "USPS: track at https://usps.com/track or at https://usps-tracking.info/x"

[[sign]]
kind = "official-sender"
quote = "28777"
why = "Published."
"#;
        let w = lint(legit);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("names USPS but links to `usps-tracking.info`"), "{w:?}");
    }

    #[test]
    fn the_bundled_corpus_has_no_such_warning() {
        let corpus = Corpus::embedded_checked();
        let w: Vec<String> = corpus.warnings.iter().map(ToString::to_string).collect();
        assert!(w.is_empty(), "{w:#?}");
    }
}

#[cfg(test)]
mod variant_tests {
    use crate::corpus::EMBEDDED;
    use crate::scenario::{Draw, parse_variant};

    /// Every bundled scenario, in several variants: no scam link left unflagged, no genuine
    /// link off its organisation's own domains.
    #[test]
    fn no_variant_of_the_bundled_corpus_warns() {
        let today = Draw::today().today;
        let mut found = Vec::new();
        for (path, text) in EMBEDDED {
            let seeds = if text.contains("[vars]") { 0..8 } else { 0..1 };
            for seed in seeds {
                if let Ok(parsed) = parse_variant(path, text, Draw { seed, today }) {
                    found.extend(parsed.warnings.iter().map(|w| format!("seed {seed}: {w}")));
                }
            }
        }
        assert!(found.is_empty(), "{found:#?}");
    }
}
