//! Variables: named slots in a scenario (`[vars]`) that smishdrill fills at random, so that a
//! learner meets the red flags in ever-new words, amounts, dates, numbers and domains and
//! cannot pass by remembering the texts. Draws come from a seeded generator: the same seed
//! gives the same values.

use std::borrow::Cow;

use rand::RngExt;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::dates::Date;

/// How a phone number is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneKind {
    /// A US number in the fictional 555-0100…0199 range.
    Us,
    /// A foreign mobile number of the shapes reported in toll and parcel texts.
    Intl,
}

/// The shapes of lookalike domain criminals register (Unit 42, ThreatSTOP; facts section 2A).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DomainStyle {
    /// `brand.com-word.tld`: the brand looks like the start of the real address.
    Subdomain,
    /// `brand.gov-word.tld`: the same trick with `.gov-`.
    Gov,
    /// `brand-word.tld`
    Hyphen,
    /// `brandword.tld`
    Word,
    /// `brand.com-x7k2.tld`: random characters after the brand.
    Random,
}

pub const DOMAIN_STYLES: &[(&str, DomainStyle)] = &[
    ("subdomain", DomainStyle::Subdomain),
    ("gov", DomainStyle::Gov),
    ("hyphen", DomainStyle::Hyphen),
    ("word", DomainStyle::Word),
    ("random", DomainStyle::Random),
];

/// Cheap top-level domains seen in these campaigns (.xin, .top, .vip, .icu, .cc, .xyz, .win, .sbs).
const CHEAP_TLDS: &[&str] = &["top", "xin", "vip", "icu", "cc", "xyz", "win", "sbs"];
const DOMAIN_WORDS: &[&str] =
    &["pay", "toll", "tolls", "portal", "billing", "service", "notice", "center", "help", "secure", "online", "verify"];
/// Area codes for fictional US numbers (the 555-01xx range is fictional in every area code).
const AREA_CODES: &[&str] = &[
    "202", "212", "213", "305", "312", "404", "407", "415", "469", "512", "617", "702", "713", "786", "813", "917",
    "954",
];

/// One slot and how to fill it.
#[derive(Clone, Debug, PartialEq)]
pub enum Slot {
    Pick(Vec<String>),
    /// A pick that takes the same position as another pick (an agency and its own site).
    Tied {
        with: String,
        values: Vec<String>,
    },
    Money {
        min_cents: u64,
        max_cents: u64,
    },
    Date {
        min_days: i64,
        max_days: i64,
        format: String,
    },
    Digits(usize),
    Pattern(String),
    Phone(PhoneKind),
    Domain {
        brand: String,
        styles: Vec<DomainStyle>,
    },
}

/// The slots of one scenario, in name order (so draws do not depend on file order).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vars {
    pub slots: Vec<(String, Slot)>,
    /// Slots that failed their checks: their placeholders are left as written.
    pub broken: Vec<String>,
}

/// The value drawn for each variable, by name (a broken variable's value is its placeholder as
/// written, so it is left as it stands).
pub type Values<'a> = foldhash::HashMap<&'a str, Cow<'a, str>>;

impl Vars {
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty() && self.broken.is_empty()
    }

    /// Draws a value for every slot. `today` is days since 1970-01-01.
    ///
    /// Names and picked values are borrowed from the slots, not copied: every bundled file is
    /// drawn once at start-up, and a copy of each name and value (with std's SipHash over
    /// each) was a tenth of loading the built-in corpus.
    pub fn draw(&self, rng: &mut StdRng, today: i64) -> Values<'_> {
        let mut values: Values<'_> = self.broken.iter().map(|n| (n.as_str(), Cow::Owned(format!("{{{n}}}")))).collect();
        for ((name, _), value) in self.slots.iter().zip(self.draw_values(rng, today)) {
            values.insert(name.as_str(), value);
        }
        values
    }

    /// The same draw as [`Vars::draw`], as a value per slot in `slots` order: picks borrow
    /// their value, so a variant `check` tests costs no copy of them.
    pub fn draw_values(&self, rng: &mut StdRng, today: i64) -> Vec<Cow<'_, str>> {
        let mut values: Vec<Cow<'_, str>> = vec![Cow::Borrowed(""); self.slots.len()];
        let mut picked: Vec<Option<usize>> = vec![None; self.slots.len()];
        for (k, (_, slot)) in self.slots.iter().enumerate() {
            let value: Cow<'_, str> = match slot {
                Slot::Pick(list) => {
                    let i = rng.random_range(0..list.len());
                    picked[k] = Some(i);
                    Cow::Borrowed(&list[i])
                }
                Slot::Tied { .. } => continue,
                Slot::Money { min_cents, max_cents } => money(rng.random_range(*min_cents..=*max_cents)).into(),
                Slot::Date { min_days, max_days, format } => {
                    let days = today + rng.random_range(*min_days..=*max_days);
                    Date::from_days(days).format(format).unwrap_or_default().into()
                }
                Slot::Digits(n) => (0..*n).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect(),
                Slot::Pattern(p) => pattern(p, rng).into(),
                Slot::Phone(kind) => phone(*kind, rng).into(),
                Slot::Domain { brand, styles } => domain(brand, styles, rng).into(),
            };
            values[k] = value;
        }
        for (k, (_, slot)) in self.slots.iter().enumerate() {
            if let Slot::Tied { with, values: list } = slot {
                let tied = self.slots.iter().zip(&picked).find(|((n, _), p)| n == with && p.is_some());
                let i = tied.and_then(|(_, p)| *p).unwrap_or(0).min(list.len().saturating_sub(1));
                values[k] = list.get(i).map_or(Cow::Borrowed(""), |v| Cow::Borrowed(v.as_str()));
            }
        }
        values
    }
}

