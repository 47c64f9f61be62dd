//! Exam, presenter and course flows through the pure `update`.

use super::*;
use crate::app::RoomTally;
use crate::fixtures;
use crate::learning::completion::Status;
use crate::scenario::Verdict;

fn send(app: &mut App, msgs: &[Msg]) -> Vec<Effect> {
    msgs.iter().flat_map(|m| update(app, m.clone())).collect()
}

/// Scam verdict, "sure", and the follow-up question's first choice if one is asked.
fn answer(app: &mut App, verdict: Verdict) -> Vec<Effect> {
    let mut effects = send(app, &[Msg::Verdict(verdict), Msg::Choose(0)]);
    if app.screen == Screen::Question {
        effects.extend(send(app, &[Msg::Choose(0)]));
    }
    effects
}

fn finishes(effects: &[Effect]) -> Vec<bool> {
    effects.iter().filter_map(|e| if let Effect::Finish { complete } = e { Some(*complete) } else { None }).collect()
}

#[test]
fn exam_gives_no_feedback_until_the_end() {
    let mut app = fixtures::exam_app();
    for verdict in [Verdict::Scam, Verdict::Scam] {
        answer(&mut app, verdict);
        assert_eq!(app.screen, Screen::Judge, "straight on to the next message, never the reveal");
    }
    let effects = answer(&mut app, Verdict::Scam);
    assert_eq!(app.screen, Screen::Summary);
    assert_eq!(finishes(&effects), [true], "the record is asked for once, complete");
    assert!(app.exam_recorded);
    // Then every explanation can be reviewed, in order, and back to the summary.
    send(&mut app, &[Msg::Confirm]);
    assert_eq!((app.screen, app.position, app.reviewing), (Screen::Reveal, 0, true));
    send(&mut app, &[Msg::Next, Msg::Next]);
    assert_eq!(app.position, 2);
    send(&mut app, &[Msg::Previous]);
    assert_eq!(app.position, 1);
    send(&mut app, &[Msg::Next, Msg::Next]);
    assert_eq!(app.screen, Screen::Summary);
    assert!(send(&mut app, &[Msg::Quit]).contains(&Effect::Quit(0)), "after the record, q leaves at once");
}

#[test]
fn exam_answers_cannot_be_changed() {
    let mut app = fixtures::exam_app();
    send(&mut app, &[Msg::Verdict(Verdict::Legit), Msg::Verdict(Verdict::Scam)]);
    assert_eq!(app.answers.len(), 1);
    assert_eq!(app.answers[0].verdict, Some(Verdict::Legit));
}

#[test]
fn exam_record_scores_and_checks_out() {
    let mut app = fixtures::exam_app();
    for verdict in [Verdict::Scam, Verdict::Scam, Verdict::Scam] {
        answer(&mut app, verdict);
    }
    let record = app.completion(true, 1_300).expect("an exam has a record");
    assert_eq!((record.asked, record.answered, record.correct), (3, 3, 2));
    assert_eq!(record.status, Status::Passed, "2 of 3 passes a 50 % mark");
    assert_eq!(record.learner, "ada@example.com");
    assert_eq!(record.deck_checksum, "sha256:abc");
    assert_eq!(record.seconds, 300);
    assert_eq!(record.items[1].said.as_deref(), Some("scam"));
    assert!(!record.items[1].correct);
}

#[test]
fn quitting_an_exam_asks_once_then_records_an_incomplete_attempt() {
    let mut app = fixtures::exam_app();
    answer(&mut app, Verdict::Scam);
    assert!(send(&mut app, &[Msg::Quit]).is_empty(), "the first q only asks");
    assert!(app.notice.iter().any(|n| n.say(&app.locale).contains("Press q again")));
    send(&mut app, &[Msg::ScrollBy(1)]);
    assert!(!app.quit_armed, "any other key disarms");
    let effects = send(&mut app, &[Msg::Quit, Msg::Quit]);
    assert_eq!(effects, [Effect::Finish { complete: false }, Effect::Quit(0)]);
    let record = app.completion(false, 2_000).unwrap();
    assert_eq!(record.status, Status::Incomplete);
    assert_eq!((record.asked, record.answered), (3, 1));
}

#[test]
fn ctrl_c_during_an_exam_records_it_as_incomplete() {
    let mut app = fixtures::exam_app();
    let effects = send(&mut app, &[Msg::Interrupt]);
    assert_eq!(effects, [Effect::Finish { complete: false }, Effect::Quit(EXIT_INTERRUPTED)]);
}

#[test]
fn time_limit_ends_an_unanswered_message_as_wrong() {
    let mut app = fixtures::exam_app();
    for _ in 0..59 {
        send(&mut app, &[Msg::Tick]);
    }
    assert_eq!((app.screen, app.position), (Screen::Judge, 0));
    send(&mut app, &[Msg::Tick]);
    assert_eq!((app.screen, app.position), (Screen::Judge, 1), "the exam moves on");
    assert!(app.answers[0].timed_out);
    assert_eq!(app.answers[0].verdict, None);
    assert_eq!(app.item_seconds, 0, "the clock restarts for the next message");
    let said: Vec<String> = app.notice.iter().map(|n| n.say(&app.locale)).collect();
    assert_eq!(said, ["Time ran out on message 1: it counts as not answered."]);
    let record = app.completion(false, 1_100).unwrap();
    assert!(record.items[0].timed_out && !record.items[0].correct && record.items[0].said.is_none());
}

#[test]
fn time_spent_is_kept_per_answer() {
    let mut app = fixtures::exam_app();
    send(&mut app, &[Msg::Tick, Msg::Tick, Msg::Tick]);
    answer(&mut app, Verdict::Scam);
    assert_eq!(app.answers[0].seconds, 3);
    assert!(!app.answers[0].timed_out);
}

