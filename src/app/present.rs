//! Presenter mode (nothing revealed until the instructor asks; an optional tally of what the
//! room said) and reviewing every explanation from the summary. Part of the pure `update`.

use super::{App, Effect, Msg, RoomTally, Screen, Step};

/// Largest count a tally field takes: a lecture hall, not an overflow.
const MAX_ROOM: u32 = 9_999;

/// Messages on the presenter's screens.
pub(super) fn on_present(app: &mut App, msg: Msg) -> Vec<Effect> {
    match (app.screen, msg) {
        (Screen::Present, Msg::Confirm | Msg::Next) => reveal(app),
        (Screen::Present, Msg::StartTally) => app.go(Screen::Tally),
        (Screen::Tally, Msg::Digit(d)) => {
            if let Step::Tally { counts, field } = &mut app.step {
                counts[*field] = (counts[*field] * 10 + u32::from(d)).min(MAX_ROOM);
            }
        }
        (Screen::Tally, Msg::Backspace) => {
            if let Step::Tally { counts, field } = &mut app.step {
                counts[*field] /= 10;
            }
        }
        (Screen::Tally, Msg::MoveCursor(_)) => {
            if let Step::Tally { field, .. } = &mut app.step {
                *field = 1 - *field;
            }
        }
        (Screen::Tally, Msg::Confirm) => match app.step {
            Step::Tally { field: 0, counts } => app.step = Step::Tally { counts, field: 1 },
            Step::Tally { counts: [scam, legit], .. } => show_vote(app, RoomTally { scam, legit }),
            _ => {}
        },
        (Screen::Present | Screen::Tally, Msg::SetTally(tally)) => {
            show_vote(app, RoomTally { scam: tally.scam.min(MAX_ROOM), legit: tally.legit.min(MAX_ROOM) });
        }
        (Screen::Tally, Msg::CloseHelp) => app.go(Screen::Present),
        (Screen::Vote, Msg::Confirm | Msg::Next) => reveal(app),
        (Screen::Vote, Msg::CloseHelp) => {
            // Back to correct the numbers: as they were typed, the cursor on the last one.
            let (counts, _) = app.tally_input();
            app.go(Screen::Tally);
            app.step = Step::Tally { counts, field: 1 };
        }
        _ => {}
    }
    Vec::new()
}

/// What the room said, kept for this message, shown as a bar chart.
fn show_vote(app: &mut App, tally: RoomTally) {
    if app.tallies.len() <= app.position {
        app.tallies.resize(app.position + 1, None);
    }
    app.tallies[app.position] = Some(tally);
    app.go(Screen::Vote);
}

/// The explanation, for discussion. The presenter gives no verdict of their own: the answer
/// recorded is the room's majority when there is a tally, else none.
fn reveal(app: &mut App) {
    let majority = app.tallies.get(app.position).copied().flatten().and_then(RoomTally::majority);
    while app.answers.len() <= app.position {
        app.answers.push(super::Answer { verdict: None, ..super::Answer::new(crate::scenario::Verdict::Scam) });
    }
    app.answers[app.position].verdict = majority;
    app.go(Screen::Reveal);
    app.view.scroll = 0;
}

impl RoomTally {
    /// What most of the room said; `None` on a tie or an empty tally.
    pub fn majority(self) -> Option<crate::scenario::Verdict> {
        use crate::scenario::Verdict;
        match self.scam.cmp(&self.legit) {
            std::cmp::Ordering::Greater => Some(Verdict::Scam),
            std::cmp::Ordering::Less => Some(Verdict::Legit),
            std::cmp::Ordering::Equal => None,
        }
    }

    pub fn total(self) -> u32 {
        self.scam + self.legit
    }
}

/// From the summary: the first explanation.
pub(super) fn start_review(app: &mut App) {
    if app.answers.is_empty() {
        return;
    }
    app.reviewing = true;
    app.position = app.session.first_item.min(app.answers.len() - 1);
    app.view.scroll = 0;
    app.go(Screen::Reveal);
}

/// The next (or previous) explanation; past either end, back to the summary.
pub(super) fn review_step(app: &mut App, delta: i64) {
    let target = app.position as i64 + delta;
    if target < app.session.first_item as i64 || target as usize >= app.answers.len() {
        end_review(app);
    } else {
        app.position = target as usize;
        app.view.scroll = 0;
    }
}

pub(super) fn end_review(app: &mut App) {
    app.reviewing = false;
    app.position = app.answers.len().saturating_sub(1);
    app.view.scroll = 0;
    app.go(Screen::Summary);
}
