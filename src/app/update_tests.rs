use super::*;
use crate::app::Msg;
use crate::fixtures;
use crate::learning::record::AnswerRecord;

fn send(app: &mut App, msgs: &[Msg]) -> Vec<Effect> {
    msgs.iter().flat_map(|m| update(app, m.clone())).collect()
}

/// The number on screen (less one) of the follow-up choice at `file_index` in the file.
fn shown(app: &App, file_index: usize) -> usize {
    app.choice_order().iter().position(|&i| i == file_index).expect("a choice of the question")
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
    let right = shown(&app, 1);
    let effects = send(&mut app, &[Msg::Choose(right)]);
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
    assert_eq!(r.choice, Some(2), "the choice is kept by its place in the file, 1-based");
    assert_eq!(app.score(), 1);
}

#[test]
fn no_spot_skips_straight_past_spotting() {
    let mut app = fixtures::app_in_order(&[1, 0, 2]);
    app.session.spot_enabled = false;
    let effects = send(&mut app, &[Msg::Verdict(Verdict::Legit), Msg::Choose(1)]);
    assert_eq!(app.screen, Screen::Reveal);
    assert_eq!(app.answers.len(), 1);
    assert_eq!(app.answers[0].confidence, Some(Confidence::FairlySure));
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
    assert_eq!(app.piece_cursor(), 0);
    for _ in 0..100 {
        send(&mut app, &[Msg::MoveCursor(1)]);
    }
    let pieces = crate::learning::spot::pieces(app.current().unwrap()).len();
    assert_eq!(app.piece_cursor(), pieces - 1);
}

#[test]
fn arrows_highlight_and_enter_confirms_the_highlight() {
    let mut app = fixtures::app_in_order(&[1, 0, 2]);
    send(&mut app, &[Msg::MoveCursor(1)]);
    assert_eq!(app.verdict_cursor(), Some(Verdict::Legit));
    send(&mut app, &[Msg::MoveCursor(1), Msg::MoveCursor(1), Msg::Confirm]);
    assert_eq!(app.answers[0].verdict, Some(Verdict::Legit));
    assert_eq!(app.confidence_cursor(), None, "nothing is highlighted on the next step");
    send(&mut app, &[Msg::MoveCursor(1), Msg::MoveCursor(1), Msg::Confirm]);
    assert_eq!(app.answers[0].confidence, Some(Confidence::FairlySure));
    let mut app = fixtures::app_in_order(&[1, 0, 2]);
    send(&mut app, &[Msg::MoveCursor(-1), Msg::Confirm]);
    assert_eq!(app.answers[0].verdict, Some(Verdict::Scam), "left from nothing highlights the left button");
}

#[test]
fn enter_alone_answers_nothing_and_says_which_keys_answer() {
    let mut app = fixtures::app();
    for _ in 0..5 {
        assert!(send(&mut app, &[Msg::Confirm]).is_empty());
    }
    assert_eq!((app.screen, app.answers.len()), (Screen::Judge, 0));
    assert!(
        app.hint.map(|h| app.locale.text(h).into_owned()).is_some_and(|h| h.contains("press s") && h.contains("g")),
        "{:?}",
        app.hint
    );
    send(&mut app, &[Msg::ScrollBy(1)]);
    assert_eq!(app.hint, None, "the hint goes with the next key");
    send(&mut app, &[Msg::Verdict(Verdict::Scam)]);
    for _ in 0..5 {
        assert!(send(&mut app, &[Msg::Confirm]).is_empty());
    }
    assert_eq!((app.screen, app.answers[0].confidence), (Screen::Confidence, None));
    assert!(app.hint.map(|h| app.locale.text(h).into_owned()).is_some_and(|h| h.contains("press 1")), "{:?}", app.hint);
    send(&mut app, &[Msg::Choose(0), Msg::Confirm]);
    assert_eq!(app.screen, Screen::Question, "Enter on the spot screen means: no more marks");
    for _ in 0..5 {
        assert!(send(&mut app, &[Msg::Confirm]).is_empty(), "nothing is recorded");
    }
    assert_eq!((app.screen, app.answers[0].choice), (Screen::Question, None));
    assert!(
        app.hint.map(|h| app.locale.text(h).into_owned()).is_some_and(|h| h.contains("number of your answer")),
        "{:?}",
        app.hint
    );
}

#[test]
fn choices_are_shuffled_by_seed_and_scenario_and_the_same_seed_replays_the_order() {
    let mut orders = std::collections::HashSet::new();
    for seed in 0..40 {
        let mut app = fixtures::app();
        app.spec.seed = seed;
        let order = app.choice_order();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2], "every choice shown once");
        app.spec.seed = seed;
        assert_eq!(app.choice_order(), order, "the same seed gives the same order");
        orders.insert(order);
    }
    assert_eq!(orders.len(), 6, "every order of three choices turns up: {orders:?}");
}