/// US dollars as Americans write them: `$1,234.56`.
pub fn money(cents: u64) -> String {
    let dollars = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in dollars.chars().enumerate() {
        if i > 0 && (dollars.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("${grouped}.{:02}", cents % 100)
}

/// `#` a digit, `?` a capital letter, anything else as written.
pub fn pattern(p: &str, rng: &mut StdRng) -> String {
    p.chars()
        .map(|c| match c {
            '#' => char::from(b'0' + rng.random_range(0..10u8)),
            '?' => char::from(b'A' + rng.random_range(0..26u8)),
            other => other,
        })
        .collect()
}

fn phone(kind: PhoneKind, rng: &mut StdRng) -> String {
    let line = rng.random_range(100..=199);
    match kind {
        PhoneKind::Us => {
            let area = AREA_CODES.choose(rng).copied().unwrap_or("212");
            match rng.random_range(0..3) {
                0 => format!("({area}) 555-0{line}"),
                1 => format!("+1 {area}-555-0{line}"),
                _ => format!("+1 ({area}) 555-0{line}"),
            }
        }
        PhoneKind::Intl => match rng.random_range(0..4) {
            // The UK's numbers reserved for drama (07700 900xxx).
            0 => format!("+44 7700 900{:03}", rng.random_range(0..1000)),
            // Philippine mobile shape (+63 9xx), the origin most often reported.
            _ => format!("+63 9{:02} 555 0{line}", rng.random_range(5..=99)),
        },
    }
}

fn domain(brand: &str, styles: &[DomainStyle], rng: &mut StdRng) -> String {
    let style = styles.choose(rng).copied().unwrap_or(DomainStyle::Subdomain);
    let word = DOMAIN_WORDS.choose(rng).copied().unwrap_or("pay");
    let tld = CHEAP_TLDS.choose(rng).copied().unwrap_or("top");
    match style {
        DomainStyle::Subdomain => format!("{brand}.com-{word}.{tld}"),
        DomainStyle::Gov => format!("{brand}.gov-{word}.{tld}"),
        DomainStyle::Hyphen => format!("{brand}-{word}.{tld}"),
        DomainStyle::Word => format!("{brand}{word}.{tld}"),
        DomainStyle::Random => {
            let tag: String = (0..4)
                .map(|_| {
                    let i = rng.random_range(0..36u8);
                    char::from(if i < 10 { b'0' + i } else { b'a' + i - 10 })
                })
                .collect();
            format!("{brand}.com-{tag}.{tld}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::phone::{is_fictional, north_american_numbers};
    use rand::SeedableRng;

    #[test]
    fn money_is_written_the_american_way() {
        assert_eq!(money(435), "$4.35");
        assert_eq!(money(5), "$0.05");
        assert_eq!(money(12_345_678), "$123,456.78");
        assert_eq!(money(100_000), "$1,000.00");
    }

    #[test]
    fn patterns_fill_digits_and_letters() {
        let mut rng = StdRng::seed_from_u64(1);
        let p = pattern("??? ####-x", &mut rng);
        assert_eq!(p.len(), 10);
        assert!(p[..3].chars().all(|c| c.is_ascii_uppercase()));
        assert!(p[4..8].chars().all(|c| c.is_ascii_digit()));
        assert!(p.ends_with("-x"));
    }

    #[test]
    fn us_phone_numbers_are_always_fictional() {
        let mut rng = StdRng::seed_from_u64(2);
        for _ in 0..500 {
            let p = phone(PhoneKind::Us, &mut rng);
            let found = north_american_numbers(&p);
            assert_eq!(found.len(), 1, "{p}");
            assert!(is_fictional(&found[0].digits), "{p}");
            assert!(north_american_numbers(&phone(PhoneKind::Intl, &mut rng)).is_empty());
        }
    }

    #[test]
    fn domains_take_the_criminal_shapes() {
        let mut rng = StdRng::seed_from_u64(3);
        let d = domain("ezpass", &[DomainStyle::Subdomain], &mut rng);
        assert!(d.starts_with("ezpass.com-"), "{d}");
        let tld = d.rsplit('.').next().unwrap();
        assert!(CHEAP_TLDS.contains(&tld));
        assert!(domain("ezpass", &[DomainStyle::Gov], &mut rng).starts_with("ezpass.gov-"));
        assert!(domain("ezpass", &[DomainStyle::Hyphen], &mut rng).starts_with("ezpass-"));
    }

    #[test]
    fn tied_picks_follow_their_pick_and_the_same_seed_gives_the_same_values() {
        let vars = Vars {
            slots: vec![
                ("agency".into(), Slot::Pick(vec!["E-ZPass".into(), "SunPass".into(), "FasTrak".into()])),
                (
                    "site".into(),
                    Slot::Tied {
                        with: "agency".into(),
                        values: vec!["e-zpassny.com".into(), "sunpass.com".into(), "bayareafastrak.org".into()],
                    },
                ),
                ("due".into(), Slot::Date { min_days: 1, max_days: 3, format: "%b %d".into() }),
            ],
            broken: vec![],
        };
        for seed in 0..50 {
            let a = vars.draw(&mut StdRng::seed_from_u64(seed), 20_782);
            let b = vars.draw(&mut StdRng::seed_from_u64(seed), 20_782);
            assert_eq!(a, b);
            let expected = match a["agency"].as_ref() {
                "E-ZPass" => "e-zpassny.com",
                "SunPass" => "sunpass.com",
                _ => "bayareafastrak.org",
            };
            assert_eq!(a["site"], expected);
            assert!(["Nov 26", "Nov 27", "Nov 28"].contains(&a["due"].as_ref()), "{}", a["due"]);
        }
    }
}
