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
    assert_eq!(msg_for_key(Screen::Reveal, Key::Down), Some(Msg::ScrollBy(1)));
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
    assert_eq!(msg_for_key(Screen::Judge, Key::Ctrl('c')), Some(Msg::Interrupt));
    assert_eq!(msg_for_key(Screen::Judge, Key::Ctrl('s')), None);
    assert_eq!(msg_for_key(Screen::Judge, Key::Ctrl('z')), None, "the host suspends");
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

/// Every key that does something on some screen is on the overlay's line for what it does,
/// and every overlay line names keys that work: both come from `ROWS`, this checks the
/// generated text against the handler over every key and screen.
#[test]
fn the_overlay_lists_every_working_key() {
    const SCREENS: [Screen; 11] = [
        Screen::Judge,
        Screen::Confidence,
        Screen::Spot,
        Screen::Question,
        Screen::Reveal,
        Screen::Summary,
        Screen::Stats,
        Screen::Lesson,
        Screen::Present,
        Screen::Tally,
        Screen::Vote,
    ];
    let mut keys: Vec<Key> = "abcdefghijklmnopqrstuvwxyz0123456789 ?".chars().map(Key::Char).collect();
    keys.extend("abcdefghijklmnopqrstuvwxyz".chars().map(Key::Ctrl));
    keys.extend([Enter, Esc, Tab, BackTab, Backspace, Up, Down, Left, Right, Home, End, PageUp, PageDown, F(1)]);
    let overlay: String = ROWS.iter().map(row_keys).collect::<Vec<_>>().join(" ");
    for key in keys {
        let works = SCREENS.iter().any(|&s| msg_for_key(s, key).is_some());
        let listed = overlay.split(' ').any(|k| k == key_name(key))
            || matches!(key, Char(c) if c.is_ascii_digit() && overlay.contains("0 … 9"));
        assert_eq!(works || key == Ctrl('z'), listed, "{}: works {works}, listed {listed}", key_name(key));
    }
    assert!(overlay.contains("Ctrl-Z"), "the host's key is listed too");
}

#[test]
fn plain_words_are_the_tables_words_and_letters() {
    assert_eq!(msgs_for_word(Screen::Judge, "Scam\n", 0), [Msg::Verdict(Verdict::Scam)]);
    assert_eq!(msgs_for_word(Screen::Judge, "g", 0), [Msg::Verdict(Verdict::Legit)]);
    assert_eq!(msgs_for_word(Screen::Confidence, "fairly sure", 0), [Msg::Choose(1)]);
    assert_eq!(msgs_for_word(Screen::Question, "4", 0), [Msg::Choose(3)]);
    assert!(msgs_for_word(Screen::Confidence, "4", 0).is_empty(), "out of range: not understood");
    assert!(msgs_for_word(Screen::Judge, "j", 0).is_empty(), "scrolling keys mean nothing in plain mode");
    assert!(msgs_for_word(Screen::Judge, "", 0).is_empty(), "Enter alone answers nothing");
    assert_eq!(msgs_for_word(Screen::Reveal, "", 0), [Msg::Next]);
}

#[test]
fn plain_lines_carry_intent_not_keystrokes() {
    assert_eq!(msgs_for_word(Screen::Spot, "3 1 99 3", 5), [Msg::SetMarks(vec![0, 2]), Msg::Confirm]);
    assert_eq!(msgs_for_word(Screen::Spot, "", 5), [Msg::SetMarks(vec![]), Msg::Confirm]);
    assert_eq!(msgs_for_word(Screen::Tally, "12 8", 0), [Msg::SetTally(RoomTally { scam: 12, legit: 8 })]);
    assert!(msgs_for_word(Screen::Tally, "12", 0).is_empty());
    assert!(msgs_for_word(Screen::Tally, "12345 1", 0).is_empty());
}

#[test]
fn a_locale_binds_its_own_verdict_letters() {
    let source = "[keys]\nscam = \"x\"\ngenuine = \"v\"\n[help]\nscam = \"Estafa\"\n";
    let locale = Locale::from_catalogue(crate::i18n::Catalogue::parse("es", "es.toml", source).unwrap());
    assert_eq!(msg_for_key_in(&locale, Screen::Judge, Key::Char('x')), Some(Msg::Verdict(Verdict::Scam)));
    assert_eq!(msg_for_key_in(&locale, Screen::Judge, Key::Char('V')), Some(Msg::Verdict(Verdict::Legit)));
    assert_eq!(msg_for_key_in(&locale, Screen::Judge, Key::Char('s')), None, "the English letter is not bound there");
    assert_eq!(msgs_for_word_in(&locale, Screen::Judge, "x", 0), [Msg::Verdict(Verdict::Scam)]);
    assert_eq!(help_rows(&locale)[0], ("x".to_string(), "Estafa".to_string()));
    assert_eq!(msg_for_key(Screen::Judge, Key::Char('s')), Some(Msg::Verdict(Verdict::Scam)), "English unchanged");
    // The buttons and plain mode's prompt name the locale's letters, not the English ones.
    assert_eq!((first_key_in(&locale, "scam"), first_key_in(&locale, "genuine")), ("x".into(), "v".into()));
    let mut app = crate::fixtures::app();
    app.locale = locale;
    let panel: String = crate::ui::panel_text(&app, 78).join("\n");
    assert!(panel.contains("[ x ") && panel.contains("[ v ") && !panel.contains("[ s "), "{panel}");
    let source = format!("{source}[plain]\njudge = \"{{scam}} estafa o {{genuine}} verdadero\"\n");
    app.locale = Locale::from_catalogue(crate::i18n::Catalogue::parse("es", "es.toml", &source).unwrap());
    assert_eq!(crate::ui::prompt::prompt(&app), "x estafa o v verdadero: ");
}
