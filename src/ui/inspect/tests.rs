//! The inspect screens at 80×24: the paste box and the result, drawn with the monochrome
//! theme so the snapshot shows that marks are numbered, not only coloured.

use crate::i18n::Locale;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::inspect_app::{Msg, update};

const TEXT: &str = "SunPass: Pay within 12 hours to avoid late fees: https://sunpass.com-tollbalance.top/fl\n(Please reply Y, then exit and reopen this message to activate the link.)";

fn screen(app: &InspectApp) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| {
            view(f, app, &Theme::mono());
        })
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..24)
        .map(|y| (0..80).map(|x| buffer[(x, y)].symbol().to_string()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_paste_box_at_80x24() {
    let mut app = InspectApp::new(Some("+1 (305) 555-0172"));
    update(&mut app, Msg::Paste(TEXT.into()));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn the_result_at_80x24() {
    let mut app = InspectApp::new(Some("+1 (305) 555-0172"));
    update(&mut app, Msg::Paste(TEXT.into()));
    update(&mut app, Msg::Inspect);
    let shown = screen(&app);
    assert!(shown.contains("[1]") && shown.contains("[2]"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn marks_are_underlined_not_only_coloured() {
    let report = crate::detect::inspect(TEXT, None);
    let doc = result_doc(&Locale::english(), TEXT, None, &report, &[], 76, &Theme::mono());
    let underlined = doc.lines().iter().flat_map(|l| &l.spans).any(|s| {
        s.style.add_modifier.contains(ratatui::style::Modifier::UNDERLINED)
            && s.content.contains("sunpass.com-tollbalance")
    });
    assert!(underlined);
}

#[test]
fn every_line_of_the_result_fits_the_width() {
    let report = crate::detect::inspect(TEXT, Some("x"));
    for width in [20, 40, 76] {
        for line in result_doc(&Locale::english(), TEXT, Some("x"), &report, &[], width, &Theme::mono()).lines() {
            assert!(super::super::wrap::text_width(&line.to_string()) <= width.max(12), "{width}: {line}");
        }
    }
}

#[test]
fn a_hostile_paste_is_drawn_with_visible_markers() {
    let mut app = InspectApp::new(Some("\u{1b}[31m28777"));
    update(
        &mut app,
        Msg::Paste("Pay \u{1b}]52;c;aGk=\u{7} now \u{202E}moc.spsu \u{9b}2J https://usps.com-x.top".into()),
    );
    let before = screen(&app);
    update(&mut app, Msg::Inspect);
    for shown in [before, screen(&app)] {
        assert!(shown.chars().all(|c| crate::text_safety::forbidden_reason(c).is_none() || c == '\n'), "{shown}");
        assert!(shown.contains('␛'), "{shown}");
    }
}

#[test]
fn nothing_found_says_so_and_that_it_does_not_make_the_text_genuine() {
    let report = crate::detect::inspect("See you at 6?", None);
    let doc = result_doc(&Locale::english(), "See you at 6?", None, &report, &[], 76, &Theme::mono());
    let text: String = doc.lines().iter().map(|l| l.to_string() + "\n").collect();
    assert!(text.contains("Nothing was found in this text. That does not make it"), "{text}");
    assert!(text.contains("7726") && text.contains("ic3.gov"), "{text}");
}
