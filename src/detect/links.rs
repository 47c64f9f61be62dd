//! Finds the links in a message and reads each one from the right, as the trainer teaches: the
//! registrable domain (the name someone registered, under a public suffix such as `.com`,
//! `.co.uk` or `.gov`) decides whose site it is; everything in front of it is the owner's to
//! choose. The Public Suffix List is the `psl` crate's embedded copy, so this never touches the
//! network. Handles links with and without `https://`, uppercase, a trailing dot, IDN
//! (Unicode) names and their punycode form, `user@host` tricks and a link broken across two
//! lines.

use std::ops::Range;

/// One link as written in the message, and what it really points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Bytes of the whole link in the text (scheme, host, path), possibly over a line break.
    pub span: Range<usize>,
    /// Bytes of the host as written (after any `user@`).
    pub host_span: Range<usize>,
    /// The host in ASCII (punycode for IDN), lowercase, without a trailing dot.
    pub host: String,
    /// The host in Unicode when it differs from `host` (an IDN name).
    pub host_unicode: Option<String>,
    /// The registrable domain, ASCII: the part of the host that decides whose site it is.
    pub registrable: String,
    /// What comes before the registrable domain (`www`, `usps.com`), possibly empty.
    pub prefix: String,
    /// Written with `http://` or `https://`.
    pub has_scheme: bool,
    /// The path, query and fragment as written (`/ny`, `/OH8A6P`), possibly empty.
    pub path: String,
    /// Text written before an `@` in the address (`https://usps.com@evil.top`), which the
    /// browser ignores.
    pub userinfo: Option<String>,
    /// The link was split over a line break and has been read as one.
    pub joined: bool,
}

impl Link {
    /// The registrable domain in Unicode, for showing beside its ASCII form.
    pub fn registrable_unicode(&self) -> Option<String> {
        let (unicode, result) = idna::domain_to_unicode(&self.registrable);
        (result.is_ok() && unicode != self.registrable).then_some(unicode)
    }
}

/// Characters that end a token: whitespace and brackets or quotes around a link.
fn is_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '«' | '»' | '(' | ')' | '[' | ']' | '{' | '}')
}

/// [`is_break`] for an ASCII byte, without decoding it (a test checks all 128).
fn is_ascii_break(b: u8) -> bool {
    matches!(
        b,
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | b'<' | b'>' | b'"' | b'(' | b')' | b'[' | b']' | b'{' | b'}'
    )
}

/// Punctuation that ends a sentence, not a link.
fn is_trailing_punct(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’' | '…')
}

/// Every whitespace-separated token of `text`, as byte ranges.
fn tokens(text: &str) -> Vec<Range<usize>> {
    crate::text_ranges::runs(text, is_break)
}

/// Strips sentence punctuation from the end of a token, and anything before a link that is
/// glued to it (`here:https://…`, `¿usps.com`).
fn trim_end(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = match find_ignoring_ascii_case(s, "http://").or_else(|| find_ignoring_ascii_case(s, "https://")) {
        Some(at) => at,
        None => s.find(|c: char| c.is_alphanumeric()).unwrap_or(0),
    };
    let trimmed = s[lead..].trim_end_matches(is_trailing_punct);
    r.start + lead..r.start + lead + trimmed.len()
}

/// The first byte offset of ASCII `needle` in `s`, ASCII case ignored: where the lower-cased
/// copy of `s` holds it, without making the copy (lower-casing ASCII keeps every offset).
fn find_ignoring_ascii_case(s: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (s.as_bytes(), needle.as_bytes());
    (0..(hay.len() + 1).saturating_sub(needle.len())).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The scheme's length if `s` starts with one (`https://`, `http://`, case-insensitive).
fn scheme_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    ["https://", "http://"]
        .iter()
        .find(|p| b.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes())))
        .map(|p| p.len())
}

