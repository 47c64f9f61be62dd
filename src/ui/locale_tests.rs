//! Every screen of every mode under the pseudo-locale `en-XA`, at 80×24: no English word of
//! the interface is left (each would be a string not looked up in the catalogue), and the page
//! still fits (the header and the panel of keys on screen, nothing cut off). The `?` overlay
//! (drawn by `ui/help.rs` from the key table) is checked for words only: its long lines are
//! clipped at the frame, which is the overlay's to fix.

use std::collections::BTreeSet;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::locale_check::*;
use super::*;
use crate::fixtures;
use crate::scenario::Verdict;

#[test]
fn practice_screens_show_no_english_under_the_pseudo_locale_and_still_fit() {
    let mut app = fixtures::app();
    app.locale = pseudo();
    check("judge", &mut app);
    update(&mut app, Msg::Confirm);
    check("judge with the hint", &mut app);
    update(&mut app, Msg::Verdict(Verdict::Scam));
    check("confidence", &mut app);
    update(&mut app, Msg::Confirm);
    check("confidence with the hint", &mut app);
    update(&mut app, Msg::Choose(1));
    update(&mut app, Msg::ToggleMark);
    check("spot", &mut app);
    update(&mut app, Msg::Confirm);
    if app.screen == Screen::Question {
        update(&mut app, Msg::Confirm);
        check("question with the hint", &mut app);
        update(&mut app, Msg::Choose(1));
    }
    assert_eq!(app.screen, Screen::Reveal);
    check("reveal of a scam", &mut app);
    update(&mut app, Msg::Next);
    answer(&mut app, Verdict::Scam);
    check("reveal of a genuine message, answered wrong with marks", &mut app);
    update(&mut app, Msg::Next);
    answer(&mut app, Verdict::Legit);
    update(&mut app, Msg::Next);
    assert_eq!(app.screen, Screen::Summary);
    check("summary", &mut app);
    update(&mut app, Msg::Confirm);
    check("summary with the hint", &mut app);
    update(&mut app, Msg::ToggleStats);
    assert_eq!(app.screen, Screen::Stats);
    check("stats", &mut app);
    update(&mut app, Msg::ToggleStats);
    update(&mut app, Msg::Review);
    check("review", &mut app);
    update(&mut app, Msg::Next);
    check("review, next", &mut app);
}

#[test]
fn notices_and_an_empty_round_show_no_english_under_the_pseudo_locale() {
    let mut app = fixtures::app();
    for key in ["notice.progress_not_saved", "notice.result_recorded", "notice.result_not_recorded"] {
        update(&mut app, Msg::Notice(key));
        check(key, &mut app);
    }
    app.notice = vec![
        crate::i18n::Phrase::new("notice.skipped_files").with("count", 2),
        crate::i18n::Phrase::new("notice.exam_not_recordable"),
    ];
    check("notices at the start", &mut app);
    let mut empty = fixtures::app();
    empty.round.clear();
    empty.shown.clear();
    empty.screen = Screen::Summary;
    check("an empty round", &mut empty);
}

#[test]
fn exam_screens_show_no_english_under_the_pseudo_locale_and_still_fit() {
    let mut app = fixtures::exam_app();
    app.locale = pseudo();
    check("exam judge with the clock", &mut app);
    send(&mut app, &[Msg::Verdict(Verdict::Scam)]);
    check("exam confidence", &mut app);
    update(&mut app, Msg::Choose(0));
    update(&mut app, Msg::Quit);
    check("leaving the exam", &mut app);
    update(&mut app, Msg::Tick);
    for _ in 0..61 {
        update(&mut app, Msg::Tick);
    }
    check("time ran out", &mut app);
    while app.screen != Screen::Summary {
        answer(&mut app, Verdict::Legit);
    }
    check("exam result", &mut app);
    update(&mut app, Msg::Confirm);
    check("exam explanations", &mut app);
}

#[test]
fn presenter_screens_show_no_english_under_the_pseudo_locale_and_still_fit() {
    let mut app = fixtures::present_app();
    check("present", &mut app);
    send(&mut app, &[Msg::StartTally, Msg::Digit(1), Msg::Digit(4), Msg::Confirm, Msg::Digit(6)]);
    check("tally", &mut app);
    update(&mut app, Msg::Confirm);
    assert_eq!(app.screen, Screen::Vote);
    check("vote", &mut app);
    update(&mut app, Msg::Confirm);
    assert_eq!(app.screen, Screen::Reveal);
    check("presenter reveal", &mut app);
    while app.screen != Screen::Summary {
        send(&mut app, &[Msg::Confirm, Msg::Next]);
    }
    check("end of the deck", &mut app);
}

