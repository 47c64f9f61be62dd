//! `smishdrill inspect`: look at a text you received the way the trainer taught. The text
//! comes from standard input (printed as plain text) or from a paste box in the full-screen
//! program; the detectors in [`crate::detect`] mark what they find. Never opens a link, looks
//! a name up or uses the network; never says a text is safe.

use crate::i18n::{Arg, Locale};
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use crate::detect::{self, Report, advice};
pub use crate::inspect_input::{Input, MAX_INPUT, normalise, normalise_keep, read_input};
use crate::text_safety::{sanitize, sanitize_line};

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Who sent it, as your phone shows it: a number, a short code, an e-mail address or a name.
    #[arg(long, value_name = "WHO")]
    pub sender: Option<String>,
    /// Write a draft scenario for an instructor from the text to FILE, then check it.
    #[arg(long, value_name = "FILE")]
    pub to_scenario: Option<PathBuf>,
    /// With --to-scenario: replace FILE if it exists.
    #[arg(long, requires = "to_scenario")]
    pub force: bool,
}

/// `text` with `[n]` after each numbered stretch (byte ranges, in order; an overlapping one is
/// left out, as on screen), every piece sanitised.
fn marked_text(text: &str, marks: &[(std::ops::Range<usize>, usize)]) -> String {
    let mut marks: Vec<&(std::ops::Range<usize>, usize)> = marks.iter().collect();
    marks.sort_by_key(|(r, _)| r.start);
    let mut out = String::new();
    let mut at = 0;
    for (r, n) in marks {
        let (Some(before), Some(inside)) = (text.get(at..r.start), text.get(r.clone())) else { continue };
        out.push_str(&sanitize(before));
        out.push_str(&sanitize(inside));
        out.push_str(&format!("[{n}]"));
        at = r.end;
    }
    out.push_str(&sanitize(text.get(at..).unwrap_or("")));
    out
}

/// The whole result as plain text lines, for `--plain`, pipes and screen readers.
pub fn plain_lines(t: &Locale, text: &str, sender: Option<&str>, report: &Report, notices: &[String]) -> Vec<String> {
    let mut out: Vec<String> =
        notices.iter().map(|n| t.fmt("inspect.note", &[("text", Arg::Str(&sanitize_line(n)))])).collect();
    let numbered = |place| -> Vec<(std::ops::Range<usize>, usize)> {
        report
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.place == place)
            .map(|(i, f)| (f.span.clone(), i + 1))
            .collect()
    };
    let (in_text, on_sender) = (numbered(detect::Place::Text), numbered(detect::Place::Sender));
    match sender {
        Some(s) => {
            let sender = sanitize_line(&marked_text(s, &on_sender));
            out.push(t.fmt("inspect.plain_from", &[("sender", Arg::Str(&sender))]));
        }
        None => out.push(t.text("inspect.plain_from_not_given").into_owned()),
    }
    out.push(t.text("inspect.plain_message").into_owned());
    if text.trim().is_empty() {
        out.push(format!("  {}", t.text("inspect.plain_empty")));
    }
    for line in marked_text(text, &in_text).lines() {
        out.push(format!("  {line}"));
    }
    out.push(String::new());
    if report.findings.is_empty() {
        out.push(t.text(advice::NOTHING_FOUND).into_owned());
    } else {
        out.push(t.text(advice::SOMETHING_FOUND).into_owned());
        for (i, f) in report.findings.iter().enumerate() {
            let level = crate::ui::inspect::level(t, f.level);
            let reason = sanitize_line(&f.reason);
            out.push(t.fmt(
                "inspect.plain_finding",
                &[
                    ("number", Arg::Num(i as i64 + 1)),
                    ("kind", Arg::Str(f.kind.label())),
                    ("level", Arg::Str(&level)),
                    ("reason", Arg::Str(&reason)),
                ],
            ));
        }
    }
    out.push(String::new());
    out.push(t.text("inspect.how_to_check").into_owned());
    out.extend(advice::HOW_TO_CHECK.iter().map(|s| format!("- {}", t.text(s))));
    out.push(String::new());
    out.push(t.text("inspect.how_to_report").into_owned());
    out.extend(advice::HOW_TO_REPORT.iter().map(|s| format!("- {}", t.text(s))));
    out.push(String::new());
    out.push(t.text(advice::OFFLINE).into_owned());
    out
}

/// `smishdrill inspect`.
pub fn run(args: &InspectArgs, plain: bool, theme: crate::ui::ThemeName, locale: &Locale) -> u8 {
    let sender = args.sender.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(s) = sender
        && s.chars().count() > 200
    {
        eprintln!("smishdrill: --sender is longer than 200 characters");
        return 2;
    }
    let stdin = std::io::stdin();
    let interactive = !plain && stdin.is_terminal() && std::io::stdout().is_terminal();
    let input = if interactive {
        match super::inspect_tui::run(sender, theme, locale) {
            Ok((_, Some(code))) => return code,
            Ok((Some(input), None)) => input,
            Ok((None, None)) => return 0,
            Err(e) => {
                eprintln!(
                    "smishdrill: {}",
                    locale.fmt("inspect.terminal_failed", &[("error", Arg::Str(&e.to_string()))])
                );
                return 1;
            }
        }
    } else {
        if stdin.is_terminal() {
            eprintln!("{}", locale.text("inspect.paste_prompt"));
        }
        match read_input(stdin.lock()) {
            Ok(input) => input,
            Err(e) => {
                eprintln!("smishdrill: cannot read the text from standard input: {e}");
                return 1;
            }
        }
    };
    let report = detect::inspect(&input.text, sender);
    if !interactive {
        super::print_lines(plain_lines(locale, &input.text, sender, &report, &input.notices));
    }
    match &args.to_scenario {
        Some(path) => super::draft::write(path, args.force, &input.text, sender, &report, locale),
        None => 0,
    }
}

#[cfg(test)]
mod tests;
