//! The explanation after an answer: right or wrong, the message again with every red flag (or
//! genuine sign) marked and numbered, why each matters, the follow-up's answer, and how to
//! check such a message for real.

use ratatui::text::Line;

use super::bubbles::{Marks, thread_lines};
use super::doc::{Doc, keys_line, run};
use super::theme::Theme;
use crate::app::Answer;
use crate::learning::spot::{self, SpotResult};
use crate::scenario::{Scenario, Verdict};
use crate::text_safety::{sanitize, sanitize_line};

/// The explanation. `follow_up` is false while a question meant for after the reveal is still
/// to be asked: its answer must not be on the page above it.
pub fn body(scenario: &Scenario, answer: &Answer, follow_up: bool, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    let pieces = spot::pieces(scenario);
    let result = answer.marks.as_ref().map(|m| spot::score(scenario, &pieces, m));
    verdict_banner(&mut doc, scenario, answer, result.as_ref(), theme);
    details(&mut doc, scenario, answer, follow_up, theme);
    doc
}

/// Everything after the verdict banner: the message with its flags or signs, why each
/// matters, the follow-up and how to check. Shared with presenter mode.
pub fn details(doc: &mut Doc, scenario: &Scenario, answer: &Answer, with_follow_up: bool, theme: &Theme) {
    let width = doc.width;
    let pieces = spot::pieces(scenario);
    let result = answer.marks.as_ref().map(|m| spot::score(scenario, &pieces, m));
    let false_marks: Vec<spot::Piece> = result
        .as_ref()
        .map(|r| r.false_marks.iter().filter_map(|&i| pieces.get(i).cloned()).collect())
        .unwrap_or_default();
    let mut about = vec![
        run(sanitize_line(&scenario.title), theme.heading),
        run(format!("  ·  {}", scenario.category.label()), theme.dim),
    ];
    if let Some(d) = scenario.difficulty {
        about.push(run(format!("  ·  difficulty {d} of 3"), theme.dim));
    }
    doc.para(about);
    doc.blank();
    let marks = match scenario.verdict {
        Verdict::Scam => Marks::Flags { false_marks: &false_marks },
        Verdict::Legit => Marks::Signs { false_marks: &false_marks },
    };
    doc.extend(thread_lines(scenario, width, marks, theme));
    doc.blank();
    match scenario.verdict {
        Verdict::Scam => flags(doc, scenario, result.as_ref(), theme),
        Verdict::Legit => signs(doc, scenario, theme),
    }
    false_alarms(doc, scenario, &false_marks, theme);
    if with_follow_up {
        follow_up(doc, scenario, answer, theme);
    }
    steps(doc, "How to check, and what to do", &scenario.verify, theme);
    steps(doc, "Based on", &scenario.sources, theme);
}

fn verdict_banner(doc: &mut Doc, scenario: &Scenario, answer: &Answer, result: Option<&SpotResult>, theme: &Theme) {
    let what = match scenario.verdict {
        Verdict::Scam => "this is a scam",
        Verdict::Legit => "this message is genuine",
    };
    let sure = answer.confidence.map(|c| format!(" ({})", c.label())).unwrap_or_default();
    let Some(verdict) = answer.verdict else {
        let why = if answer.timed_out { "⏱ Time ran out" } else { "Answer" };
        doc.para(vec![run(format!("{why}: {what}."), theme.heading)]);
        return;
    };
    let said = run(format!(" You said {}{sure}.", verdict.label().to_lowercase()), theme.base);
    if verdict == scenario.verdict {
        doc.para(vec![run(format!("✓ Right: {what}."), theme.right), said]);
    } else {
        doc.para(vec![run(format!("✗ Not quite: {what}."), theme.wrong), said]);
    }
    if let Some(r) = result {
        let false_marks = r.false_marks.len();
        let tail = match false_marks {
            0 => String::new(),
            1 => "; 1 mark on something harmless".to_string(),
            n => format!("; {n} marks on something harmless"),
        };
        let line = match scenario.verdict {
            Verdict::Scam => format!("You found {} of {} red flags{tail}.", r.found_count(), r.found.len()),
            Verdict::Legit if false_marks == 0 => "You marked nothing: right, there are no red flags here.".to_string(),
            Verdict::Legit => format!("There are no red flags here, but you made {false_marks} mark(s)."),
        };
        doc.para(vec![run(line, theme.heading)]);
    }
}

