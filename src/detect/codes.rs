//! One-time codes: a 4- to 8-digit code near the word "code", what the text says it is for,
//! and the domain a domain-bound code (`@example.com #123456`) is tied to. A code you did not
//! ask for means someone else started that sign-in, payment or wallet enrolment.

use regex::Regex;

use super::{Finding, Kind, Level, Place, clip};

/// A code and the words around it: "123456 is your … code", "Your code is 123456", "código: 1234".
const CODE: &str = r"(?i)\b(?P<code>\d{4,8})\b\s+(?:is|es)\s+(?:your|su)\b[^.\n]{0,60}?\b(?:code|passcode|c[oó]digo|pin)\b|\b(?:code|passcode|c[oó]digo|pin)\b(?:\s+(?:is|es))?\s*:?\s*(?P<code2>\d{4,8})\b";

/// What the text says the code is for: "to sign in", "for your transfer", "to add your card
/// to Apple Pay".
const PURPOSE: &str = r"(?i)\b(?:to|for|para)\s+(?P<what>(?:sign|log)\s*(?:in|on)[^.\n]{0,50}|(?:add|verify|approve|confirm|reset|complete|authori[sz]e|activate|link|change|access|enrol+)\b[^.\n]{0,60}|your\s+[^.\n]{2,50})";

/// The line that binds a code to a site: `@example.com #123456`.
const BOUND: &str = r"(?m)^@(?P<domain>[^\s#]+)\s+#(?P<code>\d{4,8})\s*$";

fn re(cell: &'static std::sync::OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

/// The codes in `text`, each with what it is for.
pub fn find(text: &str) -> Vec<Finding> {
    static C: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    static P: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    static B: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    let (Some(code_re), Some(purpose_re), Some(bound_re)) = (re(&C, CODE), re(&P, PURPOSE), re(&B, BOUND)) else {
        return Vec::new();
    };
    let bound: Vec<(String, String)> =
        bound_re.captures_iter(text).map(|c| (c["domain"].to_string(), c["code"].to_string())).collect();
    let mut out = Vec::new();
    for caps in code_re.captures_iter(text) {
        let Some(code) = caps.name("code").or_else(|| caps.name("code2")) else { continue };
        if out.iter().any(|f: &Finding| f.span == code.range()) {
            continue;
        }
        // What it is for: the first purpose phrase in the same sentence-ish stretch of text.
        let around_start = text[..code.start()].rfind(['.', '\n']).map_or(0, |i| i + 1);
        let around = &text[around_start..];
        let purpose = purpose_re
            .captures(&around[..around.len().min(200)])
            .and_then(|c| c.name("what").map(|m| m.as_str().trim().to_string()));
        let mut reason = format!("{} is a one-time code.", code.as_str());
        match purpose {
            Some(p) => reason.push_str(&format!(" The text says it is for: \"{}\".", clip(&p, 70))),
            None => reason.push_str(" The text does not say what it is for."),
        }
        reason.push_str(
            " If you did not just start that yourself, someone else did, with your details: never share the code, \
             not with anyone who calls or texts, not even someone who says they are the bank or the agency.",
        );
        if let Some((domain, _)) = bound.iter().find(|(_, c)| c == code.as_str()) {
            reason.push_str(&format!(
                " Its last line binds it to {}: your phone offers to fill it in only on that site.",
                clip(domain, 60)
            ));
        }
        out.push(Finding {
            kind: Kind::SignInCode,
            level: Level::Note,
            place: Place::Text,
            span: code.range(),
            reason,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_and_its_purpose() {
        let f = find("481516 is your Brightmail code to sign in on a new device. Don't share it.");
        assert_eq!(f.len(), 1);
        assert!(f[0].reason.contains("sign in on a new device"), "{}", f[0].reason);
        let g = find("Your verification code is 2291 for your transfer of $900.");
        assert!(g[0].reason.contains("your transfer"), "{}", g[0].reason);
    }

    #[test]
    fn a_domain_bound_code_names_its_site() {
        let f = find("875780 is your Pinecrest code.\n\n@pinecrest-savings.example #875780");
        assert!(f[0].reason.contains("pinecrest-savings.example"), "{}", f[0].reason);
    }

    #[test]
    fn amounts_and_years_are_not_codes() {
        assert!(find("You owe $6.89 since 2024. Pay by 12/04.").is_empty());
    }
}
