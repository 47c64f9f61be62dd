//! Whole sessions driven in process: scripted keys into a `TestBackend`, results into a
//! `MemorySink`. The same loop as the local terminal and the SSH server.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::app::Screen;
use crate::ui::Theme;

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let width = buffer.area.width as usize;
    let symbols: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
    symbols.chunks(width).map(|row| row.concat().trim_end().to_string()).collect::<Vec<_>>().join("\n")
}

#[test]
fn sessions_can_move_between_threads() {
    fn send<T: Send>() {}
    send::<Session>();
    send::<FileSink>();
    send::<Shared<FileSink>>();
}

#[test]
fn a_scripted_round_is_answered_recorded_and_drawn() {
    let app = crate::fixtures::app();
    let count = app.round.len();
    let mut session = Session::new(app, Theme::mono());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut sink = MemorySink::default();
    // Scam, sure, no marks, first follow-up choice, next — for every message, then quit.
    let mut script = String::new();
    for _ in 0..count {
        script.push_str("s1<Enter>1<Enter>");
    }
    script.push('q');
    let code = run(&mut terminal, &mut session, &mut Script::keys(&script), &mut sink).unwrap();
    assert_eq!(code, 0);
    assert_eq!(sink.answers.len(), count, "every answer recorded once");
    assert!(sink.answers.iter().all(|r| r.time > 0), "stamped with the time");
    assert_eq!(session.app.screen, Screen::Summary, "{}", screen_text(&terminal));
    assert!(screen_text(&terminal).contains("right"), "{}", screen_text(&terminal));
}

#[test]
fn an_idle_session_does_not_draw_again() {
    let mut session = Session::new(crate::fixtures::app(), Theme::mono());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut sink = NullSink;
    assert!(session.draw(&mut terminal, &mut sink).unwrap(), "the first frame is drawn");
    assert!(!session.draw(&mut terminal, &mut sink).unwrap(), "nothing changed: nothing drawn");
    session.input(crate::app::Input::Resize { cols: 100, rows: 30 }, &mut sink);
    assert!(session.draw(&mut terminal, &mut sink).unwrap(), "a resize redraws");
}

#[test]
fn a_session_cut_off_mid_exam_is_recorded_as_incomplete() {
    let app = crate::fixtures::exam_app();
    let mut session = Session::new(app, Theme::mono());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut sink = MemorySink::default();
    // One answer, then the input ends (a dropped connection).
    let code = run(&mut terminal, &mut session, &mut Script::keys("s1<Enter>1<Enter>"), &mut sink).unwrap();
    assert_eq!(code, 0);
    assert_eq!(sink.completions.len(), 1, "recorded once: {:?}", sink.completions);
    assert_eq!(sink.completions[0].status.name(), "incomplete");
}

#[test]
fn saving_errors_are_kept_for_the_host_to_show() {
    let mut session = Session::new(crate::fixtures::app(), Theme::mono());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut sink = MemorySink { fail: Some("disk full".into()), ..MemorySink::default() };
    run(&mut terminal, &mut session, &mut Script::keys("s1<Enter>1<Enter>s1<Enter>1<Enter>"), &mut sink).unwrap();
    assert_eq!(session.errors, ["disk full", "disk full"], "every failure kept for later");
}

#[test]
fn a_key_that_means_nothing_is_answered_with_the_keys_that_do() {
    let mut session = Session::new(crate::fixtures::app(), Theme::mono());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut sink = NullSink;
    session.draw(&mut terminal, &mut sink).unwrap();
    assert!(!screen_text(&terminal).contains("Nothing chosen yet"));
    session.input(crate::app::Input::Key(crate::app::Key::Char('x')), &mut sink);
    session.draw(&mut terminal, &mut sink).unwrap();
    let text = screen_text(&terminal);
    assert!(text.contains("Nothing chosen yet: press s (scam) or g (genuine)"), "{text}");
    assert_eq!((session.app.screen, session.app.answers.len()), (Screen::Judge, 0), "and nothing is answered");
    // A key that is not a character (an arrow on a screen without a list) stays silent.
    session.input(crate::app::Input::Key(crate::app::Key::Home), &mut sink);
    assert_eq!(session.app.hint, None);
}
