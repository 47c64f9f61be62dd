use super::*;
use crate::app::Msg;
use crate::fixtures;

fn send(app: &mut App, msgs: &[Msg]) -> Vec<Effect> {
    msgs.iter().flat_map(|&m| update(app, m)).collect()
}

#[test]
fn a_verdict_leads_to_the_question_then_the_reveal() {
    let mut app = fixtures::app();
    send(&mut app, &[Msg::Verdict(Verdict::Scam)]);
    assert_eq!(app.screen, Screen::Question);
    send(&mut app, &[Msg::Choose(1)]);
    assert_eq!(app.screen, Screen::Reveal);
    assert_eq!(
        app.answers[0],
        Answer {
            verdict: Verdict::Scam,
            choice: Some(1)
        }
    );
    assert_eq!(app.score(), 1);
    assert_eq!(app.question_score(), (1, 1));
}

#[test]
fn without_a_question_the_reveal_comes_at_once() {
    let mut app = fixtures::app();
    send(
        &mut app,
        &[Msg::Verdict(Verdict::Scam), Msg::Choose(0), Msg::Next],
    );
    assert_eq!(app.position, 1);
    send(&mut app, &[Msg::Verdict(Verdict::Scam)]);
    assert_eq!(app.screen, Screen::Reveal);
    assert_eq!(app.score(), 1, "calling a genuine message a scam is wrong");
}

#[test]
fn arrows_and_enter_give_the_other_verdict() {
    let mut app = fixtures::app();
    app.position = 1;
    send(&mut app, &[Msg::MoveCursor(1), Msg::Confirm]);
    assert_eq!(app.answers[0].verdict, Verdict::Legit);
}

#[test]
fn a_digit_beyond_the_choices_is_ignored() {
    let mut app = fixtures::app();
    send(&mut app, &[Msg::Verdict(Verdict::Legit), Msg::Choose(5)]);
    assert_eq!(app.screen, Screen::Question);
    send(&mut app, &[Msg::MoveCursor(-1), Msg::Confirm]);
    assert_eq!(
        app.answers[0].choice,
        Some(2),
        "moving up from the first choice wraps to the last"
    );
}

#[test]
fn verdict_keys_do_nothing_after_answering() {
    let mut app = fixtures::app();
    send(
        &mut app,
        &[
            Msg::Verdict(Verdict::Scam),
            Msg::Choose(0),
            Msg::Verdict(Verdict::Legit),
        ],
    );
    assert_eq!(app.answers.len(), 1);
    assert_eq!(app.answers[0].verdict, Verdict::Scam);
}

#[test]
fn the_last_reveal_leads_to_the_summary_and_play_again_starts_over() {
    let mut app = fixtures::app();
    let all = [
        Msg::Verdict(Verdict::Scam),
        Msg::Choose(1),
        Msg::Next,
        Msg::Verdict(Verdict::Legit),
        Msg::Confirm,
        Msg::Verdict(Verdict::Legit),
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
    assert_eq!(
        update(&mut app, Msg::Interrupt),
        vec![Effect::Quit(EXIT_INTERRUPTED)]
    );
}

#[test]
fn help_swallows_other_keys_until_closed() {
    let mut app = fixtures::app();
    send(&mut app, &[Msg::ToggleHelp, Msg::Verdict(Verdict::Scam)]);
    assert!(app.answers.is_empty());
    send(&mut app, &[Msg::CloseHelp, Msg::Verdict(Verdict::Scam)]);
    assert_eq!(app.answers.len(), 1);
}

#[test]
fn scrolling_stays_within_what_the_view_reported() {
    let mut app = fixtures::app();
    send(
        &mut app,
        &[
            Msg::Viewport { max_scroll: 5 },
            Msg::ScrollBy(3),
            Msg::ScrollBy(10),
        ],
    );
    assert_eq!(app.scroll, 5);
    send(&mut app, &[Msg::ScrollBy(-100)]);
    assert_eq!(app.scroll, 0);
    send(
        &mut app,
        &[Msg::ScrollToEnd, Msg::Viewport { max_scroll: 2 }],
    );
    assert_eq!(app.scroll, 2);
}

#[test]
fn an_empty_round_has_nothing_to_answer() {
    let mut app = App::new(
        Vec::new(),
        crate::round::RoundSpec {
            count: 10,
            categories: vec![],
            seed: 0,
        },
    );
    assert!(app.current().is_none());
    send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Confirm]);
    assert!(app.answers.is_empty());
}
