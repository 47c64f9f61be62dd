//! The fixed vocabularies of the scenario format: verdicts, categories, red-flag kinds and
//! genuine-sign kinds. Each is a table of (value, name in files, short label, meaning) so that the
//! parser, the checker's "did you mean", the reveal screen and the documentation all read the
//! same words.

/// Is the message a scam or genuine? The learner's answer uses the same type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    Scam,
    Legit,
}

impl Verdict {
    pub const ALL: [Verdict; 2] = [Verdict::Scam, Verdict::Legit];

    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "scam" => Some(Verdict::Scam),
            "legit" => Some(Verdict::Legit),
            _ => None,
        }
    }

    /// The word used in files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Scam => "scam",
            Verdict::Legit => "legit",
        }
    }

    /// The word shown to learners.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Scam => "Scam",
            Verdict::Legit => "Genuine",
        }
    }
}

/// A row of a vocabulary table.
#[derive(Clone, Copy, Debug)]
pub struct Term<T: 'static> {
    pub value: T,
    /// As written in scenario files.
    pub name: &'static str,
    /// Short heading shown to learners.
    pub label: &'static str,
    /// One sentence: what it means and why it matters.
    pub meaning: &'static str,
}

/// Looks a name up in a table.
pub fn parse_term<T: Copy>(table: &[Term<T>], name: &str) -> Option<T> {
    table.iter().find(|t| t.name == name).map(|t| t.value)
}

/// Finds the table row of a value.
pub fn term_of<T: Copy + PartialEq>(table: &'static [Term<T>], value: T) -> &'static Term<T> {
    table.iter().find(|t| t.value == value).expect("every value has a row in its table")
}

/// The closest name in a table to a misspelt one, for "did you mean" hints.
pub fn closest_name<T>(table: &[Term<T>], wrong: &str) -> Option<&'static str> {
    table
        .iter()
        .map(|t| (edit_distance(t.name, wrong), t.name))
        .filter(|(d, name)| *d <= 2.max(name.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

/// Levenshtein distance over chars; names are short, so the quadratic cost does not matter.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Toll,
    Postage,
    TrafficFine,
    Wallet,
    Bank,
    Delivery,
    Other,
}

pub const CATEGORIES: &[Term<Category>] = &[
    Term {
        value: Category::Toll,
        name: "toll",
        label: "Road tolls",
        meaning: "Highway and bridge toll agencies: E-ZPass, SunPass, FasTrak, TxTag and others.",
    },
    Term {
        value: Category::Postage,
        name: "postage",
        label: "Postal service",
        meaning: "USPS and other postal services: tracking, postage due, redelivery.",
    },
    Term {
        value: Category::TrafficFine,
        name: "traffic-fine",
        label: "Traffic and parking fines",
        meaning: "Parking tickets, camera violations, DMV and court notices.",
    },
    Term {
        value: Category::Wallet,
        name: "wallet",
        label: "Mobile wallet codes",
        meaning: "One-time codes that add a card to Apple Pay or Google Wallet.",
    },
    Term {
        value: Category::Bank,
        name: "bank",
        label: "Banks and cards",
        meaning: "Fraud alerts, sign-in codes and account notices from banks and card issuers.",
    },
    Term {
        value: Category::Delivery,
        name: "delivery",
        label: "Parcel carriers",
        meaning: "UPS, FedEx, DHL, stores and parcel lockers.",
    },
    Term {
        value: Category::Other,
        name: "other",
        label: "Other",
        meaning: "Everything else: wrong-number openers, jobs, appointments.",
    },
];

impl Category {
    pub fn parse(s: &str) -> Option<Category> {
        parse_term(CATEGORIES, s)
    }
    pub fn name(self) -> &'static str {
        term_of(CATEGORIES, self).name
    }
    pub fn label(self) -> &'static str {
        term_of(CATEGORIES, self).label
    }
}

/// A red flag: something in a message that gives a scam away.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FlagKind {
    Sender,
    LookalikeLink,
    ShortenedLink,
    Urgency,
    Threat,
    PaymentRequest,
    SmallAmount,
    CodeRequest,
    ReplyToActivate,
    Generic,
    Unexpected,
    Errors,
    OffChannel,
}

