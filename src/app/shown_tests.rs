//! What the learner answered is the variant that was on screen: the summary and the exam's
//! completion record read it, never the pool's first draw of the same file.

use super::{Answer, App, RoundSpec};
use crate::learning::spot;
use crate::scenario::{Draw, Scenario};

const TODAY: i64 = 20_782;

/// A bundled file, a draw of it and a mark on that draw that would score otherwise on the
/// pool's first draw of the file (a variable with a longer or shorter value moves the
/// markable pieces).
fn variant_scored_otherwise(pool: &[Scenario]) -> (usize, Scenario, Vec<usize>) {
    for (i, s) in pool.iter().enumerate().filter(|(_, s)| s.template.is_some() && !s.flags.is_empty()) {
        for seed in 1..40 {
            let v = s.variant(Draw { seed, today: TODAY });
            let (on_v, on_s) = (spot::pieces(&v), spot::pieces(s));
            // One mark on a piece at a time: the learner's marks are any of these.
            for k in 0..on_v.len() {
                if spot::score(&v, &on_v, &[k]) != spot::score(s, &on_s, &[k]) {
                    return (i, v, vec![k]);
                }
            }
        }
    }
    panic!("no bundled file draws a variant whose marks score otherwise on its first draw");
}

/// A bundled file and a draw of it whose title is not its first draw's (a variable in it).
fn variant_with_other_title(pool: &[Scenario]) -> (usize, Scenario) {
    for (i, s) in pool.iter().enumerate().filter(|(_, s)| s.template.is_some()) {
        for seed in 1..40 {
            let v = s.variant(Draw { seed, today: TODAY });
            if v.title != s.title {
                return (i, v);
            }
        }
    }
    panic!("no bundled file draws a variant with another title");
}

/// An app whose one round shows `variant` of pool item `index`, answered with `answer`.
fn answered_app(pool: Vec<Scenario>, index: usize, variant: Scenario, answer: Answer) -> App {
    let mut app = App::on_day(pool, RoundSpec { count: 1, categories: vec![], seed: 7 }, TODAY);
    app.round = vec![index];
    app.shown = vec![variant];
    app.answers = vec![answer];
    app
}

#[test]
fn the_summary_scores_the_marks_on_the_variant_that_was_shown() {
    let pool = crate::corpus::Corpus::embedded().scenarios;
    let (index, shown, marks) = variant_scored_otherwise(&pool);
    let on_shown = spot::score(&shown, &spot::pieces(&shown), &marks);
    let on_first = spot::score(&pool[index], &spot::pieces(&pool[index]), &marks);
    // What the summary said before: the same marks read on the first draw's pieces.
    assert_ne!(on_shown, on_first, "{}: the mark means the same on both draws", shown.id);

    let answer = Answer { marks: Some(marks), ..Answer::new(shown.verdict) };
    let app = answered_app(pool, index, shown.clone(), answer);
    let (s, _) = app.answered().next().expect("one answer");
    assert!(std::ptr::eq(s, &app.shown[0]), "answered() pairs the answer with the pool's draw");
    let text: String = crate::ui::summary::body(&app, 200, &crate::ui::theme::Theme::mono())
        .lines()
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>() + "\n")
        .collect();
    let want = format!(
        "Red flags you found: {} of {}; marks on harmless text: {}",
        on_shown.found_count(),
        shown.flags.len(),
        on_shown.false_marks.len()
    );
    assert!(text.contains(&want), "{want:?} not in the summary:\n{text}");
}

#[test]
fn the_exam_record_names_the_title_the_learner_read() {
    let pool = crate::corpus::Corpus::embedded().scenarios;
    let (index, shown) = variant_with_other_title(&pool);
    let mut app = answered_app(pool, index, shown.clone(), Answer::new(shown.verdict));
    app.session.exam = Some(crate::fixtures::exam_setup());
    app.session.stages =
        vec![super::Stage::Messages { items: vec![index], at_end: true, graded: true, time_limit: None }];
    app.stage = 0;
    let record = app.completion(true, 1_800_000_000).expect("an exam's record");
    assert_eq!(record.items[0].title, shown.title);
    assert_ne!(shown.title, app.pool[index].title);
}

/// An exam item the learner never reached is named in the record by the variant they would
/// have been shown, drawn then: a round's pool holds bundled files undrawn, with no title.
#[test]
fn an_item_not_reached_is_named_by_the_variant_it_would_have_shown() {
    let pool = crate::corpus::Corpus::for_rounds().scenarios;
    let items: Vec<usize> = (0..pool.len()).filter(|&i| pool[i].undrawn).take(3).collect();
    assert_eq!(items.len(), 3);
    let mut app = App::on_day(pool, RoundSpec { count: 1, categories: vec![], seed: 7 }, TODAY);
    app.session.exam = Some(crate::fixtures::exam_setup());
    let lesson = crate::course::Lesson { title: "L".into(), blocks: vec![] };
    app.session.stages = vec![
        super::Stage::Lesson(lesson),
        super::Stage::Messages { items: items.clone(), at_end: true, graded: true, time_limit: None },
    ];
    app.stage = 0;
    let record = app.completion(false, 1_800_000_000).expect("an exam's record");
    for (item, &i) in record.items.iter().zip(&items) {
        let would_show = super::draw_variant(&app.pool[i], 7, TODAY);
        assert!(!would_show.undrawn && !would_show.title.is_empty());
        assert_eq!(item.title, would_show.title);
        assert_eq!(item.said, None);
    }
}