#[test]
fn a_shuffled_choice_is_recorded_by_its_place_in_the_file() {
    for seed in 0..12 {
        let mut app = fixtures::app();
        app.spec.seed = seed;
        app.session.spot_enabled = false;
        send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Choose(0)]);
        // The first choice on screen, whichever it is in the file.
        let first = app.choice_order()[0];
        let effects = send(&mut app, &[Msg::Choose(0)]);
        let r = recorded(&effects)[0];
        assert_eq!(r.choice, Some(first as u32 + 1));
        assert_eq!(r.question, Some(first == 1), "the right answer is the file's second choice");
    }
}

/// The toll fixture with its question asked after the reveal.
fn asked_after_pool() -> Vec<crate::scenario::Scenario> {
    let text = fixtures::TOLL_SCAM.replace("[[question]]\n", "[[question]]\nasked = \"after\"\n");
    let mut pool = fixtures::pool();
    pool[0] = crate::scenario::parse_scenario("after.toml", &text).expect("valid").scenario;
    assert_eq!(pool[0].question.as_ref().unwrap().asked, crate::scenario::Asked::After);
    pool
}

#[test]
fn in_practice_a_question_asked_after_comes_after_the_explanation() {
    let mut app = App::on_day(asked_after_pool(), crate::round::RoundSpec { count: 0, categories: vec![], seed: 3 }, 0);
    app.round = vec![0, 1];
    app.shown = app.round.iter().map(|&i| app.pool[i].clone()).collect();
    app.session.spot_enabled = false;
    let effects = send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Choose(0)]);
    assert_eq!(app.screen, Screen::Reveal, "the explanation first");
    assert!(app.after_question);
    assert!(recorded(&effects).is_empty(), "saved once the question is answered");
    send(&mut app, &[Msg::Confirm]);
    assert_eq!(app.screen, Screen::Question, "then the question");
    app.session.time_limit = Some(1);
    assert!(send(&mut app, &[Msg::Tick, Msg::Tick]).is_empty(), "untimed: the message's time ended at the reveal");
    assert_eq!(app.screen, Screen::Question);
    let right = shown(&app, 1);
    let effects = send(&mut app, &[Msg::Choose(right)]);
    assert_eq!(app.screen, Screen::Reveal, "then its answer");
    assert!(!app.after_question);
    let r = recorded(&effects)[0];
    assert_eq!((r.question, r.choice), (Some(true), Some(2)));
    send(&mut app, &[Msg::Confirm]);
    assert_eq!((app.screen, app.position), (Screen::Judge, 1), "and on to the next message");
}

#[test]
fn an_exam_never_asks_a_question_meant_for_after_the_reveal() {
    use crate::app::{Mode, Stage};
    let stage = Stage::Messages { items: vec![0, 1], at_end: true, graded: true, time_limit: None };
    let mut app = App::with_stages(asked_after_pool(), Mode::Exam, vec![stage], 1, 0);
    app.session.spot_enabled = false;
    let effects = send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Choose(0)]);
    assert_eq!((app.screen, app.position), (Screen::Judge, 1), "straight to the next message");
    let r = recorded(&effects)[0];
    assert_eq!((r.question, r.choice), (None, None), "not asked, so not scored");
    assert_eq!(app.question_score(), (0, 0));
}

#[test]
fn in_an_exam_a_key_typed_before_a_new_message_appeared_is_not_its_answer() {
    let mut app = fixtures::exam_app();
    send(&mut app, &[Msg::Clock(0)]);
    send(&mut app, &[Msg::Clock(READ_GUARD_MS - 1), Msg::Verdict(Verdict::Scam)]);
    assert!(app.answers.is_empty(), "the first message, too soon after it appeared");
    assert!(
        app.hint.map(|h| app.locale.text(h).into_owned()).is_some_and(|h| h.contains("before this message appeared")),
        "{:?}",
        app.hint
    );
    send(&mut app, &[Msg::Clock(5_000), Msg::Verdict(Verdict::Scam), Msg::Clock(5_100), Msg::Choose(0)]);
    if app.screen == Screen::Question {
        send(&mut app, &[Msg::Clock(5_200), Msg::Choose(0)]);
    }
    assert_eq!((app.screen, app.position), (Screen::Judge, 1));
    let shown_at = app.shown_at_ms;
    // Typed ahead: the keys after the last answer arrive within moments.
    send(
        &mut app,
        &[Msg::Clock(shown_at + 20), Msg::Verdict(Verdict::Legit), Msg::Clock(shown_at + 30), Msg::Choose(0)],
    );
    assert_eq!(app.answers.len(), 1, "nothing was answered for the new message");
    send(&mut app, &[Msg::Clock(shown_at + READ_GUARD_MS), Msg::Verdict(Verdict::Legit)]);
    assert_eq!(app.answers.len(), 2, "once it could be read, the key counts");
}

