//! Names in a class: the learner's name from the SSH user name (made safe, and unique in the
//! room), the colours they asked for with a `+theme` suffix, and the class code (made when none
//! is given, compared in constant time).

use sha2::{Digest, Sha256};

use crate::ui::ThemeName;

/// The longest learner name kept.
pub const MAX_NAME: usize = 32;

/// What the SSH user name asked for: `ada`, `ada+mono`, `ada+high-contrast`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Login {
    /// Safe as a file name and on any screen: ASCII letters, digits, `-`, `_`, `.`; 1 to 32.
    pub name: String,
    pub theme: ThemeName,
}

/// The learner's name and theme from an SSH user name. Anything but ASCII letters, digits and
/// `-_.` becomes `_`; too long is cut; nothing usable becomes `learner`. An unknown theme
/// suffix is kept as part of the name (so nothing typed is silently lost).
pub fn login(user: &str) -> Login {
    let (base, theme) = match user.rsplit_once('+') {
        Some((base, suffix)) => match theme_suffix(suffix) {
            Some(theme) => (base, theme),
            None => (user, ThemeName::Default),
        },
        None => (user, ThemeName::Default),
    };
    Login { name: safe_name(base), theme }
}

fn theme_suffix(suffix: &str) -> Option<ThemeName> {
    match suffix.to_ascii_lowercase().as_str() {
        "mono" | "nocolor" | "no-color" | "plain" => Some(ThemeName::Mono),
        "hc" | "high-contrast" | "contrast" => Some(ThemeName::HighContrast),
        "color" | "colour" | "default" => Some(ThemeName::Default),
        _ => None,
    }
}

/// A name that is a valid profile (`store::progress::valid_profile`) and safe anywhere.
pub fn safe_name(raw: &str) -> String {
    let mut name: String = raw
        .chars()
        .take(MAX_NAME)
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .collect();
    // A name of dots only would be `.` or `..` as a folder: refuse those shapes.
    if name.is_empty() || name.chars().all(|c| c == '.') {
        name = "learner".to_string();
    }
    name
}

/// `name`, or `name-2`, `name-3`… : the first not `taken`, still at most [`MAX_NAME`] long.
pub fn unique(name: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_string();
    }
    for n in 2u32.. {
        let suffix = format!("-{n}");
        let keep = MAX_NAME.saturating_sub(suffix.len());
        let candidate = format!("{}{suffix}", &name[..name.len().min(keep)]);
        if !taken(&candidate) {
            return candidate;
        }
    }
    unreachable!("u32 names run out only after four billion learners")
}

/// Short, distinct words that are easy to say aloud and to type.
const WORDS: &[&str] = &[
    "amber", "apple", "arrow", "badge", "basil", "beach", "birch", "bison", "cable", "camel", "cedar", "chalk",
    "cloud", "coral", "crane", "daisy", "delta", "eagle", "ember", "fable", "fern", "flint", "frost", "grape", "hazel",
    "heron", "honey", "ivory", "jolly", "kayak", "koala", "lemon", "lilac", "lotus", "maple", "mango", "melon", "mint",
    "nova", "oasis", "olive", "otter", "panda", "pearl", "pepper", "plum", "polar", "quill", "raven", "river", "robin",
    "sage", "salsa", "solar", "spruce", "tiger", "tulip", "umber", "velvet", "violet", "walnut", "willow", "yarrow",
    "zebra",
];

/// A class code like `maple-otter-42`: two words and two digits, easy to read out to a room.
/// About 400,000 codes: enough against guessing with the per-address attempt limits, but it is
/// a shared secret for one session, not a password (docs/classroom.md).
pub fn random_code() -> String {
    let pick = || WORDS[rand::random_range(0..WORDS.len())];
    format!("{}-{}-{:02}", pick(), pick(), rand::random_range(0..100u32))
}

/// Whether `given` is the class code, in time that does not depend on where they differ (both
/// are hashed first, so their lengths do not show either).
pub fn code_matches(given: &str, code: &str) -> bool {
    let (a, b) = (Sha256::digest(given.trim().as_bytes()), Sha256::digest(code.as_bytes()));
    a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names_become_safe_names_with_an_optional_theme() {
        assert_eq!(login("ada"), Login { name: "ada".into(), theme: ThemeName::Default });
        assert_eq!(login("ada+mono"), Login { name: "ada".into(), theme: ThemeName::Mono });
        assert_eq!(login("ada+HC").theme, ThemeName::HighContrast);
        assert_eq!(login("ada+x").name, "ada_x", "an unknown suffix stays in the name");
        assert_eq!(login("\x1b[31mevil\u{202e}").name, "__31mevil_");
        assert_eq!(login("..").name, "learner");
        assert_eq!(login("").name, "learner");
        assert_eq!(login("José").name, "Jos_");
        let long = login(&"a".repeat(200)).name;
        assert_eq!(long.len(), MAX_NAME);
        for raw in ["a/b", "../../etc", "x y", "\u{0}", "名前"] {
            let name = login(raw).name;
            assert!(crate::store::progress::valid_profile(&name), "{raw:?} → {name:?}");
        }
    }

    #[test]
    fn names_are_made_unique_within_the_limit() {
        let taken = ["ada".to_string(), "ada-2".to_string()];
        assert_eq!(unique("bob", |n| taken.iter().any(|t| t == n)), "bob");
        assert_eq!(unique("ada", |n| taken.iter().any(|t| t == n)), "ada-3");
        let long = "b".repeat(MAX_NAME);
        let made = unique(&long, |n| n == long);
        assert_eq!((made.len(), made.ends_with("-2")), (MAX_NAME, true));
    }

    #[test]
    fn codes_are_easy_to_say_and_compared_exactly() {
        let code = random_code();
        let parts: Vec<&str> = code.split('-').collect();
        assert_eq!(parts.len(), 3, "{code}");
        assert!(parts[2].len() == 2 && parts[2].chars().all(|c| c.is_ascii_digit()), "{code}");
        assert!(code_matches(&code, &code));
        assert!(code_matches(&format!(" {code}\n"), &code), "surrounding blanks typed by accident are forgiven");
        assert!(!code_matches("maple-otter-4", "maple-otter-42"));
        assert!(!code_matches("", "maple-otter-42"));
    }
}
