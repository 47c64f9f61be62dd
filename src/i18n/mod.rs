//! The program's words, per locale: every user-visible string of the interface is looked up
//! here by a stable key, so a second language is a data change (a file under
//! `assets/locales/`), and stored records hold keys, never display text.
//!
//! The catalogue is a plain TOML table per locale (`key = "text with {name} placeholders"`,
//! plurals as a table of CLDR categories: `key = { one = "…", other = "…" }`). Chosen over
//! Fluent because it adds no dependency, loads in microseconds (the trainer's first frame has
//! a budget), and the plural rules the interface needs are a small table here (`plural.rs`).
//!
//! `en-XA` is a built-in pseudo-locale made from English at load time (`pseudo.rs`): every
//! letter accented and every text about 30% longer, so a string that was not looked up here
//! (still English) and a screen that cannot take longer words both show at a glance.

mod catalogue;
mod entries;
mod phrase;
mod plural;
mod pseudo;

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

pub use catalogue::{Catalogue, CatalogueError};
pub use phrase::{Phrase, Value};
pub use plural::PluralCategory;

/// Marks a catalogue key that is stored or chosen before it is looked up (a hint, a
/// confidence level), so the test that every key used is in the catalogue finds it.
pub const fn key(k: &'static str) -> &'static str {
    k
}

/// A value for a `{name}` placeholder.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    Str(&'a str),
    Num(i64),
}

impl From<&'static str> for Arg<'static> {
    fn from(s: &'static str) -> Arg<'static> {
        Arg::Str(s)
    }
}

/// One locale's words. Cheap to clone and `Send + Sync`: each session (an SSH learner too)
/// holds its own.
#[derive(Clone, Debug)]
pub struct Locale(Arc<Catalogue>);

/// The locales built in: English (the default) and the pseudo-locale.
pub const LOCALES: [&str; 2] = ["en", "en-XA"];

/// The source, for the tests that read it as a translator's file would be read.
#[cfg(test)]
const ENGLISH_SOURCE: &str = include_str!("../../assets/locales/en.toml");

/// The English catalogue as build.rs flattened it (`TEXTS`, `PLURALS`).
mod baked {
    include!(concat!(env!("OUT_DIR"), "/english_catalogue.rs"));
}

fn english_catalogue() -> &'static Arc<Catalogue> {
    static ENGLISH: OnceLock<Arc<Catalogue>> = OnceLock::new();
    ENGLISH.get_or_init(|| Arc::new(Catalogue::from_baked("en", baked::TEXTS, baked::PLURALS)))
}

impl Locale {
    /// English, the default.
    pub fn english() -> Locale {
        Locale(Arc::clone(english_catalogue()))
    }

    /// The locale for a tag given with `--lang` (`en`, `en-US` and `en-GB` are English;
    /// `en-XA` the pseudo-locale); `None` for a locale that is not built in.
    pub fn get(tag: &str) -> Option<Locale> {
        let lower = tag.to_ascii_lowercase();
        if lower == "en-xa" {
            static PSEUDO: OnceLock<Arc<Catalogue>> = OnceLock::new();
            let pseudo = PSEUDO.get_or_init(|| Arc::new(pseudo::pseudo_catalogue(english_catalogue())));
            return Some(Locale(Arc::clone(pseudo)));
        }
        (lower == "en" || lower.starts_with("en-")).then(Locale::english)
    }

    /// A locale from a catalogue of one's own (tests; a translation being written).
    pub fn from_catalogue(catalogue: Catalogue) -> Locale {
        Locale(Arc::new(catalogue))
    }

    /// The text of `key` if the catalogue has it (plural entries: their "other" form).
    pub fn lookup(&self, key: &str) -> Option<&str> {
        self.0.get(key, None)
    }

    /// The locale's tag (`en`, `en-XA`).
    pub fn tag(&self) -> &str {
        self.0.tag()
    }

    /// The text of `key`. A key missing from the catalogue shows as itself in brackets, so it
    /// is seen and fixed (a test checks that every key used is in English).
    pub fn text(&self, key: &str) -> Cow<'_, str> {
        match self.0.get(key, None) {
            Some(t) => Cow::Borrowed(t),
            None => Cow::Owned(format!("[{key}]")),
        }
    }

    /// Every text of the catalogue, each form of a plural: for tests that look for words left
    /// untranslated.
    pub fn all_texts(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for (key, entry) in self.0.entries() {
            match entry {
                catalogue::Entry::Text(_) if key.starts_with("keys.") => {}
                catalogue::Entry::Text(t) => out.push(t.as_str()),
                catalogue::Entry::Plural(forms) => out.extend(forms.iter().map(|(_, t)| t.as_str())),
            }
        }
        out
    }

    /// The keys of the catalogue.
    pub fn keys(&self) -> Vec<&str> {
        self.0.entries().keys().map(String::as_str).collect()
    }

    /// The text of `key` with its `{name}` placeholders filled. When an argument is named
    /// `count`, a plural entry picks its form by that number's plural category.
    pub fn fmt(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let count = args.iter().find_map(|(n, a)| match (n, a) {
            (&"count", Arg::Num(n)) => Some(*n),
            _ => None,
        });
        let Some(template) = self.0.get(key, count) else { return format!("[{key}]") };
        fill(template, args)
    }
}

impl Default for Locale {
    fn default() -> Locale {
        Locale::english()
    }
}

/// `{name}` placeholders replaced by their arguments; `{{` and `}}` are literal braces.
fn fill(template: &str, args: &[(&str, Arg)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = memchr::memchr2(b'{', b'}', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if let Some(end) = tail.find('}').filter(|_| tail.starts_with('{')) {
            let name = &tail[1..end];
            match args.iter().find(|(n, _)| *n == name) {
                Some((_, Arg::Str(s))) => out.push_str(s),
                Some((_, Arg::Num(n))) => out.push_str(&n.to_string()),
                None => out.push_str(&tail[..=end]),
            }
            rest = &tail[end + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
