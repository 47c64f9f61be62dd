//! The explanation after an answer: right or wrong, the message again with every red flag (or
//! genuine sign) marked and numbered, why each matters, the follow-up's answer, and how to
//! check such a message for real.

use ratatui::text::Line;

use super::bubbles::{Marks, thread};
use super::doc::{Doc, keys_line, run};
use super::theme::Theme;
use super::words::{self, confidence, verdict_word};
use crate::app::Answer;
use crate::i18n::{Arg, Locale, key};
use crate::learning::spot::{self, SpotResult};
use crate::scenario::{Scenario, Verdict};
use crate::text_safety::{sanitize, sanitize_line};

/// The explanation. `follow_up` is false while a question meant for after the reveal is still
/// to be asked: its answer must not be on the page above it.
pub fn body(t: &Locale, scenario: &Scenario, answer: &Answer, follow_up: bool, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    let pieces = spot::pieces(scenario);
    let result = answer.marks.as_ref().map(|m| spot::score(scenario, &pieces, m));
    verdict_banner(&mut doc, t, scenario, answer, result.as_ref(), theme);
    details(&mut doc, t, scenario, answer, follow_up, theme);
    doc
}

/// Everything after the verdict banner: the message with its flags or signs, why each
/// matters, the follow-up and how to check. Shared with presenter mode.
pub fn details(doc: &mut Doc, t: &Locale, scenario: &Scenario, answer: &Answer, with_follow_up: bool, theme: &Theme) {
    let pieces = spot::pieces(scenario);
    let result = answer.marks.as_ref().map(|m| spot::score(scenario, &pieces, m));
    let false_marks: Vec<spot::Piece> = result
        .as_ref()
        .map(|r| r.false_marks.iter().filter_map(|&i| pieces.get(i).cloned()).collect())
        .unwrap_or_default();
    let mut about = vec![
        run(sanitize_line(&scenario.title), theme.heading),
        run(format!("  ·  {}", words::category(t, scenario.category)), theme.dim),
    ];
    if let Some(d) = scenario.difficulty {
        about
            .push(run(format!("  ·  {}", t.fmt("reveal.difficulty", &[("level", Arg::Num(i64::from(d)))])), theme.dim));
    }
    doc.para(about);
    doc.blank();
    let marks = match scenario.verdict {
        Verdict::Scam => Marks::Flags { false_marks: &false_marks },
        Verdict::Legit => Marks::Signs { false_marks: &false_marks },
    };
    doc.thread(thread(scenario, marks, theme, t));
    doc.blank();
    match scenario.verdict {
        Verdict::Scam => flags(doc, t, scenario, result.as_ref(), theme),
        Verdict::Legit => signs(doc, t, scenario, theme),
    }
    false_alarms(doc, t, scenario, &false_marks, theme);
    if with_follow_up {
        follow_up(doc, t, scenario, answer, theme);
    }
    steps(doc, &t.text("reveal.how_to_check"), &scenario.verify, theme);
    steps(doc, &t.text("reveal.based_on"), &scenario.sources, theme);
}

fn verdict_banner(
    doc: &mut Doc,
    t: &Locale,
    scenario: &Scenario,
    answer: &Answer,
    result: Option<&SpotResult>,
    theme: &Theme,
) {
    let what = match scenario.verdict {
        Verdict::Scam => t.text("reveal.what_scam"),
        Verdict::Legit => t.text("reveal.what_genuine"),
    };
    let what = [("what", Arg::Str(&what))];
    let Some(verdict) = answer.verdict else {
        let key = if answer.timed_out { key("reveal.time_ran_out") } else { key("reveal.answer") };
        let text = t.fmt(key, &what);
        let text = if answer.timed_out { format!("⏱ {text}") } else { text };
        doc.para(vec![run(text, theme.heading)]);
        return;
    };
    let said_word = verdict_word(t, verdict);
    let said = match answer.confidence {
        Some(c) => {
            let sure = confidence(t, c);
            t.fmt("reveal.you_said_sure", &[("said", Arg::Str(&said_word)), ("sure", Arg::Str(&sure))])
        }
        None => t.fmt("reveal.you_said", &[("said", Arg::Str(&said_word))]),
    };
    let said = run(format!(" {said}"), theme.base);
    if verdict == scenario.verdict {
        doc.para(vec![run(format!("✓ {}", t.fmt("reveal.right", &what)), theme.right), said]);
    } else {
        doc.para(vec![run(format!("✗ {}", t.fmt("reveal.not_quite", &what)), theme.wrong), said]);
    }
    if let Some(r) = result {
        let false_marks = r.false_marks.len() as i64;
        let num = |n: usize| Arg::Num(n as i64);
        let line = match scenario.verdict {
            Verdict::Scam if false_marks == 0 => {
                t.fmt("reveal.found_flags", &[("found", num(r.found_count())), ("count", num(r.found.len()))])
            }
            Verdict::Scam => {
                let harmless = t.fmt("reveal.harmless_marks", &[("count", Arg::Num(false_marks))]);
                t.fmt(
                    "reveal.found_flags_and",
                    &[
                        ("found", num(r.found_count())),
                        ("count", num(r.found.len())),
                        ("harmless", Arg::Str(&harmless)),
                    ],
                )
            }
            Verdict::Legit if false_marks == 0 => t.text("reveal.marked_nothing").into_owned(),
            Verdict::Legit => t.fmt("reveal.no_flags_but_marks", &[("count", Arg::Num(false_marks))]),
        };
        doc.para(vec![run(line, theme.heading)]);
    }
}

