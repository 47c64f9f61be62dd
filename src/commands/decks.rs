//! `smishdrill decks`: the bundled decks, one line each, so an instructor can pick one for
//! `practice`, `exam` or `present --deck NAME`.

use crate::corpus::Corpus;
use crate::deck::{self, Deck};
use crate::i18n::{Arg, Locale};
use crate::scenario::Scenario;

/// One line per bundled deck: name, items, feedback, pass mark, time limit, title; and the
/// problems of any bundled deck that does not pass against `pool` (a broken build).
pub fn decks_lines(pool: &[Scenario], t: &Locale) -> (Vec<String>, Vec<String>) {
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    for (name, _) in deck::embedded() {
        match deck::find(name, pool) {
            Ok(d) => lines.push(line(&d, t)),
            Err(e) => problems.push(e.to_string()),
        }
    }
    (lines, problems)
}

fn line(d: &Deck, t: &Locale) -> String {
    let time = d.time_limit.map_or_else(
        || t.text("decks.no_time_limit").into_owned(),
        |s| t.fmt("decks.per_message", &[("seconds", Arg::Num(i64::from(s)))]),
    );
    // The feedback's name is the deck file's own word (`end`, `each`), kept as written.
    let feedback = t.fmt("decks.feedback", &[("when", Arg::Str(d.feedback.name()))]);
    let items = t.fmt("decks.items", &[("count", Arg::Num(d.items() as i64))]);
    let pass = t.fmt("decks.pass", &[("percent", Arg::Num(i64::from(d.pass_mark)))]);
    format!("{:<20} {items:>9}  {feedback:<13}  {pass:<9}  {time:<17}  {}", d.name, d.title)
}

pub fn decks(t: &Locale) -> u8 {
    let (lines, problems) = decks_lines(&Corpus::embedded().scenarios, t);
    super::print_lines(lines);
    for p in &problems {
        super::eprint_text(p);
    }
    u8::from(!problems.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_deck_gets_one_line_with_its_settings() {
        let (lines, problems) = decks_lines(&Corpus::embedded().scenarios, &Locale::english());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(lines.len(), deck::embedded().len());
        let exam = lines.iter().find(|l| l.starts_with("onboarding-exam ")).expect("the exam is listed");
        for part in ["20 items", "feedback end", "pass 80%", "120 s per message", "Onboarding exam"] {
            assert!(exam.contains(part), "{exam}");
        }
        assert!(lines.iter().any(|l| l.starts_with("quick-10 ") && l.contains("no time limit")), "{lines:#?}");
    }
}
