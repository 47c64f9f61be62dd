//! One locale's catalogue: a TOML table of keys to texts, plural entries as tables of CLDR
//! categories. Parsed once; problems reported at `path:line:col`.

use std::collections::HashMap;

use super::plural::PluralCategory;

/// A catalogue entry: one text, or a text per plural category.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    Text(String),
    Plural(Vec<(String, String)>),
}

/// One locale's words by key.
#[derive(Clone, Debug)]
pub struct Catalogue {
    tag: String,
    entries: HashMap<String, Entry>,
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CatalogueError(pub String);

impl Catalogue {
    pub fn empty(tag: &str) -> Catalogue {
        Catalogue { tag: tag.to_string(), entries: HashMap::new() }
    }

    /// Parses a catalogue; nested tables make dotted keys (`[judge] question = …` is
    /// `judge.question`), except a table whose keys are all plural categories, which is one
    /// plural entry.
    pub fn parse(tag: &str, path: &str, source: &str) -> Result<Catalogue, CatalogueError> {
        let table: toml::Table = toml::from_str(source).map_err(|e| {
            let at = e.span().map(|s| crate::source::SourceMap::new(path, source).locate(s.start));
            let at = at.map_or(path.to_string(), |a| a.to_string());
            CatalogueError(format!("{at}: {}", e.message()))
        })?;
        let mut entries = HashMap::new();
        flatten("", &table, &mut entries).map_err(|why| CatalogueError(format!("{path}: {why}")))?;
        Ok(Catalogue { tag: tag.to_string(), entries })
    }

    pub fn from_entries(tag: &str, entries: HashMap<String, Entry>) -> Catalogue {
        Catalogue { tag: tag.to_string(), entries }
    }

    pub fn tag(&self) -> &str {
        &self.tag
    }

    pub fn entries(&self) -> &HashMap<String, Entry> {
        &self.entries
    }

    /// The text for `key`; for a plural entry, the form for `count` (or "other").
    pub fn get(&self, key: &str, count: Option<i64>) -> Option<&str> {
        match self.entries.get(key)? {
            Entry::Text(t) => Some(t),
            Entry::Plural(forms) => {
                let wanted = count.map_or("other", |n| PluralCategory::of(&self.tag, n).key());
                let form = forms.iter().find(|(c, _)| c == wanted).or_else(|| forms.iter().find(|(c, _)| c == "other"));
                form.map(|(_, t)| t.as_str())
            }
        }
    }
}

const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn flatten(prefix: &str, table: &toml::Table, out: &mut HashMap<String, Entry>) -> Result<(), String> {
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
