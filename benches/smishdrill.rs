//! Benchmarks: loading and checking corpora, drawing screens, choosing rounds.
//! Run with `cargo bench`; results and how they compare with the targets are in
//! docs/performance.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use smishdrill::app::{App, Mode, Msg, Screen, Stage, StatsCache, update};
use smishdrill::corpus::{Corpus, EMBEDDED};
use smishdrill::learning::record::AnswerRecord;
use smishdrill::learning::schedule::weights;
use smishdrill::learning::summary::Summary;
use smishdrill::round::{RoundSpec, choose_weighted};
use smishdrill::scenario::Verdict;
use smishdrill::ui::{Theme, view};

/// `n` distinct valid scenario files shaped like the bundled ones (no variables).
fn generated(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            let text = format!(
                r#"id = "toll-generated-{i}"
verdict = "scam"
category = "toll"
title = "Generated toll text {i}"
context = "You drive on toll roads now and then."
difficulty = 2
verify = ["Type the agency's site yourself.", "Forward the text to 7726 (SPAM), then delete it."]
sources = ["https://www.ic3.gov/PSA/2024/PSA240412"]

[[thread]]
sender = "+63 917 555 01{:02}"
time = "Today 7:{:02} PM"
text = "E-ZPass: You have an unpaid toll of ${}.{:02}. Pay by Nov 26 to avoid a $50.00 late fee: https://e-zpassny.com-pay{i}.top/ny"

[[flag]]
kind = "sender"
quote = "+63 917 555 01{:02}"
why = "A US toll agency does not text from a number in the Philippines."

[[flag]]
kind = "lookalike-link"
quote = "e-zpassny.com-pay{i}.top"
why = "Read an address from the right: the real site is what follows `.com-`."

[[question]]
ask = "What should you do now?"
choices = ["Pay it", "Check your account at the agency's site, typed by hand", "Reply STOP"]
answer = 2
why = "Go to the agency yourself; never through the text's link."
"#,
                i % 100,
                i % 60,
                i % 13,
                i % 100,
                i % 100
            );
            (format!("generated/{i}.toml"), text)
        })
        .collect()
}

/// About `n` files shaped exactly like the bundled ones — variables and all — made by copying
/// the bundled corpus with new ids: what an organisation with a large corpus of its own checks.
fn bundled_style(n: usize) -> Vec<(String, String)> {
    let mut files = Vec::with_capacity(n);
    for copy in 0.. {
        for (path, text) in EMBEDDED {
            if files.len() == n {
                return files;
            }
            let id = text.lines().find_map(|l| l.strip_prefix("id = \"")).and_then(|l| l.strip_suffix('"'));
            let Some(id) = id else { continue };
            let text = text.replacen(&format!("id = \"{id}\""), &format!("id = \"{id}-copy-{copy}\""), 1);
            files.push((format!("copy-{copy}/{path}"), text));
        }
    }
    files
}

/// `check` against its floor, the `toml` crate parsing the same files once, side by side.
fn check_scale_benches(c: &mut Criterion) {
    for (name, files) in [("with variables", bundled_style(10_000)), ("without variables", generated(10_000))] {
        let mut group = c.benchmark_group(format!("check 10 000 bundled-style scenarios {name}"));
        group.sample_size(10);
        group.bench_function("check (every variant)", |b| {
            b.iter(|| black_box(Corpus::from_sources(files.iter().map(|(p, t)| (p.clone(), Ok(t.clone()))))))
        });
        group.bench_function("floor: toml crate parsing each file once", |b| {
            b.iter(|| {
                for (_, t) in &files {
                    black_box(toml::from_str::<toml::Table>(t).expect("valid"));
                }
            })
        });
        group.finish();
    }
}

fn corpus_benches(c: &mut Criterion) {
    c.bench_function("load bundled corpus (start-up)", |b| b.iter(|| black_box(Corpus::embedded())));
    c.bench_function("check bundled corpus (25 variants each)", |b| b.iter(|| black_box(Corpus::embedded_checked())));
    let files = generated(10_000);
    let mut group = c.benchmark_group("10 000 generated scenarios");
    group.sample_size(10);
    group.bench_function("check", |b| {
        b.iter(|| black_box(Corpus::from_sources(files.iter().map(|(p, t)| (p.clone(), Ok(t.clone()))))))
    });
    group.bench_function("toml crate alone (parse to a table)", |b| {
        b.iter(|| {
            for (_, t) in &files {
                black_box(toml::from_str::<toml::Table>(t).expect("valid"));
            }
        })
    });
    group.finish();
    black_box(EMBEDDED.len());
}

