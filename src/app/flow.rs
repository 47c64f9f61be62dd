//! A stage's flow: on to the next message, or — after its last — the exam's record, the next
//! stage of a course, or the summary. Shared by the answering steps, the clock and the
//! classroom.

use super::{App, Effect, Screen};

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
