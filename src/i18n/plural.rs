//! Plural categories (CLDR) for the locales the catalogue can hold. English has "one" and
//! "other"; Spanish "one", "many" (a million and above, exact) and "other".

/// A CLDR plural category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl PluralCategory {
    /// The key of this category in a catalogue's plural table.
    pub fn key(self) -> &'static str {
        match self {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// The category of the integer `n` in the language of `tag` (its first subtag).
    pub fn of(tag: &str, n: i64) -> PluralCategory {
        let language = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        let n = n.unsigned_abs();
        match language.as_str() {
            "es" | "it" | "pt" if n != 0 && n.is_multiple_of(1_000_000) => PluralCategory::Many,
            "fr" if n == 0 || n == 1 => PluralCategory::One,
            "fr" if n != 0 && n.is_multiple_of(1_000_000) => PluralCategory::Many,
            _ if n == 1 => PluralCategory::One,
            _ => PluralCategory::Other,
        }
    }
}
