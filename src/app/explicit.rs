//! Answers come only from keys the learner pressed for them: nothing is pre-selected, Enter
//! with nothing highlighted only says which keys answer, and in an exam a key typed ahead
//! (before a new message appeared) is not its answer. Part of the pure `update`.

use super::App;

/// In an exam, a key pressed this soon after a new message appeared is not taken as its answer:
/// it was typed ahead, for the message before, and an answer to a message never read would be
/// recorded as the learner's judgement. 600 ms is about the shortest time to take in a sender
/// and a first line; nobody who read the message answers faster.
pub const READ_GUARD_MS: u64 = 600;

use crate::i18n::key;

/// Shown when Enter is pressed with nothing chosen (catalogue keys: the view words them).
pub(super) const PICK_VERDICT: &str = key("hint.pick_verdict");
pub(super) const PICK_CONFIDENCE: &str = key("hint.pick_confidence");
pub(super) const PICK_CHOICE: &str = key("hint.pick_choice");
pub(super) const TOO_SOON: &str = key("hint.too_soon");
pub(super) const NEW_ROUND: &str = key("hint.new_round");

/// The highlight after an arrow: from nothing, the first (down/right) or last (up/left) item.
pub(super) fn move_highlight(cursor: Option<usize>, delta: i8, len: usize) -> usize {
    let len = len.max(1) as i64;
    match cursor {
        None if delta < 0 => (len - 1) as usize,
        None => 0,
        Some(c) => (c as i64 + i64::from(delta)).rem_euclid(len) as usize,
    }
}

/// In an exam, whether a key now would have been typed before the message on screen could be
/// read (see [`READ_GUARD_MS`]). Without a clock (tests, scripts) nothing is guarded.
pub(super) fn typed_ahead(app: &App) -> bool {
    app.session.feedback_at_end
        && app.policy().learner_answers
        && app.clock_ms.is_some_and(|now| now < app.shown_at_ms.saturating_add(READ_GUARD_MS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hint_fits_one_line_of_an_80_column_screen() {
        let english = crate::i18n::Locale::english();
        for hint in [PICK_VERDICT, PICK_CONFIDENCE, PICK_CHOICE, TOO_SOON, NEW_ROUND] {
            let hint = english.text(hint);
            // Drawn as "! hint" in a panel as wide as the screen.
            assert!(!hint.starts_with('[') && hint.chars().count() + 2 <= 80, "{hint}");
        }
    }
}
