//! `--plain`: the trainer line by line, for screen readers, braille displays, dumb terminals
//! and pipes. No alternate screen, no cursor movement, no colour: each step prints its page as
//! text and reads one line of answer. The same state, the same `update`, the same content as
//! the full-screen trainer; keys become words or numbers typed and confirmed with Enter.

use std::io::{self, BufRead, Write};

use crate::app::{App, Msg, Screen, help_rows, msgs_for_word_in, update};
use crate::learning::spot;
use crate::runtime::{Session, Shared, Sink, now, report_step};
use crate::terminal::{SavePending, watch_plain_signals};
use crate::text_safety::sanitize_line;
use crate::ui::{page_text, panel_text};

const WIDTH: usize = 78;

/// What to type at each step.
fn prompt(app: &App) -> &'static str {
    match app.screen {
        Screen::Judge => "The last message received: s scam or g genuine? (q quits, ? lists the keys): ",
        Screen::Confidence => "How sure? 1 sure, 2 fairly sure, 3 guessing: ",
        Screen::Spot => "Numbers of the suspicious pieces, separated by spaces (Enter alone for none): ",
        Screen::Question => "Your answer (a number): ",
        Screen::Reveal if app.reviewing => "Enter next explanation, p previous, b back to the summary: ",
        Screen::Reveal => "Enter for the next message: ",
        Screen::Summary if app.policy().plays_again => "r play again, t your progress, e explanations, q quit: ",
        Screen::Summary => "e explanations of every message, q quit: ",
        Screen::Lesson => "Enter to go on: ",
        Screen::Present => "Enter reveals the answer, t types what the room said: ",
        Screen::Vote => "Enter reveals the answer, b corrects the numbers: ",
        Screen::Tally => "How many said scam, then how many said genuine? Two numbers, e.g. 12 8: ",
        Screen::Stats => "t back to the summary, r play again, q quit: ",
    }
}

/// The messages one typed line means on the current screen: read from the key table
/// (`app::ROWS`), the same one the keys and the `?` overlay come from.
pub fn msgs_for_line(app: &App, line: &str) -> Vec<Msg> {
    let pieces = app.current().map_or(0, |s| spot::pieces(s).len());
    msgs_for_word_in(&app.locale, app.screen, line, pieces)
}

/// Why a line did nothing: an empty line answers nothing (no answer is ever assumed), and
/// anything else is not understood. Either way the prompt comes again.
fn not_understood(app: &App, line: &str) -> String {
    let keys = match app.screen {
        Screen::Judge => "type s (scam) or g (genuine)",
        Screen::Confidence => "type 1 (sure), 2 (fairly sure) or 3 (guessing)",
        Screen::Question => "type the number of your answer",
        Screen::Summary if app.policy().plays_again => "type r to play again, or ? for the keys",
        _ => "type ? for the keys",
    };
    if line.trim().is_empty() && matches!(app.screen, Screen::Judge | Screen::Confidence | Screen::Question) {
        format!("Nothing answered: {keys}.")
    } else if line.trim().is_empty() {
        format!("Enter alone does nothing here: {keys}.")
    } else {
        format!("Not understood here: {:?}. {}{}.", line.trim(), keys[..1].to_uppercase(), &keys[1..])
    }
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
    if app.show_help {
        for (keys, action) in help_rows(&app.locale) {
            writeln!(out, "  {keys:<16} {action}")?;
        }
        writeln!(out, "  {}", app.locale.text("help.plain_hint"))?;
        return Ok(());
    }
    match app.screen {
        Screen::Spot => {
            writeln!(out, "Spot the flags: which pieces of the message look suspicious?")?;
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
        write!(out, "{}", if app.show_help { "Enter to go back: " } else { prompt(app) })?;
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
        let msgs = if app.show_help { vec![Msg::CloseHelp] } else { msgs_for_line(app, &line) };
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
}
