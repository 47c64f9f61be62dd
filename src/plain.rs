//! `--plain`: the trainer line by line, for screen readers, braille displays, dumb terminals
//! and pipes. No alternate screen, no cursor movement, no colour: each step prints its page as
//! text and reads one line of answer. The same state, the same `update`, the same content as
//! the full-screen trainer; keys become words or numbers typed and confirmed with Enter.

use std::io::{self, BufRead, Write};

use crate::app::{App, Msg, Screen, help_rows, msgs_for_word_in, update};
use crate::i18n::key;
use crate::learning::spot;
use crate::runtime::{Session, Shared, Sink, now, report_step};
use crate::terminal::{SavePending, watch_plain_signals};
use crate::text_safety::sanitize_line;
use crate::ui::{page_text, panel_text, prompt::say};

const WIDTH: usize = 78;

/// The messages one typed line means on the current screen: read from the key table
/// (`app::ROWS`), the same one the keys and the `?` overlay come from.
pub fn msgs_for_line(app: &App, line: &str) -> Vec<Msg> {
    let pieces = app.current().map_or(0, |s| spot::pieces(s).len());
    msgs_for_word_in(&app.locale, app.screen, line, pieces)
}

/// Why a line did nothing: an empty line answers nothing (no answer is ever assumed), and
/// anything else is not understood. Either way the prompt comes again.
fn not_understood(app: &App, line: &str) -> String {
    let want_key = match app.screen {
        Screen::Judge => key("plain.want_verdict"),
        Screen::Confidence => key("plain.want_confidence"),
        Screen::Question => key("plain.want_choice"),
        Screen::Summary if app.policy().plays_again => key("plain.want_again"),
        _ => key("plain.want_keys"),
    };
    let want = say(app, want_key, &[]);
    if line.trim().is_empty() && matches!(app.screen, Screen::Judge | Screen::Confidence | Screen::Question) {
        say(app, key("plain.nothing_answered"), &[("want", &want)])
    } else if line.trim().is_empty() {
        say(app, key("plain.enter_does_nothing"), &[("want", &want)])
    } else {
        let typed = format!("{:?}", sanitize_line(line.trim()));
        say(app, key("plain.not_understood"), &[("line", &typed), ("want", &upper_first(&want))])
    }
}

/// `text` with its first letter in upper case (the want starts a sentence there).
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The numbered pieces to choose from while spotting.
fn piece_list(app: &App) -> Vec<String> {
    let Some(s) = app.current() else { return Vec::new() };
    spot::pieces(s)
        .iter()
        .enumerate()
        .map(|(i, p)| format!("  {:>2}. {}", i + 1, sanitize_line(spot::piece_text(s, p))))
        .collect()
}

