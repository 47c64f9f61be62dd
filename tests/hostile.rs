//! Hostile input: nothing a scenario file says can reach the terminal raw, and no input makes
//! the checker panic.

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use smishdrill::app::{App, Mode, Msg, Stage, update};
use smishdrill::round::RoundSpec;
use smishdrill::scenario::{Category, Cue, FlagKind, Message, Scenario, Verdict, parse_scenario};
use smishdrill::ui::{Theme, view};

/// Terminal attacks a text could carry: an OSC 8 hyperlink, an OSC 52 clipboard write, a
/// screen clear, a C1 CSI, a bell, bidi overrides and zero-width characters.
const PAYLOADS: [&str; 7] = [
    "\u{1b}]8;;https://evil.example/\u{7}click\u{1b}]8;;\u{7}",
    "\u{1b}]52;c;cGF5IG1l\u{7}",
    "\u{1b}[2J\u{1b}[H",
    "\u{9b}31m",
    "\u{7}",
    "usps\u{202E}moc.\u{2066}x\u{2069}",
    "zero\u{200B}width\u{FEFF}",
];

/// A scenario built directly (the checker would refuse it), so the display path alone is tested.
fn hostile_scenario() -> Scenario {
    let text = PAYLOADS.join(" | ");
    Scenario {
        id: "toll-hostile".into(),
        verdict: Verdict::Scam,
        category: Category::Toll,
        title: format!("title {}", PAYLOADS[0]),
        context: Some(format!("context {}", PAYLOADS[1])),
        notes: Some(format!("notes {}", PAYLOADS[2])),
        difficulty: Some(1),
        thread: vec![Message {
            sender: Some(format!("sender{}", PAYLOADS[3])),
            time: Some(PAYLOADS[2].into()),
            text: text.clone(),
        }],
        flags: vec![
            Cue { kind: FlagKind::Sender, quote: Some(PAYLOADS[4].into()), why: format!("why {}", PAYLOADS[0]) },
            Cue { kind: FlagKind::Urgency, quote: Some(PAYLOADS[1].into()), why: "w".into() },
        ],
        signs: vec![],
        question: None,
        verify: vec![format!("verify {}", PAYLOADS[1])],
        sources: vec![format!("https://x.example/{}", PAYLOADS[2])],
        origin: "hostile.toml".into(),
        template: None,
        undrawn: false,
    }
}