#[test]
fn presenter_reveals_nothing_until_asked_and_saves_nothing() {
    let mut app = fixtures::present_app();
    assert_eq!(app.screen, Screen::Present);
    // Verdict keys mean nothing to the presenter; ticks do not run a clock.
    let effects = send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Tick, Msg::Choose(0)]);
    assert!(effects.is_empty());
    assert_eq!(app.screen, Screen::Present);
    send(&mut app, &[Msg::StartTally, Msg::Digit(1), Msg::Digit(2), Msg::Confirm, Msg::Digit(8)]);
    assert_eq!(app.tally_input().0, [12, 8]);
    send(&mut app, &[Msg::Backspace, Msg::Digit(7)]);
    let effects = send(&mut app, &[Msg::Confirm]);
    assert!(effects.is_empty(), "no learner progress is written");
    assert_eq!(app.screen, Screen::Vote, "the room's vote comes before the answer");
    send(&mut app, &[Msg::CloseHelp]);
    assert_eq!(app.screen, Screen::Tally, "Esc goes back to correct the numbers");
    send(&mut app, &[Msg::Confirm, Msg::Confirm]);
    assert_eq!(app.screen, Screen::Reveal);
    assert_eq!(app.tallies[0], Some(RoomTally { scam: 12, legit: 7 }));
    send(&mut app, &[Msg::Next]);
    assert_eq!((app.screen, app.position), (Screen::Present, 1));
    let effects = send(&mut app, &[Msg::Confirm, Msg::Next, Msg::Confirm, Msg::Next]);
    assert!(effects.is_empty());
    assert_eq!(app.screen, Screen::Summary);
}

#[test]
fn presenter_tally_can_be_abandoned_and_is_capped() {
    let mut app = fixtures::present_app();
    send(&mut app, &[Msg::StartTally]);
    for _ in 0..8 {
        send(&mut app, &[Msg::Digit(9)]);
    }
    assert_eq!(app.tally_input().0[0], 9_999);
    send(&mut app, &[Msg::CloseHelp]);
    assert_eq!(app.screen, Screen::Present);
}

#[test]
fn course_goes_lesson_practice_lesson_exam_summary() {
    let mut app = fixtures::course_app();
    assert_eq!(app.screen, Screen::Lesson);
    assert!(send(&mut app, &[Msg::Verdict(Verdict::Scam)]).is_empty(), "no verdicts on a lesson");
    send(&mut app, &[Msg::Confirm]);
    assert_eq!(app.screen, Screen::Judge);
    let effects = answer(&mut app, Verdict::Scam);
    assert_eq!(app.screen, Screen::Reveal, "practice explains each message");
    assert!(matches!(effects.as_slice(), [Effect::Record(_)]));
    send(&mut app, &[Msg::Next]);
    assert_eq!(app.screen, Screen::Lesson);
    assert_eq!(app.lesson().map(|l| l.title.as_str()), Some("The exam"));
    send(&mut app, &[Msg::Confirm]);
    assert!(app.session.feedback_at_end);
    let mut effects = Vec::new();
    for verdict in [Verdict::Scam, Verdict::Legit, Verdict::Scam] {
        effects.extend(answer(&mut app, verdict));
    }
    assert_eq!(finishes(&effects), [true]);
    assert_eq!(app.screen, Screen::Summary);
    let record = app.completion(true, 5_000).unwrap();
    assert_eq!(record.mode, "course");
    assert_eq!((record.asked, record.correct), (3, 3), "practice answers are not part of the record");
}

#[test]
fn leaving_the_course_before_its_first_exam_message_records_nothing() {
    let mut app = fixtures::course_app();
    assert!(!app.exam_pending(), "a lesson is not an attempt");
    assert_eq!(send(&mut app, &[Msg::Quit]), [Effect::Quit(0)], "one q leaves: there is no attempt to lose");
    let mut app = fixtures::course_app();
    send(&mut app, &[Msg::Confirm]);
    answer(&mut app, Verdict::Scam);
    send(&mut app, &[Msg::Next]);
    assert_eq!(app.lesson().map(|l| l.title.as_str()), Some("The exam"));
    assert!(!app.exam_pending(), "nor is the page before the exam");
    assert_eq!(finishes(&send(&mut app, &[Msg::Interrupt])), Vec::<bool>::new());
}

#[test]
fn the_attempt_begins_and_is_timed_from_its_first_message() {
    let mut app = fixtures::course_app();
    app.session.started = 0;
    app.mark_shown(100);
    send(&mut app, &[Msg::Confirm]);
    app.mark_shown(200);
    answer(&mut app, Verdict::Scam);
    send(&mut app, &[Msg::Next]);
    app.mark_shown(300);
    assert_eq!(app.session.started, 0, "lessons and practice are not exam time");
    send(&mut app, &[Msg::Confirm]);
    assert!(app.exam_pending());
    app.mark_shown(400);
    app.mark_shown(450);
    assert_eq!(app.session.started, 400, "stamped once, when the first exam message is shown");
    let effects = send(&mut app, &[Msg::Quit, Msg::Quit]);
    assert_eq!(finishes(&effects), [false]);
    let record = app.completion(false, 460).unwrap();
    assert_eq!((record.asked, record.answered, record.seconds), (3, 0, 60));
}

#[test]
fn practice_without_an_exam_quits_at_once() {
    let mut app = fixtures::app();
    assert_eq!(send(&mut app, &[Msg::Quit]), [Effect::Quit(0)]);
    assert!(app.completion(true, 0).is_none());
}
