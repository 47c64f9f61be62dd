//! One locale's catalogue: a TOML table of keys to texts, plural entries as tables of CLDR
//! categories. Parsed once; problems reported at `path:line:col`.

use std::collections::HashMap;

use super::plural::PluralCategory;

pub use super::entries::Entry;
use super::entries::flatten;

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

    /// A catalogue from entries flattened at build time (build.rs): texts, and plural entries
    /// as (category, text) forms.
    pub fn from_baked(tag: &str, texts: &[(&str, &str)], plurals: &[(&str, &[(&str, &str)])]) -> Catalogue {
        let mut entries = HashMap::with_capacity(texts.len() + plurals.len());
        entries.extend(texts.iter().map(|&(k, t)| (k.to_string(), Entry::Text(t.to_string()))));
        entries.extend(plurals.iter().map(|&(k, forms)| {
            (k.to_string(), Entry::Plural(forms.iter().map(|&(c, t)| (c.to_string(), t.to_string())).collect()))
        }));
        Catalogue { tag: tag.to_string(), entries }
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
