use super::catalogue::Entry;
use super::*;

#[test]
fn the_english_catalogue_parses() {
    let c = Catalogue::parse("en", "assets/locales/en.toml", ENGLISH_SOURCE).unwrap();
    assert!(!c.entries().is_empty());
}

#[test]
fn placeholders_and_plurals_are_filled() {
    let en = Locale::english();
    assert_eq!(en.fmt("lesson.practise_on", &[("count", Arg::Num(1))]), "practise on 1 message");
    assert_eq!(en.fmt("lesson.practise_on", &[("count", Arg::Num(3))]), "practise on 3 messages");
    assert_eq!(fill("{a} and {{b}} {missing}", &[("a", Arg::Str("x"))]), "x and {b} {missing}");
    assert_eq!(en.text("no.such.key"), "[no.such.key]");
}

#[test]
fn the_pseudo_locale_is_accented_longer_and_keeps_placeholders_and_keys() {
    let xa = Locale::get("en-XA").unwrap();
    assert_eq!(xa.tag(), "en-XA");
    let one = xa.fmt("lesson.practise_on", &[("count", Arg::Num(1))]);
    assert!(one.starts_with('[') && one.contains('1') && !one.contains("message"), "{one}");
    let p = pseudo::pseudo("Press ‹s› for {what}");
    assert!(p.contains("‹s›") && p.contains("{what}") && p.contains("Þŕéšš"), "{p}");
    assert!(p.chars().count() as f64 >= "Press ‹s› for {what}".chars().count() as f64 * 1.2, "{p}");
    let typed = pseudo::pseudo("run `smishdrill check` or --seed 3");
    assert!(typed.contains("`smishdrill check`") && typed.contains("--seed 3") && typed.contains("ŕûñ"), "{typed}");
    assert!(Locale::get("fr").is_none());
    assert_eq!(Locale::get("en-US").unwrap().tag(), "en");
}

#[test]
fn plural_categories_follow_cldr_for_the_languages_we_ship() {
    assert_eq!(PluralCategory::of("en", 1), PluralCategory::One);
    assert_eq!(PluralCategory::of("en", 0), PluralCategory::Other);
    assert_eq!(PluralCategory::of("es", 1_000_000), PluralCategory::Many);
    assert_eq!(PluralCategory::of("es", 2), PluralCategory::Other);
}

/// Every key the code names — looked up (`.text("…")`, `.fmt("…"`), stored (`key("…")`) or
/// kept to be worded later (`Phrase::new("…")`) — with the file it is named in.
fn keys_named_in_the_code() -> Vec<(String, String)> {
    const MARKS: [&str; 4] = [".text(", ".fmt(", "Phrase::new(", "key("];
    let mut found = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("i18n/tests.rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for mark in MARKS {
                for (at, _) in source.match_indices(mark) {
                    let Some(rest) = source[at + mark.len()..].trim_start().strip_prefix('"') else { continue };
                    let key = &rest[..rest.find('"').unwrap_or(0)];
                    // Keys are dotted lower-case words; anything else is not a key (`.text("")`).
                    if key.contains('.')
                        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_')
                    {
                        found.push((key.to_string(), path.display().to_string()));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn every_key_named_in_the_code_is_in_the_english_catalogue() {
    let english = Locale::english();
    let keys: std::collections::HashSet<&str> = english.keys().into_iter().collect();
    let named = keys_named_in_the_code();
    assert!(named.len() > 100, "the scan finds the keys: {}", named.len());
    let missing: Vec<&(String, String)> = named.iter().filter(|(k, _)| !keys.contains(k.as_str())).collect();
    assert!(missing.is_empty(), "keys used but not in assets/locales/en.toml: {missing:?}");
}

#[test]
fn every_key_of_the_english_catalogue_is_used() {
    let mut named: std::collections::HashSet<String> = keys_named_in_the_code().into_iter().map(|(k, _)| k).collect();
    // The key table's rows name their words and letters by row id (`help.<id>`, `keys.<id>`).
    for row in crate::app::ROWS {
        named.extend([format!("help.{}", row.id), format!("keys.{}", row.id)]);
    }
    // The vocabulary's terms, by their names in files (`ui::words::category` and the like).
    use crate::scenario::kinds::{CATEGORIES, FLAG_KINDS, SIGN_KINDS};
    named.extend(CATEGORIES.iter().map(|t| format!("category.{}", t.name)));
    named.extend(FLAG_KINDS.iter().map(|t| format!("flag_kind.{}", t.name)));
    named.extend(SIGN_KINDS.iter().map(|t| format!("sign_kind.{}", t.name)));
    let english = Locale::english();
    let mut unused: Vec<&str> = english.keys().into_iter().filter(|k| !named.contains(*k)).collect();
    unused.sort_unstable();
    assert!(unused.is_empty(), "keys in assets/locales/en.toml that no code names: {unused:?}");
}

#[test]
fn every_term_of_the_vocabulary_is_in_the_catalogue_with_its_label() {
    use crate::scenario::kinds::{CATEGORIES, FLAG_KINDS, SIGN_KINDS};
    let english = Locale::english();
    let rows = CATEGORIES.iter().map(|t| ("category", t.name, t.label));
    let rows = rows.chain(FLAG_KINDS.iter().map(|t| ("flag_kind", t.name, t.label)));
    for (table, name, label) in rows.chain(SIGN_KINDS.iter().map(|t| ("sign_kind", t.name, t.label))) {
        assert_eq!(english.lookup(&format!("{table}.{name}")), Some(label), "{table}.{name}");
    }
}

/// What a user types must reach them unchanged in every locale: the pseudo-locale (and a
/// translator) leaves text in backquotes alone, so an environment variable (`$USER`) or an
/// option's value name (`--profile NAME`) written bare would be accented and mistyped.
#[test]
fn typed_words_in_the_english_catalogue_are_in_backquotes() {
    let c = Catalogue::parse("en", "assets/locales/en.toml", ENGLISH_SOURCE).unwrap();
    let mut bare = Vec::new();
    for (key, entry) in c.entries() {
        let texts: Vec<&str> = match entry {
            Entry::Text(t) => vec![t.as_str()],
            Entry::Plural(forms) => forms.iter().map(|(_, t)| t.as_str()).collect(),
        };
        for text in texts {
            let outside: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            let words: Vec<&str> = outside.split_whitespace().collect();
            for (i, word) in words.iter().enumerate() {
                let env_var = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '$').starts_with('$');
                let value_name = word.starts_with("--")
                    && words.get(i + 1).is_some_and(|next| {
                        let next = next.trim_end_matches(|c: char| !c.is_alphanumeric());
                        next.len() >= 2 && next.chars().all(|c| c.is_ascii_uppercase())
                    });
                if env_var || value_name {
                    bare.push(format!("{key}: {text}"));
                }
            }
        }
    }
    assert!(bare.is_empty(), "put these typed words in backquotes:\n{}", bare.join("\n"));
}

/// What build.rs baked is what parsing the file at run time gives, entry for entry.
#[test]
fn the_baked_english_catalogue_is_the_parsed_file() {
    let parsed = Catalogue::parse("en", "assets/locales/en.toml", ENGLISH_SOURCE).unwrap();
    let baked = Locale::english();
    assert_eq!(baked.0.entries(), parsed.entries());
    assert!(parsed.entries().values().any(|e| matches!(e, Entry::Plural(_))), "the catalogue has plural entries");
}
