//! Judges one link the way the trainer teaches: read it from the right. Each link gets one
//! finding (one number on the message) whose reason puts together everything read from it:
//! the site it really goes to, a brand or agency name in front of someone else's domain, a
//! name inside an address, whether the organisation the text names owns it, letters from
//! other alphabets, a short link, a domain from a public report.

use super::links::Link;
use super::orgs::{self, Org};
use super::{Finding, Kind, Level, Place, clip, criminal, shortlinks};

/// Labels that end a domain name: written in front of a hyphen or another name
/// (`usps.com-track.top`, `usps.com.track.top`), they are a decoy made to look like the end.
const SUFFIX_WORDS: &[&str] = &["com", "gov", "org", "net", "edu", "mil", "us", "co", "info"];

/// Words of a text's opening "Name:" that are too common to show whose name it is.
const COMMON_WORDS: &[&str] = &[
    "alert",
    "alerts",
    "notice",
    "final",
    "fraud",
    "bank",
    "your",
    "account",
    "service",
    "services",
    "toll",
    "tolls",
    "payment",
    "delivery",
    "parcel",
    "package",
    "order",
    "update",
    "reminder",
    "urgent",
    "security",
    "team",
    "info",
    "center",
    "department",
    "official",
    "customer",
    "support",
    "express",
    "text",
    "message",
    // Words that name a kind of organisation, not one: every state has a DMV, a court and a
    // mobility authority, so they show no one's name.
    "authority",
    "mobility",
    "regional",
    "county",
    "state",
    "city",
    "court",
    "courts",
    "motor",
    "vehicles",
    "transit",
    "bridge",
    "turnpike",
    "tollway",
    "expressway",
    "postal",
    "office",
    "aviso",
    "notificacion",
];

/// The decoy in front of the registrable domain, if the link has one: the label before a
/// `com-`/`gov-` registrable (`sunpass` + `.com`), or a prefix ending in a suffix word
/// (`usps.com` in `usps.com.redeliver-info.vip`).
fn suffix_decoy(link: &Link) -> Option<String> {
    let first = link.registrable.split('.').next().unwrap_or("");
    let glued = SUFFIX_WORDS.iter().find(|w| first.starts_with(&format!("{w}-")));
    match glued {
        Some(w) if !link.prefix.is_empty() => Some(format!("{}.{w}", link.prefix)),
        Some(w) => Some(format!("the '{w}-' at its start")),
        None => {
            let last = link.prefix.rsplit('.').next().unwrap_or("");
            (SUFFIX_WORDS.contains(&last) && link.prefix.contains('.')).then(|| link.prefix.clone())
        }
    }
}