pub const FLAG_KINDS: &[Term<FlagKind>] = &[
    Term {
        value: FlagKind::Sender,
        name: "sender",
        label: "Odd sender",
        meaning: "A foreign number, an email address or a random number instead of the organisation's short code.",
    },
    Term {
        value: FlagKind::LookalikeLink,
        name: "lookalike-link",
        label: "Lookalike link",
        meaning: "A web address that only resembles the real one: read it from the right, the part before the first single slash decides.",
    },
    Term {
        value: FlagKind::ShortenedLink,
        name: "shortened-link",
        label: "Shortened link",
        meaning: "A link shortener hides where the link really goes.",
    },
    Term {
        value: FlagKind::Urgency,
        name: "urgency",
        label: "Urgency",
        meaning: "A deadline in hours or a 'final notice' to stop you thinking.",
    },
    Term {
        value: FlagKind::Threat,
        name: "threat",
        label: "Threat",
        meaning: "Suspension, prosecution, fines or a ruined credit score to frighten you.",
    },
    Term {
        value: FlagKind::PaymentRequest,
        name: "payment-request",
        label: "Asks for payment",
        meaning: "Asks you to pay through a link in a text, which real agencies do not do.",
    },
    Term {
        value: FlagKind::SmallAmount,
        name: "small-amount",
        label: "Small amount",
        meaning: "A few dollars or cents, so paying seems harmless; the prize is your card number.",
    },
    Term {
        value: FlagKind::CodeRequest,
        name: "code-request",
        label: "Asks for a code",
        meaning: "Asks for a one-time code; anyone who asks you for one is a scammer.",
    },
    Term {
        value: FlagKind::ReplyToActivate,
        name: "reply-to-activate",
        label: "Reply to activate",
        meaning: "Asks you to reply (Y, 1, STOP) to switch the link on, defeating your phone's protection.",
    },
    Term {
        value: FlagKind::Generic,
        name: "generic",
        label: "Generic",
        meaning: "No name, account, plate or tracking number: it was sent to thousands.",
    },
    Term {
        value: FlagKind::Unexpected,
        name: "unexpected",
        label: "Unexpected",
        meaning: "About something you did not do, did not order or did not sign up for.",
    },
    Term {
        value: FlagKind::Errors,
        name: "errors",
        label: "Errors",
        meaning: "Wrong agency names, odd grammar, capitals or punctuation.",
    },
    Term {
        value: FlagKind::OffChannel,
        name: "off-channel",
        label: "Not how they contact you",
        meaning: "The organisation says it never sends such texts at all.",
    },
];

impl FlagKind {
    pub fn parse(s: &str) -> Option<FlagKind> {
        parse_term(FLAG_KINDS, s)
    }
    pub fn name(self) -> &'static str {
        term_of(FLAG_KINDS, self).name
    }
    pub fn label(self) -> &'static str {
        term_of(FLAG_KINDS, self).label
    }
}

/// A sign that a message is genuine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SignKind {
    Expected,
    OfficialSender,
    NoLink,
    OfficialLink,
    NoRequest,
    PersonalDetail,
    Advice,
}

pub const SIGN_KINDS: &[Term<SignKind>] = &[
    Term {
        value: SignKind::Expected,
        name: "expected",
        label: "Expected",
        meaning: "It follows something you did yourself: an order, a sign-up, a login.",
    },
    Term {
        value: SignKind::OfficialSender,
        name: "official-sender",
        label: "Official sender",
        meaning: "It comes from the short code the organisation publishes.",
    },
    Term {
        value: SignKind::NoLink,
        name: "no-link",
        label: "No link",
        meaning: "There is nothing to tap: it informs, it does not lure.",
    },
    Term {
        value: SignKind::OfficialLink,
        name: "official-link",
        label: "Official link",
        meaning: "The link, read from the right, is the organisation's real domain.",
    },
    Term {
        value: SignKind::NoRequest,
        name: "no-request",
        label: "Asks for nothing",
        meaning: "No payment, no code, no personal details are requested.",
    },
    Term {
        value: SignKind::PersonalDetail,
        name: "personal-detail",
        label: "Personal detail",
        meaning: "A detail only the real organisation knows: your tracking number, your card's last digits.",
    },
    Term {
        value: SignKind::Advice,
        name: "advice",
        label: "Safety advice",
        meaning: "It warns you not to share the code, or to call the number on your card.",
    },
];

impl SignKind {
    pub fn parse(s: &str) -> Option<SignKind> {
        parse_term(SIGN_KINDS, s)
    }
    pub fn name(self) -> &'static str {
        term_of(SIGN_KINDS, self).name
    }
    pub fn label(self) -> &'static str {
        term_of(SIGN_KINDS, self).label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_back_to_its_value() {
        for t in FLAG_KINDS {
            assert_eq!(FlagKind::parse(t.name), Some(t.value));
            assert_eq!(t.value.name(), t.name);
        }
        for t in SIGN_KINDS {
            assert_eq!(SignKind::parse(t.name), Some(t.value));
        }
        for t in CATEGORIES {
            assert_eq!(Category::parse(t.name), Some(t.value));
        }
    }

    #[test]
    fn tables_list_the_documented_kinds() {
        assert_eq!(FLAG_KINDS.len(), 13);
        assert_eq!(SIGN_KINDS.len(), 7);
        assert_eq!(CATEGORIES.len(), 7);
    }

    #[test]
    fn closest_name_suggests_near_misses_only() {
        assert_eq!(closest_name(FLAG_KINDS, "urgent"), Some("urgency"));
        assert_eq!(closest_name(FLAG_KINDS, "lookalike_link"), Some("lookalike-link"));
        assert_eq!(closest_name(FLAG_KINDS, "zzzzzzzzzz"), None);
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("scam", "scam"), 0);
        assert_eq!(edit_distance("scam", "scan"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
