//! Carrying out what `update` asks for, the same way for every front end (full screen, plain,
//! a served session): stamp and save answers, write the exam's record, tell the learner when
//! saving failed.

use crate::app::{App, Effect, Msg, update};
use crate::learning::completion::CompletionRecord;

use super::Sink;

/// Seconds since 1970: the clock lives here, at the edge, never in `update`.
pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Carries out one effect. Returns the exit code when the effect is to quit. Errors are kept
/// in `errors` for the host to show once the terminal is normal.
pub fn carry_out(app: &mut App, effect: Effect, sink: &mut dyn Sink, errors: &mut Vec<String>) -> Option<u8> {
    match effect {
        Effect::Quit(code) => return Some(code),
        Effect::Record(record) => save_answer(app, &record, sink, errors),
        Effect::Finish { complete } => save_completion(app, complete, sink, errors),
    }
    None
}

/// Carries out `Effect::Record`: stamps the answer with the time (in the record and in the
/// app's history), saves it, and on the first failure tells the learner the trainer goes on
/// without saving.
fn save_answer(
    app: &mut App,
    record: &crate::learning::record::AnswerRecord,
    sink: &mut dyn Sink,
    errors: &mut Vec<String>,
) {
    let mut record = record.clone();
    record.time = now();
    app.progress.stamp_last(record.time);
    if let Err(e) = sink.answer(&record) {
        if errors.is_empty() {
            update(app, Msg::Notice(crate::i18n::key("notice.progress_not_saved")));
        }
        errors.push(e);
    }
}

/// Carries out `Effect::Finish`: the exam's completion record, finished now.
fn save_completion(app: &mut App, complete: bool, sink: &mut dyn Sink, errors: &mut Vec<String>) {
    let Some(record) = app.completion(complete, now()) else { return };
    match sink.completion(&record) {
        Ok(()) => {
            update(app, Msg::Notice(crate::i18n::key("notice.result_recorded")));
        }
        Err(e) => {
            update(app, Msg::Notice(crate::i18n::key("notice.result_not_recorded")));
            errors.push(format!("completion record not saved: {e}"));
        }
    }
}

/// The record the exam would get if the session ended now (incomplete); `None` outside an exam.
pub fn pending_record(app: &App) -> Option<CompletionRecord> {
    if app.exam_pending() { app.completion(false, now()) } else { None }
}

/// Tells the sink where the learner is now (see [`Sink::step`]).
pub fn report_step(app: &App, sink: &mut dyn Sink) {
    sink.step(app, pending_record(app).as_ref());
}

/// An exam cut short (a signal, a closed terminal, a dropped connection, the end of input) is
/// still recorded, as incomplete.
pub fn finish_interrupted(app: &mut App, sink: &mut dyn Sink, errors: &mut Vec<String>) {
    if app.exam_pending() {
        app.exam_recorded = true;
        save_completion(app, false, sink, errors);
    }
}
