//! Presenter mode, for a projector: the message alone (nothing that gives the answer away),
//! the room's tally as a bar chart, then the full explanation with the instructor's notes.

use ratatui::text::{Line, Span};

use super::bubbles::{Marks, thread};
use super::doc::{Doc, keys_line, run};
use super::reveal;
use super::theme::Theme;
use super::words::{self, verdict_word};
use crate::app::{Answer, App, RoomTally};
use crate::i18n::{Arg, Locale};
use crate::scenario::{Scenario, Verdict};
use crate::text_safety::sanitize;

/// The thread with the situation, nothing else: no verdict, no flags, no notes.
pub fn body(app: &App, scenario: &Scenario, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    if let Some(context) = &scenario.context {
        let label = format!("{} ", app.locale.text("present.situation"));
        doc.para(vec![run(label, theme.heading), run(sanitize(context), theme.base)]);
        doc.blank();
    }
    doc.thread(thread(scenario, Marks::None, theme, &app.locale));
    doc
}

pub fn panel(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let t = &app.locale;
    let (reveal, tally, quit) = (t.text("present.reveal"), t.text("present.type_tally"), t.text("keys_action.quit"));
    vec![
        Line::styled(t.text("present.ask_the_room").into_owned(), theme.heading),
        keys_line(&[("Enter", &reveal), ("t", &tally), ("q", &quit)], theme),
    ]
}

/// The two counts being typed; the field with the cursor is reversed and marked with `▸`.
pub fn tally_panel(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let field = |i: usize, label: &str| {
        let (counts, field) = app.tally_input();
        let selected = field == i;
        let text = format!("{}{label}: {:>4} ", if selected { "▸ " } else { "  " }, counts[i]);
        Span::styled(text, if selected { theme.selected } else { theme.base })
    };
    let t = &app.locale;
    let (typing, switch, next, back) =
        (t.text("tally.type"), t.text("tally.switch"), t.text("tally.next"), t.text("tally.back"));
    vec![
        Line::styled(t.text("tally.question").into_owned(), theme.heading),
        Line::from(vec![
            field(0, &verdict_word(t, Verdict::Scam)),
            Span::raw("   "),
            field(1, &verdict_word(t, Verdict::Legit)),
        ]),
        keys_line(&[("0-9", &typing), ("Tab", &switch), ("Enter", &next), ("Esc", &back)], theme),
    ]
}

/// The answer for discussion: what the room said against the truth, the explanation, and
/// the scenario's notes for the instructor.
pub fn reveal_body(app: &App, scenario: &Scenario, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    let t = &app.locale;
    let what = match scenario.verdict {
        Verdict::Scam => t.text("present.it_is_scam"),
        Verdict::Legit => t.text("present.it_is_genuine"),
    };
    doc.para(vec![run(what, theme.heading)]);
    if let Some(tally) = app.tallies.get(app.position).copied().flatten() {
        doc.blank();
        room_chart_in(&mut doc, t, tally, Some(scenario.verdict), theme);
    }
    doc.blank();
    let no_answer = Answer { verdict: None, ..Answer::new(Verdict::Scam) };
    reveal::details(&mut doc, t, scenario, &no_answer, true, theme);
    if let Some(notes) = &scenario.notes {
        doc.para(vec![run(t.text("present.notes"), theme.heading)]);
        for para in notes.split("\n\n") {
            doc.para(vec![run(sanitize(para.trim()), theme.dim)]);
        }
        doc.blank();
    }
    doc
}

/// The room's vote before the answer: the message again under the chart, nothing marked.
pub fn vote_body(app: &App, scenario: &Scenario, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    if let Some(tally) = app.tallies.get(app.position).copied().flatten() {
        room_chart_in(&mut doc, &app.locale, tally, None, theme);
        doc.blank();
    }
    doc.thread(thread(scenario, Marks::None, theme, &app.locale));
    doc
}