/// Splits a token (bytes `r` of `text`, line breaks already removed in `s`) into its parts.
fn split(s: &str) -> Option<(bool, Option<String>, Range<usize>, String)> {
    let (has_scheme, rest_at) = match scheme_len(s) {
        Some(n) => (true, n),
        None => (false, 0),
    };
    let rest = &s[rest_at..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let (userinfo, host_at) = match authority.rfind('@') {
        Some(at) if has_scheme => (Some(authority[..at].to_string()), at + 1),
        Some(_) => return None, // an e-mail address, not a link
        None => (None, 0),
    };
    let host_and_port = &authority[host_at..];
    let host_len = host_and_port.find(':').unwrap_or(host_and_port.len());
    let start = rest_at + host_at;
    Some((has_scheme, userinfo, start..start + host_len, rest[authority_end..].to_string()))
}

/// A host in ASCII (punycode), lowercase, without a trailing dot, if it looks like a domain
/// under a suffix the Public Suffix List knows (or the reserved `.example` and `.test`).
pub fn normalise_host(host: &str) -> Option<String> {
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.is_empty() || host.len() > 253 || host.starts_with('.') || host.as_bytes().windows(2).any(|w| w == b"..") {
        return None;
    }
    if !host.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.') {
        return None;
    }
    // An ASCII host keeps its labels through IDNA (it is only lower-cased), so a last label that
    // cannot be a top-level domain (`$8.86`, `v1.2`) is refused before the IDNA mapping, which
    // costs more than the rest of this function.
    if host.is_ascii() && !tld_ok(host.rsplit('.').next().unwrap_or(host)) {
        return None;
    }
    // A plain ASCII host (letters, digits, hyphens, dots; no punycode label) comes out of the
    // IDNA mapping lower-cased and nothing else: that is most links, and the mapping costs more
    // than the rest of reading one.
    let ascii = if plain_ascii_host(host) { host.to_ascii_lowercase() } else { idna::domain_to_ascii(host).ok()? };
    let (mut labels, mut tld) = (0, "");
    for label in ascii.split('.') {
        if label.is_empty() || label.len() > 63 {
            return None;
        }
        labels += 1;
        tld = label;
    }
    if labels < 2 {
        return None;
    }
    if !tld_ok(tld) {
        return None;
    }
    let known = psl::suffix(ascii.as_bytes()).is_some_and(|s| s.is_known());
    (known || matches!(tld, "example" | "test")).then_some(ascii)
}

/// An ASCII host of letters, digits, hyphens and dots with no label in punycode (`xn--`): IDNA
/// only lower-cases it, both ways.
fn plain_ascii_host(host: &str) -> bool {
    let b = host.as_bytes();
    let punycode_at = |i: usize| b.get(i..i + 4).is_some_and(|p| p.eq_ignore_ascii_case(b"xn--"));
    !punycode_at(0)
        && b.iter()
            .enumerate()
            .all(|(i, &c)| c.is_ascii_alphanumeric() || c == b'-' || (c == b'.' && !punycode_at(i + 1)))
}