#[test]
fn practice_does_not_guard_against_fast_keys() {
    let mut app = fixtures::app();
    send(&mut app, &[Msg::Clock(0), Msg::Clock(1), Msg::Verdict(Verdict::Scam)]);
    assert_eq!(app.answers.len(), 1, "in practice the reveal follows at once, so nothing is lost");
}

#[test]
fn a_digit_beyond_the_choices_is_ignored() {
    let mut app = fixtures::app();
    app.session.spot_enabled = false;
    send(&mut app, &[Msg::Verdict(Verdict::Legit), Msg::Choose(1), Msg::Choose(5)]);
    assert_eq!(app.screen, Screen::Question);
    send(&mut app, &[Msg::MoveCursor(-1), Msg::Confirm]);
    let last = *app.choice_order().last().unwrap();
    assert_eq!(app.answers[0].choice, Some(last), "up from no highlight is the last choice shown");
}

#[test]
fn verdict_keys_do_nothing_after_answering() {
    let mut app = fixtures::app();
    app.session.spot_enabled = false;
    send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Choose(0), Msg::Choose(0), Msg::Verdict(Verdict::Legit)]);
    assert_eq!(app.answers.len(), 1);
    assert_eq!(app.answers[0].verdict, Some(Verdict::Scam));
}

#[test]
fn the_last_reveal_leads_to_the_summary_and_play_again_starts_over() {
    let mut app = fixtures::app();
    app.session.spot_enabled = false;
    let all = [
        Msg::Verdict(Verdict::Scam),
        Msg::Choose(1),
        Msg::Choose(1),
        Msg::Next,
        Msg::Verdict(Verdict::Legit),
        Msg::Choose(1),
        Msg::Confirm,
        Msg::Verdict(Verdict::Legit),
        Msg::Choose(1),
        Msg::Next,
    ];
    send(&mut app, &all);
    assert_eq!(app.screen, Screen::Summary);
    assert_eq!(app.score(), 2);
    let seed = app.spec.seed;
    send(&mut app, &[Msg::Confirm, Msg::Confirm]);
    assert_eq!(app.screen, Screen::Summary, "Enter on the summary never starts a new round");
    assert!(app.hint.map(|h| app.locale.text(h).into_owned()).is_some_and(|h| h.contains("press r")), "{:?}", app.hint);
    assert_eq!(app.rounds_played, 1);
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
    assert_eq!(app.view.scroll, 5);
    send(&mut app, &[Msg::ScrollBy(-100)]);
    assert_eq!(app.view.scroll, 0);
    send(&mut app, &[Msg::ScrollToEnd, viewport(2, 10, None)]);
    assert_eq!(app.view.scroll, 2);
}

#[test]
fn the_focus_line_is_kept_in_view() {
    let mut app = fixtures::app();
    send(&mut app, &[viewport(30, 10, Some(25))]);
    assert_eq!(app.view.scroll, 16);
    send(&mut app, &[viewport(30, 10, Some(3))]);
    assert_eq!(app.view.scroll, 3);
}

#[test]
fn an_empty_round_has_nothing_to_answer() {
    let mut app = App::new(Vec::new(), crate::round::RoundSpec { count: 10, categories: vec![], seed: 0 });
    assert!(app.current().is_none());
    send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Confirm]);
    assert!(app.answers.is_empty());
}

#[test]
fn a_key_that_means_nothing_says_which_keys_choose_where_a_choice_is_waited_for() {
    let mut app = fixtures::app();
    let hint = |app: &App| app.hint.map(|h| app.locale.text(h).into_owned()).unwrap_or_default();
    assert!(send(&mut app, &[Msg::Unbound]).is_empty());
    assert!(hint(&app).contains("press s"), "{}", hint(&app));
    send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Unbound]);
    assert!(hint(&app).contains("press 1"), "{}", hint(&app));
    send(&mut app, &[Msg::Choose(0), Msg::Confirm, Msg::Unbound]);
    assert_eq!(app.screen, Screen::Question);
    assert!(hint(&app).contains("number of your answer"), "{}", hint(&app));
    assert_eq!(app.answers[0].choice, None, "nothing is chosen for the learner");
    let right = shown(&app, 1);
    send(&mut app, &[Msg::Choose(right), Msg::Unbound]);
    assert_eq!((app.screen, app.hint), (Screen::Reveal, None), "the explanation waits for nothing");
}