/// What the learner marked that is not a red flag, in their words.
fn false_alarms(doc: &mut Doc, scenario: &Scenario, false_marks: &[spot::Piece], theme: &Theme) {
    if false_marks.is_empty() {
        return;
    }
    doc.para(vec![run("Your marks that are not red flags", theme.heading)]);
    for p in false_marks {
        doc.item(
            vec![run("[✗]", theme.false_mark_marker), run(" ", theme.base)],
            vec![run(format!("\"{}\"", sanitize_line(spot::piece_text(scenario, p))), theme.base)],
        );
    }
    doc.blank();
}

fn flags(doc: &mut Doc, scenario: &Scenario, result: Option<&SpotResult>, theme: &Theme) {
    doc.para(vec![run(format!("Red flags ({})", scenario.flags.len()), theme.heading)]);
    for (i, flag) in scenario.flags.iter().enumerate() {
        let mut body =
            vec![run(format!("{}: ", flag.kind.label()), theme.heading), run(sanitize(&flag.why), theme.base)];
        match result.and_then(|r| r.found.get(i)) {
            Some(true) => body.push(run(" ✓ you found it", theme.right)),
            Some(false) => body.push(run(" ✗ missed", theme.wrong)),
            None => {}
        }
        doc.item(vec![run(format!("[{}]", i + 1), theme.flag_marker), run(" ", theme.base)], body);
    }
    doc.blank();
}

fn signs(doc: &mut Doc, scenario: &Scenario, theme: &Theme) {
    doc.para(vec![run("What shows it is genuine", theme.heading)]);
    for (i, sign) in scenario.signs.iter().enumerate() {
        doc.item(
            vec![run(format!("[✓{}]", i + 1), theme.sign_marker), run(" ", theme.base)],
            vec![run(format!("{}: ", sign.kind.label()), theme.heading), run(sanitize(&sign.why), theme.base)],
        );
    }
    doc.blank();
}

fn follow_up(doc: &mut Doc, scenario: &Scenario, answer: &Answer, theme: &Theme) {
    let Some(q) = &scenario.question else { return };
    doc.para(vec![run("Follow-up: ", theme.heading), run(sanitize(&q.ask), theme.base)]);
    let right = sanitize(&q.choices[q.answer]).into_owned();
    // Choices were shown shuffled: their numbers in the file mean nothing to the learner.
    match answer.choice {
        Some(c) if c == q.answer => {
            doc.item(vec![run("✓ ", theme.right)], vec![run(format!("You chose: {right}"), theme.base)]);
        }
        Some(c) => {
            let chosen = q.choices.get(c).map(|s| sanitize(s).into_owned()).unwrap_or_default();
            doc.item(vec![run("✗ ", theme.wrong)], vec![run(format!("You chose: {chosen}"), theme.base)]);
            doc.item(vec![run("→ ", theme.right)], vec![run(format!("Better: {right}"), theme.base)]);
        }
        None => doc.item(vec![run("→ ", theme.right)], vec![run(format!("Answer: {right}"), theme.base)]),
    }
    doc.item(vec![run("  ", theme.base)], vec![run(sanitize(&q.why), theme.dim)]);
    doc.blank();
}

fn steps(doc: &mut Doc, heading: &str, items: &[String], theme: &Theme) {
    if items.is_empty() {
        return;
    }
    doc.para(vec![run(heading.to_string(), theme.heading)]);
    for item in items {
        doc.item(vec![run("• ", theme.base)], vec![run(sanitize(item), theme.base)]);
    }
    doc.blank();
}

/// The key line under the explanation.
pub fn panel(app: &crate::app::App, theme: &Theme) -> Vec<Line<'static>> {
    if app.after_question && !app.reviewing {
        return vec![keys_line(&[("Enter", "one more question"), ("↑↓", "scroll")], theme)];
    }
    let last = app.position + 1 >= app.round.len();
    if app.reviewing {
        let next = if last { "back to the results" } else { "next explanation" };
        return vec![keys_line(&[("Enter", next), ("p", "previous"), ("Esc", "results"), ("↑↓", "scroll")], theme)];
    }
    let next = match (last, app.mode) {
        (false, _) => "next message",
        (true, crate::app::Mode::Present) => "end of the deck",
        (true, _) if app.stage + 1 < app.stages.len() => "go on",
        (true, _) => "see your results",
    };
    vec![keys_line(&[("Enter", next), ("↑↓", "scroll")], theme)]
}