/// A writer whose bytes the test can read afterwards.
#[derive(Clone, Default)]
struct Captured(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every byte the real crossterm backend writes while drawing `app`.
fn bytes_written(app: &mut App) -> Vec<u8> {
    let captured = Captured::default();
    let mut terminal = Terminal::new(CrosstermBackend::new(captured.clone())).unwrap();
    terminal.resize(ratatui::layout::Rect::new(0, 0, 100, 60)).unwrap();
    let mut report = Default::default();
    terminal
        .draw(|f| {
            report = view(f, app, &Theme::color());
        })
        .unwrap();
    drop(terminal);
    update(app, smishdrill::ui::ViewReport::msg(report));
    captured.0.borrow().clone()
}

#[test]
fn no_escape_sequence_from_scenario_text_reaches_the_terminal() {
    let mut app = App::on_day(vec![hostile_scenario()], RoundSpec { count: 1, categories: vec![], seed: 0 }, 20_782);
    app.session.spot_enabled = false;
    let mut screens = vec![bytes_written(&mut app)];
    for m in [Msg::Verdict(Verdict::Legit), Msg::Choose(0)] {
        update(&mut app, m);
    }
    screens.push(bytes_written(&mut app)); // the reveal, with flags marked
    // Presenter mode: the projector screen, the tally, and the reveal with the instructor's notes.
    let stage = Stage::Messages { items: vec![0], at_end: false, graded: false, time_limit: None };
    let mut present = App::with_stages(vec![hostile_scenario()], Mode::Present, vec![stage], 0, 20_782);
    screens.push(bytes_written(&mut present));
    update(&mut present, Msg::StartTally);
    screens.push(bytes_written(&mut present));
    for m in [Msg::Digit(3), Msg::Confirm, Msg::Confirm] {
        update(&mut present, m);
    }
    screens.push(bytes_written(&mut present)); // the room's vote
    update(&mut present, Msg::Confirm);
    bytes_written(&mut present);
    update(&mut present, Msg::ScrollToEnd);
    let notes = bytes_written(&mut present);
    assert!(String::from_utf8_lossy(&notes).contains("notes"), "the notes are on the presenter's reveal");
    screens.push(notes);
    for out in screens {
        let text = String::from_utf8_lossy(&out);
        for attack in [
            "\u{1b}]8;",
            "\u{1b}]52;",
            "\u{1b}[2J\u{1b}[H",
            "\u{9b}",
            "\u{7}",
            "\u{202E}",
            "\u{2066}",
            "\u{200B}",
            "\u{FEFF}",
        ] {
            assert!(!text.contains(attack), "{attack:?} reached the terminal");
        }
        // Every escape the backend wrote is one of its own: CSI (ESC [) sequences only.
        for (i, b) in out.iter().enumerate() {
            if *b == 0x1b {
                assert_eq!(out.get(i + 1), Some(&b'['), "a non-CSI escape at byte {i}");
            }
        }
        assert!(text.contains('␛'), "escapes are shown as a visible marker");
    }
}

/// The built-in scenarios, loaded once for the deck properties.
fn pool() -> &'static [Scenario] {
    static POOL: std::sync::OnceLock<Vec<Scenario>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| smishdrill::corpus::Corpus::embedded().scenarios)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Arbitrary text never panics the checker, and a rejection always has a place.
    #[test]
    fn the_checker_never_panics_on_arbitrary_text(text in any::<String>()) {
        if let Err(problems) = parse_scenario("fuzz.toml", &text) {
            for p in problems {
                prop_assert!(p.at.line >= 1 && p.at.col >= 1);
            }
        }
    }

    /// Valid files with random bytes spliced in: still no panic.
    #[test]
    fn the_checker_never_panics_on_damaged_files(at in 0usize..2000, junk in "\\PC{0,12}") {
        let (_, text) = smishdrill::corpus::EMBEDDED[at % smishdrill::corpus::EMBEDDED.len()];
        let cut = text.char_indices().map(|(i, _)| i).nth(at % text.chars().count()).unwrap_or(0);
        let damaged = format!("{}{}{}", &text[..cut], junk, &text[cut..]);
        let _ = parse_scenario("damaged.toml", &damaged);
    }

    /// Deck files: arbitrary text never panics the deck checker; every rejection has a place.
    #[test]
    fn the_deck_checker_never_panics_on_arbitrary_text(text in any::<String>()) {
        if let Err(problems) = smishdrill::deck::parse_deck("fuzz.toml", &text, pool()) {
            prop_assert!(!problems.is_empty());
            for p in problems {
                prop_assert!(p.at.line >= 1 && p.at.col >= 1);
            }
        }
    }

    /// Bundled decks with random text spliced in: no panic, and a deck that still parses still
    /// chooses items without panicking.
    #[test]
    fn the_deck_checker_never_panics_on_damaged_decks(at in 0usize..4000, junk in "\\PC{0,16}", seed in any::<u64>()) {
        let decks = smishdrill::deck::embedded();
        let (_, text) = decks[at % decks.len()];
        let cut = text.char_indices().map(|(i, _)| i).nth(at % text.chars().count()).unwrap_or(0);
        let damaged = format!("{}{}{}", &text[..cut], junk, &text[cut..]);
        match smishdrill::deck::parse_deck("damaged.toml", &damaged, pool()) {
            Ok(deck) => {
                let items = deck.choose(pool(), seed);
                prop_assert!(items.iter().all(|&i| i < pool().len()));
            }
            Err(problems) => prop_assert!(problems.iter().all(|p| p.at.line >= 1 && p.at.col >= 1)),
        }
    }

    /// Lesson files: arbitrary text is a lesson or a clear error, never a panic.
    #[test]
    fn lessons_never_panic(text in any::<String>()) {
        if let Ok(lesson) = smishdrill::course::Lesson::parse(&text) {
            prop_assert!(!lesson.title.is_empty() && !lesson.blocks.is_empty());
        }
    }
}

#[test]
fn a_huge_message_is_checked_and_drawn() {
    let big = "pay now ".repeat(12_500); // 100 000 characters
    let text = format!(
        "id = \"toll-big\"\nverdict = \"legit\"\ncategory = \"toll\"\ntitle = \"Big\"\nverify = [\"v\"]\n[[thread]]\nsender = \"39769\"\ntext = \"{big}\"\n[[sign]]\nkind = \"no-link\"\nwhy = \"w\"\n"
    );
    let s = parse_scenario("big.toml", &text).expect("valid").scenario;
    let mut app = App::on_day(vec![s], RoundSpec { count: 1, categories: vec![], seed: 0 }, 20_782);
    let out = bytes_written(&mut app);
    assert!(!out.is_empty());
}

#[test]
fn a_folder_of_ten_thousand_files_is_read_and_every_bad_one_reported() {
    let dir = std::env::temp_dir().join(format!("smishdrill-10k-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..10_000 {
        std::fs::write(dir.join(format!("f{i:05}.toml")), format!("id = \"toll-{i}\"\nverdict = \"maybe\"\n")).unwrap();
    }
    let c = smishdrill::corpus::Corpus::from_paths(std::slice::from_ref(&dir));
    assert_eq!(c.files, 10_000);
    assert!(c.scenarios.is_empty());
    assert!(c.problems.len() >= 10_000);
    assert!(c.problems.iter().all(|p| p.at.path.ends_with(".toml") && p.at.line >= 1));
    std::fs::remove_dir_all(&dir).unwrap();
}
