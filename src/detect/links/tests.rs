//! The Public Suffix cases the issue names: `co.uk`-style suffixes, IDN and punycode,
//! subdomains, trailing dots, links without a scheme, uppercase, links split across lines.

use super::*;

fn one(text: &str) -> Link {
    let found = find(text);
    assert_eq!(found.len(), 1, "{text:?}: {found:#?}");
    found.into_iter().next().unwrap()
}

#[test]
fn multi_label_public_suffixes_are_read_from_the_right() {
    let l = one("Pay at https://royalmail.co.uk-parcel.com/pay now");
    assert_eq!(l.registrable, "uk-parcel.com");
    assert_eq!(l.prefix, "royalmail.co");
    let l = one("See https://www.royalmail.co.uk/track");
    assert_eq!(l.registrable, "royalmail.co.uk");
    assert_eq!(l.prefix, "www");
    let l = one("evil.royalmail.co.uk.verify-now.com.au/x");
    assert_eq!(l.registrable, "verify-now.com.au");
    assert_eq!(l.prefix, "evil.royalmail.co.uk");
}

#[test]
fn subdomains_are_not_the_site() {
    let l = one("https://usps.com.redeliver-info.vip/us");
    assert_eq!(l.registrable, "redeliver-info.vip");
    assert_eq!(l.prefix, "usps.com");
    let l = one("https://tools.usps.com/go/TrackConfirmAction");
    assert_eq!(l.registrable, "usps.com");
}

#[test]
fn idn_names_have_both_forms() {
    // Cyrillic "а" in place of Latin "a".
    let l = one("https://pаypal.com/login");
    assert!(l.host.starts_with("xn--"), "{}", l.host);
    assert_eq!(l.host_unicode.as_deref(), Some("pаypal.com"));
    assert!(l.registrable_unicode().is_some());
    let l = one("http://xn--80ak6aa92e.com/");
    assert_eq!(l.host, "xn--80ak6aa92e.com");
    assert!(l.host_unicode.as_deref().is_some_and(|u| !u.is_ascii()));
    // An IDN top-level domain in punycode is a known suffix too.
    let l = one("Visit xn--e1afmkfd.xn--p1ai/pay");
    assert_eq!(l.registrable, "xn--e1afmkfd.xn--p1ai");
}

#[test]
fn trailing_dots_and_sentence_ends() {
    assert_eq!(one("To book, visit dmv.ca.gov.").host, "dmv.ca.gov");
    let l = one("https://usps.com./track");
    assert_eq!(l.host, "usps.com");
    assert_eq!(l.registrable, "usps.com");
}

#[test]
fn links_without_a_scheme_and_in_uppercase() {
    let l = one("Pay now: TOLPY.CC/OH8A6P");
    assert!(!l.has_scheme);
    assert_eq!(l.registrable, "tolpy.cc");
    assert_eq!(l.path, "/OH8A6P");
    let l = one("HTTPS://SUNPASS.COM-TOLLBALANCE.TOP/FL");
    assert!(l.has_scheme);
    assert_eq!(l.registrable, "com-tollbalance.top");
}

#[test]
fn a_link_split_across_two_lines_is_read_as_one() {
    let text = "Pay here: https://usps.com-track\ning.xin/us today";
    let l = one(text);
    assert!(l.joined);
    assert_eq!(l.host, "usps.com-tracking.xin");
    assert_eq!(&text[l.host_span.clone()], "usps.com-track\ning.xin");
    let text = "Pay: https://e-zpassny.com-\npay.top/ny";
    assert_eq!(one(text).registrable, "com-pay.top");
    // A complete link followed by a new line of words stays as it is.
    let found = find("Visit https://usps.com/pay\nor call us");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, "/pay");
}

#[test]
fn not_links() {
    for text in [
        "You owe $6.89.",
        "e.g. this",
        "Mr.Smith called",
        "alerts@usps.com",
        "U.S. Mail",
        "v1.2.3",
        "@pinecrest-savings.example #875780",
    ] {
        assert!(find(text).is_empty(), "{text:?}: {:?}", find(text));
    }
}

#[test]
fn user_info_before_an_at_sign_is_ignored_by_browsers() {
    let l = one("https://usps.com@track-parcel.top/x");
    assert_eq!(l.userinfo.as_deref(), Some("usps.com"));
    assert_eq!(l.registrable, "track-parcel.top");
}

#[test]
fn a_public_suffix_alone_is_not_a_link() {
    assert!(find("see co.uk").is_empty());
}

#[test]
fn hidden_characters_are_a_finding_of_their_own() {
    let report = crate::detect::inspect("Pay at https://usps.com-\u{200B}care.top or usps\u{202E}moc.x", None);
    let hidden: Vec<_> = report.findings.iter().filter(|f| f.kind == crate::detect::Kind::Hidden).collect();
    assert_eq!(hidden.len(), 1);
    assert!(hidden[0].reason.contains("2 character(s)"), "{}", hidden[0].reason);
}

#[test]
fn tokens_of_ascii_bytes_break_where_characters_do() {
    for b in 0..128u8 {
        assert_eq!(is_ascii_break(b), is_break(char::from(b)), "byte {b:#04x}");
    }
}

/// The earlier, plainer forms of the helpers `find` now runs without copies: each is compared
/// with its replacement on random text below.
mod careful {
    use std::ops::Range;

