//! `smishdrill list`: one line per scenario, filters, a corpus summary, and one variant printed
//! in full.

use std::collections::BTreeMap;

use crate::corpus::Corpus;
use crate::scenario::kinds::{CATEGORIES, FLAG_KINDS, SIGN_KINDS};
use crate::scenario::{Category, Draw, Scenario, Verdict};
use crate::text_safety::{sanitize, sanitize_line};

/// Which scenarios `list` shows. Empty lists mean "all".
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub categories: Vec<Category>,
    pub verdict: Option<Verdict>,
    pub difficulties: Vec<u8>,
}

impl ListFilter {
    fn keeps(&self, s: &Scenario) -> bool {
        (self.categories.is_empty() || self.categories.contains(&s.category))
            && self.verdict.is_none_or(|v| v == s.verdict)
            && (self.difficulties.is_empty() || s.difficulty.is_some_and(|d| self.difficulties.contains(&d)))
    }
}

/// The scenarios that pass the filter, by category then id.
pub fn filtered<'a>(corpus: &'a Corpus, filter: &ListFilter) -> Vec<&'a Scenario> {
    let mut rows: Vec<&Scenario> = corpus.scenarios.iter().filter(|s| filter.keeps(s)).collect();
    rows.sort_by(|a, b| (a.category, &a.id).cmp(&(b.category, &b.id)));
    rows
}

/// One line each: id, category, verdict, difficulty, title (`*` marks scenarios with variables).
pub fn list_lines(rows: &[&Scenario]) -> Vec<String> {
    let id_width = rows.iter().map(|s| s.id.len()).max().unwrap_or(2);
    rows.iter()
        .map(|s| {
            let difficulty = s.difficulty.map_or("-".to_string(), |d| d.to_string());
            let vars = if s.template.is_some() { "*" } else { " " };
            format!(
                "{:<id_width$}  {:<12}  {:<5}  {difficulty}{vars} {}",
                s.id,
                s.category.name(),
                s.verdict.name(),
                sanitize_line(&s.title)
            )
        })
        .collect()
}

/// Counts by category and verdict, difficulty, and cue kind.
pub fn summary_lines(rows: &[&Scenario]) -> Vec<String> {
    let mut out = Vec::new();
    let scams = rows.iter().filter(|s| s.verdict == Verdict::Scam).count();
    let genuine = rows.len() - scams;
    let percent = if rows.is_empty() { 0 } else { genuine * 100 / rows.len() };
    let with_vars = rows.iter().filter(|s| s.template.is_some()).count();
    out.push(format!(
        "{} scenarios: {scams} scams, {genuine} genuine ({percent}% genuine); {with_vars} with variables",
        rows.len()
    ));
    out.push(String::new());
    out.push(format!("{:<14} {:>5} {:>6} {:>7}", "category", "scam", "legit", "total"));
    for t in CATEGORIES {
        let of = |v: Verdict| rows.iter().filter(|s| s.category == t.value && s.verdict == v).count();
        let (s, l) = (of(Verdict::Scam), of(Verdict::Legit));
        out.push(format!("{:<14} {s:>5} {l:>6} {:>7}", t.name, s + l));
    }
    out.push(String::new());
    out.push(format!("{:<14} {:>5} {:>6}", "difficulty", "scam", "legit"));
    for d in [Some(1), Some(2), Some(3), None] {
        let of = |v: Verdict| rows.iter().filter(|s| s.difficulty == d && s.verdict == v).count();
        let label = d.map_or("unrated".to_string(), |d| d.to_string());
        out.push(format!("{label:<14} {:>5} {:>6}", of(Verdict::Scam), of(Verdict::Legit)));
    }
    out.push(String::new());
    out.push(format!("{:<20} {:>9}", "red-flag kind", "scenarios"));
    let mut flags: BTreeMap<&str, usize> = FLAG_KINDS.iter().map(|t| (t.name, 0)).collect();
    for s in rows {
        let kinds: std::collections::BTreeSet<_> = s.flags.iter().map(|f| f.kind.name()).collect();
        for k in kinds {
            *flags.entry(k).or_default() += 1;
        }
    }
    out.extend(flags.iter().map(|(k, n)| format!("{k:<20} {n:>9}")));
    out.push(String::new());
    out.push(format!("{:<20} {:>9}", "genuine-sign kind", "scenarios"));
    let mut signs: BTreeMap<&str, usize> = SIGN_KINDS.iter().map(|t| (t.name, 0)).collect();
    for s in rows {
        for k in s.signs.iter().map(|c| c.kind.name()).collect::<std::collections::BTreeSet<_>>() {
            *signs.entry(k).or_default() += 1;
        }
    }
    out.extend(signs.iter().map(|(k, n)| format!("{k:<20} {n:>9}")));
    out
}

