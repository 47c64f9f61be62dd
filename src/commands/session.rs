//! Running a session in the terminal (or `--plain`): free practice, a deck, an exam, presenter
//! mode or the course. Builds the `App` for the mode, wires the stores it saves to, runs it, and
//! prints what must outlive the screen (saving errors, skipped files, the exam's result).

use std::io::{IsTerminal, Write};

use crate::app::{App, ExamSetup, Mode, Stage};
use crate::corpus::Corpus;
use crate::deck::{Deck, Feedback};
use crate::i18n::{Arg, Phrase};
use crate::learning::completion::CompletionRecord;
use crate::learning::summary::Summary;
use crate::round::RoundSpec;
use crate::runtime::{FileSink, NullSink, Session, Shared};
use crate::scenario::dates::Date;
use crate::store::completions::CompletionStore;
use crate::store::progress::ProgressStore;
use crate::terminal::{self, SavePending};

use super::course_place::CoursePlace;
use super::exam_intro::{exam_intro, exam_intro_text, fill_intro};
pub use super::plan::Plan;
use crate::ui::{Theme, ThemeName};

/// Exit code for wrong usage or nothing to show.
pub const EXIT_USAGE: u8 = 2;

/// The options every mode shares.
pub struct Options {
    pub count: usize,
    pub categories: Vec<crate::scenario::Category>,
    pub seed: Option<u64>,
    pub no_spot: bool,
    pub theme: ThemeName,
    pub plain: bool,
    /// The words of the interface (`--lang`).
    pub locale: crate::i18n::Locale,
}

/// Where this session saves: the learner's progress and the machine's completion records.
pub struct Stores {
    pub progress: Option<ProgressStore>,
    pub completions: Option<CompletionStore>,
    /// Problems opening them, told to the learner at the start.
    pub notices: Vec<Phrase>,
    /// The learner's saved answers, summarised (rounds favour what they get wrong).
    pub history: Summary,
}

/// Builds the app for `plan`; `Err` is a message for the user (nothing to show).
pub fn build(
    plan: &Plan,
    pool: Vec<crate::scenario::Scenario>,
    opts: &Options,
    history: Summary,
) -> Result<App, String> {
    let today = Date::today_days();
    let random = || opts.seed.unwrap_or_else(rand::random);
    let deck_seed = |deck: &Deck| opts.seed.or(deck.seed).unwrap_or_else(rand::random);
    let mut app = match plan {
        Plan::Practice { deck: None } => {
            let spec = RoundSpec { count: opts.count, categories: opts.categories.clone(), seed: random() };
            let mut app = App::with_history(pool, spec, today, history);
            app.session.spot_enabled = !opts.no_spot;
            app
        }
        Plan::Practice { deck: Some(deck) } => {
            let seed = deck_seed(deck);
            let stage = messages(deck, &pool, seed, deck.feedback == Feedback::AtEnd, false);
            let mut app = App::with_stages(pool, Mode::Practice, vec![stage], seed, today);
            app.progress = crate::app::Progress::new(history);
            app.session.spot_enabled = deck.spot && !opts.no_spot;
            app
        }
        Plan::Exam { deck, learner } => {
            let seed = deck_seed(deck);
            let stage = messages(deck, &pool, seed, true, true);
            let intro = exam_intro(&exam_intro_text(&opts.locale), &opts.locale, deck, &stage, opts.plain)?;
            let mut app = App::with_stages(pool, Mode::Exam, vec![Stage::Lesson(intro), stage], seed, today);
            app.progress = crate::app::Progress::new(history);
            app.session.exam = Some(setup(deck, learner));
            app.session.spot_enabled = deck.spot && !opts.no_spot;
            app
        }
        Plan::Present { deck, from } => {
            let seed = deck_seed(deck);
            let items = deck.choose(&pool, seed);
            if *from > items.len() {
                let has = opts.locale.fmt("session.deck_has", &[("count", Arg::Num(items.len() as i64))]);
                return Err(format!("--from {from}: {has}"));
            }
            let stage = Stage::Messages { items, at_end: false, graded: false, time_limit: None };
            let mut app = App::with_stages(pool, Mode::Present, vec![stage], seed, today);
            app.session.spot_enabled = false;
            app.position = from.saturating_sub(1);
            app.session.first_item = app.position;
            app
        }
        Plan::Course { course, exam, learner, .. } => {
            let seed = deck_seed(exam);
            let mut stages = Vec::new();
            for step in &course.steps {
                stages.push(Stage::Lesson(step.lesson.clone()));
                if !step.practice.is_empty() {
                    stages.push(Stage::Messages {
                        items: step.practice.clone(),
                        at_end: false,
                        graded: false,
                        time_limit: None,
                    });
                }
            }
            let exam_stage = messages(exam, &pool, seed, true, true);
            let intro = fill_intro(course.exam_intro.clone(), &opts.locale, exam, &exam_stage, opts.plain);
            stages.push(Stage::Lesson(intro));
            stages.push(exam_stage);
            let mut app = App::with_stages(pool, Mode::Course, stages, seed, today);
            app.progress = crate::app::Progress::new(history);
            app.session.exam = Some(setup(exam, learner));
            app.session.spot_enabled = !opts.no_spot;
            app
        }
    };
    if app.round.is_empty() && app.session.stages.is_empty() {
        return Err(opts.locale.text("session.no_scenarios").into_owned());
    }
    if app.round.is_empty() && app.lesson().is_none() {
        return Err(opts.locale.text("session.no_messages").into_owned());
    }
    app.session.id = session_id(crate::runtime::now(), std::process::id(), rand::random());
    app.locale = opts.locale.clone();
    Ok(app)
}

