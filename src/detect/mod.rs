//! The trainer's eye on a real message: pure detectors for what smishdrill teaches, shared by
//! `smishdrill inspect` (which marks them on a text someone received) and `smishdrill check`
//! (which warns when a scenario's flags miss a link). Nothing here draws, prints, opens a link
//! or resolves a name: every detector reads the text and the tables under `assets/reference/`.
//!
//! Each detector family has its own file; [`inspect`] runs them all and returns findings in
//! the order they appear in the message.

pub mod advice;
pub mod codes;
#[cfg(test)]
mod corpus_tests;
pub mod criminal;
pub mod links;
pub mod lookalike;
pub mod orgs;
pub mod phrases;
pub mod sender;
pub mod shortlinks;

use std::ops::Range;

/// How much a finding weighs. Nothing is ever "safe": a [`Level::Note`] is a fact to weigh
/// (the link goes to the organisation's own site, the sender is a short code), never a verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Note,
    Warning,
}

/// What a finding is about: one value per detector family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A link, with the site it really goes to (its registrable domain).
    Link,
    /// A brand or agency name in front of someone else's registrable domain.
    BrandInFront,
    /// The text names an organisation in the official list, and the link is not its own.
    NotOwnDomain,
    /// The link goes to the named organisation's own domain (a fact, not a verdict).
    OwnDomain,
    /// An organisation's name inside a domain that is not that organisation's.
    NameInDomain,
    /// Letters from other alphabets in the address.
    Idn,
    /// A short-link host, which hides where the link leads.
    ShortLink,
    /// A domain named by public reports as used in real smishing campaigns.
    KnownCriminal,
    /// "Reply Y, then exit and reopen": switches off the phone's link protection.
    ReplyTrick,
    /// Asks for payment.
    Payment,
    /// Asks for card or account details.
    CardDetails,
    /// Asks for a code, a password or personal numbers.
    CodeRequest,
    /// A deadline or pressure to act now.
    Urgency,
    /// A threat: suspension, legal action, arrest, a report to the DMV.
    Threat,
    /// A fee, fine or penalty.
    Fee,
    /// A one-time code, and what the text says it is for.
    SignInCode,
    /// The text's own safety advice ("Do not share this code").
    Advice,
    /// What the sender's kind proves and does not prove.
    Sender,
}

impl Kind {
    /// The short heading shown before a finding's reason.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Link => "Link",
            Kind::BrandInFront => "Name in front of another site",
            Kind::NotOwnDomain => "Not the organisation's own site",
            Kind::OwnDomain => "The organisation's own site",
            Kind::NameInDomain => "A name inside an address",
            Kind::Idn => "Letters from other alphabets",
            Kind::ShortLink => "Short link",
            Kind::KnownCriminal => "Reported criminal domain",
            Kind::ReplyTrick => "Reply to activate",
            Kind::Payment => "Asks for payment",
            Kind::CardDetails => "Asks for card details",
            Kind::CodeRequest => "Asks for a code or personal numbers",
            Kind::Urgency => "Urgency",
            Kind::Threat => "Threat",
            Kind::Fee => "Fee or fine",
            Kind::SignInCode => "One-time code",
            Kind::Advice => "Safety advice",
            Kind::Sender => "Sender",
        }
    }

    /// Link findings: the ones `check` and the coverage tests read.
    pub fn is_link(self) -> bool {
        matches!(
            self,
            Kind::Link
                | Kind::BrandInFront
                | Kind::NotOwnDomain
                | Kind::OwnDomain
                | Kind::NameInDomain
                | Kind::Idn
                | Kind::ShortLink
                | Kind::KnownCriminal
        )
    }
}

/// Which part of the inspected message a finding points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Text,
    Sender,
}

/// One thing found: where it is, what it is, and why it matters, in words for the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    pub level: Level,
    pub place: Place,
    /// Byte range in the text (or the sender) that the finding points at.
    pub span: Range<usize>,
    /// One or two sentences: what was found and why it matters. Built from the message's own
    /// words, so it is untrusted: sanitise before printing.
    pub reason: String,
}

/// Everything the detectors found in one message.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub links: Vec<links::Link>,
    /// Organisations in the official list that the message names.
    pub named: Vec<&'static orgs::Org>,
}

impl Report {
    /// The finding's words as they are in `text` (or `sender`).
    pub fn quote<'a>(&self, finding: &Finding, text: &'a str, sender: &'a str) -> &'a str {
        let whole = match finding.place {
            Place::Text => text,
            Place::Sender => sender,
        };
        whole.get(finding.span.clone()).unwrap_or("")
    }
}

/// Runs every detector over one received message and its sender (if known).
pub fn inspect(text: &str, sender: Option<&str>) -> Report {
    let named = orgs::named_in(text, sender.unwrap_or(""));
    let found_links = links::find(text);
    let mut findings = Vec::new();
    for link in &found_links {
        findings.extend(lookalike::judge(link, text, &named));
    }
    // Words inside a link (`/fee`, `pay-now`) are part of the address, already read above.
    let in_link = |f: &Finding| found_links.iter().any(|l| l.span.start < f.span.end && f.span.start < l.span.end);
    findings.extend(phrases::find(text).into_iter().filter(|f| !in_link(f)));
    findings.extend(codes::find(text).into_iter().filter(|f| !in_link(f)));
    if let Some(sender) = sender.filter(|s| !s.trim().is_empty()) {
        findings.extend(sender::judge(sender, &named));
    }
    findings.sort_by_key(|f| (f.place == Place::Text, f.span.start, std::cmp::Reverse(f.level)));
    Report { findings, links: found_links, named }
}

/// `s` shortened to `max` characters for a reason's quote, with an ellipsis when cut.
pub(crate) fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}
