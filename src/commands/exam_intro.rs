//! The page before an exam: the stand-alone exam's introduction made of catalogue texts, and
//! the filling in of any exam introduction (the course's too) with the deck's numbers.

use crate::app::Stage;
use crate::deck::Deck;
use crate::i18n::Arg;

/// The screen before a stand-alone exam: what to expect, so the clock starts only when the
/// learner is ready. A lesson page (docs/course-format.md) made of the catalogue's
/// `exam_intro.*` texts, so it is in the interface's language; `{title}`, `{count}`,
/// `{pass_mark}` and `{time_limit}` are filled in by [`fill_intro`].
pub(super) fn exam_intro_text(t: &crate::i18n::Locale) -> String {
    let line = |key: &str| t.text(key).replace('\n', " ");
    use crate::i18n::key;
    let bullets = [
        key("exam_intro.no_feedback"),
        key("exam_intro.pass"),
        key("exam_intro.time"),
        key("exam_intro.final"),
        key("exam_intro.leave"),
    ];
    let bullets: Vec<String> = bullets.iter().map(|k| format!("- {}", line(k))).collect();
    format!(
        "# {{title}}\n\n{}\n\n{}\n\n{}\n\n{}\n",
        line(key("exam_intro.lead")),
        bullets.join("\n"),
        line(key("exam_intro.read")),
        line(key("exam_intro.ready"))
    )
}

pub(super) fn exam_intro(
    text: &str,
    t: &crate::i18n::Locale,
    deck: &Deck,
    stage: &Stage,
    untimed: bool,
) -> Result<crate::course::Lesson, String> {
    let lesson = crate::course::Lesson::parse(text).map_err(|e| format!("exam_intro: {e}"))?;
    Ok(fill_intro(lesson, t, deck, stage, untimed))
}

/// Fills an exam introduction's `{title}`, `{count}`, `{pass_mark}` and `{time_limit}`, and
/// puts the deck's `description` (if any) first, so it is read before the exam starts.
/// `untimed`: `--plain`, which has no clock, so no time limit is promised.
pub(super) fn fill_intro(
    lesson: crate::course::Lesson,
    t: &crate::i18n::Locale,
    deck: &Deck,
    stage: &Stage,
    untimed: bool,
) -> crate::course::Lesson {
    let count = match stage {
        Stage::Messages { items, .. } => items.len(),
        Stage::Lesson(_) => 0,
    };
    let limit = match deck.time_limit {
        Some(s) if !untimed => t.fmt("exam_intro.seconds_per_message", &[("count", Arg::Num(i64::from(s)))]),
        _ => t.text("exam_intro.as_long_as_you_need").into_owned(),
    };
    let mut lesson = lesson.fill(&[
        ("title", deck.title.clone()),
        ("count", count.to_string()),
        ("pass_mark", deck.pass_mark.to_string()),
        ("time_limit", limit),
    ]);
    if let Some(description) = deck.description.as_deref().filter(|d| !d.trim().is_empty()) {
        lesson.blocks.insert(0, crate::course::Block::Paragraph(description.trim().to_string()));
    }
    lesson
}