/// A round id prefix unique to this run: seconds, process id and 32 random bits. The time
/// first keeps ids readable and roughly ordered; the pid and the random part separate trainers
/// started in the same second (on one machine, or on several sharing a data folder).
pub fn session_id(seconds: u64, pid: u32, random: u32) -> String {
    format!("{seconds}.{pid}.{random:08x}")
}

/// A deck's `description`, shown above the first message of a deck without an introduction
/// page (practice, presenter).
fn description_notice(plan: &Plan) -> Option<Phrase> {
    let deck = match plan {
        Plan::Practice { deck: Some(deck) } | Plan::Present { deck, .. } => deck,
        _ => return None,
    };
    let description = deck.description.as_deref().map(str::trim).filter(|d| !d.is_empty())?;
    Some(Phrase::new("notice.deck_description").with("title", deck.title.as_str()).with("description", description))
}

/// A deck's messages as one stage.
fn messages(deck: &Deck, pool: &[crate::scenario::Scenario], seed: u64, at_end: bool, graded: bool) -> Stage {
    Stage::Messages { items: deck.choose(pool, seed), at_end, graded, time_limit: deck.time_limit }
}

fn setup(deck: &Deck, learner: &str) -> ExamSetup {
    ExamSetup {
        learner: learner.to_string(),
        deck: deck.name.clone(),
        deck_title: deck.title.clone(),
        deck_checksum: deck.checksum.clone(),
        pass_mark: deck.pass_mark,
    }
}

/// Runs `plan` to the end and returns the exit code.
pub fn run(plan: Plan, corpus: Corpus, opts: &Options, stores: Stores) -> u8 {
    let plain = opts.plain || !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal();
    let opts = &Options { plain, categories: opts.categories.clone(), locale: opts.locale.clone(), ..*opts };
    let Corpus { scenarios, problems, .. } = corpus;
    let Stores { progress, completions, mut notices, history } = stores;
    notices.extend(description_notice(&plan));
    let mut app = match build(&plan, scenarios, opts, history) {
        Ok(app) => app,
        Err(e) => {
            super::complain(&e);
            return EXIT_USAGE;
        }
    };
    if !problems.is_empty() {
        notices.push(Phrase::new("notice.skipped_files").with("count", problems.len()));
    }
    if app.session.exam.is_some() && completions.is_none() {
        notices.push(Phrase::new("notice.exam_not_recordable"));
    }
    let mut place = CoursePlace::open(&plan, completions.as_ref());
    if let Some(place) = &mut place {
        notices.extend(place.resume(&mut app));
    }
    app.notice = notices;
    if plain {
        app.untimed();
    }
    let theme = Theme::choose(opts.theme, Theme::no_color_env());
    // Presenting keeps no record of the room: nothing is saved.
    if !app.policy().saves_progress {
        let outcome = run_in(plain, app, theme, Shared::new(NullSink));
        return finish(&opts.locale, outcome, None, &problems);
    }
    let mut sink = FileSink::new(progress, completions.clone());
    if let Some(mut place) = place {
        sink.place = Some(Box::new(move |app: &App| place.note(app)));
    }
    let sink = Shared::new(sink);
    let outcome = run_in(plain, app, theme, sink.clone());
    let finished = sink.lock().finished().cloned();
    let saved_in = |saved: bool| completions.as_ref().filter(|_| saved);
    let result = finished.map(|(record, saved)| result_line(&opts.locale, &record, saved_in(saved)));
    finish(&opts.locale, outcome, result, &problems)
}

