//! Reports on exam records: one learner's or a machine's history, exports (CSV, JSON, Markdown,
//! xAPI statements for a learning record store) and the class view merged from many files.
//! Domain code: it builds text and data, the command prints or writes them.

pub mod export;
pub mod history;
pub mod iso8601;
pub mod merge;
pub mod xapi;

use unicode_width::UnicodeWidthStr;

use crate::learning::completion::CompletionRecord;

/// `correct/asked pct %`, e.g. `17/20 85 %`. The percent is rounded down, so it never shows a
/// pass mark reached that the exact (integer) pass rule says was missed.
pub fn score_text(r: &CompletionRecord) -> String {
    format!("{}/{} {} %", r.correct, r.asked, percent_floor(u64::from(r.correct), u64::from(r.asked)))
}

/// `part * 100 / whole`, rounded down; 0 for an empty whole.
pub fn percent_floor(part: u64, whole: u64) -> u64 {
    (part * 100).checked_div(whole).unwrap_or(0)
}

/// d′ to two decimals, or `–` when it could not be computed.
pub fn d_prime_text(r: &CompletionRecord) -> String {
    r.d_prime.map_or_else(|| "–".to_string(), |d| format!("{d:.2}"))
}

/// Records oldest first (then by learner and deck), the order every report uses.
pub fn sorted(records: &[CompletionRecord]) -> Vec<&CompletionRecord> {
    let mut rows: Vec<&CompletionRecord> = records.iter().collect();
    rows.sort_by(|a, b| (a.started, &a.learner, &a.deck).cmp(&(b.started, &b.learner, &b.deck)));
    rows
}

/// Columns padded to the widest cell, by display width (names may be CJK or carry emoji), two
/// spaces apart; `right[i]` right-aligns column `i`. Trailing spaces are trimmed.
pub fn align(rows: &[Vec<String>], right: &[bool]) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..columns).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.width()).max().unwrap_or(0)).collect();
    rows.iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let pad = " ".repeat(widths[c] - cell.width());
                    if right.get(c).copied().unwrap_or(false) { format!("{pad}{cell}") } else { format!("{cell}{pad}") }
                })
                .collect();
            cells.join("  ").trim_end().to_string()
        })
        .collect()
}

/// The sample records in `tests/data/records/`, for unit tests.
#[cfg(test)]
pub(crate) fn samples() -> Vec<CompletionRecord> {
    let files = [
        include_str!("../../tests/data/records/ada.json"),
        include_str!("../../tests/data/records/ben.json"),
        include_str!("../../tests/data/records/chen.json"),
        include_str!("../../tests/data/records/dana.json"),
    ];
    files.iter().flat_map(|text| serde_json::from_str::<Vec<CompletionRecord>>(text).expect("sample records")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_round_down_so_a_near_miss_never_looks_like_a_pass() {
        let mut r = samples()[0].clone();
        (r.correct, r.asked) = (2, 3);
        assert_eq!(score_text(&r), "2/3 66 %");
        (r.correct, r.asked) = (17, 20);
        assert_eq!(score_text(&r), "17/20 85 %");
        assert_eq!(percent_floor(1, 0), 0);
    }

    #[test]
    fn columns_align_by_display_width() {
        let rows = vec![vec!["陈伟".to_string(), "1".to_string()], vec!["ada".to_string(), "10".to_string()]];
        assert_eq!(align(&rows, &[false, true]), ["陈伟   1", "ada   10"]);
    }

    #[test]
    fn samples_hold_every_status_and_sort_oldest_first() {
        let all = samples();
        assert_eq!(all.len(), 5);
        let statuses: Vec<&str> = sorted(&all).iter().map(|r| r.status.name()).collect();
        assert_eq!(statuses, ["passed", "failed", "incomplete", "passed", "passed"]);
    }
}
