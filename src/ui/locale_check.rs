//! What the pseudo-locale tests check (`ui/locale_tests.rs` for the screens, `plain.rs` for
//! `--plain`): the English catalogue's words, a scenario's own words (content, which stays),
//! and a screen drawn at 80×24 that must show none of the former and still fit.

use std::collections::BTreeSet;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
pub(crate) use crate::app::{App, Msg, Screen, update};
use crate::i18n::Locale;
use crate::scenario::{Scenario, Verdict};

pub(crate) fn pseudo() -> Locale {
    Locale::get("en-XA").expect("the pseudo-locale is built in")
}

/// Words of three ASCII letters or more, leaving out what is typed as it is in every language
/// (`--seed`, a command in backquotes), which the pseudo-locale keeps.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> {
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
pub(crate) fn english_words() -> BTreeSet<String> {
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
pub(crate) fn content_words(app: &App) -> BTreeSet<String> {
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
    if let Some(setup) = &app.session.exam {
        add(&setup.deck_title);
    }
    words(&text).collect()
}

/// Draws the app at 80×24 and returns the screen's text.
pub(crate) fn draw(app: &mut App) -> String {
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
pub(crate) fn check(name: &str, app: &mut App) -> String {
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
pub(crate) fn fits(name: &str, app: &App, shown: &str) {
    let header = header_line(app, 80, &Theme::mono()).to_string();
    assert!(wrap::text_width(&header) <= 80, "{name}: the header is cut off: {header}");
    let page = page(app, 78, &Theme::mono());
    let (body, panel) = (page::lines(&page.body, 78), page::lines(&page.panel, 80));
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

pub(crate) fn send(app: &mut App, msgs: &[Msg]) {
    for m in msgs {
        update(app, m.clone());
    }
}

/// Verdict, sure, every piece marked then done, the first choice: every part of the reveal shows.
pub(crate) fn answer(app: &mut App, verdict: Verdict) {
    send(app, &[Msg::Verdict(verdict), Msg::Choose(0)]);
    if app.screen == Screen::Spot {
        send(app, &[Msg::ToggleMark, Msg::MoveCursor(1), Msg::MoveCursor(1), Msg::ToggleMark, Msg::Confirm]);
    }
    if app.screen == Screen::Question {
        update(app, Msg::Choose(0));
    }
}