/// What the learner marked that is not a red flag, in their words.
fn false_alarms(doc: &mut Doc, t: &Locale, scenario: &Scenario, false_marks: &[spot::Piece], theme: &Theme) {
    if false_marks.is_empty() {
        return;
    }
    doc.para(vec![run(t.text("reveal.false_marks"), theme.heading)]);
    for p in false_marks {
        doc.item(
            vec![run("[✗]", theme.false_mark_marker), run(" ", theme.base)],
            vec![run(format!("\"{}\"", sanitize_line(spot::piece_text(scenario, p))), theme.base)],
        );
    }
    doc.blank();
}

fn flags(doc: &mut Doc, t: &Locale, scenario: &Scenario, result: Option<&SpotResult>, theme: &Theme) {
    doc.para(vec![run(t.fmt("reveal.red_flags", &[("count", Arg::Num(scenario.flags.len() as i64))]), theme.heading)]);
    for (i, flag) in scenario.flags.iter().enumerate() {
        let mut body = vec![
            run(format!("{}: ", words::flag_kind(t, flag.kind)), theme.heading),
            run(sanitize(&flag.why), theme.base),
        ];
        match result.and_then(|r| r.found.get(i)) {
            Some(true) => body.push(run(format!(" ✓ {}", t.text("reveal.found_it")), theme.right)),
            Some(false) => body.push(run(format!(" ✗ {}", t.text("reveal.missed")), theme.wrong)),
            None => {}
        }
        doc.item(vec![run(format!("[{}]", i + 1), theme.flag_marker), run(" ", theme.base)], body);
    }
    doc.blank();
}

fn signs(doc: &mut Doc, t: &Locale, scenario: &Scenario, theme: &Theme) {
    doc.para(vec![run(t.text("reveal.signs"), theme.heading)]);
    for (i, sign) in scenario.signs.iter().enumerate() {
        doc.item(
            vec![run(format!("[✓{}]", i + 1), theme.sign_marker), run(" ", theme.base)],
            vec![
                run(format!("{}: ", words::sign_kind(t, sign.kind)), theme.heading),
                run(sanitize(&sign.why), theme.base),
            ],
        );
    }
    doc.blank();
}

fn follow_up(doc: &mut Doc, t: &Locale, scenario: &Scenario, answer: &Answer, theme: &Theme) {
    let Some(q) = &scenario.question else { return };
    doc.para(vec![run(format!("{} ", t.text("reveal.follow_up")), theme.heading), run(sanitize(&q.ask), theme.base)]);
    let said = |key: &str, choice: &str| t.fmt(key, &[("choice", Arg::Str(choice))]);
    let right = sanitize(&q.choices[q.answer]).into_owned();
    // Choices were shown shuffled: their numbers in the file mean nothing to the learner.
    match answer.choice {
        Some(c) if c == q.answer => {
            doc.item(vec![run("✓ ", theme.right)], vec![run(said(key("reveal.you_chose"), &right), theme.base)]);
        }
        Some(c) => {
            let chosen = q.choices.get(c).map(|s| sanitize(s).into_owned()).unwrap_or_default();
            doc.item(vec![run("✗ ", theme.wrong)], vec![run(said(key("reveal.you_chose"), &chosen), theme.base)]);
            doc.item(vec![run("→ ", theme.right)], vec![run(said(key("reveal.better"), &right), theme.base)]);
        }
        None => {
            doc.item(vec![run("→ ", theme.right)], vec![run(said(key("reveal.follow_up_answer"), &right), theme.base)])
        }
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
    let t = &app.locale;
    let scroll = t.text("keys_action.scroll");
    if app.after_question && !app.reviewing {
        return vec![keys_line(&[("Enter", &t.text("reveal.one_more_question")), ("↑↓", &scroll)], theme)];
    }
    let last = app.position + 1 >= app.round.len();
    if app.reviewing {
        let next = if last { t.text("reveal.back_to_results") } else { t.text("reveal.next_explanation") };
        let (previous, results) = (t.text("reveal.previous"), t.text("reveal.results"));
        return vec![keys_line(&[("Enter", &next), ("p", &previous), ("Esc", &results), ("↑↓", &scroll)], theme)];
    }
    let next = match (last, app.session.mode) {
        (false, _) => t.text("reveal.next_message"),
        (true, crate::app::Mode::Present) => t.text("reveal.end_of_deck"),
        (true, _) if app.stage + 1 < app.session.stages.len() => t.text("reveal.go_on"),
        (true, _) => t.text("reveal.see_results"),
    };
    vec![keys_line(&[("Enter", &next), ("↑↓", &scroll)], theme)]
}
