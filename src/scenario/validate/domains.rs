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
            // A contiguous NFA, not the default DFA: building the DFA was 2.0 M instructions,
            // 11 % of the trainer's start (its round's drawn variants are checked in full);
            // the NFA builds in 0.8 M and, behind the exact prefilter below, costs `check` of a
            // thousand bundled-style files 4 % more (711 M -> 738 M, still x3.3 of its floor).
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(known_criminal_domains().map(str::to_ascii_lowercase))
            .expect("the known-domain list builds an automaton")
    })
}

/// Pieces of which every known domain holds at least one: its last label when that is three
/// letters or more and rare in ordinary text (`.xin`, `.sbs`; not `.us`, which `.usps` holds),
/// else the whole domain. A text that holds none of them names no known domain, so the
/// automaton (16 instructions a byte over scenario files) runs only on a text that holds one.
/// A short text (a field) is looked at only at its dots, since every piece holds one; a long one
/// (a whole file) is searched for each piece with a SIMD substring search (about 3 instructions
/// a byte, where looking at every dot of a file took 9). `None` if a domain without a dot were
/// ever listed: then every text goes to the automaton.
fn criminal_domain_pieces() -> Option<&'static [Piece]> {
    static PIECES: std::sync::OnceLock<Option<Vec<Piece>>> = std::sync::OnceLock::new();
    PIECES
        .get_or_init(|| {
            let mut pieces: Vec<String> = known_criminal_domains()
                .map(|d| {
                    let d = d.to_ascii_lowercase();
                    match d.rfind('.').map(|i| &d[i..]) {
                        Some(label) if label.len() >= 4 && !COMMON_LABELS.contains(&label) => label.to_string(),
                        _ => d,
                    }
                })
                .collect();
            pieces.sort();
            pieces.dedup();
            pieces
                .into_iter()
                .map(|p| {
                    let dot = p.find('.')?;
                    let finder = memchr::memmem::Finder::new(p.as_bytes()).into_owned();
                    Some(Piece { bytes: p.into_bytes(), dot, finder })
                })
                .collect()
        })
        .as_deref()
}

/// A piece, where its first dot is, and its substring searcher.
struct Piece {
    bytes: Vec<u8>,
    dot: usize,
    finder: memchr::memmem::Finder<'static>,
}

/// Texts longer than this are searched piece by piece rather than at every dot.
const LONG_TEXT: usize = 512;

/// Whether lower-cased `text` holds a piece (see [`criminal_domain_pieces`]); true without them.
fn holds_a_piece(lower: &[u8]) -> bool {
    let Some(pieces) = criminal_domain_pieces() else { return true };
    if lower.len() > LONG_TEXT {
        return pieces.iter().any(|p| p.finder.find(lower).is_some());
    }
    memchr::memchr_iter(b'.', lower)
        .any(|at| pieces.iter().any(|p| at >= p.dot && lower[at - p.dot..].starts_with(&p.bytes)))
}

/// Last labels too common in messages to say anything about a known domain.
const COMMON_LABELS: &[&str] = &[".com", ".org", ".net", ".gov", ".edu", ".co", ".io", ".uk", ".ca"];

/// The known criminal domains named in `text`, by position, as (offset, domain).
pub(crate) fn criminal_domains_named(text: &str) -> Vec<(usize, &'static str)> {
    let lower = text.to_ascii_lowercase();
    // Nearly every text names none: a quick pass for the pieces says so without the automaton.
    if !holds_a_piece(lower.as_bytes()) {
        return Vec::new();
    }
    let finder = criminal_domain_finder();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces are an exact filter: every known domain holds one, so none is missed.
    #[test]
    fn every_known_domain_holds_a_piece_and_is_found_in_any_case() {
        let pieces = criminal_domain_pieces().expect("every listed domain has a dot");
        assert!(pieces.len() < known_criminal_domains().count(), "pieces are shared, not one a domain");
        for d in known_criminal_domains() {
            assert!(holds_a_piece(d.as_bytes()), "{d} holds no piece");
            let text = format!("Pay at https://{}/now", d.to_ascii_uppercase());
            assert_eq!(criminal_domains_named(&text), vec![(15, d)], "{d}");
        }
        assert!(criminal_domains_named("Pay at https://e-zpassny.com/pay, not sunpass.com").is_empty());
        assert!(!holds_a_piece(b"see usps.com or e-zpassny.com."), "no piece in ordinary domains");
        assert!(holds_a_piece(b"x.xin") && !holds_a_piece(b"xin"), "a piece is found at its dot");
        // A long text (a whole file) takes the other search: the same answers.
        let long = |tail: &str| format!("{}{tail}", "pay at usps.com. ".repeat(40));
        assert!(long("").len() > LONG_TEXT);
        assert!(!holds_a_piece(long("").as_bytes()) && holds_a_piece(long("x.xin").as_bytes()));
        for d in known_criminal_domains() {
            assert!(holds_a_piece(long(d).as_bytes()), "{d} in a long text");
        }
    }
}