/// Runs the session in the terminal or line by line; the exit code and the saving errors.
fn run_in<S: SavePending + 'static>(
    plain: bool,
    app: App,
    theme: Theme,
    sink: Shared<S>,
) -> std::io::Result<(u8, Vec<String>)> {
    let mut session = Session::new(app, theme);
    let code = if plain { crate::plain::run(&mut session, sink) } else { terminal::run(&mut session, sink) };
    code.map(|code| (code, session.errors))
}

/// Prints what must outlive the screen and returns the exit code.
fn finish(
    t: &crate::i18n::Locale,
    outcome: std::io::Result<(u8, Vec<String>)>,
    result: Option<String>,
    problems: &[crate::scenario::Problem],
) -> u8 {
    let (code, mut report) = match outcome {
        Ok((code, errors)) => {
            let said = |e: &String| format!("smishdrill: {}", t.fmt("session.not_saved", &[("error", Arg::Str(e))]));
            (code, errors.iter().take(3).map(said).collect())
        }
        // The reader closed the pipe (`smishdrill | head`): nobody is left to tell.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => (0, Vec::new()),
        Err(e) => {
            let e = e.to_string();
            (1, vec![format!("smishdrill: {}", t.fmt("session.terminal_error", &[("error", Arg::Str(&e))]))])
        }
    };
    report.extend(result);
    report.extend(problems.iter().map(ToString::to_string));
    // The terminal may be gone (SIGHUP): a failed write here must not turn into a panic.
    let mut stderr = std::io::stderr().lock();
    for line in report {
        if writeln!(stderr, "{}", crate::text_safety::terminal_line(&line)).is_err() {
            break;
        }
    }
    code
}