/// Prints the step. The whole page when a new message, explanation or summary comes up; for
/// the steps in between (how sure, spotting, the question) only what they ask, since the
/// message was just read out.
fn show(out: &mut impl Write, app: &App) -> io::Result<()> {
    writeln!(out)?;
    if app.view.show_help {
        for (keys, action) in help_rows(&app.locale) {
            writeln!(out, "  {keys:<16} {action}")?;
        }
        writeln!(out, "  {}", app.locale.text("help.plain_hint"))?;
        return Ok(());
    }
    match app.screen {
        Screen::Spot => {
            writeln!(out, "{}", app.locale.text("plain.spot_heading"))?;
            for line in piece_list(app) {
                writeln!(out, "{line}")?;
            }
        }
        Screen::Confidence | Screen::Question => {
            for line in panel_text(app, WIDTH) {
                writeln!(out, "{line}")?;
            }
        }
        _ => {
            for line in page_text(app, WIDTH) {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}

/// Runs the trainer on stdin and stdout until quit or end of input. Returns the exit code;
/// the session keeps any errors met while saving.
pub fn run<S: SavePending + 'static>(session: &mut Session, sink: Shared<S>) -> io::Result<u8> {
    // Ctrl-C, SIGTERM, SIGHUP, SIGQUIT or a closed window while waiting for a line: the
    // watcher records the attempt under way as incomplete (see `terminal::watch_plain_signals`).
    watch_plain_signals(sink.clone())?;
    let mut sink = sink;
    let result = lines(session, &mut sink);
    // End of input, or the terminal went away (a closed window fails reads and writes, often
    // before its SIGHUP is handled): the attempt under way is recorded here, unless the
    // watcher has taken it (it then holds the sink until the program ends).
    session.hang_up(&mut sink);
    result
}

/// The loop of [`run`]: one page, one line, until quit or end of input.
fn lines(session: &mut Session, sink: &mut dyn Sink) -> io::Result<u8> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut out = io::stdout().lock();
    let started = std::time::Instant::now();
    let typed = std::io::IsTerminal::is_terminal(&io::stdin());
    loop {
        let app = &mut session.app;
        show(&mut out, app)?;
        write!(out, "{}", crate::ui::prompt::prompt(app))?;
        out.flush()?;
        // The first exam message has been printed: the attempt begins.
        app.mark_shown(now());
        report_step(app, sink);
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            // End of input mid-exam: the attempt is recorded as incomplete, as a quit would be.
            session.hang_up(sink);
            writeln!(out)?;
            return Ok(0);
        }
        let msgs = if app.view.show_help { vec![Msg::CloseHelp] } else { msgs_for_line(app, &line) };
        if msgs.is_empty() {
            writeln!(out, "{}", not_understood(app, &line))?;
        }
        // The time of the line, for the exam's guard against answers typed ahead. Only a person
        // at a terminal types ahead of what they have read; input from a pipe or a file is a
        // script written in advance, answered as given (without a clock nothing is guarded).
        if typed {
            update(app, Msg::Clock(started.elapsed().as_millis() as u64));
        }
        if let Some(code) = session.messages(msgs, sink) {
            return Ok(code);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;
    use crate::scenario::Verdict;

    #[test]
    fn words_and_numbers_become_the_same_messages_as_keys() {
        let app = fixtures::app();
        assert_eq!(msgs_for_line(&app, "Scam\n"), [Msg::Verdict(Verdict::Scam)]);
        assert_eq!(msgs_for_line(&app, "genuine"), [Msg::Verdict(Verdict::Legit)]);
        assert_eq!(msgs_for_line(&app, "q"), [Msg::Quit]);
        assert!(msgs_for_line(&app, "maybe").is_empty());
    }

    #[test]
    fn an_empty_line_answers_nothing_on_any_step_and_says_what_would() {
        let mut app = fixtures::app();
        assert!(msgs_for_line(&app, "\n").is_empty());
        assert_eq!(not_understood(&app, "\n"), "Nothing answered: type s (scam) or g (genuine).");
        update(&mut app, Msg::Verdict(Verdict::Scam));
        assert!(msgs_for_line(&app, "").is_empty());
        assert!(msgs_for_line(&app, "fairly").is_empty());
        assert!(not_understood(&app, "fairly").contains("Type 1 (sure)"));
        for m in [Msg::Choose(0), Msg::Confirm] {
            update(&mut app, m);
        }
        assert_eq!(app.screen, Screen::Question);
        assert!(msgs_for_line(&app, " ").is_empty());
        assert_eq!(not_understood(&app, ""), "Nothing answered: type the number of your answer.");
        assert_eq!(app.answers[0].choice, None);
    }

    #[test]
    fn typed_piece_numbers_mark_those_pieces() {
        let mut app = fixtures::app();
        for m in [Msg::Verdict(Verdict::Scam), Msg::Choose(0)] {
            update(&mut app, m);
        }
        assert_eq!(app.screen, Screen::Spot);
        for m in msgs_for_line(&app, "3 1 99 3") {
            update(&mut app, m);
        }
        assert_eq!(app.answers[0].marks, Some(vec![0, 2]));
    }

    #[test]
    fn the_page_is_plain_text() {
        let app = fixtures::app();
        let text = page_text(&app, WIDTH).join("\n");
        assert!(text.contains("Judge the last message received: is it from who it says, or a scammer?"));
        assert!(text.contains("+63 917 555 0142"));
        assert!(!text.contains('\u{1b}'));
    }

    /// What plain mode prints for the step: its page (or question), its prompt, and what it
    /// says to an empty line and to a line it does not understand.
    fn step_text(app: &App) -> String {
        let mut out = Vec::new();
        show(&mut out, app).unwrap();
        let mut text = String::from_utf8(out).unwrap();
        for line in [prompt(app), not_understood(app, ""), not_understood(app, "xyzzy")] {
            text.push_str(&line);
            text.push('\n');
        }
        text
    }

    /// Under en-XA, no English word of the catalogue is left in what plain mode prints.
    fn check_pseudo(name: &str, app: &mut App) {
        use crate::ui::locale_check::{content_words, english_words, pseudo, words};
        app.locale = pseudo();
        let text = step_text(app);
        let english = english_words();
        let allowed = content_words(app);
        let left: std::collections::BTreeSet<String> =
            words(&text).filter(|w| english.contains(w) && !allowed.contains(w)).collect();
        assert!(left.is_empty(), "{name}: English left in --plain under en-XA: {left:?}\n{text}");
    }

    #[test]
    fn plain_mode_shows_no_english_under_the_pseudo_locale_in_any_mode() {
        let mut app = fixtures::app();
        // The control: in English the same check finds the prompt's words.
        let english = crate::ui::locale_check::english_words();
        let words: Vec<String> = crate::ui::locale_check::words(&step_text(&app)).collect();
        assert!(words.iter().any(|w| w == "received" && english.contains(w)), "{words:?}");
        let steps: &[(&str, &[Msg])] = &[
            ("judge", &[]),
            ("confidence", &[Msg::Verdict(Verdict::Scam)]),
            ("spot", &[Msg::Choose(0)]),
            ("after spotting", &[Msg::ToggleMark, Msg::Confirm]),
            ("the question or the reveal", &[Msg::Choose(0)]),
            ("the next message", &[Msg::Next]),
            ("help", &[Msg::ToggleHelp]),
        ];
        for (name, msgs) in steps {
            for m in *msgs {
                update(&mut app, m.clone());
            }
            check_pseudo(name, &mut app);
        }
        update(&mut app, Msg::CloseHelp);
        while app.screen != Screen::Summary {
            for m in [Msg::Verdict(Verdict::Legit), Msg::Choose(0), Msg::Confirm, Msg::Choose(0), Msg::Next] {
                update(&mut app, m);
            }
        }
        check_pseudo("summary", &mut app);
        update(&mut app, Msg::ToggleStats);
        check_pseudo("stats", &mut app);
        update(&mut app, Msg::ToggleStats);
        update(&mut app, Msg::Review);
        check_pseudo("review", &mut app);

        let mut exam = fixtures::exam_app();
        check_pseudo("exam", &mut exam);
        while exam.screen != Screen::Summary {
            for m in [Msg::Verdict(Verdict::Legit), Msg::Choose(0), Msg::Confirm, Msg::Choose(0), Msg::Next] {
                update(&mut exam, m);
            }
        }
        check_pseudo("exam result", &mut exam);

        let mut present = fixtures::present_app();
        check_pseudo("present", &mut present);
        update(&mut present, Msg::StartTally);
        check_pseudo("tally", &mut present);
        for m in [Msg::Digit(4), Msg::Confirm, Msg::Digit(6), Msg::Confirm] {
            update(&mut present, m);
        }
        check_pseudo("vote", &mut present);

        let mut course = fixtures::course_app();
        check_pseudo("lesson", &mut course);
    }

    use crate::ui::prompt::prompt;

    #[test]
    fn the_prompts_name_the_locales_verdict_keys() {
        let mut app = fixtures::app();
        assert_eq!(prompt(&app), "The last message received: s scam or g genuine? (q quits, ? lists the keys): ");
        app.locale = crate::ui::locale_check::pseudo();
        let p = prompt(&app);
        assert!(p.contains(" s ") && p.contains(" g ") && p.ends_with(": "), "{p}");
    }
}
