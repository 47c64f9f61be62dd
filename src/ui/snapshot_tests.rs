//! The screens at 80×24, drawn into a `TestBackend` and compared with reviewed snapshots.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use super::*;
use crate::app::{Msg, update};
use crate::fixtures;
use crate::scenario::Verdict;

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let theme = Theme::mono();
    let mut report = ViewReport::default();
    terminal.draw(|f| report = view(f, app, &theme)).unwrap();
    update(
        app,
        Msg::Viewport {
            max_scroll: report.max_scroll,
        },
    );
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn send(app: &mut App, msgs: &[Msg]) {
    for &m in msgs {
        update(app, m);
    }
}

#[test]
fn judge_screen() {
    let mut app = fixtures::app();
    insta::assert_snapshot!(text(&draw(&mut app, 80, 24)));
}

#[test]
fn question_screen() {
    let mut app = fixtures::app();
    send(&mut app, &[Msg::Verdict(Verdict::Scam)]);
    insta::assert_snapshot!(text(&draw(&mut app, 80, 24)));
}

#[test]
fn reveal_screen_of_a_scam() {
    let mut app = fixtures::app();
    send(&mut app, &[Msg::Verdict(Verdict::Legit), Msg::Choose(0)]);
    insta::assert_snapshot!(text(&draw(&mut app, 80, 24)));
    send(&mut app, &[Msg::ScrollToEnd]);
    insta::assert_snapshot!(
        "reveal_screen_of_a_scam_scrolled",
        text(&draw(&mut app, 80, 24))
    );
}

#[test]
fn reveal_screen_of_a_genuine_message() {
    let mut app = fixtures::app();
    send(
        &mut app,
        &[
            Msg::Verdict(Verdict::Scam),
            Msg::Choose(1),
            Msg::Next,
            Msg::Verdict(Verdict::Legit),
        ],
    );
    insta::assert_snapshot!(text(&draw(&mut app, 80, 24)));
}

#[test]
fn summary_screen() {
    let mut app = fixtures::app();
    send(
        &mut app,
        &[
            Msg::Verdict(Verdict::Scam),
            Msg::Choose(1),
            Msg::Next,
            Msg::Verdict(Verdict::Scam),
            Msg::Next,
            Msg::Verdict(Verdict::Legit),
            Msg::Next,
        ],
    );
    insta::assert_snapshot!(text(&draw(&mut app, 80, 24)));
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
        for step in 0..4 {
            let mut app = fixtures::app();
            let msgs = [Msg::Verdict(Verdict::Scam), Msg::Choose(0), Msg::Next];
            send(&mut app, &msgs[..step.min(3)]);
            let _ = draw(&mut app, w, h);
        }
    }
}

#[test]
fn flagged_quotes_are_underlined_not_only_coloured() {
    let mut app = fixtures::app();
    send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Choose(1)]);
    let buffer = draw(&mut app, 80, 24);
    let shown = text(&buffer);
    let (y, line) = shown
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("+63 917 555 0142[1]"))
        .expect("sender marked");
    let x = line.find("+63").unwrap() as u16;
    assert!(
        buffer[(x, y as u16)]
            .modifier
            .contains(Modifier::UNDERLINED)
    );
    let plain_x = line.find("[1]").unwrap() as u16;
    assert!(
        buffer[(plain_x, y as u16)]
            .modifier
            .contains(Modifier::REVERSED),
        "the marker is reversed"
    );
}

#[test]
fn the_judge_screen_reveals_nothing() {
    let mut app = fixtures::app();
    let shown = text(&draw(&mut app, 80, 24));
    assert!(
        !shown.contains("E-ZPass: unpaid toll"),
        "the title gives the answer away"
    );
    assert!(!shown.contains("[1]"));
}
