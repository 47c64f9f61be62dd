//! The screens at 80×24, drawn into a `TestBackend` and compared with reviewed snapshots.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use super::*;
use crate::app::Screen;
use crate::app::{Msg, update};
use crate::fixtures;
use crate::scenario::Verdict;

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let theme = Theme::mono();
    let mut report = ViewReport::default();
    terminal.draw(|f| report = view(f, app, &theme)).unwrap();
    update(app, report.msg());
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn send(app: &mut App, msgs: &[Msg]) {
    for m in msgs.iter().cloned() {
        update(app, m);
    }
}

/// Verdict, confidence, marks (piece indices), then the follow-up choice if asked — `choice`
/// by its index in the file, pressed as the number it has on screen (choices are shuffled).
fn answer(app: &mut App, verdict: Verdict, marks: &[usize], choice: usize) {
    send(app, &[Msg::Verdict(verdict), Msg::Choose(0)]);
    if app.screen == Screen::Spot {
        for &m in marks {
            if let crate::app::Step::Spot { cursor, .. } = &mut app.step {
                *cursor = m;
            }
            update(app, Msg::ToggleMark);
        }
        update(app, Msg::Confirm);
    }
    if app.screen == Screen::Question {
        let shown = app.choice_order().iter().position(|&i| i == choice).expect("a choice");
        update(app, Msg::Choose(shown));
    }
}

#[test]
fn judge_screen() {
    let mut app = fixtures::app();
    insta::assert_snapshot!(text(&draw(&mut app, 80, 24)));
}

#[test]
fn confidence_screen() {
    let mut app = fixtures::app();
    send(&mut app, &[Msg::Verdict(Verdict::Scam)]);
    insta::assert_snapshot!(text(&draw(&mut app, 80, 24)));
}

#[test]
fn spot_screen() {
    let mut app = fixtures::app();
    send(
        &mut app,
        &[Msg::Verdict(Verdict::Scam), Msg::Choose(0), Msg::ToggleMark, Msg::MoveCursor(1), Msg::MoveCursor(1)],
    );
    let shown = text(&draw(&mut app, 80, 24));
    assert!(!shown.contains("[1]"), "spotting reveals no flag");
    insta::assert_snapshot!(shown);
}

#[test]
fn question_screen() {
    let mut app = fixtures::app();
    app.session.spot_enabled = false;
    send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Choose(0)]);
    insta::assert_snapshot!(text(&draw(&mut app, 80, 24)));
}

#[test]
fn reveal_screen_of_a_scam() {
    let mut app = fixtures::app();
    // Marks the sender (a flag) and a harmless phrase (a false alarm).
    let pieces = crate::learning::spot::pieces(app.current().unwrap());
    let harmless = pieces
        .iter()
        .position(|p| crate::learning::spot::piece_text(app.current().unwrap(), p).contains("late fee"))
        .unwrap();
    answer(&mut app, Verdict::Legit, &[0, harmless], 0);
    let shown = text(&draw(&mut app, 80, 24));
    assert!(shown.contains("You found 1 of 3 red flags; 1 mark on something harmless."), "{shown}");
    insta::assert_snapshot!(shown);
    send(&mut app, &[Msg::ScrollToEnd]);
    insta::assert_snapshot!("reveal_screen_of_a_scam_scrolled", text(&draw(&mut app, 80, 24)));
}

#[test]
fn reveal_screen_of_a_genuine_message() {
    let mut app = fixtures::app_in_order(&[1, 0, 2]);
    answer(&mut app, Verdict::Legit, &[], 0);
    insta::assert_snapshot!(text(&draw(&mut app, 80, 24)));
}

/// The fixture round played to its summary: one right, two wrong, one flag found.
fn finished_round() -> App {
    let mut app = fixtures::app();
    answer(&mut app, Verdict::Scam, &[0], 1);
    send(&mut app, &[Msg::Next]);
    answer(&mut app, Verdict::Scam, &[], 0);
    send(&mut app, &[Msg::Next]);
    answer(&mut app, Verdict::Legit, &[], 0);
    send(&mut app, &[Msg::Next]);
    app
}

