//! Known criminal domains: one automaton for the whole list, a pass over a text or a whole file.

/// One automaton for every known criminal domain, built once: `check` scans every file (and
/// every variant's thread) for all of them in a single pass each, case-insensitively.
/// Over text lower-cased in ASCII (the list is lowercase), so offsets are the text's own.
fn criminal_domain_finder() -> &'static aho_corasick::AhoCorasick {
    static FINDER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    FINDER.get_or_init(|| {
        // Case-sensitive over lower-cased text: then the automaton's SIMD prefilter applies
        // (an ASCII-case-insensitive one was a tenth of `check`, at 20 instructions a byte).
        aho_corasick::AhoCorasick::builder()
            .build(known_criminal_domains().map(str::to_ascii_lowercase))
            .expect("the known-domain list builds an automaton")
    })
}

/// The known criminal domains named in `text`, by position, as (offset, domain).
pub(crate) fn criminal_domains_named(text: &str) -> Vec<(usize, &'static str)> {
    let finder = criminal_domain_finder();
    let lower = text.to_ascii_lowercase();
    // Nearly every text names none: one quick pass says so without collecting anything.
    if !finder.is_match(&lower) {
        return Vec::new();
    }
    let list: Vec<&'static str> = known_criminal_domains().collect();
    finder.find_overlapping_iter(&lower).map(|m| (m.start(), list[m.pattern().as_usize()])).collect()
}

/// Known criminal domains anywhere in the file's values, variable lists included; comment lines
/// (where sources are discussed) are skipped.
pub(super) fn criminal_domains_in_file(source: &str) -> Vec<(usize, &'static str)> {
    let mut found: Vec<(usize, &'static str)> = criminal_domains_named(source)
        .into_iter()
        .filter(|(at, _)| {
            let line_start = source[..*at].rfind('\n').map_or(0, |i| i + 1);
            !source[line_start..].trim_start().starts_with('#')
        })
        .collect();
    found.sort_unstable();
    found
}

/// The list shipped in `assets/reference/known-criminal-domains.txt`, lowercase: one list, read
/// once, shared with `inspect` ([`crate::detect::criminal::list`]).
fn known_criminal_domains() -> impl Iterator<Item = &'static str> {
    crate::detect::criminal::list().iter().copied()
}
