//! Turns one deck file's text into a [`Deck`], or into every problem it has. It walks TOML's own
//! tree, which keeps the position of every key and value, instead of deserializing into a
//! struct: serde stops at the first unknown key or wrong type, and an instructor fixing a deck
//! should see all of them at once.

use std::collections::{HashMap, HashSet};
use std::ops::{Range, RangeInclusive};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::model::{Deck, FEEDBACKS, Feedback, ORDERS, Order, Pick, VERDICTS};
use super::problem::DeckProblem;
use crate::scenario::kinds::{CATEGORIES, edit_distance};
use crate::scenario::problem::{Hint, Problem, ProblemKind, SourceMap};
use crate::scenario::{Category, Scenario};
use crate::text_safety::sanitize_line;

/// Keys of the deck itself, above the first `[[pick]]`.
pub const DECK_KEYS: &[&str] =
    &["title", "description", "order", "seed", "feedback", "pass_mark", "time_limit", "spot", "scenarios", "pick"];
/// Keys of one `[[pick]]` table.
pub const PICK_KEYS: &[&str] = &["category", "verdict", "difficulty", "count"];

const DEFAULT_PASS_MARK: u8 = 80;

type Value<'i> = Spanned<DeValue<'i>>;

/// Parses and validates one deck file's text against `pool`. `path` is what problems are
/// reported against; its file stem becomes the deck's name.
pub fn parse_deck(path: &str, src: &str, pool: &[Scenario]) -> Result<Deck, Vec<Problem>> {
    let normalized = src.strip_prefix('\u{FEFF}').unwrap_or(src).replace("\r\n", "\n");
    let map = SourceMap::new(path, &normalized);
    let (root, errors) = DeTable::parse_recoverable(&normalized);
    if !errors.is_empty() {
        let problems = errors
            .iter()
            .map(|e| map.problem(e.span().unwrap_or(0..0), ProblemKind::Syntax(e.message().trim().to_string())))
            .collect();
        return Err(finish(problems));
    }
    let mut reader = Reader { map: &map, source: &normalized, problems: Vec::new() };
    let settings = reader.deck(root.get_ref(), pool);
    match settings {
        Some(deck) if reader.problems.is_empty() => {
            Ok(Deck { name: stem(path), checksum: checksum(src.as_bytes()), origin: path.to_string(), ..deck })
        }
        _ => Err(finish(reader.problems)),
    }
}

