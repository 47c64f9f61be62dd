//! Exports of the attempts for other tools: CSV (spreadsheets), JSON (the records exactly as
//! stored, which `report --merge` reads back) and Markdown (a table plus each attempt's items).
//!
//! CSV columns, one row per attempt: learner, started, finished (ISO 8601 UTC), seconds, deck,
//! deck_checksum, mode, status, correct, answered, asked, score (0 to 1), pass_mark (percent),
//! d_prime, criterion (empty when not computed), version, seed, and categories — every
//! category as `name:correct/asked`, `;`-separated, in one cell so the column count is fixed.

use crate::learning::completion::CompletionRecord;
use crate::text_safety::{csv_cell, json_pretty, markdown_code, markdown_inline};

use super::iso8601::{short_duration, timestamp};
use super::{d_prime_text, score_text, sorted};

pub const CSV_HEADER: &str = "learner,started,finished,seconds,deck,deck_checksum,mode,status,correct,answered,asked,\
score,pass_mark,d_prime,criterion,version,seed,categories";

/// One CSV cell: the one rule's CSV adapter ([`csv_cell`]): one line, quoted as RFC 4180 says,
/// unsafe characters shown as markers, formula starts (`= + - @`) defused with a leading `'`.
pub fn csv_field(text: &str) -> String {
    csv_cell(text)
}

fn optional(x: Option<f64>) -> String {
    x.map_or_else(String::new, |v| format!("{v:.3}"))
}

/// The attempts as CSV, header first, oldest first; every line ends with a line break.
pub fn csv(records: &[CompletionRecord]) -> String {
    let mut out = format!("{CSV_HEADER}\n");
    for r in sorted(records) {
        let categories: Vec<String> =
            r.by_category.iter().map(|(name, t)| format!("{name}:{}/{}", t.correct, t.asked)).collect();
        let cells = [
            csv_field(&r.learner),
            timestamp(r.started),
            timestamp(r.finished),
            r.seconds.to_string(),
            csv_field(&r.deck),
            csv_field(&r.deck_checksum),
            csv_field(&r.mode),
            r.status.name().to_string(),
            r.correct.to_string(),
            r.answered.to_string(),
            r.asked.to_string(),
            format!("{:.4}", r.score),
            r.pass_mark.to_string(),
            optional(r.d_prime),
            optional(r.criterion),
            csv_field(&r.version),
            r.seed.to_string(),
            csv_field(&categories.join(";")),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// The records as a pretty JSON array, oldest first: the stored form, so it can be merged.
/// Unsafe characters in strings are `\uXXXX` escapes ([`json_pretty`]), so the file holds none
/// raw and still reads back exactly.
pub fn json(records: &[CompletionRecord]) -> String {
    let rows = sorted(records);
    let mut out = json_pretty(&rows).expect("records serialise");
    out.push('\n');
    out
}

/// Text safe inside Markdown: [`markdown_inline`] (one line, markup and HTML escaped).
fn md(text: &str) -> String {
    markdown_inline(text)
}

/// A Markdown summary table, then each attempt's items as a list.
pub fn markdown(records: &[CompletionRecord]) -> String {
    let rows = sorted(records);
    let mut out = String::from("# Exam records\n\n");
    if rows.is_empty() {
        out.push_str("No exam records yet.\n");
        return out;
    }
    out.push_str("| Learner | Started (UTC) | Deck | Status | Score | Pass mark | Time | d′ |\n");
    out.push_str("|---|---|---|---|---:|---:|---:|---:|\n");
    for r in &rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} % | {} | {} |\n",
            md(&r.learner),
            timestamp(r.started),
            md(&r.deck_title),
            r.status.name(),
            score_text(r),
            r.pass_mark,
            short_duration(r.seconds),
            d_prime_text(r)
        ));
    }
    for r in &rows {
        out.push_str(&format!(
            "\n## {} — {} ({}), {}\n\n",
            md(&r.learner),
            md(&r.deck_title),
            timestamp(r.started),
            r.status.name()
        ));
        for (n, item) in r.items.iter().enumerate() {
            let said = item.said.as_deref().map_or_else(
                || if item.timed_out { "no answer (time ran out)".to_string() } else { "not answered".to_string() },
                |s| format!("said {}", md(s)),
            );
            let mark = if item.correct { "✓" } else { "✗" };
            out.push_str(&format!(
                "{}. {mark} {} ({}, {}): {}, {said}\n",
                n + 1,
                md(&item.title),
                markdown_code(&item.scenario),
                md(&item.truth),
                md(&item.category)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::samples;

    #[test]
    fn csv_quotes_what_needs_quoting_and_defuses_formulas() {
        assert_eq!(csv_field("ada"), "ada");
        assert_eq!(csv_field("Wei, Chen"), "\"Wei, Chen\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@sum"), "'@sum");
    }

    #[test]
    fn csv_export() {
        let text = csv(&samples());
        assert_eq!(text.lines().count(), 6);
        let columns = CSV_HEADER.split(',').count();
        // No sample cell is quoted, so every row splits into the header's column count.
        assert!(text.lines().all(|l| l.split(',').count() == columns), "{text}");
        insta::assert_snapshot!(text);
    }

    #[test]
    fn json_export_reads_back_as_the_same_records() {
        let records = samples();
        let back: Vec<CompletionRecord> = serde_json::from_str(&json(&records)).unwrap();
        assert_eq!(back.len(), records.len());
        assert!(records.iter().all(|r| back.contains(r)));
    }

    #[test]
    fn markdown_export() {
        insta::assert_snapshot!(markdown(&samples()));
    }

    #[test]
    fn markdown_escapes_table_breakers() {
        let mut r = samples().remove(0);
        r.learner = "a|b".into();
        assert!(markdown(&[r]).contains("| a\\|b |"));
        assert!(markdown(&[]).contains("No exam records yet."));
    }
}
