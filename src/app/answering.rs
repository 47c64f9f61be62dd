//! The steps of answering one message, in order: the verdict (once), how sure, the marked
//! flags, the follow-up question before or after the reveal, and the finished answer handed to
//! the loop to save. `update` dispatches to these; the stage's flow (next message, end of a
//! stage, another round) stays in `update.rs`.

use super::explicit::{TOO_SOON, typed_ahead};
use super::flow::next;
use super::{Answer, App, Confidence, Effect, Screen, Step};
use crate::learning::record::AnswerRecord;
use crate::learning::spot;
use crate::scenario::{Asked, Verdict};

pub(super) fn other_verdict(v: Verdict) -> Verdict {
    match v {
        Verdict::Scam => Verdict::Legit,
        Verdict::Legit => Verdict::Scam,
    }
}

/// Records the verdict (once: answers cannot be changed) and asks how sure.
pub(super) fn give_verdict(app: &mut App, verdict: Verdict) {
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

pub(super) fn give_confidence(app: &mut App, i: usize) -> Vec<Effect> {
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

pub(super) fn toggle_mark(app: &mut App) {
    let Step::Spot { cursor, marks } = &mut app.step else { return };
    match marks.binary_search(cursor) {
        Ok(i) => {
            marks.remove(i);
        }
        Err(i) => marks.insert(i, *cursor),
    }
}

/// The marks as a set of pieces, from plain mode's typed numbers: only pieces that exist.
pub(super) fn set_marks(app: &mut App, mut marks: Vec<usize>) {
    let count = app.current().map_or(0, |s| crate::learning::spot::pieces(s).len());
    marks.retain(|&m| m < count);
    marks.sort_unstable();
    marks.dedup();
    if let Step::Spot { marks: kept, .. } = &mut app.step {
        *kept = marks;
    }
}

pub(super) fn confirm_marks(app: &mut App) -> Vec<Effect> {
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

pub(super) fn open_question(app: &mut App) {
    app.go(Screen::Question);
    app.view.scroll = 0;
}

/// `shown` is the choice's number on screen less one; the answer keeps its index in the file.
pub(super) fn answer_question(app: &mut App, shown: usize) -> Vec<Effect> {
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
pub(super) fn finish_answer(app: &mut App) -> Vec<Effect> {
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
