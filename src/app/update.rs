//! `update`: the only place the trainer's state changes. Pure: no I/O, no clock, no terminal.
//! The steps of one message (in `answering.rs`): verdict → confidence → spot the flags → follow-up → reveal (or, in
//! an exam, straight on to the next message). Presenter mode and reviewing live in `present.rs`.

use super::answering::{
    answer_question, confirm_marks, finish_answer, give_confidence, give_verdict, open_question, other_verdict,
    set_marks, toggle_mark,
};
pub use super::explicit::READ_GUARD_MS;
use super::explicit::{NEW_ROUND, PICK_CHOICE, PICK_CONFIDENCE, PICK_VERDICT, TOO_SOON, move_highlight, typed_ahead};
use super::flow::next;
use super::present;
use super::{Answer, App, Confidence, Effect, Msg, Screen, Step};
use crate::i18n::Phrase;
use crate::learning::spot;
use crate::scenario::Verdict;

/// Exit code after Ctrl-C, as shells expect (128 + SIGINT).
pub const EXIT_INTERRUPTED: u8 = 130;

/// Shown after a first `q` during an exam.
const LEAVE_EXAM: &str = crate::i18n::key("notice.leave_exam");

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let passive = matches!(msg, Msg::Viewport { .. } | Msg::Tick | Msg::Clock(_) | Msg::Notice(_));
    if !passive && !matches!(msg, Msg::Quit) && app.quit_armed {
        app.quit_armed = false;
        app.notice.clear();
    }
    if !passive {
        app.hint = None;
    }
    match msg {
        Msg::Clock(ms) => app.clock_ms = Some(ms),
        Msg::Quit => return quit(app, 0),
        Msg::Interrupt => return leave(app, EXIT_INTERRUPTED),
        Msg::Tick => return tick(app),
        Msg::ToggleHelp => {
            app.view.show_help = !app.view.show_help;
            app.view.help_scroll = 0;
        }
        Msg::CloseHelp if app.view.show_help => app.view.show_help = false,
        Msg::ScrollBy(delta) if app.view.show_help => {
            // The view stops at the last line; this bound only keeps the number meaningful.
            let most = (super::ROWS.len() + 3) as i64;
            app.view.help_scroll = (i64::from(app.view.help_scroll) + i64::from(delta)).clamp(0, most) as u16;
        }
        Msg::Notice(key) => app.notice = vec![Phrase::new(key)],
        Msg::Viewport { max_scroll, body_height, focus } => viewport(app, max_scroll, body_height, focus),
        _ if app.view.show_help => {}
        Msg::ScrollBy(delta) => {
            let target = i64::from(app.view.scroll) + i64::from(delta);
            app.view.scroll = target.clamp(0, i64::from(app.view.max_scroll)) as u16;
        }
        Msg::ScrollToTop => app.view.scroll = 0,
        Msg::ScrollToEnd => app.view.scroll = app.view.max_scroll,
        other => return on_screen(app, other),
    }
    Vec::new()
}

/// `q`: during an exam the first press only asks, so one stray key never ends an attempt.
fn quit(app: &mut App, code: u8) -> Vec<Effect> {
    if app.exam_pending() && !app.quit_armed {
        app.quit_armed = true;
        app.notice = vec![Phrase::new(LEAVE_EXAM)];
        return Vec::new();
    }
    leave(app, code)
}

/// Ends the program; an exam still running is recorded as incomplete first.
fn leave(app: &mut App, code: u8) -> Vec<Effect> {
    let mut effects = Vec::new();
    if app.exam_pending() {
        app.exam_recorded = true;
        effects.push(Effect::Finish { complete: false });
    }
    effects.push(Effect::Quit(code));
    effects
}

/// A second on the clock: counts time on the message being answered and ends it when the
/// deck's time limit is reached. Presenter mode has no clock: the instructor sets the pace.
fn tick(app: &mut App) -> Vec<Effect> {
    // A question asked after the reveal is not timed: the message's time ended with its reveal.
    if !app.screen.is_answering() || app.after_question || !app.policy().has_clock || app.current().is_none() {
        return Vec::new();
    }
    app.item_seconds = app.item_seconds.saturating_add(1);
    match app.session.time_limit {
        Some(limit) if app.item_seconds >= limit => time_up(app),
        _ => Vec::new(),
    }
}

/// The time limit ran out: the answer so far stands (no verdict yet counts as wrong).
pub(super) fn time_up(app: &mut App) -> Vec<Effect> {
    if app.screen == Screen::Judge {
        app.answers.push(Answer::timed_out());
    }
    if let Step::Spot { marks, .. } = &mut app.step {
        let marks = std::mem::take(marks);
        if let Some(answer) = app.answers.get_mut(app.position) {
            answer.marks = Some(marks);
        }
    }
    if let Some(answer) = app.answers.get_mut(app.position) {
        answer.timed_out = true;
    }
    app.view.show_help = false;
    let number = app.position + 1;
    let effects = finish_answer(app);
    if app.session.feedback_at_end && app.screen.is_answering() {
        app.notice = vec![Phrase::new("notice.time_ran_out").with("number", number)];
    }
    effects
}

/// Keeps the scroll in range and, on the spot screen, the cursor's line in view.
fn viewport(app: &mut App, max_scroll: u16, body_height: u16, focus: Option<u16>) {
    app.view.max_scroll = max_scroll;
    app.view.body_height = body_height;
    if let Some(line) = focus {
        if line < app.view.scroll {
            app.view.scroll = line;
        } else if body_height > 0 && line >= app.view.scroll + body_height {
            app.view.scroll = line + 1 - body_height;
        }
    }
    app.view.scroll = app.view.scroll.min(max_scroll);
}