/// One scenario as plain text, everything shown (for authors checking a variant).
pub fn render_lines(s: &Scenario) -> Vec<String> {
    let mut out = vec![
        format!(
            "{}  ({}, {}, difficulty {})",
            s.id,
            s.category.name(),
            s.verdict.name(),
            s.difficulty.map_or("-".into(), |d| d.to_string())
        ),
        format!("title: {}", sanitize_line(&s.title)),
    ];
    if let Some(c) = &s.context {
        out.push(format!("context: {}", sanitize_line(c)));
    }
    out.push(String::new());
    for m in &s.thread {
        let who = m.sender.as_deref().map_or("(you)".to_string(), sanitize_line);
        let time = m.time.as_deref().map(|t| format!(" · {}", sanitize_line(t))).unwrap_or_default();
        out.push(format!("[{who}{time}]"));
        out.extend(sanitize(&m.text).lines().map(|l| format!("  {l}")));
    }
    out.push(String::new());
    for (i, f) in s.flags.iter().enumerate() {
        let quote = f.quote.as_deref().map(sanitize_line).unwrap_or_default();
        out.push(format!("flag [{}] {}: \"{quote}\" — {}", i + 1, f.kind.name(), sanitize_line(&f.why)));
    }
    for (i, c) in s.signs.iter().enumerate() {
        let quote = c.quote.as_deref().map(|q| format!("\"{}\" ", sanitize_line(q))).unwrap_or_default();
        out.push(format!("sign [✓{}] {}: {quote}— {}", i + 1, c.kind.name(), sanitize_line(&c.why)));
    }
    if let Some(q) = &s.question {
        out.push(format!("question: {}", sanitize_line(&q.ask)));
        for (i, c) in q.choices.iter().enumerate() {
            let mark = if i == q.answer { "*" } else { " " };
            out.push(format!(" {mark}{} {}", i + 1, sanitize_line(c)));
        }
    }
    out.extend(s.verify.iter().map(|v| format!("verify: {}", sanitize_line(v))));
    out.extend(s.sources.iter().map(|v| format!("source: {}", sanitize_line(v))));
    out
}

/// What `list` was asked to print.
pub enum ListMode {
    Lines,
    Summary,
    Render { id: String, seed: u64 },
}

pub fn list(corpus: &Corpus, filter: &ListFilter, mode: &ListMode) -> u8 {
    let rows = filtered(corpus, filter);
    let lines = match mode {
        ListMode::Lines => list_lines(&rows),
        ListMode::Summary => summary_lines(&rows),
        ListMode::Render { id, seed } => match corpus.scenarios.iter().find(|s| &s.id == id) {
            Some(s) => {
                let draw = Draw { seed: *seed, today: crate::scenario::dates::Date::today_days() };
                render_lines(&s.variant(draw))
            }
            None => {
                let id = crate::text_safety::terminal_line(id);
                super::complain(&format!("no scenario with id `{id}` (see `smishdrill list`)"));
                return 2;
            }
        },
    };
    super::print_lines(lines);
    for problem in &corpus.problems {
        super::eprint_text(&problem.to_string());
    }
    u8::from(!corpus.problems.is_empty())
}
