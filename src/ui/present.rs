//! Presenter mode, for a projector: the message alone (nothing that gives the answer away),
//! the room's tally as a bar chart, then the full explanation with the instructor's notes.

use ratatui::text::{Line, Span};

use super::bubbles::{Marks, thread_lines};
use super::doc::{Doc, keys_line, run};
use super::reveal;
use super::theme::Theme;
use crate::app::{Answer, App, RoomTally};
use crate::scenario::{Scenario, Verdict};
use crate::text_safety::sanitize;

/// The thread with the situation, nothing else: no verdict, no flags, no notes.
pub fn body(scenario: &Scenario, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    if let Some(context) = &scenario.context {
        doc.para(vec![run("The situation: ", theme.heading), run(sanitize(context), theme.base)]);
        doc.blank();
    }
    doc.extend(thread_lines(scenario, width, Marks::None, theme));
    doc
}

pub fn panel(theme: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::styled("Ask the room: is the last message from who it says, or a scammer? Why?", theme.heading),
        keys_line(&[("Enter", "reveal the answer"), ("t", "type what the room said"), ("q", "quit")], theme),
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
    vec![
        Line::styled("How many in the room said…", theme.heading),
        Line::from(vec![field(0, "scam"), Span::raw("   "), field(1, "genuine")]),
        keys_line(&[("0-9", "type"), ("Tab", "switch"), ("Enter", "next / reveal"), ("Esc", "back")], theme),
    ]
}

/// The answer for discussion: what the room said against the truth, the explanation, and
/// the scenario's notes for the instructor.
pub fn reveal_body(app: &App, scenario: &Scenario, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    let what = match scenario.verdict {
        Verdict::Scam => "It's a scam.",
        Verdict::Legit => "It's genuine.",
    };
    doc.para(vec![run(what, theme.heading)]);
    if let Some(tally) = app.tallies.get(app.position).copied().flatten() {
        doc.blank();
        room_chart(&mut doc, tally, Some(scenario.verdict), theme);
    }
    doc.blank();
    let no_answer = Answer { verdict: None, ..Answer::new(Verdict::Scam) };
    reveal::details(&mut doc, scenario, &no_answer, true, theme);
    if let Some(notes) = &scenario.notes {
        doc.para(vec![run("Notes for the instructor", theme.heading)]);
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
        room_chart(&mut doc, tally, None, theme);
        doc.blank();
    }
    doc.extend(thread_lines(scenario, width, Marks::None, theme));
    doc
}

pub fn vote_panel(theme: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::styled("Who is right? Ask a few people on each side why.", theme.heading),
        keys_line(&[("Enter", "reveal the answer"), ("Esc", "correct the numbers"), ("q", "quit")], theme),
    ]
}

/// What the room said, as two bars. Once the answer is out (`truth`), the right bar is marked
/// with ✓ and coloured (never colour alone); before, both bars look the same.
pub fn room_chart(doc: &mut Doc, tally: RoomTally, truth: Option<Verdict>, theme: &Theme) {
    let total = tally.total();
    doc.para(vec![run(format!("The room ({total} answers)"), theme.heading)]);
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
            run(format!("{} {:<8}", if right { "✓" } else { " " }, verdict.label()), theme.base),
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
    let discussed = app.answers.len().saturating_sub(app.first_item);
    doc.para(vec![run(format!("End of the deck: {discussed} messages discussed"), theme.heading)]);
    doc.blank();
    for (i, scenario) in app.shown.iter().enumerate().take(app.answers.len()).skip(app.first_item) {
        let tally = app.tallies.get(i).copied().flatten();
        let room = match tally {
            Some(t) if t.total() > 0 => {
                let right = if scenario.verdict == Verdict::Scam { t.scam } else { t.legit };
                format!("{right} of {} right ({} %)", t.total(), (right * 100 + t.total() / 2) / t.total())
            }
            _ => "no tally".to_string(),
        };
        doc.item(
            vec![run(format!("{:>2}. ", i + 1), theme.dim)],
            vec![
                run(sanitize(&scenario.title), theme.heading),
                run(format!(" ({}) · room: {room}", scenario.verdict.label().to_lowercase()), theme.base),
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