/// An app on the bundled corpus, moved to `screen_steps` (0 judge, 1 reveal, 2 summary).
fn app_at(step: usize) -> App {
    let pool = Corpus::embedded().scenarios;
    let mut app = App::on_day(pool, RoundSpec { count: 10, categories: vec![], seed: 1 }, 20_782);
    app.session.spot_enabled = false;
    let answer = |app: &mut App| {
        for m in [Msg::Verdict(Verdict::Scam), Msg::Choose(0), Msg::Choose(0)] {
            update(app, m);
        }
    };
    if step >= 1 {
        answer(&mut app);
    }
    if step >= 2 {
        for _ in 0..10 {
            update(&mut app, Msg::Next);
            answer(&mut app);
        }
    }
    app
}

/// The presenter's screens and the course's first lesson, on the bundled decks and course.
fn mode_app(name: &str) -> App {
    let pool = Corpus::embedded().scenarios;
    let deck = smishdrill::deck::find("classroom-45min", &pool).expect("bundled deck");
    let items = deck.choose(&pool, 1);
    let stage = |items: Vec<usize>| Stage::Messages { items, at_end: false, graded: false, time_limit: None };
    match name {
        "lesson" => {
            let course = smishdrill::course::embedded(&pool).expect("bundled course");
            let lesson = Stage::Lesson(course.steps[0].lesson.clone());
            App::with_stages(pool, Mode::Course, vec![lesson, stage(items)], 1, 20_782)
        }
        _ => {
            let mut app = App::with_stages(pool, Mode::Present, vec![stage(items)], 1, 20_782);
            if name == "present reveal" {
                for m in [Msg::StartTally, Msg::Digit(7), Msg::Confirm, Msg::Digit(3), Msg::Confirm, Msg::Confirm] {
                    update(&mut app, m);
                }
            }
            app
        }
    }
}

/// `n` saved answers over the bundled corpus, a third of them wrong, in rounds of ten.
fn history(pool: &[smishdrill::scenario::Scenario], n: usize) -> Vec<AnswerRecord> {
    (0..n)
        .map(|i| {
            let s = &pool[i % pool.len()];
            let said = if i % 3 == 0 { Verdict::Legit } else { s.verdict };
            AnswerRecord::new(format!("r{}", i / 10), s, said, Some("sure"), None, None)
        })
        .collect()
}

/// The screens issue #12 found without a bench, each reached by the keys a learner presses.
fn more_screens(name: &str) -> App {
    let send = |app: &mut App, msgs: &[Msg]| msgs.iter().for_each(|m| drop(update(app, m.clone())));
    let (mut app, msgs, screen): (App, &[Msg], Screen) = match name {
        "confidence" => (app_at(0), &[Msg::Verdict(Verdict::Scam)], Screen::Confidence),
        "spot (cursor and marks)" => {
            let mut app = app_at(0);
            app.session.spot_enabled = true;
            let msgs =
                &[Msg::Verdict(Verdict::Scam), Msg::Choose(0), Msg::ToggleMark, Msg::MoveCursor(1), Msg::MoveCursor(1)];
            (app, msgs, Screen::Spot)
        }
        "question" => (app_at(0), &[Msg::Verdict(Verdict::Scam), Msg::Choose(0)], Screen::Question),
        "help overlay" => (app_at(0), &[Msg::ToggleHelp], Screen::Judge),
        "tally" => (
            mode_app("present"),
            &[Msg::StartTally, Msg::Digit(1), Msg::Digit(4), Msg::Confirm, Msg::Digit(6)],
            Screen::Tally,
        ),
        "vote" => (
            mode_app("present"),
            &[Msg::StartTally, Msg::Digit(1), Msg::Digit(4), Msg::Confirm, Msg::Digit(6), Msg::Confirm],
            Screen::Vote,
        ),
        _ => {
            // "stats (10 000 answers)": the progress screen after a round, over a long history.
            let pool = Corpus::embedded().scenarios;
            let past = history(&pool, 10_000);
            let spec = RoundSpec { count: 10, categories: vec![], seed: 1 };
            let mut app = App::with_history(pool, spec, 20_782, Summary::of(&past));
            app.session.spot_enabled = false;
            for _ in 0..10 {
                send(&mut app, &[Msg::Verdict(Verdict::Scam), Msg::Choose(0), Msg::Choose(0), Msg::Next]);
            }
            (app, &[Msg::ToggleStats], Screen::Stats)
        }
    };
    send(&mut app, msgs);
    assert_eq!(app.screen, screen, "{name}");
    app
}

