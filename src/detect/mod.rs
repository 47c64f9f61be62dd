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
#[cfg(test)]
mod shape_tests;
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
    /// Invisible, direction-changing or control characters in the text.
    Hidden,
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
            Kind::Hidden => "Hidden characters",
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
    // Words inside a link (`/fee`, `pay-now`) are part of the address, read by `lookalike`.
    let in_link = |f: &Finding| found_links.iter().any(|l| l.span.start < f.span.end && f.span.start < l.span.end);
    let mut said: Vec<Finding> = phrases::find(text).into_iter().filter(|f| !in_link(f)).collect();
    said.extend(codes::find(text).into_iter().filter(|f| !in_link(f)));
    // What the text asks or how it pushes decides how much a lookalike-shaped address weighs.
    let pressure = said.iter().any(|f| f.level == Level::Warning && PRESSURE.contains(&f.kind));
    let mut findings = Vec::new();
    for link in &found_links {
        findings.extend(lookalike::judge(link, text, &named, pressure));
    }
    own_site_payment(&mut said, &findings, &found_links, &named, text);
    findings.extend(said);
    if let Some(sender) = sender.filter(|s| !s.trim().is_empty()) {
        findings.extend(sender::judge(sender, &named));
    }
    findings.extend(hidden(text));
    findings.sort_by_key(|f| (f.place == Place::Text, f.span.start, std::cmp::Reverse(f.level)));
    Report { findings, links: found_links, named }
}

/// What a text asks you to do or how it pushes you: with these, an address made of the
/// text's own opening name plus other words is the lookalike shape (see [`lookalike::judge`]).
const PRESSURE: &[Kind] = &[Kind::Payment, Kind::CardDetails, Kind::CodeRequest, Kind::Urgency, Kind::Threat];

/// A request for payment or card details whose every link goes to the named organisation's
/// own domain is a fact to weigh, not a warning: some organisations really do ask for
/// payment by text (DHL Express asks receivers to pay import duties through dhl.com). What
/// protects you stays the same: open the site yourself, not through the text.
fn own_site_payment(
    said: &mut [Finding],
    link_findings: &[Finding],
    found: &[links::Link],
    named: &[&'static orgs::Org],
    text: &str,
) {
    let links: Vec<&Finding> = link_findings.iter().filter(|f| f.kind.is_link()).collect();
    if links.is_empty() || !links.iter().all(|f| f.kind == Kind::OwnDomain) {
        return;
    }
    let Some(org) = named.iter().find(|o| found.iter().any(|l| o.owns(&l.host))) else { return };
    for f in said.iter_mut().filter(|f| matches!(f.kind, Kind::Payment | Kind::CardDetails)) {
        f.level = Level::Note;
        let words = clip(&text.get(f.span.clone()).unwrap_or("").replace('\n', " "), 80);
        f.reason = format!(
            "\"{words}\": a request for payment or details, and the link in this text goes to {}'s own site, so it may be real. Still, pay only after opening the site or app yourself, not through the text.",
            org.name
        );
    }
}

/// Characters that hide themselves or reorder text (zero-width spaces, bidi overrides) or
/// control the terminal: one finding at the first, counting them all. They are drawn as
/// visible markers; a text that holds them was made to read differently from what it is.
fn hidden(text: &str) -> Option<Finding> {
    let mut found =
        text.char_indices().filter(|(_, c)| *c != '\n' && crate::text_safety::forbidden_reason(*c).is_some());
    let (at, first) = found.next()?;
    let count = 1 + found.count();
    let what = crate::text_safety::forbidden_reason(first).unwrap_or("a hidden character");
    Some(Finding {
        kind: Kind::Hidden,
        level: Level::Warning,
        place: Place::Text,
        span: at..at + first.len_utf8(),
        reason: format!(
            "The text holds {count} character(s) that are invisible, change the direction of text or control the terminal (the first is U+{:04X}, {what}); they are shown here as markers. Such characters make an address or a name read differently from what it is.",
            first as u32
        ),
    })
}

/// `s` shortened to `max` characters for a reason's quote, with an ellipsis when cut.
pub(crate) fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}