#[test]
fn summary_screen() {
    let mut app = finished_round();
    let shown = text(&draw(&mut app, 80, 24));
    assert!(shown.contains("Sensitivity d′"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn help_overlay() {
    let mut app = fixtures::app();
    send(&mut app, &[Msg::ToggleHelp]);
    insta::assert_snapshot!(text(&draw(&mut app, 80, 24)));
}

#[test]
fn a_tiny_window_asks_to_be_enlarged() {
    let mut app = fixtures::app();
    let shown = text(&draw(&mut app, 30, 8));
    assert!(shown.contains("Please enlarge the window"), "{shown}");
}

#[test]
fn any_size_draws_without_panicking() {
    for (w, h) in [(1, 1), (40, 12), (41, 13), (79, 23), (120, 40), (300, 100)] {
        for step in 0..6 {
            let mut app = fixtures::app();
            let msgs =
                [Msg::Verdict(Verdict::Scam), Msg::Choose(0), Msg::ToggleMark, Msg::Confirm, Msg::Choose(0), Msg::Next];
            send(&mut app, &msgs[..step]);
            let _ = draw(&mut app, w, h);
        }
    }
}

#[test]
fn flagged_quotes_are_underlined_not_only_coloured() {
    let mut app = fixtures::app();
    answer(&mut app, Verdict::Scam, &[], 1);
    let buffer = draw(&mut app, 80, 24);
    let shown = text(&buffer);
    let (y, line) = shown.lines().enumerate().find(|(_, l)| l.contains("+63 917 555 0142[1]")).expect("sender marked");
    let x = line.find("+63").unwrap() as u16;
    assert!(buffer[(x, y as u16)].modifier.contains(Modifier::UNDERLINED));
    let marker_x = line.find("[1]").unwrap() as u16;
    assert!(buffer[(marker_x, y as u16)].modifier.contains(Modifier::REVERSED), "the marker is reversed");
}

#[test]
fn the_judge_screen_reveals_nothing() {
    let mut app = fixtures::app();
    let shown = text(&draw(&mut app, 80, 24));
    assert!(!shown.contains("E-ZPass: unpaid toll"), "the title gives the answer away");
    assert!(!shown.contains("[1]"));
}

#[test]
fn stats_screen() {
    let mut app = finished_round();
    send(&mut app, &[Msg::ToggleStats]);
    assert_eq!(app.screen, Screen::Stats);
    let shown = text(&draw(&mut app, 80, 24));
    assert!(shown.contains("3 answers in 1 round:"), "a real plural: {shown}");
    insta::assert_snapshot!(shown);
    send(&mut app, &[Msg::ToggleStats]);
    assert_eq!(app.screen, Screen::Summary);
}

/// Whether any cell on row `y` is drawn reversed (the highlight of a button or choice).
fn row_reversed(buffer: &Buffer, y: u16) -> bool {
    (0..buffer.area.width).any(|x| buffer[(x, y)].modifier.contains(Modifier::REVERSED))
}

fn row_of(buffer: &Buffer, needle: &str) -> u16 {
    let shown = text(buffer);
    shown.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not in\n{shown}")) as u16
}

#[test]
fn no_button_or_choice_is_highlighted_until_the_learner_moves_to_one() {
    let mut app = fixtures::app();
    let buffer = draw(&mut app, 80, 24);
    assert!(!row_reversed(&buffer, row_of(&buffer, "[ s Scam ]")), "no verdict is pre-selected");
    update(&mut app, Msg::Confirm);
    let buffer = draw(&mut app, 80, 24);
    assert!(text(&buffer).contains("! Nothing chosen yet: press s (scam) or g (genuine)"), "{}", text(&buffer));
    update(&mut app, Msg::MoveCursor(1));
    let buffer = draw(&mut app, 80, 24);
    assert!(row_reversed(&buffer, row_of(&buffer, "[ s Scam ]")), "the arrow highlights a button");
    assert!(!text(&buffer).contains("Nothing chosen yet"), "the hint goes with the next key");
    send(&mut app, &[Msg::Confirm]);
    let buffer = draw(&mut app, 80, 24);
    assert!(!row_reversed(&buffer, row_of(&buffer, "[ 1 sure ]")), "no confidence is pre-selected");
    send(&mut app, &[Msg::Choose(0), Msg::Confirm]);
    assert_eq!(app.screen, Screen::Question);
    let buffer = draw(&mut app, 80, 24);
    let shown = text(&buffer);
    for n in 1..=3 {
        let row = shown.lines().position(|l| l.starts_with(&format!(" {n}  "))).expect("a numbered choice") as u16;
        assert!(!row_reversed(&buffer, row), "choice {n} is not pre-selected");
    }
}

#[test]
fn the_judge_line_says_what_is_judged_and_fits_80_columns() {
    let mut app = fixtures::app();
    let shown = text(&draw(&mut app, 80, 24));
    let judge_line = crate::i18n::Locale::english().text("judge.question").into_owned();
    assert!(shown.contains(&judge_line), "{shown}");
    assert!(judge_line.chars().count() <= 78);
}
