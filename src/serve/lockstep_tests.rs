use super::*;
use crate::app::{Mode, Stage, update};
use crate::corpus::Corpus;
use crate::runtime::MemorySink;
use crate::scenario::Verdict;

fn session(messages: usize) -> Session {
    let pool: Vec<_> = Corpus::embedded().scenarios.into_iter().take(messages).collect();
    let stage = Stage::Messages { items: (0..messages).collect(), at_end: false, graded: false, time_limit: None };
    let mut app = App::with_stages(pool, Mode::Practice, vec![stage], 7, 20_000);
    app.session.spot_enabled = false;
    Session::new(app, Theme::choose(crate::ui::ThemeName::Mono, true))
}

/// Answers the message on screen fully (verdict, confidence, a question asked before).
fn answer(app: &mut App) {
    update(app, Msg::Verdict(Verdict::Scam));
    for _ in 0..4 {
        if app.screen == Screen::Reveal {
            break;
        }
        update(app, Msg::Choose(0));
    }
}

#[test]
fn learners_wait_in_the_lobby_and_cannot_answer_before_the_start() {
    let s = session(2);
    let step = Step::default();
    assert_eq!(held(&s.app, step), Some(Hold::Lobby));
    assert!(!allows(&s.app, step, Key::Char('s')), "no verdict before the instructor shows the message");
    assert!(!allows(&s.app, step, Key::Char('x')), "no hint for a key typed in the lobby");
    assert!(allows(&s.app, step, Key::Char('?')) && allows(&s.app, step, Key::Char('q')));
}

#[test]
fn the_reveal_waits_for_the_instructor_and_nobody_runs_ahead() {
    let mut s = session(2);
    let mut sink = MemorySink::default();
    let mut step = Step { started: true, ..Step::default() };
    sync(&mut s, step, &mut sink);
    assert_eq!(held(&s.app, step), None);
    answer(&mut s.app);
    assert_eq!(held(&s.app, step), Some(Hold::Waiting), "answered: the explanation is held back");
    assert!(!allows(&s.app, step, Key::Enter) && !allows(&s.app, step, Key::Char('n')));
    step.revealed = true;
    sync(&mut s, step, &mut sink);
    assert_eq!(held(&s.app, step), None, "revealed: the explanation shows");
    assert_eq!(s.app.screen, Screen::Reveal);
    assert!(!allows(&s.app, step, Key::Char('n')) || s.app.after_question, "moving on is the room's");
    step = Step { started: true, position: 1, revealed: false, ended: false };
    sync(&mut s, step, &mut sink);
    assert_eq!((s.app.position, s.app.screen), (1, Screen::Judge));
    step.ended = true;
    sync(&mut s, step, &mut sink);
    assert_eq!(s.app.screen, Screen::Summary);
    assert!(!allows(&s.app, step, Key::Char('r')), "a finished class is not replayed");
}

#[test]
fn a_message_not_answered_when_revealed_counts_as_not_answered() {
    let mut s = session(2);
    let mut sink = MemorySink::default();
    let step = Step { started: true, revealed: true, ..Step::default() };
    sync(&mut s, step, &mut sink);
    assert_eq!(s.app.screen, Screen::Reveal, "the learner sees the explanation with the room");
    assert_eq!(s.app.answers[0].verdict, None);
    assert!(sink.answers.is_empty(), "no record for a message not answered");
    assert_eq!(msg_for_key(s.app.screen, Key::Char('s')), None, "and cannot answer it now");
}

#[test]
fn moving_on_records_an_answer_given_and_skips_one_not_given() {
    let mut s = session(3);
    let mut sink = MemorySink::default();
    let step = Step { started: true, ..Step::default() };
    sync(&mut s, step, &mut sink);
    update(&mut s.app, Msg::Verdict(Verdict::Legit)); // a verdict, but not finished
    sync(&mut s, Step { started: true, position: 2, ..Step::default() }, &mut sink);
    assert_eq!(s.app.position, 2);
    assert_eq!(sink.answers.len(), 1, "the verdict given stands, once");
    assert_eq!(sink.answers[0].said, "legit");
    assert_eq!(s.app.answers.len(), 2, "the second message counts as not answered");
}

#[test]
fn the_held_screens_speak_the_class_language() {
    use crate::ui::locale_check::{english_words, pseudo, words};
    use ratatui::{Terminal, backend::TestBackend};
    let mut s = session(2);
    let english = english_words();
    for (locale, expect_english) in [(crate::i18n::Locale::english(), true), (pseudo(), false)] {
        s.app.locale = locale;
        for hold in [Hold::Lobby, Hold::Waiting] {
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            terminal.draw(|f| draw_hold(f, hold, &s.app, &s.theme, "ada")).unwrap();
            let shown: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
            let left: Vec<String> = words(&shown).filter(|w| english.contains(w) && w != "ada").collect();
            assert_eq!(left.is_empty(), !expect_english, "{hold:?}: {left:?}\n{shown}");
        }
    }
}