fn render_benches(c: &mut Criterion) {
    let theme = Theme::color();
    let screens = [
        "judge",
        "reveal",
        "summary",
        "present",
        "present reveal",
        "lesson",
        "confidence",
        "spot (cursor and marks)",
        "question",
        "help overlay",
        "tally",
        "vote",
        "stats (10 000 answers)",
    ];
    for name in screens {
        for (w, h) in [(80u16, 24u16), (200, 60)] {
            let app = match name {
                "judge" => app_at(0),
                "reveal" => app_at(1),
                "summary" => app_at(2),
                "present" | "present reveal" | "lesson" => mode_app(name),
                other => more_screens(other),
            };
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
            c.bench_function(&format!("draw {name} {w}x{h}"), |b| {
                b.iter(|| {
                    terminal
                        .draw(|f| {
                            black_box(view(f, &app, &theme));
                        })
                        .map(|_| ())
                        .expect("draw")
                })
            });
        }
    }
    // The progress screen computes its report once per visit (then draws it from a cache): the
    // frame that computes it, over 10 000 answers.
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let mut app = more_screens("stats (10 000 answers)");
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
        c.bench_function(&format!("draw stats (10 000 answers, first frame of a visit) {w}x{h}"), |b| {
            b.iter(|| {
                app.progress.stats = StatsCache::default();
                terminal
                    .draw(|f| {
                        black_box(view(f, &app, &theme));
                    })
                    .map(|_| ())
                    .expect("draw")
            })
        });
    }
    // `smishdrill inspect`: a pasted toll text's result.
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        use smishdrill::inspect_app::{InspectApp, Msg as InspectMsg, update as inspect_update};
        let mut app = InspectApp::new(Some("+1 (305) 555-0172"));
        let text = "SunPass: You have an unpaid toll of $4.35. Pay within 12 hours to avoid a $50 fee: https://sunpass.com-toll.top/fl Reply Y to open the link.";
        inspect_update(&mut app, InspectMsg::Paste(text.into()));
        inspect_update(&mut app, InspectMsg::Inspect);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
        c.bench_function(&format!("draw inspect result {w}x{h}"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| {
                        black_box(smishdrill::ui::inspect::view(f, &app, &theme));
                    })
                    .map(|_| ())
                    .expect("draw")
            })
        });
    }
}

fn schedule_benches(c: &mut Criterion) {
    let pool = Corpus::embedded().scenarios;
    let history = Summary::of(&history(&pool, 10_000));
    c.bench_function("choose a round from a 10 000-answer history", |b| {
        b.iter(|| {
            let w = weights(&pool, &history);
            black_box(choose_weighted(&pool, &RoundSpec { count: 10, categories: vec![], seed: 3 }, &w))
        })
    });
}

/// `report --merge` over a big export beside its floor, serde_json parsing the same file once
/// into a `Value`. The file is made by `benches/merge-scale.py` and named by
/// `SMISHDRILL_MERGE_FILE`; without it the group is skipped (the data is never committed).
fn merge_scale_benches(c: &mut Criterion) {
    use std::io::BufReader;
    use std::path::PathBuf;
    let Some(path) = std::env::var_os("SMISHDRILL_MERGE_FILE").map(PathBuf::from) else {
        return;
    };
    let mut group = c.benchmark_group("merge scale");
    group.sample_size(10);
    group.bench_function("floor: serde_json::from_reader::<Value>", |b| {
        b.iter(|| {
            let file = BufReader::new(std::fs::File::open(&path).unwrap());
            black_box(serde_json::from_reader::<_, serde_json::Value>(file).unwrap())
        })
    });
    // The strictest floor: the same bytes parsed once, nothing built.
    group.bench_function("floor: serde_json::from_reader::<IgnoredAny>", |b| {
        b.iter(|| {
            let file = BufReader::new(std::fs::File::open(&path).unwrap());
            black_box(serde_json::from_reader::<_, serde::de::IgnoredAny>(file).unwrap())
        })
    });
    // As strict, for a reader that parses from memory (as `merge_files` now does, a chunk at a
    // time): the file read whole, then parsed once from the slice, nothing built.
    group.bench_function("floor: fs::read + serde_json::from_slice::<IgnoredAny>", |b| {
        b.iter(|| {
            let bytes = std::fs::read(&path).unwrap();
            black_box(serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).unwrap())
        })
    });
    group.bench_function("merge_files (streamed class view)", |b| {
        b.iter(|| {
            let (view, all_read) =
                smishdrill::report::merge::merge_files(std::slice::from_ref(&path), None, |e| panic!("{e}"));
            assert!(all_read);
            black_box(view)
        })
    });
    group.finish();
}

criterion_group!(benches, check_scale_benches, corpus_benches, render_benches, schedule_benches, merge_scale_benches);
criterion_main!(benches);