#[test]
fn course_screens_show_no_english_under_the_pseudo_locale_and_still_fit() {
    let mut app = fixtures::course_app();
    check("lesson", &mut app);
    update(&mut app, Msg::Confirm);
    check("course practice", &mut app);
    answer(&mut app, Verdict::Scam);
    check("course reveal", &mut app);
    update(&mut app, Msg::Next);
    check("before the exam", &mut app);
    update(&mut app, Msg::Confirm);
    check("course exam", &mut app);
}

#[test]
fn a_too_small_window_shows_no_english_under_the_pseudo_locale() {
    let mut app = fixtures::app();
    app.locale = pseudo();
    let mut terminal = Terminal::new(TestBackend::new(30, 10)).unwrap();
    terminal
        .draw(|f| {
            view(f, &app, &Theme::mono());
        })
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let shown: String = buffer.content().iter().map(|c| c.symbol()).collect();
    let english = english_words();
    let left: Vec<String> = words(&shown).filter(|w| english.contains(w)).collect();
    assert!(left.is_empty() && shown.contains('×'), "{left:?}: {shown}");
}

#[test]
fn the_judge_and_reveal_screens_under_the_pseudo_locale() {
    let mut app = fixtures::app();
    insta::assert_snapshot!(check("judge", &mut app));
    answer(&mut app, Verdict::Legit);
    insta::assert_snapshot!(check("reveal", &mut app));
}

#[test]
fn the_summary_under_the_pseudo_locale() {
    let mut app = fixtures::app();
    app.locale = pseudo();
    for v in [Verdict::Scam, Verdict::Scam, Verdict::Legit] {
        answer(&mut app, v);
        update(&mut app, Msg::Next);
    }
    insta::assert_snapshot!(check("summary", &mut app));
}

#[test]
fn the_check_finds_english_when_it_is_there() {
    let english = english_words();
    for word in ["judge", "scammer", "sure", "explanation", "progress"] {
        assert!(english.contains(word), "{word} is a word of the catalogue");
    }
    // The same screens in English: the check would catch every string not looked up.
    let mut app = fixtures::app();
    let shown = draw(&mut app);
    let allowed = content_words(&app);
    let left: BTreeSet<String> = words(&shown).filter(|w| english.contains(w) && !allowed.contains(w)).collect();
    assert!(left.contains("judge") && left.contains("quit"), "{left:?}");
}

#[test]
fn the_help_overlay_shows_no_english_under_the_pseudo_locale() {
    let mut app = fixtures::app();
    app.locale = pseudo();
    update(&mut app, Msg::ToggleHelp);
    let english = english_words();
    let allowed = content_words(&app);
    for _ in 0..40 {
        let shown = draw(&mut app);
        let left: BTreeSet<String> = words(&shown).filter(|w| english.contains(w) && !allowed.contains(w)).collect();
        assert!(left.is_empty(), "the ? overlay: English left under en-XA: {left:?}\n{shown}");
        assert!(shown.contains('╭') && shown.contains('╯'), "the overlay's frame is on screen:\n{shown}");
        update(&mut app, Msg::ScrollBy(1));
    }
}

#[test]
fn the_inspect_screens_show_no_english_under_the_pseudo_locale() {
    use crate::inspect_app::{InspectApp, Msg as InspectMsg, update as inspect_update};
    const TEXT: &str =
        "USPS: your parcel is held. Pay the $1.99 fee at https://usps.com-track.top/pay within 12 hours.";
    let mut app = InspectApp::new(None);
    app.locale = pseudo();
    let draw_inspect = |app: &InspectApp| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|f| {
                crate::ui::inspect::view(f, app, &Theme::mono());
            })
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        buffer.content().iter().map(|c| c.symbol()).collect::<String>()
    };
    let english = english_words();
    let mut shown = vec![draw_inspect(&app)];
    inspect_update(&mut app, InspectMsg::Paste(TEXT.into()));
    inspect_update(&mut app, InspectMsg::Inspect);
    let report = app.report.clone().expect("inspected");
    let doc = crate::ui::inspect::result_doc(&app.locale, TEXT, None, &report, &[], 78, &Theme::mono());
    shown.push(doc.lines().iter().map(|l| l.to_string()).collect::<Vec<_>>().join("\n"));
    shown.push(draw_inspect(&app));
    // The detectors' words (their kinds and reasons) and the text itself are not translated yet.
    let mut allowed: BTreeSet<String> = words(TEXT).collect();
    for f in &report.findings {
        allowed.extend(words(f.kind.label()).chain(words(&f.reason)));
    }
    for screen in shown {
        let left: BTreeSet<String> = words(&screen).filter(|w| english.contains(w) && !allowed.contains(w)).collect();
        assert!(left.is_empty(), "inspect: English left under en-XA: {left:?}\n{screen}");
    }
}
