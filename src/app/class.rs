//! A served class in lockstep (`smishdrill serve --mode lockstep`): the instructor reveals
//! and moves the room on, so a learner's app is moved from outside. Everything else about
//! lockstep (holding the reveal back, which keys reach `update`, what is drawn while waiting)
//! is decided by the server; these are the steps that need the app's own record keeping.

use super::answering::record;
use super::flow::next;
use super::update::time_up;
use super::{App, Effect};

/// The instructor revealed the message: a learner still answering it stops there, as when a
/// time limit runs out (the answer so far stands; no verdict counts as not answered), and sees
/// the explanation. Returns the effects to carry out (the record, if a verdict was given).
pub fn close_answer(app: &mut App) -> Vec<Effect> {
    if app.screen.is_answering() && !app.after_question && app.current().is_some() {
        return time_up(app);
    }
    Vec::new()
}

/// Moves the learner to message `target` of the stage (or, past the last, to the summary), as
/// the instructor did for the room. A message still being answered is closed first
/// ([`close_answer`]); an answer waiting only for its after-reveal question is recorded
/// without it. Returns the effects to carry out (the records).
pub fn advance_to(app: &mut App, target: usize) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut guard = app.round.len() + 1;
    while guard > 0 && app.screen != super::Screen::Summary && (app.position < target || target >= app.round.len()) {
        guard -= 1;
        effects.extend(close_answer(app));
        if app.after_question {
            app.after_question = false;
            effects.extend(record(app));
        }
        app.view.show_help = false;
        effects.extend(next(app));
    }
    effects
}
