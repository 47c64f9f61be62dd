//! The official-organisations list (`assets/reference/official-organisations.toml`): who the
//! texts claim to be, which domains are really theirs, and which short codes and numbers they
//! publish. Data, not code: adding an organisation is adding an entry with its source.

use serde::Deserialize;

/// One organisation, as listed.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Org {
    pub name: String,
    /// The scenario category (`toll`, `postage` …) for a draft made from a text naming it.
    pub category: String,
    pub aliases: Vec<String>,
    pub domains: Vec<String>,
    pub short_codes: Vec<String>,
    pub numbers: Vec<String>,
    pub source: String,
    #[serde(default)]
    pub also: Vec<String>,
    /// `primary` (the organisation's own page) or `secondary` (a news or third-party copy).
    pub confidence: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    org: Vec<Org>,
}

/// The list's text, compiled in.
pub const SOURCE: &str = include_str!("../../assets/reference/official-organisations.toml");

/// Every listed organisation. The file is part of the program and tested, so a broken entry is
/// a build-time test failure; should it still fail to parse, the list is empty rather than a
/// panic (inspect then simply says nothing about own domains).
pub fn all() -> &'static [Org] {
    static LIST: std::sync::OnceLock<Vec<Org>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| toml::from_str::<File>(SOURCE).map(|f| f.org).unwrap_or_default())
}

impl Org {
    /// Whether an ASCII host is one of this organisation's own: one of its domains, or under one.
    pub fn owns(&self, host: &str) -> bool {
        self.domains.iter().any(|d| host == d || host.strip_suffix(d.as_str()).is_some_and(|rest| rest.ends_with('.')))
    }

    /// The first label of each own domain (`usps`, `tollsbymailny`), for spotting the name
    /// inside someone else's address.
    pub fn domain_names(&self) -> impl Iterator<Item = &str> {
        self.domains.iter().filter_map(|d| d.split('.').next())
    }

    /// The name each own domain spells, squashed: the domain without its public suffix
    /// (`usps.com` → `usps`, `dmv.ca.gov` → `dmvca`). Its first label alone is not enough:
    /// `dmv` in `dmv.ca.gov` is a generic word that every state's DMV uses
    /// (`www.dmv.virginia.gov`), so it would not identify the California DMV.
    pub fn domain_words(&self) -> impl Iterator<Item = String> + '_ {
        self.domains.iter().map(|d| {
            let suffix = psl::suffix_str(d).unwrap_or("");
            let name = d.strip_suffix(suffix).unwrap_or(d).trim_end_matches('.');
            name.chars().filter(char::is_ascii_alphanumeric).collect()
        })
    }

    /// Its own domains, joined for a sentence.
    pub fn domain_list(&self) -> String {
        self.domains.join(", ")
    }

    /// Whether `sender` is one of its published short codes or numbers (digits compared, so
    /// `(844) 826-8400` matches `1-844-826-8400`).
    pub fn publishes(&self, sender: &str) -> bool {
        let digits = only_digits(sender);
        if digits.is_empty() {
            return false;
        }
        self.short_codes.iter().chain(&self.numbers).any(|n| {
            let theirs = only_digits(n);
            !theirs.is_empty() && (theirs == digits || theirs.trim_start_matches('1') == digits.trim_start_matches('1'))
        })
    }
}

fn only_digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Where `word` occurs in `text` as a whole word. Short all-capital names (`UPS`, `CFX`) are
/// matched as written, so "sign-ups" is not UPS; longer names ignore case.
pub fn word_at(text: &str, word: &str) -> Option<usize> {
    word_in(text, &text.to_lowercase(), word)
}

/// [`word_at`] with `text` already lower-cased as `lower` (so a text is lower-cased once for
/// all the names looked for in it, not once per name: that was most of `check`'s link pass).
fn word_in(text: &str, lower: &str, word: &str) -> Option<usize> {
    let exact = word.len() <= 4 && word.chars().all(|c| !c.is_lowercase());
    if exact || lower.len() != text.len() {
        // Short all-capital names as written; and where lowercasing changed byte lengths (rare
        // letters), compare as written instead.
        return whole_word(text, word);
    }
    whole_word(lower, &word.to_lowercase())
}

fn whole_word(hay: &str, needle: &str) -> Option<usize> {
    hay.match_indices(needle).map(|(i, _)| i).find(|&i| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The listed organisations that `text` or `sender` names, in list order.
pub fn named_in(text: &str, sender: &str) -> Vec<&'static Org> {
    let (text_lower, sender_lower) = (text.to_lowercase(), sender.to_lowercase());
    all()
        .iter()
        .filter(|org| {
            org.aliases
                .iter()
                .any(|a| word_in(text, &text_lower, a).is_some() || word_in(sender, &sender_lower, a).is_some())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_parses_and_every_entry_is_sourced() {
        let orgs = all();
        assert!(orgs.len() >= 10, "{}", orgs.len());
        for org in orgs {
            assert!(org.source.starts_with("https://"), "{}: {}", org.name, org.source);
            assert!(!org.aliases.is_empty() && !org.domains.is_empty(), "{}", org.name);
            assert!(matches!(org.confidence.as_str(), "primary" | "secondary"), "{}", org.name);
            assert!(crate::scenario::Category::parse(&org.category).is_some(), "{}: {}", org.name, org.category);
            for d in &org.domains {
                assert_eq!(crate::detect::links::normalise_host(d).as_deref(), Some(d.as_str()), "{d}");
            }
        }
    }

    #[test]
    fn names_are_found_as_whole_words() {
        let names = |t: &str| named_in(t, "").iter().map(|o| o.name.as_str()).collect::<Vec<_>>();
        assert_eq!(names("USPS: your parcel"), ["USPS"]);
        assert!(names("Thanks for the sign-ups").is_empty());
        assert!(names("EZPNY: Pay Toll Now").contains(&"E-ZPass New York / Tolls by Mail"));
        assert!(names("sunpass balance").contains(&"SunPass"));
    }

    #[test]
    fn own_domains_include_subdomains_only() {
        let usps = all().iter().find(|o| o.name == "USPS").unwrap();
        assert!(usps.owns("usps.com") && usps.owns("tools.usps.com"));
        assert!(!usps.owns("notusps.com") && !usps.owns("usps.com-track.top"));
        assert!(usps.publishes("28777"));
    }

    #[test]
    fn a_domain_spells_its_whole_name_not_a_generic_first_label() {
        let ca = all().iter().find(|o| o.name == "California DMV").unwrap();
        assert_eq!(ca.domain_words().collect::<Vec<_>>(), ["dmvca"]);
        let usps = all().iter().find(|o| o.name == "USPS").unwrap();
        assert!(usps.domain_words().any(|w| w == "usps"));
    }
}
