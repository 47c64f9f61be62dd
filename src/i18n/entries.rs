//! A catalogue's TOML table flattened into entries: nested tables make dotted keys
//! (`[judge] question = …` is `judge.question`), except a table whose keys are all plural
//! categories, which is one plural entry. Shared with build.rs (`#[path]`), which flattens the
//! built-in English catalogue at build time, so that what the binary holds is what
//! [`crate::i18n::Catalogue::parse`] would have made of the same file, with no TOML parsed at
//! start (it was 2 % of a `check` of a thousand files). Depends on std and `toml` only.

use std::collections::HashMap;

/// A catalogue entry: one text, or a text per plural category.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    Text(String),
    Plural(Vec<(String, String)>),
}

/// The CLDR plural categories a plural entry may hold.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Adds the entries of `table` under `prefix` to `out`; an error names the key and what is wrong.
pub fn flatten(prefix: &str, table: &toml::Table, out: &mut HashMap<String, Entry>) -> Result<(), String> {
    for (key, value) in table {
        let full = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        match value {
            toml::Value::String(s) => {
                out.insert(full, Entry::Text(s.clone()));
            }
            toml::Value::Table(t) if !t.is_empty() && t.keys().all(|k| CATEGORIES.contains(&k.as_str())) => {
                let mut forms = Vec::new();
                for (category, text) in t {
                    let text = text.as_str().ok_or_else(|| format!("`{full}.{category}` must be a string"))?;
                    forms.push((category.clone(), text.to_string()));
                }
                if !t.contains_key("other") {
                    return Err(format!("plural entry `{full}` needs an `other` form"));
                }
                out.insert(full, Entry::Plural(forms));
            }
            toml::Value::Table(t) => flatten(&full, t, out)?,
            _ => return Err(format!("`{full}` must be a string or a table")),
        }
    }
    Ok(())
}
