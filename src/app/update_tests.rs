use super::*;
use crate::app::Msg;
use crate::fixtures;

fn send(app: &mut App, msgs: &[Msg]) -> Vec<Effect> {
    msgs.iter().flat_map(|&m| update(app, m)).collect()
}

fn recorded(effects: &[Effect]) -> Vec<&AnswerRecord> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Record(r) => Some(r.as_ref()),
            _ => None,
        })
        .collect()
}

#[test]
fn verdict_then_confidence_then_spot_then_question_then_reveal() {
    let mut app = fixtures::app();
    send(&mut app, &[Msg::Verdict(Verdict::Scam)]);
    assert_eq!(app.screen, Screen::Confidence);
    send(&mut app, &[Msg::Choose(0)]);
    assert_eq!(app.screen, Screen::Spot);
    send(&mut app, &[Msg::ToggleMark, Msg::MoveCursor(1), Msg::ToggleMark, Msg::ToggleMark, Msg::Confirm]);
    assert_eq!(app.screen, Screen::Question);
    let effects = send(&mut app, &[Msg::Choose(1)]);
    assert_eq!(app.screen, Screen::Reveal);
    let a = &app.answers[0];
    assert_eq!(a.verdict, Some(Verdict::Scam));
    assert_eq!(a.confidence, Some(Confidence::Sure));
    assert_eq!(a.marks, Some(vec![0]), "marking twice unmarks");
    assert_eq!(a.choice, Some(1));
    let records = recorded(&effects);
    assert_eq!(records.len(), 1, "one record per answer, when it is complete");
    let r = records[0];
    assert_eq!((r.scenario.as_str(), r.truth.as_str(), r.said.as_str()), ("toll-fixture", "scam", "scam"));
    assert_eq!(r.confidence.as_deref(), Some("sure"));
    assert_eq!(r.flags_found, ["sender"]);
    assert_eq!(r.flags_missed, ["lookalike-link", "small-amount"]);
    assert_eq!(r.question, Some(true));
    assert_eq!(app.score(), 1);
}

#[test]
fn no_spot_skips_straight_past_spotting() {
    let mut app = fixtures::app_in_order(&[1, 0, 2]);
    app.spot_enabled = false;
    let effects = send(&mut app, &[Msg::Verdict(Verdict::Legit), Msg::Confirm]);
    assert_eq!(app.screen, Screen::Reveal);
    assert_eq!(app.answers.len(), 1);
    assert_eq!(app.answers[0].confidence, Some(Confidence::FairlySure), "Enter takes the middle answer");
    let r = recorded(&effects)[0];
    assert!(!r.spotted);
    assert_eq!(r.false_marks, 0);
}

#[test]
fn marks_on_a_genuine_message_are_false_alarms() {
    let mut app = fixtures::app_in_order(&[1, 0, 2]);
    let effects = send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Choose(2), Msg::ToggleMark, Msg::Confirm]);
    let r = recorded(&effects)[0];
    assert_eq!(r.false_marks, 1);
    assert!(!r.correct());
}

#[test]
fn the_spot_cursor_stays_on_the_pieces() {
    let mut app = fixtures::app();
    send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Choose(0), Msg::MoveCursor(-1)]);
    assert_eq!(app.piece_cursor, 0);
    for _ in 0..100 {
        send(&mut app, &[Msg::MoveCursor(1)]);
    }
    let pieces = crate::learning::spot::pieces(app.current().unwrap()).len();
    assert_eq!(app.piece_cursor, pieces - 1);
}

#[test]
fn arrows_and_enter_give_the_other_verdict() {
    let mut app = fixtures::app_in_order(&[1, 0, 2]);
    send(&mut app, &[Msg::MoveCursor(1), Msg::Confirm]);
    assert_eq!(app.answers[0].verdict, Some(Verdict::Legit));
}

