//! What the sender's kind proves and what it does not. No kind of sender proves a text genuine
//! or a scam: short codes are leased by businesses but scams use them too and names can be
//! spoofed; ordinary numbers and e-mail addresses send real texts as well as scams. Only the
//! organisation's published sender, checked through a channel you look up, counts for much.

use super::orgs::Org;
use super::{Finding, Kind, Level, Place};

/// The kinds of sender a phone shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SenderKind {
    ShortCode,
    TollFree,
    Local,
    Foreign,
    Email,
    Name,
}

/// What each kind proves and does not prove: (kind, label, sentence).
const MEANING: &[(SenderKind, &str, &str)] = &[
    (
        SenderKind::ShortCode,
        "a short code",
        "Short codes are leased by businesses, so many real alerts come from one; but a short code does not prove a text genuine: scams have used them too, and only the organisation's published code means anything.",
    ),
    (
        SenderKind::TollFree,
        "a toll-free number",
        "Businesses text from toll-free numbers, and so do scammers; it proves nothing either way.",
    ),
    (
        SenderKind::Local,
        "an ordinary phone number",
        "Doctors, schools, delivery drivers, shops and many agencies text from ordinary numbers, and so do scammers: it proves nothing either way, and a number is easy to get or fake.",
    ),
    (
        SenderKind::Foreign,
        "a number with a foreign country code",
        "A foreign number is odd for a US agency or company, and smishing crews often send from one; still, it is a clue to weigh, not proof.",
    ),
    (
        SenderKind::Email,
        "an e-mail address",
        "A text from an e-mail address is an iMessage or RCS message from someone's account. Scam crews send many of these, but an e-mail sender alone does not prove a scam.",
    ),
    (
        SenderKind::Name,
        "a name",
        "A sender name (an alphanumeric sender ID) is typed by whoever sends the text; it can be set to anything, so it proves nothing.",
    ),
];

/// The kind of a sender as written.
pub fn kind_of(sender: &str) -> SenderKind {
    let s = sender.trim();
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let numeric = s.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if s.contains('@') {
        SenderKind::Email
    } else if numeric && (4..=6).contains(&digits.len()) && !s.starts_with('+') {
        SenderKind::ShortCode
    } else if numeric && s.starts_with('+') && !s.starts_with("+1") {
        SenderKind::Foreign
    } else if numeric && digits.len() >= 10 {
        let national = if digits.len() == 11 && digits.starts_with('1') { &digits[1..] } else { &digits[..] };
        if ["800", "888", "877", "866", "855", "844", "833"].iter().any(|p| national.starts_with(p)) {
            SenderKind::TollFree
        } else if national.len() == 10 {
            SenderKind::Local
        } else {
            SenderKind::Foreign
        }
    } else {
        SenderKind::Name
    }
}

/// The finding about the sender, in the light of the organisations the text names.
pub fn judge(sender: &str, named: &[&'static Org]) -> Vec<Finding> {
    let kind = kind_of(sender);
    let (_, label, meaning) = MEANING.iter().find(|(k, _, _)| *k == kind).copied().unwrap_or(MEANING[5]);
    let mut reason = format!("The sender is {label}. {meaning}");
    let mut level = Level::Note;
    if let Some(org) = named.iter().find(|o| o.publishes(sender)) {
        reason.push_str(&format!(
            " It matches what {} publishes ({}). That is a good sign, not proof: check the message through the organisation's own site or app.",
            org.name, org.source
        ));
    } else if let Some(org) = named.iter().find(|o| !o.short_codes.is_empty()) {
        level = Level::Warning;
        reason.push_str(&format!(
            " The text names {}, whose published short codes are {}; this sender is not one of them.",
            org.name,
            org.short_codes.join(", ")
        ));
    }
    vec![Finding { kind: Kind::Sender, level, place: Place::Sender, span: 0..sender.len(), reason }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_sender() {
        assert_eq!(kind_of("28777"), SenderKind::ShortCode);
        assert_eq!(kind_of("+1 (305) 555-0172"), SenderKind::Local);
        assert_eq!(kind_of("1-800-555-0100"), SenderKind::TollFree);
        assert_eq!(kind_of("+63 917 555 0142"), SenderKind::Foreign);
        assert_eq!(kind_of("toll.notice@gmail.com"), SenderKind::Email);
        assert_eq!(kind_of("USPS"), SenderKind::Name);
    }

    #[test]
    fn no_kind_of_sender_is_called_proof() {
        for (_, _, meaning) in MEANING {
            let lower = meaning.to_lowercase();
            assert!(lower.contains("not") || lower.contains("nothing"), "{meaning}");
        }
    }
}