/// "sha256:" and the lowercase hex SHA-256 of `bytes`.
pub fn checksum(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The deck's name from its path: the file name without `.toml` (and without `.deck`).
pub fn stem(path: &str) -> String {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let file = file.strip_suffix(".toml").unwrap_or(file);
    file.strip_suffix(".deck").unwrap_or(file).to_string()
}

/// The closest of `names` to a misspelt one, by the same rule as the scenario checker's
/// `closest_name`. Names far longer or shorter are skipped before the (quadratic) distance.
pub fn closest<'a>(names: impl IntoIterator<Item = &'a str>, wrong: &str) -> Option<&'a str> {
    let wrong_len = wrong.chars().count();
    names
        .into_iter()
        .filter_map(|name| {
            let limit = 2.max(name.len() / 3);
            if name.chars().count().abs_diff(wrong_len) > limit {
                return None;
            }
            let d = edit_distance(name, wrong);
            (d <= limit).then_some((d, name))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

fn hint<'a>(names: impl IntoIterator<Item = &'a str>, wrong: &str) -> Hint {
    Hint(closest(names, wrong).map(sanitize_line))
}

/// Problems in file order, each once.
fn finish(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort_by_key(|p| (p.at.line, p.at.col));
    problems.dedup();
    problems
}

struct Reader<'a> {
    map: &'a SourceMap<'a>,
    source: &'a str,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn report(&mut self, span: Range<usize>, kind: impl Into<ProblemKind>) {
        self.problems.push(self.map.problem(span, kind.into()));
    }

    fn wrong_type(&mut self, key: &str, value: &Value, expected: &'static str) {
        self.report(value.span(), DeckProblem::WrongType { key: sanitize_line(key), expected });
    }

    /// The deck's settings; `name`, `checksum` and `origin` are filled in by the caller.
    /// `None` only when the title is missing or unusable, which has been reported.
    fn deck(&mut self, root: &DeTable, pool: &[Scenario]) -> Option<Deck> {
        let mut title = None;
        let mut title_seen = false;
        let mut deck = Deck {
            name: String::new(),
            title: String::new(),
            description: None,
            order: Order::Shuffled,
            seed: None,
            feedback: Feedback::EachMessage,
            pass_mark: DEFAULT_PASS_MARK,
            time_limit: None,
            spot: true,
            ids: Vec::new(),
            picks: Vec::new(),
            checksum: String::new(),
            origin: String::new(),
        };
        let (mut ids_value, mut picks_value) = (None, None);
        for (key, value) in root.iter() {
            match key.get_ref().as_ref() {
                "title" => {
                    title_seen = true;
                    title = self.text("title", value, false);
                }
                "description" => deck.description = self.text("description", value, true),
                "order" => deck.order = self.choice("order", value, ORDERS).unwrap_or(deck.order),
                "feedback" => deck.feedback = self.choice("feedback", value, FEEDBACKS).unwrap_or(deck.feedback),
                "seed" => deck.seed = self.int("seed", value, 0..=i128::from(u64::MAX), "0 or more").map(|n| n as u64),
                "pass_mark" => {
                    let n = self.int("pass_mark", value, 1..=100, "a percentage from 1 to 100");
                    deck.pass_mark = n.map_or(DEFAULT_PASS_MARK, |n| n as u8);
                }
                "time_limit" => {
                    deck.time_limit = self.int("time_limit", value, 10..=3600, "10 to 3600 seconds").map(|n| n as u32)
                }
                "spot" => match value.get_ref() {
                    DeValue::Boolean(b) => deck.spot = *b,
                    _ => self.wrong_type("spot", value, "true or false"),
                },
                "scenarios" => ids_value = Some(value),
                "pick" => picks_value = Some(value),
                other => self.unknown_key(key.span(), other, false),
            }
        }
        if !title_seen {
            self.report(0..0, ProblemKind::Missing("title"));
        }
        let (ids, ids_written) = ids_value.map_or((Vec::new(), 0), |v| self.ids(v, pool));
        let (picks, picks_written) = picks_value.map_or((Vec::new(), 0), |v| self.picks(v, pool, &ids));
        if ids_written == 0 && picks_written == 0 {
            self.report(0..0, DeckProblem::Nothing);
        }
        Some(Deck { title: title?, ids, picks, ..deck })
    }

    /// An unknown key, with the most useful hint: a deck key that landed in a pick, a pick key
    /// written at the top, or the nearest known key.
    fn unknown_key(&mut self, span: Range<usize>, key: &str, in_pick: bool) {
        let shown = sanitize_line(key);
        let (here, other) = if in_pick { (PICK_KEYS, DECK_KEYS) } else { (DECK_KEYS, PICK_KEYS) };
        let kind = match (other.contains(&key), in_pick) {
            (true, true) => DeckProblem::AfterPick(shown),
            (true, false) => DeckProblem::PickKeyOutside(shown),
            (false, _) => DeckProblem::UnknownKey { key: shown, hint: hint(here.iter().copied(), key) },
        };
        self.report(span, kind);
    }

    /// A string value: checked for type, emptiness and forbidden characters.
    fn text(&mut self, key: &'static str, value: &Value, multiline: bool) -> Option<String> {
        let DeValue::String(s) = value.get_ref() else {
            self.wrong_type(key, value, "text in quotes");
            return None;
        };
        if s.trim().is_empty() {
            self.report(value.span(), ProblemKind::Empty { key });
            return None;
        }
        let before = self.problems.len();
        self.characters(s, value.span(), key, multiline);
        (self.problems.len() == before).then(|| s.to_string())
    }

    /// Rejects control, bidi and invisible characters (the scenario checker's rules), pointing
    /// at the character itself when the file holds it literally.
    fn characters(&mut self, s: &str, span: Range<usize>, key: &'static str, multiline: bool) {
        if let Some((at, kind)) = crate::scenario::validate::forbidden_character(self.source, s, span, key, multiline) {
            self.report(at..at, kind);
        }
    }

    /// A whole number within `range`; `allowed` says the range in words.
    fn int(
        &mut self,
        key: &'static str,
        value: &Value,
        range: RangeInclusive<i128>,
        allowed: &'static str,
    ) -> Option<i128> {
        let DeValue::Integer(i) = value.get_ref() else {
            self.wrong_type(key, value, "a whole number");
            return None;
        };
        let n = i128::from_str_radix(i.as_str(), i.radix()).ok();
        match n {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                let shown = n.map_or_else(|| sanitize_line(&i.to_string()), |n| n.to_string());
                self.report(value.span(), DeckProblem::OutOfRange { key, value: shown, allowed });
                None
            }
        }
    }

    /// A name from a fixed vocabulary, with "did you mean" and the choices when unknown.
    fn choice<T: Copy>(&mut self, key: &'static str, value: &Value, table: &[(&'static str, T)]) -> Option<T> {
        let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
        let name = self.text(key, value, false)?;
        let found = table.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
        if found.is_none() {
            let kind = DeckProblem::UnknownName {
                what: key,
                value: sanitize_line(&name),
                hint: hint(names.iter().copied(), &name),
                choices: names.join(", "),
            };
            self.report(value.span(), kind);
        }
        found
    }

    /// A list value's items, or `None` (reported) when it is not a list or is empty.
    fn list<'v, 'i>(
        &mut self,
        key: &'static str,
        value: &'v Value<'i>,
        expected: &'static str,
    ) -> Option<&'v [Value<'i>]> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, value, expected);
            return None;
        };
        if items.is_empty() {
            self.report(value.span(), ProblemKind::Empty { key });
            return None;
        }
        Some(&items[..])
    }

    /// `scenarios = [...]`: ids that exist in `pool`, each once. Also returns how many items
    /// were written, so that a bad id does not also read as "the deck shows nothing".
    fn ids(&mut self, value: &Value, pool: &[Scenario]) -> (Vec<String>, usize) {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type("scenarios", value, "a list of scenario ids in quotes");
            return (Vec::new(), 1);
        };
        let known: HashSet<&str> = pool.iter().map(|s| s.id.as_str()).collect();
        let mut first_line: HashMap<String, usize> = HashMap::new();
        let mut ids = Vec::new();
        for item in items.iter() {
            let Some(id) = self.text("scenarios", item, false) else { continue };
            if !known.contains(id.as_str()) {
                let hint = hint(pool.iter().map(|s| s.id.as_str()), &id);
                self.report(item.span(), DeckProblem::UnknownScenario { id: sanitize_line(&id), hint });
            } else if let Some(&line) = first_line.get(&id) {
                self.report(item.span(), DeckProblem::RepeatedId { id, first_line: line });
            } else {
                first_line.insert(id.clone(), self.map.locate(item.span().start).line);
                ids.push(id);
            }
        }
        (ids, items.len())
    }

    /// `[[pick]]` tables, and how many were written.
    fn picks(&mut self, value: &Value, pool: &[Scenario], ids: &[String]) -> (Vec<Pick>, usize) {
        let expected = "written as [[pick]] tables (two brackets)";
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type("pick", value, expected);
            return (Vec::new(), 1);
        };
        let mut picks = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(table) => picks.extend(self.pick(table, item.span(), pool, ids)),
                _ => self.wrong_type("pick", item, expected),
            }
        }
        (picks, items.len())
    }

    /// One pick. Its filter is tried against the pool only when the filter itself is sound, so
    /// a misspelt category does not also read as "too few match"; an unknown key does not stop it.
    fn pick(&mut self, table: &DeTable, span: Range<usize>, pool: &[Scenario], ids: &[String]) -> Option<Pick> {
        let before = self.problems.len();
        let mut pick = Pick { categories: Vec::new(), verdict: None, difficulties: Vec::new(), count: 0 };
        let mut count_span = None;
        let mut unknown = Vec::new();
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "category" => pick.categories = self.categories(value),
                "verdict" => pick.verdict = self.choice("verdict", value, VERDICTS),
                "difficulty" => pick.difficulties = self.difficulties(value),
                "count" => {
                    count_span = Some(value.span());
                    let n = self.int("count", value, 1..=i128::from(u32::MAX), "at least 1");
                    pick.count = n.map_or(0, |n| n as usize);
                }
                other => unknown.push((key.span(), other)),
            }
        }
        let sound = self.problems.len() == before;
        for (key_span, key) in unknown {
            self.unknown_key(key_span, key, true);
        }
        let Some(count_span) = count_span else {
            self.report(span, ProblemKind::Missing("count"));
            return None;
        };
        if !sound {
            return None;
        }
        let matching = pool.iter().filter(|s| pick.matches(s) && !ids.contains(&s.id)).count();
        if matching < pick.count {
            let besides = if ids.is_empty() { "" } else { " besides the ids in `scenarios`" };
            self.report(count_span, DeckProblem::TooFewMatches { count: pick.count, matching, besides });
            return None;
        }
        Some(pick)
    }

    fn categories(&mut self, value: &Value) -> Vec<Category> {
        let Some(items) = self.list("category", value, "a list of category names, e.g. [\"toll\"]") else {
            return Vec::new();
        };
        let table: Vec<(&'static str, Category)> = CATEGORIES.iter().map(|t| (t.name, t.value)).collect();
        items.iter().filter_map(|item| self.choice("category", item, &table)).collect()
    }

    fn difficulties(&mut self, value: &Value) -> Vec<u8> {
        let Some(items) = self.list("difficulty", value, "a list of 1, 2 or 3, e.g. [2, 3]") else {
            return Vec::new();
        };
        items.iter().filter_map(|item| self.int("difficulty", item, 1..=3, "1, 2 or 3")).map(|n| n as u8).collect()
    }
}
