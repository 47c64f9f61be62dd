//! The state only the screen on show has: which verdict or answer is highlighted, the piece
//! under the cursor and the marks while spotting, the room's counts while typing them. One
//! enum, so a screen's state cannot outlive the screen or be read on another one.

use super::{App, Screen};
use crate::scenario::Verdict;

/// What the learner is doing on the current screen, with that screen's own state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Step {
    /// A screen with no state of its own (reading an explanation, a lesson, the summary…).
    #[default]
    Reading,
    /// Deciding: the highlighted verdict, if the learner moved to one (none when a message
    /// appears: Enter never answers for the learner).
    Judge { cursor: Option<Verdict> },
    /// How sure: the highlighted index into `Confidence::ALL`, if any.
    Confidence { cursor: Option<usize> },
    /// Spotting: the piece under the cursor, and the pieces marked so far (ascending).
    Spot { cursor: usize, marks: Vec<usize> },
    /// The follow-up question: the highlighted choice, by its position on screen.
    Question { cursor: Option<usize> },
    /// Presenting: the room's counts being typed (scam, genuine) and which has the cursor.
    Tally { counts: [u32; 2], field: usize },
}

impl Step {
    /// The state a screen starts with.
    pub fn fresh(screen: Screen) -> Step {
        match screen {
            Screen::Judge => Step::Judge { cursor: None },
            Screen::Confidence => Step::Confidence { cursor: None },
            Screen::Spot => Step::Spot { cursor: 0, marks: Vec::new() },
            Screen::Question => Step::Question { cursor: None },
            Screen::Tally => Step::Tally { counts: [0, 0], field: 0 },
            _ => Step::Reading,
        }
    }

    /// Whether this state belongs to `screen` (a test keeps the two together).
    pub fn fits(&self, screen: Screen) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(&Step::fresh(screen))
    }
}

impl App {
    /// Goes to `screen`, with that screen's fresh state.
    pub fn go(&mut self, screen: Screen) {
        self.screen = screen;
        self.step = Step::fresh(screen);
    }

    /// The highlighted verdict on the judge screen.
    pub fn verdict_cursor(&self) -> Option<Verdict> {
        match self.step {
            Step::Judge { cursor } => cursor,
            _ => None,
        }
    }

    /// The highlighted "how sure" button.
    pub fn confidence_cursor(&self) -> Option<usize> {
        match self.step {
            Step::Confidence { cursor } => cursor,
            _ => None,
        }
    }

    /// The highlighted follow-up choice, by its position on screen.
    pub fn choice_cursor(&self) -> Option<usize> {
        match self.step {
            Step::Question { cursor } => cursor,
            _ => None,
        }
    }

    /// The piece under the cursor while spotting.
    pub fn piece_cursor(&self) -> usize {
        match self.step {
            Step::Spot { cursor, .. } => cursor,
            _ => 0,
        }
    }

    /// The pieces marked so far while spotting.
    pub fn marks(&self) -> &[usize] {
        match &self.step {
            Step::Spot { marks, .. } => marks,
            _ => &[],
        }
    }

    /// The room's counts as typed (scam, genuine) and the field with the cursor; after the
    /// counts were entered, what was kept for this message.
    pub fn tally_input(&self) -> ([u32; 2], usize) {
        match self.step {
            Step::Tally { counts, field } => (counts, field),
            _ => {
                let kept = self.tallies.get(self.position).copied().flatten();
                (kept.map_or([0, 0], |t| [t.scam, t.legit]), 0)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Msg, update};
    use proptest::prelude::*;

    fn any_msg() -> impl Strategy<Value = Msg> {
        prop_oneof![
            prop_oneof![Just(Verdict::Scam), Just(Verdict::Legit)].prop_map(Msg::Verdict),
            (-1i8..=1).prop_map(Msg::MoveCursor),
            Just(Msg::Confirm),
            (0usize..5).prop_map(Msg::Choose),
            Just(Msg::Next),
            Just(Msg::Previous),
            Just(Msg::ToggleMark),
            Just(Msg::ToggleStats),
            Just(Msg::Review),
            Just(Msg::StartTally),
            (0u8..10).prop_map(Msg::Digit),
            Just(Msg::Backspace),
            Just(Msg::CloseHelp),
            Just(Msg::PlayAgain),
            Just(Msg::Tick),
            proptest::collection::vec(0usize..20, 0..4).prop_map(Msg::SetMarks),
            (0u32..50, 0u32..50).prop_map(|(scam, legit)| Msg::SetTally(crate::app::RoomTally { scam, legit })),
        ]
    }

    proptest! {
        /// Whatever the learner does, in every mode, the step's state is the screen's.
        #[test]
        fn the_step_always_belongs_to_the_screen(which in 0usize..4, msgs in proptest::collection::vec(any_msg(), 0..80)) {
            let mut app = match which {
                0 => crate::fixtures::app(),
                1 => crate::fixtures::exam_app(),
                2 => crate::fixtures::present_app(),
                _ => crate::fixtures::course_app(),
            };
            prop_assert!(app.step.fits(app.screen));
            for msg in msgs {
                update(&mut app, msg);
                prop_assert!(app.step.fits(app.screen), "{:?} on {:?}", app.step, app.screen);
            }
        }
    }
}
