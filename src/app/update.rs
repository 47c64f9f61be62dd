//! `update`: the only place the trainer's state changes. Pure: no I/O, no clock, no terminal.
//! The steps of one message: verdict → confidence → spot the flags → follow-up → reveal (or, in
//! an exam, straight on to the next message). Presenter mode and reviewing live in `present.rs`.

pub use super::explicit::READ_GUARD_MS;
use super::explicit::{NEW_ROUND, PICK_CHOICE, PICK_CONFIDENCE, PICK_VERDICT, TOO_SOON, move_highlight, typed_ahead};
use super::present;
use super::{Answer, App, Confidence, Effect, Msg, Screen, Step};
use crate::i18n::Phrase;
use crate::learning::record::AnswerRecord;
use crate::learning::spot;
use crate::scenario::{Asked, Verdict};

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

fn other_verdict(v: Verdict) -> Verdict {
    match v {
        Verdict::Scam => Verdict::Legit,
        Verdict::Legit => Verdict::Scam,
    }
}

/// Records the verdict (once: answers cannot be changed) and asks how sure.
fn give_verdict(app: &mut App, verdict: Verdict) {
    if app.current().is_none() || app.answers.len() > app.position {
        return;
    }
    if typed_ahead(app) {
        app.step = Step::Judge { cursor: None };
        app.hint = Some(TOO_SOON);
        return;
    }
    app.answers.push(Answer::new(verdict));
    app.go(Screen::Confidence);
}

fn give_confidence(app: &mut App, i: usize) -> Vec<Effect> {
    let Some(&confidence) = Confidence::ALL.get(i) else { return Vec::new() };
    if let Some(answer) = app.answers.get_mut(app.position) {
        answer.confidence = Some(confidence);
    }
    let can_spot = app.session.spot_enabled && app.current().is_some_and(|s| !spot::pieces(s).is_empty());
    if can_spot {
        app.go(Screen::Spot);
        app.view.scroll = 0;
        Vec::new()
    } else {
        after_spot(app)
    }
}

fn toggle_mark(app: &mut App) {
    let Step::Spot { cursor, marks } = &mut app.step else { return };
    match marks.binary_search(cursor) {
        Ok(i) => {
            marks.remove(i);
        }
        Err(i) => marks.insert(i, *cursor),
    }
}

/// The marks as a set of pieces, from plain mode's typed numbers: only pieces that exist.
fn set_marks(app: &mut App, mut marks: Vec<usize>) {
    let count = app.current().map_or(0, |s| crate::learning::spot::pieces(s).len());
    marks.retain(|&m| m < count);
    marks.sort_unstable();
    marks.dedup();
    if let Step::Spot { marks: kept, .. } = &mut app.step {
        *kept = marks;
    }
}

fn confirm_marks(app: &mut App) -> Vec<Effect> {
    let marks = match &mut app.step {
        Step::Spot { marks, .. } => std::mem::take(marks),
        _ => Vec::new(),
    };
    if let Some(answer) = app.answers.get_mut(app.position) {
        answer.marks = Some(marks);
    }
    after_spot(app)
}

/// The follow-up question if one is asked before the reveal, else the explanation.
fn after_spot(app: &mut App) -> Vec<Effect> {
    let before = app.current().and_then(|s| s.question.as_ref()).is_some_and(|q| q.asked == Asked::Before);
    if before {
        open_question(app);
        Vec::new()
    } else {
        finish_answer(app)
    }
}

fn open_question(app: &mut App) {
    app.go(Screen::Question);
    app.view.scroll = 0;
}

/// `shown` is the choice's number on screen less one; the answer keeps its index in the file.
fn answer_question(app: &mut App, shown: usize) -> Vec<Effect> {
    let Some(&choice) = app.choice_order().get(shown) else {
        return Vec::new(); // A digit with no such choice is ignored rather than guessed at.
    };
    if let Some(answer) = app.answers.get_mut(app.position) {
        answer.choice = Some(choice);
    }
    finish_answer(app)
}

/// The answer is complete: saved (not in presenter mode), then explained now, or — with
/// feedback at the end — the next message comes straight away. A question meant for after
/// the reveal comes between: the explanation first, then the question, and the answer is
/// saved once it is answered.
fn finish_answer(app: &mut App) -> Vec<Effect> {
    if app.after_question {
        app.after_question = false;
        let effects = record(app);
        app.go(Screen::Reveal);
        app.view.scroll = 0;
        return effects;
    }
    let seconds = app.item_seconds;
    if let Some(answer) = app.answers.get_mut(app.position) {
        answer.seconds = seconds;
    }
    let asks_after = app.current().and_then(|s| s.question.as_ref()).is_some_and(|q| q.asked == Asked::After);
    if asks_after && !app.session.feedback_at_end && app.policy().learner_answers {
        app.after_question = true;
        app.go(Screen::Reveal);
        app.view.scroll = 0;
        return Vec::new();
    }
    let mut effects = record(app);
    if app.session.feedback_at_end {
        effects.extend(next(app));
    } else {
        app.go(Screen::Reveal);
        app.view.scroll = 0;
    }
    effects
}

/// The finished answer for the loop to save to the learner's progress.
pub(super) fn record(app: &mut App) -> Vec<Effect> {
    if !app.policy().saves_progress {
        return Vec::new();
    }
    let (Some(scenario), Some(answer)) = (app.current(), app.current_answer()) else { return Vec::new() };
    let Some(verdict) = answer.verdict else { return Vec::new() };
    let spot = answer.marks.as_ref().map(|m| spot::score(scenario, &spot::pieces(scenario), m));
    let asked = scenario.question.as_ref().filter(|q| app.asks(q));
    let question = asked.map(|q| answer.choice == Some(q.answer));
    let round = format!("{}-{}", app.session.id, app.rounds_played);
    let mut record =
        AnswerRecord::new(round, scenario, verdict, answer.confidence.map(Confidence::stored), spot.as_ref(), question);
    record.choice = asked.and(answer.choice).map(|c| c as u32 + 1);
    app.progress.add(&record);
    vec![Effect::Record(Box::new(record))]
}

/// The next message of the stage, or the end of the stage.
pub(super) fn next(app: &mut App) -> Vec<Effect> {
    app.view.scroll = 0;
    app.item_seconds = 0;
    if app.position + 1 < app.round.len() {
        app.position += 1;
        app.go(app.first_screen());
        app.message_shown();
        app.notice.clear();
        return Vec::new();
    }
    end_stage(app)
}

/// After the last message of a stage: the exam's record once the graded stage is done, then
/// the next stage of a course, or the summary.
fn end_stage(app: &mut App) -> Vec<Effect> {
    let mut effects = Vec::new();
    if app.in_graded_stage() && app.exam_pending() {
        app.exam_recorded = true;
        effects.push(Effect::Finish { complete: true });
    }
    let last_stage = app.stage + 1 >= app.session.stages.len();
    if last_stage || app.in_graded_stage() {
        app.go(Screen::Summary);
    } else {
        app.enter_stage(app.stage + 1);
    }
    effects
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

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "session_tests.rs"]
mod session_tests;
