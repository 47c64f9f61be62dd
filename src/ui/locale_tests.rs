//! Every screen of every mode under the pseudo-locale `en-XA`, at 80×24: no English word of
//! the interface is left (each would be a string not looked up in the catalogue), and the page
//! still fits (the header and the panel of keys on screen, nothing cut off). The `?` overlay
//! (drawn by `ui/help.rs` from the key table) is checked for words only: its long lines are
//! clipped at the frame, which is the overlay's to fix.

use std::collections::BTreeSet;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::app::{Msg, Screen, update};
use crate::fixtures;
use crate::i18n::Locale;
use crate::scenario::{Scenario, Verdict};

fn pseudo() -> Locale {
    Locale::get("en-XA").expect("the pseudo-locale is built in")
}

/// Words of three ASCII letters or more, leaving out what is typed as it is in every language
/// (`--seed`, a command in backquotes), which the pseudo-locale keeps.
fn words(text: &str) -> impl Iterator<Item = String> {
    let mut kept = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => chars.by_ref().take_while(|&c| c != '`').for_each(drop),
            '-' if chars.peek() == Some(&'-') => {
                while chars.next_if(|&c| c == '-' || c.is_ascii_alphanumeric()).is_some() {}
            }
            _ => kept.push(c),
        }
    }
    let words: Vec<String> =
        kept.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 3).map(str::to_ascii_lowercase).collect();
    words.into_iter()
}

/// Every word of the English catalogue's texts, placeholders left out. Key names shown as keys
/// (Enter, Space…) and the program's name are not words to translate.
fn english_words() -> BTreeSet<String> {
    const NOT_WORDS: &[&str] = &[
        "enter",
        "space",
        "tab",
        "esc",
        "pgdn",
        "pgup",
        "home",
        "end",
        "backspace",
        "shift",
        "smishdrill",
        "ctrl",
        "user",
        "name",
    ];
    let english = Locale::english();
    let mut out = BTreeSet::new();
    for text in english.all_texts() {
        let mut plain = String::new();
        let mut in_placeholder = false;
        for c in text.chars() {
            match c {
                '{' => in_placeholder = true,
                '}' => in_placeholder = false,
                _ if !in_placeholder => plain.push(c),
                _ => {}
            }
            if c == '}' {
                plain.push(' ');
            }
        }
        out.extend(words(&plain).filter(|w| !NOT_WORDS.contains(&w.as_str())));
    }
    out
}

/// The scenario's own words (and a lesson's): content, not interface, so they may stay.
fn content_words(app: &App) -> BTreeSet<String> {
    let mut text = String::new();
    let mut add = |s: &str| {
        text.push_str(s);
        text.push(' ');
    };
    let scenario_text = |s: &Scenario, add: &mut dyn FnMut(&str)| {
        add(&s.title);
        s.context.as_deref().into_iter().chain(s.notes.as_deref()).for_each(&mut *add);
        for m in &s.thread {
            add(&m.text);
            m.sender.as_deref().into_iter().chain(m.time.as_deref()).for_each(&mut *add);
        }
        add(s.thread_sender());
        for f in &s.flags {
            add(&f.why);
            f.quote.as_deref().into_iter().for_each(&mut *add);
        }
        for g in &s.signs {
            add(&g.why);
            g.quote.as_deref().into_iter().for_each(&mut *add);
        }
        if let Some(q) = &s.question {
            add(&q.ask);
            add(&q.why);
            q.choices.iter().for_each(|c| add(c));
        }
        s.verify.iter().chain(&s.sources).for_each(|v| add(v));
    };
    for s in app.shown.iter().chain(&app.pool) {
        scenario_text(s, &mut add);
    }
    if let Some(lesson) = app.lesson() {
        add(&lesson.title);
        add(&format!("{:?}", lesson.blocks));
    }
    if let Some(setup) = &app.exam {
        add(&setup.deck_title);
    }
    words(&text).collect()
}

/// Draws the app at 80×24 and returns the screen's text.
fn draw(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut report = ViewReport::default();
    terminal.draw(|f| report = view(f, app, &Theme::mono())).unwrap();
    update(app, report.msg());
    let buffer = terminal.backend().buffer().clone();
    (0..24)
        .map(|y| (0..80).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The checks for one screen: no English interface word on it (nor anywhere on its whole
/// page, scrolled or not), and it fits.
fn check(name: &str, app: &mut App) -> String {
    app.locale = pseudo();
    let shown = draw(app);
    let english = english_words();
    let allowed = content_words(app);
    let whole = page_text(app, 78).join("\n");
    let left: BTreeSet<String> =
        words(&whole).chain(words(&shown)).filter(|w| english.contains(w) && !allowed.contains(w)).collect();
    assert!(left.is_empty(), "{name}: English left under en-XA: {left:?}\n{shown}\n---\n{whole}");
    fits(name, app, &shown);
    shown
}

/// The header is whole (it ends with the help and quit keys), every line of the page is within
/// the column, and every line of the panel (the prompt, the buttons, the keys) is on screen.
fn fits(name: &str, app: &App, shown: &str) {
    let header = header_line(app, 80, &Theme::mono()).to_string();
    assert!(wrap::text_width(&header) <= 80, "{name}: the header is cut off: {header}");
    let (body, panel) = page(app, 78, &Theme::mono());
    let panel = fit_panel(panel, 80);
    for line in &body {
        let text = line.to_string();
        assert!(wrap::text_width(&text) <= 78, "{name}: a line wider than the page: {text:?}");
    }
    let panel_rows: usize = panel.iter().map(|l| wrap::text_width(&l.to_string()).div_ceil(80).max(1)).sum();
    assert!(panel_rows <= 12, "{name}: the panel needs {panel_rows} rows, more than half the screen");
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let panel_text = squeeze(&panel.iter().map(|l| l.to_string()).collect::<String>());
    let bottom =
        squeeze(&shown.lines().rev().take(panel_rows).collect::<Vec<_>>().into_iter().rev().collect::<String>());
    assert!(bottom.contains(&panel_text), "{name}: the panel is not whole on screen:\n{shown}");
}

fn send(app: &mut App, msgs: &[Msg]) {
    for m in msgs {
        update(app, m.clone());
    }
}

/// Verdict, sure, every piece marked then done, the first choice: every part of the reveal shows.
fn answer(app: &mut App, verdict: Verdict) {
    send(app, &[Msg::Verdict(verdict), Msg::Choose(0)]);
    if app.screen == Screen::Spot {
        send(app, &[Msg::ToggleMark, Msg::MoveCursor(1), Msg::MoveCursor(1), Msg::ToggleMark, Msg::Confirm]);
    }
    if app.screen == Screen::Question {
        update(app, Msg::Choose(0));
    }
}

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
    shown.push(doc.lines.iter().map(|l| l.to_string()).collect::<Vec<_>>().join("\n"));
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
