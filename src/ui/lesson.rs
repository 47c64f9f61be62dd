//! A course lesson: its title, then paragraphs, bullets and quoted examples re-wrapped to the
//! window.

use ratatui::text::Line;

use super::doc::{Doc, keys_line, run};
use super::theme::Theme;
use crate::app::{App, Stage};
use crate::course::{Block, Lesson};
use crate::i18n::Arg;
use crate::text_safety::sanitize;

pub fn body(app: &App, lesson: &Lesson, width: usize, theme: &Theme) -> Doc {
    let mut doc = Doc::new(width);
    // The exam's introduction is a lesson stage too, but not one of the course's lessons.
    let before_exam = |i: usize| matches!(app.session.stages.get(i + 1), Some(Stage::Messages { graded: true, .. }));
    let is_lesson = |i: usize| matches!(app.session.stages.get(i), Some(Stage::Lesson(_))) && !before_exam(i);
    let lessons = (0..app.session.stages.len()).filter(|&i| is_lesson(i)).count();
    let number = (0..=app.stage).filter(|&i| is_lesson(i)).count();
    let t = &app.locale;
    let counter = if before_exam(app.stage) {
        t.text("lesson.before_exam").into_owned()
    } else {
        t.fmt("lesson.counter", &[("number", Arg::Num(number as i64)), ("total", Arg::Num(lessons as i64))])
    };
    doc.para(vec![run(counter, theme.dim)]);
    doc.para(vec![run(sanitize(&lesson.title), theme.heading)]);
    doc.blank();
    let mut after_list = false;
    for block in &lesson.blocks {
        // A list or quote ends with a blank line before the next paragraph or heading.
        let is_list = matches!(block, Block::Bullet(_) | Block::Quote(_));
        if after_list && !is_list {
            doc.blank();
        }
        after_list = is_list;
        match block {
            Block::Heading(h) => {
                doc.para(vec![run(sanitize(h), theme.heading)]);
            }
            Block::Paragraph(p) => {
                doc.para(vec![run(sanitize(p), theme.base)]);
                doc.blank();
            }
            Block::Bullet(b) => doc.item(vec![run("• ", theme.base)], vec![run(sanitize(b), theme.base)]),
            Block::Quote(q) => doc.item(vec![run("  │ ", theme.dim)], vec![run(sanitize(q), theme.key)]),
        }
    }
    doc
}

/// What Enter does next: practise, read on, or start the exam.
pub fn panel(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let t = &app.locale;
    let next = match app.session.stages.get(app.stage + 1) {
        Some(Stage::Messages { items, graded: true, .. }) => {
            t.fmt("lesson.start_exam", &[("count", Arg::Num(items.len() as i64))])
        }
        Some(Stage::Messages { items, .. }) => t.fmt("lesson.practise_on", &[("count", Arg::Num(items.len() as i64))]),
        Some(Stage::Lesson(_)) => t.text("lesson.next_lesson").into_owned(),
        None => t.text("lesson.finish").into_owned(),
    };
    vec![keys_line(
        &[("Enter", &next), ("↑↓", &t.text("keys_action.scroll")), ("q", &t.text("keys_action.quit"))],
        theme,
    )]
}
