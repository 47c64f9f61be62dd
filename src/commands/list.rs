//! `smishdrill list`: one line per scenario, in columns.

use crate::corpus::Corpus;
use crate::text_safety::sanitize_line;

pub fn list_lines(corpus: &Corpus) -> Vec<String> {
    let id_width = corpus
        .scenarios
        .iter()
        .map(|s| s.id.len())
        .max()
        .unwrap_or(2);
    let mut rows: Vec<&crate::scenario::Scenario> = corpus.scenarios.iter().collect();
    rows.sort_by(|a, b| (a.category, &a.id).cmp(&(b.category, &b.id)));
    rows.iter()
        .map(|s| {
            format!(
                "{:<id_width$}  {:<12}  {:<5}  {}",
                s.id,
                s.category.name(),
                s.verdict.name(),
                sanitize_line(&s.title)
            )
        })
        .collect()
}

pub fn list(corpus: &Corpus) -> u8 {
    for line in list_lines(corpus) {
        println!("{line}");
    }
    for problem in &corpus.problems {
        eprintln!("{problem}");
    }
    u8::from(!corpus.problems.is_empty())
}