pub fn vote_panel(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let t = &app.locale;
    let (reveal, correct, quit) = (t.text("present.reveal"), t.text("vote.correct"), t.text("keys_action.quit"));
    vec![
        Line::styled(t.text("vote.question").into_owned(), theme.heading),
        keys_line(&[("Enter", &reveal), ("Esc", &correct), ("q", &quit)], theme),
    ]
}

/// What the room said, as two bars. Once the answer is out (`truth`), the right bar is marked
/// with ✓ and coloured (never colour alone); before, both bars look the same.
pub fn room_chart_in(doc: &mut Doc, t: &Locale, tally: RoomTally, truth: Option<Verdict>, theme: &Theme) {
    let heading = t.fmt("room.heading", &[("count", Arg::Num(i64::from(tally.total())))]);
    chart(doc, t, heading, tally, truth, theme);
}

fn chart(doc: &mut Doc, t: &Locale, heading: String, tally: RoomTally, truth: Option<Verdict>, theme: &Theme) {
    let total = tally.total();
    doc.para(vec![run(heading, theme.heading)]);
    let width = doc.width.saturating_sub(28).clamp(4, 50);
    for (verdict, count) in [(Verdict::Scam, tally.scam), (Verdict::Legit, tally.legit)] {
        let right = truth == Some(verdict);
        let percent = (count * 100 + total / 2).checked_div(total).unwrap_or(0);
        let style = match truth {
            None => theme.key,
            Some(_) if right => theme.right,
            Some(_) => theme.wrong,
        };
        doc.para(vec![
            run(format!("{} {:<8}", if right { "✓" } else { " " }, words::verdict(t, verdict)), theme.base),
            run(bar(count, total, width), style),
            run(format!(" {count} ({percent} %)"), theme.base),
        ]);
    }
}

/// A bar of `█` (eighths for the last cell) `value / max` of `width` cells long.
pub fn bar(value: u32, max: u32, width: usize) -> String {
    if max == 0 || value == 0 {
        return String::new();
    }
    let eighths = (u64::from(value) * width as u64 * 8).div_ceil(u64::from(max)) as usize;
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push([' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8]);
    }
    s
}

/// The end of a presented deck: for every message, whether the room got it.
pub fn summary_body(app: &App, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    let t = &app.locale;
    let discussed = app.answers.len().saturating_sub(app.session.first_item);
    doc.para(vec![run(t.fmt("present.end_of_deck", &[("count", Arg::Num(discussed as i64))]), theme.heading)]);
    doc.blank();
    for (i, scenario) in app.shown.iter().enumerate().take(app.answers.len()).skip(app.session.first_item) {
        let tally = app.tallies.get(i).copied().flatten();
        let room = match tally {
            Some(tally) if tally.total() > 0 => {
                let right = if scenario.verdict == Verdict::Scam { tally.scam } else { tally.legit };
                let percent = (right * 100 + tally.total() / 2) / tally.total();
                t.fmt(
                    "present.room_right",
                    &[
                        ("right", Arg::Num(i64::from(right))),
                        ("count", Arg::Num(i64::from(tally.total()))),
                        ("percent", Arg::Num(i64::from(percent))),
                    ],
                )
            }
            _ => t.text("present.no_tally").into_owned(),
        };
        doc.item(
            vec![run(format!("{:>2}. ", i + 1), theme.dim)],
            vec![
                run(sanitize(&scenario.title), theme.heading),
                run(
                    format!(
                        " ({}) · {}",
                        verdict_word(t, scenario.verdict),
                        t.fmt("present.room", &[("room", Arg::Str(&room))])
                    ),
                    theme.base,
                ),
            ],
        );
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars_scale_and_use_eighths() {
        assert_eq!(bar(0, 10, 10), "");
        assert_eq!(bar(10, 10, 10), "█".repeat(10));
        assert_eq!(bar(5, 10, 10), "█".repeat(5));
        assert_eq!(bar(1, 16, 10), "▋", "10/16 of a cell rounds up to 5/8");
        assert_eq!(bar(3, 0, 10), "");
    }
}