/// Messages whose meaning depends on the screen.
fn on_screen(app: &mut App, msg: Msg) -> Vec<Effect> {
    match (app.screen, msg.clone()) {
        (Screen::Judge, Msg::Verdict(v)) => give_verdict(app, v),
        (Screen::Judge, Msg::MoveCursor(d)) => {
            let cursor = Some(match app.verdict_cursor() {
                Some(v) => other_verdict(v),
                None if d < 0 => Verdict::Scam,
                None => Verdict::Legit,
            });
            app.step = Step::Judge { cursor };
        }
        (Screen::Judge, Msg::Confirm) => match app.verdict_cursor() {
            Some(v) => give_verdict(app, v),
            None => app.hint = Some(PICK_VERDICT),
        },
        (Screen::Confidence, Msg::Choose(i)) => return give_confidence(app, i),
        (Screen::Confidence, Msg::MoveCursor(d)) => {
            let cursor = Some(move_highlight(app.confidence_cursor(), d, Confidence::ALL.len()));
            app.step = Step::Confidence { cursor };
        }
        (Screen::Confidence, Msg::Confirm) => match app.confidence_cursor() {
            Some(i) => return give_confidence(app, i),
            None => app.hint = Some(PICK_CONFIDENCE),
        },
        (Screen::Spot, Msg::MoveCursor(d)) => {
            let count = app.current().map_or(0, |s| spot::pieces(s).len());
            if let Step::Spot { cursor, .. } = &mut app.step {
                *cursor = (*cursor as i64 + i64::from(d)).clamp(0, count.saturating_sub(1) as i64) as usize;
            }
        }
        (Screen::Spot, Msg::ToggleMark) => toggle_mark(app),
        (Screen::Spot, Msg::SetMarks(marks)) => set_marks(app, marks),
        (Screen::Spot, Msg::Confirm) => return confirm_marks(app),
        (Screen::Question, Msg::Choose(i)) => return answer_question(app, i),
        (Screen::Question, Msg::MoveCursor(d)) => {
            let choices = app.current().and_then(|s| s.question.as_ref()).map_or(1, |q| q.choices.len());
            let cursor = Some(move_highlight(app.choice_cursor(), d, choices));
            app.step = Step::Question { cursor };
        }
        (Screen::Judge, Msg::Unbound) => app.hint = Some(unbound_hint(app, PICK_VERDICT)),
        (Screen::Confidence, Msg::Unbound) => app.hint = Some(unbound_hint(app, PICK_CONFIDENCE)),
        (Screen::Question, Msg::Unbound) => app.hint = Some(unbound_hint(app, PICK_CHOICE)),
        (Screen::Question, Msg::Confirm) => match app.choice_cursor() {
            Some(i) => return answer_question(app, i),
            None => app.hint = Some(PICK_CHOICE),
        },
        (Screen::Reveal, Msg::Next | Msg::Confirm) if app.after_question && !app.reviewing => open_question(app),
        (Screen::Reveal, Msg::Next | Msg::Confirm) if app.reviewing => present::review_step(app, 1),
        (Screen::Reveal, Msg::Previous) if app.reviewing => present::review_step(app, -1),
        (Screen::Reveal, Msg::CloseHelp) if app.reviewing => present::end_review(app),
        (Screen::Reveal, Msg::Next | Msg::Confirm) => return next(app),
        (Screen::Lesson, Msg::Confirm | Msg::Next) => app.enter_stage(app.stage + 1),
        (Screen::Present | Screen::Tally | Screen::Vote, _) => return present::on_present(app, msg),
        (Screen::Summary, Msg::Review) => present::start_review(app),
        (Screen::Summary, Msg::PlayAgain) if app.policy().plays_again => play_again(app),
        (Screen::Summary, Msg::Confirm) if app.policy().plays_again => app.hint = Some(NEW_ROUND),
        (Screen::Summary, Msg::Confirm) => present::start_review(app),
        (Screen::Summary, Msg::ToggleStats) => {
            app.go(Screen::Stats);
            app.view.scroll = 0;
        }
        (Screen::Stats, Msg::ToggleStats | Msg::CloseHelp | Msg::Confirm) => {
            app.go(Screen::Summary);
            app.view.scroll = 0;
        }
        (Screen::Stats, Msg::PlayAgain) => play_again(app),
        _ => {}
    }
    Vec::new()
}

/// A fresh round: the next seed, so a replayed `--seed` session replays its later rounds too.
fn play_again(app: &mut App) {
    app.spec.seed = app.spec.seed.wrapping_add(1);
    if !app.session.stages.is_empty() {
        // A deck: the same messages again, with fresh variables.
        app.rounds_played += 1;
        app.enter_stage(0);
        return;
    }
    app.start_round();
    app.position = 0;
    app.answers.clear();
    app.rounds_played += 1;
    app.view.scroll = 0;
    app.message_shown();
    app.go(if app.round.is_empty() { Screen::Summary } else { Screen::Judge });
    app.item_seconds = 0;
}

/// The hint for a key that means nothing on a screen waiting for a choice: the keys that make
/// it, or, in an exam, that the key came before the message could be read (as a verdict then
/// would: that is what the learner needs to know first).
fn unbound_hint(app: &App, pick: &'static str) -> &'static str {
    if typed_ahead(app) { TOO_SOON } else { pick }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "session_tests.rs"]
mod session_tests;
