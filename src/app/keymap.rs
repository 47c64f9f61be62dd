//! Keys to messages. A table, so the help screen and the README list exactly what works.

use super::{Key, Msg, Screen};
use crate::scenario::Verdict;

/// One row of the help screen.
pub struct KeyHelp {
    pub keys: &'static str,
    pub action: &'static str,
}

pub const KEY_HELP: &[KeyHelp] = &[
    KeyHelp { keys: "s", action: "It's a scam" },
    KeyHelp { keys: "g  (or l)", action: "It's genuine (legit)" },
    KeyHelp { keys: "← → Tab, Enter", action: "Highlight scam / genuine, confirm it" },
    KeyHelp { keys: "1 2 3", action: "How sure: sure, fairly sure, guessing" },
    KeyHelp { keys: "← → Tab ↑ ↓", action: "Spot the flags: move between pieces" },
    KeyHelp { keys: "Space", action: "Spot the flags: mark / unmark a piece" },
    KeyHelp { keys: "1 … 9", action: "Answer the follow-up question (↑ ↓ Enter too)" },
    KeyHelp { keys: "↑ ↓ PgUp PgDn", action: "Scroll the message / explanation" },
    KeyHelp { keys: "Home End", action: "Jump to the top / bottom" },
    KeyHelp { keys: "Enter  (or n)", action: "Next message (never answers for you)" },
    KeyHelp { keys: "r", action: "Play again (on the summary)" },
    KeyHelp { keys: "t", action: "Your progress over all rounds (on the summary)" },
    KeyHelp { keys: "e", action: "Go through every explanation (on the summary)" },
    KeyHelp { keys: "p", action: "Previous explanation (while going through them)" },
    KeyHelp { keys: "t, 0-9, Tab", action: "Presenting: type what the room said" },
    KeyHelp { keys: "Enter", action: "Presenting: reveal the answer; course: go on" },
    KeyHelp { keys: "?", action: "Show / hide this help" },
    KeyHelp { keys: "Esc", action: "Close help" },
    KeyHelp { keys: "q  Ctrl-C", action: "Quit" },
    KeyHelp { keys: "Ctrl-Z", action: "Suspend (back with fg)" },
];

/// What a key press means on `screen`.
pub fn msg_for_key(screen: Screen, key: Key) -> Option<Msg> {
    let msg = match key {
        Key::Ctrl(c) => return matches!(c, 'c' | 'C').then_some(Msg::Interrupt),
        Key::Char('q' | 'Q') => Msg::Quit,
        Key::Char('?') => Msg::ToggleHelp,
        Key::Esc => Msg::CloseHelp,
        Key::Up => match screen {
            Screen::Question | Screen::Spot => Msg::MoveCursor(-1),
            _ => Msg::ScrollBy(-1),
        },
        Key::Down => match screen {
            Screen::Question | Screen::Spot => Msg::MoveCursor(1),
            _ => Msg::ScrollBy(1),
        },
        Key::Char(' ') if screen == Screen::Spot => Msg::ToggleMark,
        Key::Char('k') => Msg::ScrollBy(-1),
        Key::Char('j') => Msg::ScrollBy(1),
        Key::PageUp => Msg::ScrollBy(-10),
        Key::PageDown | Key::Char(' ') => Msg::ScrollBy(10),
        Key::Home => Msg::ScrollToTop,
        Key::End => Msg::ScrollToEnd,
        Key::Left | Key::BackTab => Msg::MoveCursor(-1),
        Key::Right | Key::Tab => Msg::MoveCursor(1),
        Key::Enter => Msg::Confirm,
        Key::Backspace if screen == Screen::Tally => Msg::Backspace,
        Key::Char(c) => return char_msg(screen, c.to_ascii_lowercase()),
        _ => return None,
    };
    Some(msg)
}

fn char_msg(screen: Screen, c: char) -> Option<Msg> {
    match (screen, c) {
        (Screen::Judge, 's') => Some(Msg::Verdict(Verdict::Scam)),
        (Screen::Judge, 'l' | 'g') => Some(Msg::Verdict(Verdict::Legit)),
        (Screen::Question, '1'..='9') | (Screen::Confidence, '1'..='3') => Some(Msg::Choose(c as usize - '1' as usize)),
        (Screen::Reveal, 'n') => Some(Msg::Next),
        (Screen::Reveal, 'p') => Some(Msg::Previous),
        (Screen::Summary, 'e') => Some(Msg::Review),
        (Screen::Present, 't') => Some(Msg::StartTally),
        (Screen::Present | Screen::Vote, 'n' | 'r') => Some(Msg::Confirm),
        (Screen::Tally, '0'..='9') => Some(Msg::Digit(c as u8 - b'0')),
        (Screen::Lesson, 'n') => Some(Msg::Confirm),
        (Screen::Summary | Screen::Stats, 'r') => Some(Msg::PlayAgain),
        (Screen::Summary | Screen::Stats, 't') => Some(Msg::ToggleStats),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_keys_only_on_the_judge_screen() {
        assert_eq!(msg_for_key(Screen::Judge, Key::Char('s')), Some(Msg::Verdict(Verdict::Scam)));
        assert_eq!(msg_for_key(Screen::Judge, Key::Char('L')), Some(Msg::Verdict(Verdict::Legit)));
        assert_eq!(msg_for_key(Screen::Reveal, Key::Char('s')), None);
    }

    #[test]
    fn space_marks_on_the_spot_screen_and_scrolls_elsewhere() {
        assert_eq!(msg_for_key(Screen::Spot, Key::Char(' ')), Some(Msg::ToggleMark));
        assert_eq!(msg_for_key(Screen::Reveal, Key::Char(' ')), Some(Msg::ScrollBy(10)));
        assert_eq!(msg_for_key(Screen::Spot, Key::Down), Some(Msg::MoveCursor(1)));
        assert_eq!(msg_for_key(Screen::Confidence, Key::Char('3')), Some(Msg::Choose(2)));
        assert_eq!(msg_for_key(Screen::Confidence, Key::Char('4')), None);
    }

    #[test]
    fn digits_answer_questions() {
        assert_eq!(msg_for_key(Screen::Question, Key::Char('3')), Some(Msg::Choose(2)));
        assert_eq!(msg_for_key(Screen::Question, Key::Char('0')), None);
    }

    #[test]
    fn ctrl_c_interrupts_and_other_ctrl_keys_do_nothing() {
        let ctrl = Key::Ctrl;
        assert_eq!(msg_for_key(Screen::Judge, ctrl('c')), Some(Msg::Interrupt));
        assert_eq!(msg_for_key(Screen::Judge, ctrl('s')), None);
    }

    #[test]
    fn presenter_keys() {
        assert_eq!(msg_for_key(Screen::Present, Key::Char('t')), Some(Msg::StartTally));
        assert_eq!(msg_for_key(Screen::Tally, Key::Char('7')), Some(Msg::Digit(7)));
        assert_eq!(msg_for_key(Screen::Tally, Key::Backspace), Some(Msg::Backspace));
        assert_eq!(msg_for_key(Screen::Judge, Key::Backspace), None);
        assert_eq!(msg_for_key(Screen::Present, Key::Char('s')), None, "the presenter gives no verdict");
        assert_eq!(msg_for_key(Screen::Summary, Key::Char('e')), Some(Msg::Review));
    }
}
