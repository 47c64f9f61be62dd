//! What `update` is told ([`Msg`], already translated from keys or typed lines) and what it asks
//! the event loop to do ([`Effect`]).

use super::RoomTally;
use crate::scenario::Verdict;

/// Something for the event loop to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Leave the program with this exit code.
    Quit(u8),
    /// Save this answer to the learner's progress (the loop stamps the time).
    Record(Box<crate::learning::record::AnswerRecord>),
    /// The exam ended (`complete`) or was left early: write its completion record, built with
    /// [`App::completion`] and the time now.
    Finish { complete: bool },
}

/// Inputs to `update`, already translated from keys (see [`msg_for_key`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    /// `s` / `l`: answer at once.
    Verdict(Verdict),
    /// Left/right/tab between the two verdict buttons, or up/down between choices.
    MoveCursor(i8),
    /// Enter: take what the cursor is on, or go on.
    Confirm,
    /// `1`…`9` (0-based here).
    Choose(usize),
    /// `n`: next scenario.
    Next,
    ScrollBy(i32),
    ScrollToTop,
    ScrollToEnd,
    ToggleHelp,
    /// Esc: close help (does nothing else, so a stray Esc never loses work).
    CloseHelp,
    PlayAgain,
    Quit,
    /// Ctrl-C or SIGINT.
    Interrupt,
    /// Space on the spot screen: mark or unmark the piece under the cursor.
    ToggleMark,
    /// `t` on the summary: show progress over all rounds; again (or Esc) to go back.
    ToggleStats,
    /// Something the learner should know (e.g. progress could not be saved): a catalogue key.
    Notice(&'static str),
    /// One second passed (sent by the event loop): counts time on a message, runs time limits.
    Tick,
    /// The time now, milliseconds from the start of the event loop, sent before each key: an
    /// exam ignores answers typed before a new message could be read ([`READ_GUARD_MS`]).
    Clock(u64),
    /// `e` on the summary: walk through the explanation of every message.
    Review,
    /// `p` while reviewing: the previous explanation.
    Previous,
    /// Presenter mode, `t`: type what the room said before revealing.
    StartTally,
    /// A digit typed into the tally.
    Digit(u8),
    /// A printable key that means nothing on this screen. Where the screen waits for a choice,
    /// the hint says which keys make it, so a wrong key is never met with silence.
    Unbound,
    /// Backspace in the tally.
    Backspace,
    /// Plain mode: these pieces (0-based, ascending) are the marks on the spot screen.
    SetMarks(Vec<usize>),
    /// Plain mode: what the room said, typed as two numbers; shows the vote.
    SetTally(RoomTally),
    /// The view's report after drawing: how far the body can scroll, how tall it is, and the
    /// body line the cursor is on (spot screen), which scrolling then keeps in view.
    Viewport {
        max_scroll: u16,
        body_height: u16,
        focus: Option<u16>,
    },
}
