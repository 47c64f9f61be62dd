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
    let thread_at = find_short(source, "[[thread]]").unwrap_or(0);
    let find = find_short;
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
                    let covered =
                        scenario.flags.iter().filter_map(|f| f.quote.as_deref()).any(|q| quoted(text, q, &link.span));
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

/// The first place of `needle` in `hay`, as `str::find` gives it: for the short texts and quotes
/// here, the places of the needle's first byte tried in turn cost less than setting up a
/// substring searcher (which was a tenth of this pass).
fn find_short(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else { return Some(0) };
    memchr::memchr_iter(first, h).find(|&i| h[i..].starts_with(n))
}

/// Whether one of the places `text.match_indices(quote)` gives (leftmost, not overlapping)
/// overlaps `span`.
fn quoted(text: &str, quote: &str, span: &std::ops::Range<usize>) -> bool {
    if quote.is_empty() {
        return text.match_indices(quote).any(|(i, _)| i < span.end && span.start < i);
    }
    let mut from = 0;
    while let Some(i) = find_short(&text[from..], quote).map(|i| from + i) {
        if i < span.end && span.start < i + quote.len() {
            return true;
        }
        from = i + quote.len();
    }
    false
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// The quick searches agree with the standard library's.
        #[test]
        fn quick_searches_agree_with_the_standard_ones(
            text in "[ab. é]{0,24}",
            quote in "[ab. é]{0,4}",
            start in 0usize..26,
            len in 0usize..8,
        ) {
            proptest::prop_assert_eq!(super::find_short(&text, &quote), text.find(quote.as_str()));
            let span = start..start + len;
            let expected = text.match_indices(quote.as_str()).any(|(i, _)| i < span.end && span.start < i + quote.len());
            proptest::prop_assert_eq!(super::quoted(&text, &quote, &span), expected);
        }
    }

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
