//! The pseudo-locale `en-XA`, made from English: letters accented (`Scam` → `Šçàm`), each text
//! padded to about 130% of its length inside `[` `]`, placeholders (`{count}`), key letters
//! in `‹›`, commands in backquotes and `--options` left as they are (they are typed). Like Android's and Windows' pseudo-locales, it shows at a glance a
//! string that is not in the catalogue (it stays plain English) and a layout that breaks when a
//! translation is longer.

use std::collections::HashMap;

use super::catalogue::{Catalogue, Entry};

/// The pseudo-locale's catalogue from the English one.
pub fn pseudo_catalogue(english: &Catalogue) -> Catalogue {
    let entries: HashMap<String, Entry> = english
        .entries()
        .iter()
        .map(|(key, entry)| {
            let entry = match entry {
                // Keys bound per locale (`keys.*`) keep their letters: they are what to type.
                Entry::Text(t) if key.starts_with("keys.") => Entry::Text(t.clone()),
                Entry::Text(t) => Entry::Text(pseudo(t)),
                Entry::Plural(forms) => Entry::Plural(forms.iter().map(|(c, t)| (c.clone(), pseudo(t))).collect()),
            };
            (key.clone(), entry)
        })
        .collect();
    Catalogue::from_entries("en-XA", entries)
}

/// One text in the pseudo-locale.
pub fn pseudo(text: &str) -> String {
    if text.trim().is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut letters = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A placeholder is copied whole: it is filled in later.
            '{' => {
                out.push(c);
                for c in chars.by_ref() {
                    out.push(c);
                    if c == '}' {
                        break;
                    }
                }
            }
            // ‹s›: a key to type, kept as it is.
            '‹' => {
                out.push(c);
                for c in chars.by_ref() {
                    out.push(c);
                    if c == '›' {
                        break;
                    }
                }
            }
            // `smishdrill check` and --seed: a command or an option to type, kept as it is.
            '`' => {
                out.push(c);
                for c in chars.by_ref() {
                    out.push(c);
                    if c == '`' {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                while let Some(&next) = chars.peek() {
                    if !(next == '-' || next.is_ascii_alphanumeric()) {
                        break;
                    }
                    out.push(next);
                    chars.next();
                }
            }
            _ => {
                if c.is_ascii_alphabetic() {
                    letters += 1;
                }
                out.push(accent(c));
            }
        }
    }
    // About 30% longer, as translations often are: padding inside the brackets.
    let pad = (letters * 3).div_ceil(10).max(1);
    let padding: String = "·".repeat(pad);
    format!("[{out}{padding}]")
}

fn accent(c: char) -> char {
    const FROM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const TO: [char; 52] = [
        'à', 'ƀ', 'ç', 'ð', 'é', 'ƒ', 'ĝ', 'ĥ', 'î', 'ĵ', 'ķ', 'ļ', 'ɱ', 'ñ', 'ö', 'þ', 'ǫ', 'ŕ', 'š', 'ţ', 'û', 'ṽ',
        'ŵ', 'ẋ', 'ý', 'ž', 'Å', 'Ɓ', 'Ç', 'Ð', 'É', 'Ƒ', 'Ĝ', 'Ĥ', 'Î', 'Ĵ', 'Ķ', 'Ļ', 'Ṁ', 'Ñ', 'Ö', 'Þ', 'Ǫ', 'Ŕ',
        'Š', 'Ţ', 'Û', 'Ṽ', 'Ŵ', 'Ẋ', 'Ý', 'Ž',
    ];
    FROM.find(c).map_or(c, |i| TO[i])
}