    pub fn trim_lead(s: &str) -> Option<usize> {
        let lower = s.to_ascii_lowercase();
        lower.find("http://").or_else(|| lower.find("https://"))
    }

    pub fn scheme_len(s: &str) -> Option<usize> {
        let lower: String = s.chars().take(8).collect::<String>().to_ascii_lowercase();
        ["https://", "http://"].iter().find(|p| lower.starts_with(*p)).map(|p| p.len())
    }

    pub fn map_span(text: &str, token: Range<usize>, inner: Range<usize>) -> Range<usize> {
        let mut offsets = Vec::new();
        for (i, c) in text[token.clone()].char_indices() {
            if c != '\n' {
                for k in 0..c.len_utf8() {
                    offsets.push(token.start + i + k);
                }
            }
        }
        let start = offsets.get(inner.start).copied().unwrap_or(token.start);
        let end = inner.end.checked_sub(1).and_then(|e| offsets.get(e)).map_or(start, |e| e + 1);
        start..end.max(start)
    }

    /// `normalise_host` without the early refusal of a last label that cannot be a TLD.
    pub fn normalise_host(host: &str) -> Option<String> {
        let host = host.strip_suffix('.').unwrap_or(host);
        if host.is_empty() || host.len() > 253 || host.starts_with('.') || host.contains("..") {
            return None;
        }
        if !host.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.') {
            return None;
        }
        let ascii = idna::domain_to_ascii(host).ok()?;
        let labels: Vec<&str> = ascii.split('.').collect();
        if labels.len() < 2 || labels.iter().any(|l| l.is_empty() || l.len() > 63) {
            return None;
        }
        let tld = labels[labels.len() - 1];
        let tld_ok = tld.starts_with("xn--") || (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
        if !tld_ok {
            return None;
        }
        let known = psl::suffix(ascii.as_bytes()).is_some_and(|s| s.is_known());
        (known || matches!(tld, "example" | "test")).then_some(ascii)
    }
}

/// Text made of the pieces of links and of what looks like them: schemes in any case, hosts,
/// labels, digits, prices, punycode, dots, slashes, line breaks and a few non-ASCII letters.
fn linkish() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        proptest::sample::select(vec![
            "https://",
            "HTTP://",
            "hTTps://",
            "http:/",
            "www.",
            "usps",
            "com",
            ".com",
            ".CO.uk",
            ".top",
            "xn--",
            "XN--p1ai",
            ".xn--p1ai",
            "$8.86",
            "1.2",
            "-",
            ".",
            "..",
            "/",
            "?",
            "#",
            "@",
            ":",
            "\n",
            " ",
            "é",
            "а",
            "ＵＳＰＳ",
            "k.",
            "\u{212A}",
            "\t",
            "\u{b}",
            "\u{c}",
            "\r",
            "<",
            ")",
            "\"",
            "{x}",
            "usps.com-\n",
            "\nverify.top",
            "@x.com",
            "a@b.co",
            "Pay.\nNow",
        ])
        .prop_map(str::to_string),
        "[a-zA-Z0-9.:/-]{0,6}",
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest::proptest! {
    #[test]
    fn the_copy_free_helpers_agree_with_the_plain_ones(s in proptest::prop_oneof![linkish(), proptest::prelude::any::<String>()]) {
        proptest::prop_assert_eq!(find_ignoring_ascii_case(&s, "http://").or_else(|| find_ignoring_ascii_case(&s, "https://")), careful::trim_lead(&s));
        proptest::prop_assert_eq!(scheme_len(&s), careful::scheme_len(&s));
        proptest::prop_assert_eq!(normalise_host(&s), careful::normalise_host(&s));
        let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
        for (a, b) in bounds.iter().zip(bounds.iter().skip(1)) {
            let token = *a..s.len();
            for inner in [0..(b - a), (b - a)..s.len() + 2, 1..3] {
                proptest::prop_assert_eq!(map_span(&s, token.clone(), inner.clone()), careful::map_span(&s, token.clone(), inner));
            }
        }
        // ASCII text's links are found from its dots: the same links as from every token.
        let ascii: String = s.chars().map(|c| if c.is_ascii() { c } else { ' ' }).collect();
        proptest::prop_assert_eq!(find(&ascii), links_in_tokens(&ascii, &tokens(&ascii)));
        // A host made of each token as a whole (what `parse` hands over), too.
        for token in s.split([' ', '\n', '/']) {
            proptest::prop_assert_eq!(normalise_host(token), careful::normalise_host(token));
        }
    }
}

proptest::proptest! {
    /// Hosts of ASCII letters, digits, hyphens and dots (some with a punycode label): the quick
    /// way reads them as IDNA does, both ways.
    #[test]
    fn plain_ascii_hosts_read_as_idna_reads_them(
        labels in proptest::collection::vec("(xn--)?[a-zA-Z0-9-]{0,9}", 1..5),
        tld in proptest::sample::select(vec!["com", "CO.uk", "top", "xn--p1ai", "x1", "test", "Example"]),
    ) {
        let host = format!("{}.{tld}", labels.join("."));
        proptest::prop_assert_eq!(normalise_host(&host), careful::normalise_host(&host));
        if let Some(ascii) = normalise_host(&host) && plain_ascii_host(&ascii) {
            let (unicode, ok) = idna::domain_to_unicode(&ascii);
            proptest::prop_assert!(ok.is_ok() && unicode == ascii, "{} gave {}", ascii, unicode);
        }
    }
}