/// One line that outlives the screen: the result, and where it was recorded — `saved_in` is
/// the store only when the record really was written there; otherwise the line says it was
/// NOT recorded (the reason is printed just above it).
fn result_line(t: &crate::i18n::Locale, record: &CompletionRecord, saved_in: Option<&CompletionStore>) -> String {
    let place = match saved_in {
        Some(store) => t.fmt("session.recorded_in", &[("path", Arg::Str(&store.path().display().to_string()))]),
        None => t.text("session.not_recorded").into_owned(),
    };
    let learner = crate::text_safety::terminal_line(&record.learner);
    let deck = crate::text_safety::terminal_line(&record.deck);
    // The status is the record's own word (`passed`, `failed`, `incomplete`): scripts read it.
    let line = t.fmt(
        "session.result",
        &[
            ("learner", Arg::Str(&learner)),
            ("deck", Arg::Str(&deck)),
            ("status", Arg::Str(record.status.name())),
            ("right", Arg::Num(i64::from(record.correct))),
            ("count", Arg::Num(i64::from(record.asked))),
            ("pass_mark", Arg::Num(i64::from(record.pass_mark))),
            ("place", Arg::Str(&place)),
        ],
    );
    format!("smishdrill: {line}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Msg, update};

    fn options() -> Options {
        Options {
            count: 10,
            categories: Vec::new(),
            seed: Some(1),
            no_spot: false,
            theme: ThemeName::Mono,
            plain: true,
            locale: crate::i18n::Locale::english(),
        }
    }

    #[test]
    fn the_presenter_can_start_after_a_break() {
        let pool = Corpus::embedded().scenarios;
        let deck = crate::deck::find("classroom-45min", &pool).unwrap();
        let plan = Plan::Present { deck: deck.clone(), from: 5 };
        let app = build(&plan, pool.clone(), &options(), Summary::default()).unwrap();
        assert_eq!((app.position, app.screen), (4, crate::app::Screen::Present));
        assert_eq!(app.current().map(|s| s.id.as_str()), Some(deck.ids[4].as_str()), "fixed order: the fifth id");
        let mut app = app;
        for m in [Msg::Confirm, Msg::Next].iter().cycle().take(16).cloned() {
            update(&mut app, m);
        }
        assert_eq!(app.screen, crate::app::Screen::Summary);
        let summary = crate::ui::page_text(&app, 78).join("\n");
        assert!(summary.contains("End of the deck: 8 messages discussed"), "{summary}");
        assert!(!summary.contains("\n4. ") && summary.contains("\n5. "), "only the messages shown: {summary}");
        update(&mut app, Msg::Review);
        assert_eq!(app.position, 4, "reviewing starts where the session started");
        update(&mut app, Msg::Previous);
        assert_eq!(app.screen, crate::app::Screen::Summary, "and does not go back before it");
        let plan = Plan::Present { deck, from: 13 };
        assert_eq!(
            build(&plan, pool, &options(), Summary::default()).unwrap_err(),
            "--from 13: the deck has 12 messages"
        );
    }

    #[test]
    fn the_exam_introduction_parses_and_is_filled_in() {
        let pool = Corpus::embedded().scenarios;
        let deck = crate::deck::find("onboarding-exam", &pool).unwrap();
        let stage = messages(&deck, &pool, 1, true, true);
        let english = crate::i18n::Locale::english();
        let intro = exam_intro(&exam_intro_text(&english), &english, &deck, &stage, false).unwrap();
        assert_eq!(intro.title, deck.title);
        let text = format!("{:?}", intro.blocks);
        assert!(text.contains("20 text messages") && text.contains("80 % right"), "{text}");
        assert!(text.contains("120 seconds per message"), "{text}");
        assert!(!text.contains('{'), "every placeholder is filled: {text}");
        let pseudo = crate::i18n::Locale::get("en-XA").unwrap();
        let intro = exam_intro(&exam_intro_text(&pseudo), &pseudo, &deck, &stage, false).unwrap();
        let text = format!("{:?}", intro.blocks);
        assert!(intro.title == deck.title && !text.contains("text messages") && text.contains("20"), "{text}");
        assert!(
            !text.contains('{')
                && intro.blocks.iter().filter(|b| matches!(b, crate::course::Block::Bullet(_))).count() == 5
        );
    }
    #[test]
    fn plain_introductions_promise_no_time_limit_and_show_the_description() {
        let pool = Corpus::embedded().scenarios;
        let mut deck = crate::deck::find("onboarding-exam", &pool).unwrap();
        deck.description = Some("For new staff in their first week.".into());
        let stage = messages(&deck, &pool, 1, true, true);
        let english = crate::i18n::Locale::english();
        let plain = exam_intro(&exam_intro_text(&english), &english, &deck, &stage, true).unwrap();
        let text = format!("{:?}", plain.blocks);
        assert!(text.contains("Time allowed: as long as you need."), "{text}");
        assert!(!text.contains("per message"), "{text}");
        assert_eq!(plain.blocks[0], crate::course::Block::Paragraph("For new staff in their first week.".into()));
        let course = crate::course::embedded(&pool).unwrap();
        let builtin = crate::deck::find("onboarding-exam", &pool).unwrap().description.unwrap();
        assert!(!builtin.contains("minute") && !builtin.contains("second"), "no timing promised: {builtin}");
        let plan = Plan::Course { course, exam: deck.clone(), learner: "ada".into(), start_again: false };
        let app = build(&plan, pool.clone(), &options(), Summary::default()).unwrap();
        let intro = app.session.stages.iter().rev().find_map(|s| match s {
            Stage::Lesson(l) => Some(format!("{:?}", l.blocks)),
            Stage::Messages { .. } => None,
        });
        let intro = intro.unwrap();
        assert!(intro.contains("as long as you need") && !intro.contains("per message"), "{intro}");
        assert!(intro.contains("For new staff in their first week."), "{intro}");
        let practice = Plan::Practice { deck: Some(deck) };
        let notice = description_notice(&practice).unwrap().say(&crate::i18n::Locale::english());
        assert!(notice.ends_with(": For new staff in their first week."), "{notice}");
    }

    #[test]
    fn session_ids_differ_for_runs_started_in_the_same_second() {
        let a = session_id(1_700_000_000, 41, 7);
        assert_ne!(a, session_id(1_700_000_000, 42, 7), "another process");
        assert_ne!(a, session_id(1_700_000_000, 41, 8), "another machine, same pid");
        assert!(a.starts_with("1700000000."), "{a}");
    }
}