/// Whether a host's last label may be a top-level domain: letters only (two or more), or an
/// IDN's punycode. ASCII case is ignored (IDNA lower-cases it).
fn tld_ok(tld: &str) -> bool {
    tld.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
        || (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// The registrable domain of an ASCII host, read from the right with the Public Suffix List;
/// `None` when the host is itself a public suffix (`co.uk`).
pub fn registrable(host: &str) -> Option<String> {
    psl::domain_str(host).map(str::to_string)
}

/// Parses the token at `r` (with `s` its text, line breaks removed) into a link.
fn parse(text: &str, r: Range<usize>, s: &str, joined: bool) -> Option<Link> {
    let (has_scheme, userinfo, host_in_s, path) = split(s)?;
    let written_host = &s[host_in_s.clone()];
    let host = normalise_host(written_host)?;
    // Without a scheme, a bare word with a dot must look like a site: a known suffix is
    // required above; "e.g." and prices never get here.
    let registrable = registrable(&host)?;
    let prefix = host.strip_suffix(&registrable).unwrap_or("").trim_end_matches('.').to_string();
    // A plain ASCII host reads the same in Unicode (see `plain_ascii_host`).
    let host_unicode = if plain_ascii_host(&host) {
        None
    } else {
        let (unicode, ok) = idna::domain_to_unicode(&host);
        (ok.is_ok() && unicode != host).then_some(unicode)
    };
    let host_span = map_span(text, r.clone(), host_in_s);
    Some(Link { span: r, host_span, host, host_unicode, registrable, prefix, has_scheme, path, userinfo, joined })
}

/// Maps a byte range of the joined token back to the text (which may hold a `\n` inside).
fn map_span(text: &str, token: Range<usize>, inner: Range<usize>) -> Range<usize> {
    // The joined token's byte `k` is the token's `k`-th byte that is not a line break (a `\n`
    // is one byte, and no byte of another character is one).
    let kept = |k: usize| {
        text.as_bytes()[token.clone()]
            .iter()
            .enumerate()
            .filter(|(_, b)| **b != b'\n')
            .nth(k)
            .map(|(i, _)| token.start + i)
    };
    let start = kept(inner.start).unwrap_or(token.start);
    let end = inner.end.checked_sub(1).and_then(kept).map_or(start, |e| e + 1);
    start..end.max(start)
}

/// Whether a token that parsed (or not) should take the next line's first token as its rest:
/// it ends with a character a link cannot end with, or only the joined form is a link.
fn should_join(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    let between = &text[a.end..b.start];
    if between != "\n" {
        return false;
    }
    let first = &text[a.clone()];
    // A sentence that ends a line ("unpaid.\nPay") is not a link: the next line must not start
    // a new sentence, and the first part must already look like part of an address.
    let next_upper = text[b.clone()].chars().next().is_some_and(char::is_uppercase);
    let looks_like_address = scheme_len(first).is_some() || first.trim_end_matches('.').contains('.');
    if next_upper && !first.chars().any(char::is_uppercase) || !looks_like_address {
        return false;
    }
    let open_end = first.ends_with(['-', '.', '/', '_', '=', '?', '&', '%']);
    let alone = parse(text, a.clone(), first, false).is_some();
    let joined: String = format!("{first}{}", &text[b.clone()]);
    let together = parse(text, a.start..b.end, &joined, true).is_some();
    together && (open_end || !alone)
}

/// Every link in `text`, in order.
pub fn find(text: &str) -> Vec<Link> {
    // Every link holds a dot (the quick filter of `links_in_tokens`): a text without one is
    // not cut into tokens at all.
    if !text.contains('.') {
        return Vec::new();
    }
    if text.is_ascii() {
        return find_ascii(text);
    }
    links_in_tokens(text, &tokens(text))
}

/// The links among `toks`, the tokens of `text` in order.
fn links_in_tokens(text: &str, toks: &[Range<usize>]) -> Vec<Link> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let tok = toks[i].clone();
        let raw = &text[tok.clone()];
        // Quick filter: a link has a dot and an ASCII letter.
        if !raw.contains('.') || raw.starts_with('@') {
            i += 1;
            continue;
        }
        let next = toks.get(i + 1);
        match link_at(text, tok, next) {
            (Some(link), joined) => {
                out.push(link);
                i += if joined { 2 } else { 1 };
            }
            (None, _) => i += 1,
        }
    }
    out
}

/// [`links_in_tokens`] for ASCII text, the same links found from its dots: only the tokens
/// that hold one (and the token after each) are cut out, instead of every token of the text
/// (which was a third of the link pass over `check`'s messages).
fn find_ascii(text: &str) -> Vec<Link> {
    let b = text.as_bytes();
    let token_end = |from: usize| from + b[from..].iter().take_while(|&&c| !is_ascii_break(c)).count();
    let token_start = |to: usize| to - b[..to].iter().rev().take_while(|&&c| !is_ascii_break(c)).count();
    let next_token = |from: usize| {
        let start = from + b[from..].iter().take_while(|&&c| is_ascii_break(c)).count();
        (start < b.len()).then(|| start..token_end(start))
    };
    let mut out = Vec::new();
    // Dots before this were in a token already read (or joined to the one before).
    let mut resume = 0;
    for dot in memchr::memchr_iter(b'.', b) {
        if dot < resume {
            continue;
        }
        // A dot is never a break: it lies inside a token.
        let tok = token_start(dot)..token_end(dot);
        resume = tok.end;
        if b[tok.start] == b'@' {
            continue;
        }
        let next = next_token(tok.end);
        if let (Some(link), joined) = link_at(text, tok, next.as_ref()) {
            out.push(link);
            if joined {
                resume = next.map_or(resume, |n| n.end);
            }
        }
    }
    out
}

/// The link token `tok` of `text` is (with `next`, the token after it, when the link goes on
/// over a line break), and whether `next` was joined to it.
fn link_at(text: &str, tok: Range<usize>, next: Option<&Range<usize>>) -> (Option<Link>, bool) {
    if let Some(next) = next.filter(|n| should_join(text, &tok, n)) {
        let whole = trim_end(text, tok.start..next.end);
        let joined: String = text[whole.clone()].replace('\n', "");
        if let Some(link) = parse(text, whole, &joined, true) {
            return (Some(link), true);
        }
    }
    let r = trim_end(text, tok);
    (parse(text, r.clone(), &text[r], false), false)
}

#[cfg(test)]
mod tests;