#[test]
fn a_digit_beyond_the_choices_is_ignored() {
    let mut app = fixtures::app();
    app.spot_enabled = false;
    send(&mut app, &[Msg::Verdict(Verdict::Legit), Msg::Choose(1), Msg::Choose(5)]);
    assert_eq!(app.screen, Screen::Question);
    send(&mut app, &[Msg::MoveCursor(-1), Msg::Confirm]);
    assert_eq!(app.answers[0].choice, Some(2), "moving up from the first choice wraps to the last");
}

#[test]
fn verdict_keys_do_nothing_after_answering() {
    let mut app = fixtures::app();
    app.spot_enabled = false;
    send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Choose(0), Msg::Choose(0), Msg::Verdict(Verdict::Legit)]);
    assert_eq!(app.answers.len(), 1);
    assert_eq!(app.answers[0].verdict, Some(Verdict::Scam));
}

#[test]
fn the_last_reveal_leads_to_the_summary_and_play_again_starts_over() {
    let mut app = fixtures::app();
    app.spot_enabled = false;
    let all = [
        Msg::Verdict(Verdict::Scam),
        Msg::Confirm,
        Msg::Choose(1),
        Msg::Next,
        Msg::Verdict(Verdict::Legit),
        Msg::Confirm,
        Msg::Confirm,
        Msg::Verdict(Verdict::Legit),
        Msg::Confirm,
        Msg::Next,
    ];
    send(&mut app, &all);
    assert_eq!(app.screen, Screen::Summary);
    assert_eq!(app.score(), 2);
    let seed = app.spec.seed;
    send(&mut app, &[Msg::PlayAgain]);
    assert_eq!(app.screen, Screen::Judge);
    assert_eq!(app.spec.seed, seed + 1);
    assert!(app.answers.is_empty());
    assert_eq!(app.rounds_played, 2);
}

#[test]
fn quit_and_interrupt_ask_the_loop_to_exit() {
    let mut app = fixtures::app();
    assert_eq!(update(&mut app, Msg::Quit), vec![Effect::Quit(0)]);
    assert_eq!(update(&mut app, Msg::Interrupt), vec![Effect::Quit(EXIT_INTERRUPTED)]);
}

#[test]
fn help_swallows_other_keys_until_closed() {
    let mut app = fixtures::app();
    send(&mut app, &[Msg::ToggleHelp, Msg::Verdict(Verdict::Scam)]);
    assert!(app.answers.is_empty());
    send(&mut app, &[Msg::CloseHelp, Msg::Verdict(Verdict::Scam)]);
    assert_eq!(app.answers.len(), 1);
}

fn viewport(max_scroll: u16, body_height: u16, focus: Option<u16>) -> Msg {
    Msg::Viewport { max_scroll, body_height, focus }
}

#[test]
fn scrolling_stays_within_what_the_view_reported() {
    let mut app = fixtures::app();
    send(&mut app, &[viewport(5, 10, None), Msg::ScrollBy(3), Msg::ScrollBy(10)]);
    assert_eq!(app.scroll, 5);
    send(&mut app, &[Msg::ScrollBy(-100)]);
    assert_eq!(app.scroll, 0);
    send(&mut app, &[Msg::ScrollToEnd, viewport(2, 10, None)]);
    assert_eq!(app.scroll, 2);
}

#[test]
fn the_focus_line_is_kept_in_view() {
    let mut app = fixtures::app();
    send(&mut app, &[viewport(30, 10, Some(25))]);
    assert_eq!(app.scroll, 16);
    send(&mut app, &[viewport(30, 10, Some(3))]);
    assert_eq!(app.scroll, 3);
}

#[test]
fn an_empty_round_has_nothing_to_answer() {
    let mut app = App::new(Vec::new(), crate::round::RoundSpec { count: 10, categories: vec![], seed: 0 });
    assert!(app.current().is_none());
    send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Confirm]);
    assert!(app.answers.is_empty());
}
