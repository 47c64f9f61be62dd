//! `update`: the only place the trainer's state changes. Pure: no I/O, no clock, no terminal.

use super::{Answer, App, Effect, Msg, Screen};
use crate::scenario::Verdict;

/// Exit code after Ctrl-C, as shells expect (128 + SIGINT).
pub const EXIT_INTERRUPTED: u8 = 130;

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Quit => return vec![Effect::Quit(0)],
        Msg::Interrupt => return vec![Effect::Quit(EXIT_INTERRUPTED)],
        Msg::ToggleHelp => app.show_help = !app.show_help,
        Msg::CloseHelp => app.show_help = false,
        Msg::Viewport { max_scroll } => {
            app.max_scroll = max_scroll;
            app.scroll = app.scroll.min(max_scroll);
        }
        _ if app.show_help => {}
        Msg::ScrollBy(delta) => {
            let target = i64::from(app.scroll) + i64::from(delta);
            app.scroll = target.clamp(0, i64::from(app.max_scroll)) as u16;
        }
        Msg::ScrollToTop => app.scroll = 0,
        Msg::ScrollToEnd => app.scroll = app.max_scroll,
        other => on_screen(app, other),
    }
    Vec::new()
}

/// Messages whose meaning depends on the screen.
fn on_screen(app: &mut App, msg: Msg) {
    match (app.screen, msg) {
        (Screen::Judge, Msg::Verdict(v)) => give_verdict(app, v),
        (Screen::Judge, Msg::MoveCursor(_)) => {
            app.verdict_cursor = other_verdict(app.verdict_cursor)
        }
        (Screen::Judge, Msg::Confirm) => give_verdict(app, app.verdict_cursor),
        (Screen::Question, Msg::Choose(i)) => answer_question(app, i),
        (Screen::Question, Msg::MoveCursor(d)) => move_choice(app, d),
        (Screen::Question, Msg::Confirm) => answer_question(app, app.choice_cursor),
        (Screen::Reveal, Msg::Next | Msg::Confirm) => next(app),
        (Screen::Summary, Msg::PlayAgain | Msg::Confirm) => play_again(app),
        _ => {}
    }
}

fn other_verdict(v: Verdict) -> Verdict {
    match v {
        Verdict::Scam => Verdict::Legit,
        Verdict::Legit => Verdict::Scam,
    }
}

/// Records the verdict (once: answers cannot be changed) and moves on to the follow-up
/// question, or straight to the explanation.
fn give_verdict(app: &mut App, verdict: Verdict) {
    let Some(scenario) = app.current() else {
        return;
    };
    let has_question = scenario.question.is_some();
    app.answers.push(Answer {
        verdict,
        choice: None,
    });
    app.choice_cursor = 0;
    app.screen = if has_question {
        Screen::Question
    } else {
        Screen::Reveal
    };
    app.scroll = 0;
}

fn answer_question(app: &mut App, choice: usize) {
    let choices = app
        .current()
        .and_then(|s| s.question.as_ref())
        .map_or(0, |q| q.choices.len());
    if choice >= choices {
        return; // A digit with no such choice is ignored rather than guessed at.
    }
    if let Some(answer) = app.answers.get_mut(app.position) {
        answer.choice = Some(choice);
    }
    app.screen = Screen::Reveal;
    app.scroll = 0;
}

fn move_choice(app: &mut App, delta: i8) {
    let choices = app
        .current()
        .and_then(|s| s.question.as_ref())
        .map_or(1, |q| q.choices.len());
    let next = (app.choice_cursor as i64 + i64::from(delta)).rem_euclid(choices as i64);
    app.choice_cursor = next as usize;
}

fn next(app: &mut App) {
    app.scroll = 0;
    if app.position + 1 < app.round.len() {
        app.position += 1;
        app.screen = Screen::Judge;
        app.verdict_cursor = Verdict::Scam;
        app.notice = None;
    } else {
        app.screen = Screen::Summary;
    }
}

/// A fresh round: the next seed, so a replayed `--seed` session replays its later rounds too.
fn play_again(app: &mut App) {
    app.spec.seed = app.spec.seed.wrapping_add(1);
    app.start_round();
    app.position = 0;
    app.answers.clear();
    app.rounds_played += 1;
    app.scroll = 0;
    app.verdict_cursor = Verdict::Scam;
    app.screen = if app.round.is_empty() {
        Screen::Summary
    } else {
        Screen::Judge
    };
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