/// Lowercase letters and digits of a name (`E-ZPass NY` → `ezpassny`).
fn squash(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// The listed organisations whose name (an alias or an own domain's name) is written inside
/// `part` (a prefix or the registrable domain's first label), longest first.
fn names_inside(part: &str) -> Vec<(&'static Org, String)> {
    let squashed = squash(part);
    let mut found: Vec<(&'static Org, String)> = Vec::new();
    for org in orgs::all() {
        let names = org.aliases.iter().map(|a| squash(a)).chain(org.domain_words());
        let best = names.filter(|n| n.len() >= 3 && squashed.contains(n.as_str())).max_by_key(String::len);
        if let Some(name) = best {
            // Three-letter names only count as a whole label (`ups-track` yes, `groups` no).
            if name.len() > 3 || part.split(['.', '-']).any(|l| squash(l) == name) {
                found.push((org, name));
            }
        }
    }
    found.sort_by_key(|(_, n)| std::cmp::Reverse(n.len()));
    found
}

/// The text's opening "Name:" (before the first colon of its first line), which is how texts
/// say who they are from.
fn opening_name(text: &str) -> Option<&str> {
    let first_line = text.lines().next().unwrap_or("");
    let (name, _) = first_line.split_once(':')?;
    (name.chars().count() <= 40).then_some(name)
}

/// The words of the text's opening "Name:" that can show whose name it is.
fn opening_name_words(text: &str) -> Vec<String> {
    let Some(name) = opening_name(text) else { return Vec::new() };
    name.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && w.is_ascii() && !COMMON_WORDS.contains(&w.as_str()))
        .collect()
}

/// Whether a domain label adds other words to the opening name (`harborview-fraudcenter`,
/// `cityboxfees`, `mackinacbridge-pay`) rather than being made of the name's own words
/// (`harborviewbank` or `pinecrest-savings` for "Pinecrest Savings"): the added words are the
/// shape of the lookalikes criminals register.
fn adds_to_the_name(label: &str, text: &str) -> bool {
    !squash(opening_name(text).unwrap_or("")).contains(&squash(label))
}

/// The one finding for `link`. `pressure` says whether the text asks for payment, card
/// details or a code, or pushes with a deadline or a threat.
pub fn judge(link: &Link, text: &str, named: &[&'static Org], pressure: bool) -> Vec<Finding> {
    let mut sentences: Vec<String> = Vec::new();
    let mut kinds: Vec<(Kind, Level)> = Vec::new();
    let site = match link.registrable_unicode() {
        Some(u) => format!("{u} (written in ASCII: {})", link.registrable),
        None => link.registrable.clone(),
    };
    sentences.push(format!(
        "Read from the right, this link goes to {site}: whoever registered that name owns everything in front of it."
    ));

    if let Some(listed) = criminal::listed(&link.host) {
        kinds.push((Kind::KnownCriminal, Level::Warning));
        sentences.push(format!("{listed} is named in public reports as a domain used in real smishing campaigns."));
    }
    if let Some(user) = &link.userinfo {
        kinds.push((Kind::BrandInFront, Level::Warning));
        sentences.push(format!(
            "Everything before the '@' in an address is ignored: '{}' is decoration, the link opens {}.",
            clip(user, 40),
            link.host
        ));
    }
    let owner = named.iter().find(|o| o.owns(&link.host));
    if let Some(decoy) = suffix_decoy(link) {
        kinds.push((Kind::BrandInFront, Level::Warning));
        sentences
            .push(format!("'{}' in front is only a decoy made to look like the end of an address.", clip(&decoy, 60)));
    } else if owner.is_none() {
        if let Some((org, name)) = names_inside(&link.prefix).into_iter().find(|(o, _)| !o.owns(&link.host)) {
            kinds.push((Kind::BrandInFront, Level::Warning));
            sentences.push(format!(
                "'{name}' in front of it is {}'s name, put before someone else's domain; {}'s own domains are {}.",
                org.name,
                org.name,
                org.domain_list()
            ));
        } else if let Some(word) = opening_name_words(text).into_iter().find(|w| link.prefix.contains(w.as_str())) {
            kinds.push((Kind::BrandInFront, Level::Warning));
            sentences.push(format!(
                "'{}' in front of it carries '{word}', the name the text opens with, put before someone else's domain: the site is {}.",
                clip(&link.prefix, 60),
                link.registrable
            ));
        }
    }
    let short = owner.is_none() && shortlinks::is_short(link);
    match (owner, named.first()) {
        (Some(org), _) => {
            kinds.push((Kind::OwnDomain, Level::Note));
            sentences.push(format!(
                "{} is {}'s own domain (source: {}). That says where the link goes, not who sent the text: open the site yourself rather than through a text.",
                link.registrable, org.name, org.source
            ));
        }
        (None, Some(org)) if short => sentences.push(format!(
            "The text names {}; a short link cannot show whether it leads to {}'s own site ({}).",
            org.name,
            org.name,
            org.domain_list()
        )),
        (None, Some(org)) => {
            kinds.push((Kind::NotOwnDomain, Level::Warning));
            sentences.push(format!(
                "The text names {}, but {} is not one of its own domains ({}).",
                org.name,
                link.registrable,
                org.domain_list()
            ));
        }
        (None, None) => {}
    }
    if owner.is_none() {
        let label = link.registrable.split('.').next().unwrap_or("");
        let inside = names_inside(label).into_iter().find(|(o, _)| !o.owns(&link.host));
        if let Some((org, name)) = inside {
            kinds.push((Kind::NameInDomain, Level::Warning));
            sentences.push(format!(
                "It contains '{name}', {}'s name, yet it is a different site: {}'s own domains are {}. Anyone can register a name with a brand in it.",
                org.name,
                org.name,
                org.domain_list()
            ));
        } else if let Some(word) = opening_name_words(text).into_iter().find(|w| label.contains(w.as_str())) {
            if pressure && adds_to_the_name(label, text) {
                kinds.push((Kind::NameInDomain, Level::Warning));
                sentences.push(format!(
                    "It carries '{word}', the name the text opens with, with a hyphen or other words added ({}): that is the shape of the lookalike addresses criminals register, and this text asks you to pay, give details or act fast through it. Find the organisation's own site on your card, bill or app.",
                    link.registrable
                ));
            } else {
                kinds.push((Kind::NameInDomain, Level::Note));
                sentences.push(format!(
                "It contains '{word}', like the name the text opens with. Anyone can register a name like that, so it proves nothing; find the organisation's own site on your card, bill or app."
            ));
            }
        }
    }
    if let Some(unicode) = &link.host_unicode {
        kinds.push((Kind::Idn, Level::Warning));
        sentences.push(format!(
            "The address uses letters beyond plain Latin: shown as {unicode}, it is really {}. Letters from other alphabets can look exactly like Latin ones.",
            link.host
        ));
    }
    if short {
        kinds.push((Kind::ShortLink, Level::Warning));
        sentences.push(format!(
            "This is a short link: {} only forwards you on, and where it leads cannot be read from the text.",
            link.registrable
        ));
    }
    if link.joined {
        sentences.push("The link was split across two lines; it is read here as one.".to_string());
    }
    if kinds.is_empty() {
        kinds.push((Kind::Link, Level::Note));
        sentences.push(
            "Nothing in the text shows who owns that name. Don't tap it: look the organisation up yourself."
                .to_string(),
        );
    }
    let (kind, level) = primary(&kinds);
    let span = if short { link.span.clone() } else { link.host_span.clone() };
    vec![Finding { kind, level, place: Place::Text, span, reason: sentences.join(" ") }]
}

/// The finding's kind: the most telling of those found.
fn primary(kinds: &[(Kind, Level)]) -> (Kind, Level) {
    const ORDER: &[Kind] = &[
        Kind::KnownCriminal,
        Kind::BrandInFront,
        Kind::NotOwnDomain,
        Kind::NameInDomain,
        Kind::Idn,
        Kind::ShortLink,
        Kind::OwnDomain,
        Kind::Link,
    ];
    let level = kinds.iter().map(|(_, l)| *l).max().unwrap_or(Level::Note);
    let kind = ORDER.iter().copied().find(|k| kinds.iter().any(|(x, l)| x == k && *l == level)).unwrap_or(Kind::Link);
    (kind, level)
}
