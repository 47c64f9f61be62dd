//! Exam, presenter and course screens at 80×24, as reviewed snapshots, plus the promises that
//! matter most: nothing revealed before the presenter's key, no score shown mid-exam.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::app::{Msg, Screen, update};
use crate::fixtures;
use crate::scenario::Verdict;

/// The app drawn at 80×24 (the same drawing as the en-XA tests').
fn screen(app: &mut App) -> String {
    super::locale_check::draw(app)
}

fn send(app: &mut App, msgs: &[Msg]) {
    for m in msgs.iter().cloned() {
        update(app, m);
    }
}

/// Words that would give the answer away before the reveal.
const GIVEAWAYS: &[&str] =
    &["It's a scam", "Red flags", "It's genuine", "Notes for the instructor", "Ask who pays", "[1]"];

#[test]
fn presenter_screen_reveals_nothing() {
    let mut app = fixtures::present_app();
    let shown = screen(&mut app);
    let whole = page_text(&app, 78).join("\n");
    for word in GIVEAWAYS {
        assert!(!whole.contains(word), "{word:?} shown before the reveal:\n{whole}");
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn presenter_tally_screen() {
    let mut app = fixtures::present_app();
    send(&mut app, &[Msg::StartTally, Msg::Digit(1), Msg::Digit(4), Msg::Confirm, Msg::Digit(6)]);
    let shown = screen(&mut app);
    assert!(!page_text(&app, 78).join("\n").contains("It's a scam"));
    insta::assert_snapshot!(shown);
}

#[test]
fn presenter_reveal_with_tally_and_notes() {
    let mut app = fixtures::present_app();
    send(&mut app, &[Msg::StartTally, Msg::Digit(1), Msg::Digit(4), Msg::Confirm, Msg::Digit(6), Msg::Confirm]);
    send(&mut app, &[Msg::Confirm]);
    assert_eq!(app.screen, Screen::Reveal);
    let shown = screen(&mut app);
    let whole = page_text(&app, 78).join("\n");
    assert!(whole.contains("✓ Scam"), "the right bar is marked by a sign, not colour alone:\n{whole}");
    assert!(whole.contains("14 (70 %)") && whole.contains("6 (30 %)"), "{whole}");
    assert!(whole.contains("Notes for the instructor") && whole.contains("Ask who pays tolls by text"));
    insta::assert_snapshot!(shown);
}

#[test]
fn presenter_vote_screen_shows_the_room_but_not_the_answer() {
    let mut app = fixtures::present_app();
    send(&mut app, &[Msg::StartTally, Msg::Digit(1), Msg::Digit(4), Msg::Confirm, Msg::Digit(6), Msg::Confirm]);
    assert_eq!(app.screen, Screen::Vote);
    let shown = screen(&mut app);
    let whole = page_text(&app, 78).join("\n");
    assert!(whole.contains("14 (70 %)") && whole.contains("6 (30 %)"), "{whole}");
    assert!(!whole.contains('✓'), "no bar is marked right before the reveal:\n{whole}");
    for word in GIVEAWAYS {
        assert!(!whole.contains(word), "{word:?} shown before the reveal:\n{whole}");
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn exam_screen_shows_no_score_and_a_clock() {
    let mut app = fixtures::exam_app();
    send(&mut app, &[Msg::Verdict(Verdict::Legit), Msg::Choose(0), Msg::Choose(0)]);
    assert_eq!(app.position, 1);
    for _ in 0..15 {
        update(&mut app, Msg::Tick);
    }
    let shown = screen(&mut app);
    let header = shown.lines().next().unwrap_or_default().to_string();
    assert!(header.contains("Exam · Message 2 of 3"), "{header}");
    assert!(header.contains("⏱ 0:45 left"), "{header}");
    assert!(!header.contains("right"), "no score during an exam: {header}");
    insta::assert_snapshot!(shown);
}

#[test]
fn exam_result_screen() {
    let mut app = fixtures::exam_app();
    for verdict in [Verdict::Scam, Verdict::Scam, Verdict::Scam] {
        send(&mut app, &[Msg::Verdict(verdict), Msg::Choose(0)]);
        if app.screen == Screen::Question {
            send(&mut app, &[Msg::Choose(0)]);
        }
    }
    assert_eq!(app.screen, Screen::Summary);
    let shown = screen(&mut app);
    assert!(shown.contains("PASSED ✓  2 of 3 right (66 %) · pass mark 50 %"), "{shown}");
    assert!(shown.contains("✗  2."), "the wrong item is marked: {shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn course_lesson_screen() {
    let mut app = fixtures::course_app();
    let shown = screen(&mut app);
    assert!(shown.contains("Lesson 1 of 1"), "the exam's introduction is not counted: {shown}");
    assert!(shown.contains("Enter practise on 1 message "), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_exam_introduction_is_not_a_numbered_lesson() {
    let mut app = fixtures::course_app();
    send(&mut app, &[Msg::Confirm, Msg::Verdict(Verdict::Scam), Msg::Choose(0), Msg::Choose(0), Msg::Next]);
    assert_eq!(app.screen, Screen::Lesson);
    let shown = screen(&mut app);
    assert!(shown.contains("Before the exam") && shown.contains("Enter start the exam (3 messages)"), "{shown}");
}

#[test]
fn a_paragraph_after_a_list_is_set_apart() {
    use crate::app::{Mode, Stage};
    use crate::course::Lesson;
    let lesson = Lesson::parse("# T\n\n- one\n- two\n\nAfter the list.\n\n## Next\n- three\n> quoted\nEnd.").unwrap();
    let app = App::with_stages(fixtures::pool(), Mode::Course, vec![Stage::Lesson(lesson.clone())], 1, 20_782);
    let lines: Vec<String> =
        super::lesson::body(&app, &lesson, 60, &Theme::mono()).lines().iter().map(|l| l.to_string()).collect();
    let at = |text: &str| lines.iter().position(|l| l.contains(text)).unwrap();
    assert_eq!(lines[at("After the list.") - 1], "", "{lines:#?}");
    assert_eq!(lines[at("End.") - 1], "", "{lines:#?}");
    assert_eq!(at("two"), at("one") + 1, "list items stay together");
}

#[test]
fn help_scrolls_in_a_small_window() {
    let mut app = fixtures::app();
    update(&mut app, Msg::ToggleHelp);
    let draw = |app: &mut App| {
        let mut terminal = Terminal::new(TestBackend::new(80, 14)).unwrap();
        terminal
            .draw(|f| {
                view(f, app, &Theme::mono());
            })
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        (0..14).map(|y| (0..80).map(|x| buffer[(x, y)].symbol()).collect::<String>()).collect::<Vec<_>>().join("\n")
    };
    let top = draw(&mut app);
    assert!(top.contains("↓ more") && !top.contains("Close help"), "{top}");
    update(&mut app, Msg::ScrollBy(10));
    update(&mut app, Msg::ScrollBy(10));
    let bottom = draw(&mut app);
    assert!(bottom.contains("Press ? or Esc to close.") && !bottom.contains("↓ more"), "{bottom}");
    assert_eq!(app.screen, Screen::Judge, "scrolling the help moves nothing underneath");
    update(&mut app, Msg::ToggleHelp);
    update(&mut app, Msg::ToggleHelp);
    assert_eq!(app.view.help_scroll, 0, "the help opens at the top again");
}

#[test]
fn a_notice_at_the_start_shows_above_the_first_lesson() {
    let mut app = fixtures::course_app();
    app.notice = vec![crate::i18n::Phrase::new("notice.skipped_files").with("count", 2)];
    let shown = screen(&mut app);
    assert!(shown.lines().nth(1).is_some_and(|l| l.contains("! 2 problems in the scenario files")), "{shown}");
}
