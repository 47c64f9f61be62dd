//! The one line `--plain` asks at each step (`The last message received: s scam or g genuine?`):
//! part of the screen's page, so a new screen's prompt is written beside its view, in the
//! catalogue's `[plain]` table.

use crate::app::{App, Screen, first_key_in};
use crate::i18n::{Arg, key};

/// The keys the prompts name, as placeholders: the verdict keys are the locale's (`[keys]`),
/// the others the key table's fixed letters.
fn key_args(app: &App) -> Vec<(&'static str, String)> {
    let t = &app.locale;
    ["scam", "genuine", "quit", "help", "previous", "play_again", "progress", "review", "tally"]
        .into_iter()
        .map(|id| (if id == "play_again" { "again" } else { id }, first_key_in(t, id)))
        // `b` is the word for going back (the row's key is Esc, which a line cannot type).
        .chain(std::iter::once(("back", "b".to_string())))
        .collect()
}

/// A catalogue text with the key placeholders (and `extra`) filled in.
pub fn say(app: &App, key: &str, extra: &[(&str, &str)]) -> String {
    let keys = key_args(app);
    let mut args: Vec<(&str, Arg)> = keys.iter().map(|(n, k)| (*n, Arg::Str(k.as_str()))).collect();
    args.extend(extra.iter().map(|(n, v)| (*n, Arg::Str(v))));
    app.locale.fmt(key, &args)
}

/// What to type at each step (the catalogue key of the line, without its ": ").
fn prompt_key(app: &App) -> &'static str {
    match app.screen {
        Screen::Judge => key("plain.judge"),
        Screen::Confidence => key("plain.confidence"),
        Screen::Spot => key("plain.spot"),
        Screen::Question => key("plain.question"),
        Screen::Reveal if app.reviewing => key("plain.reveal_reviewing"),
        Screen::Reveal => key("plain.reveal"),
        Screen::Summary if app.policy().plays_again => key("plain.summary_again"),
        Screen::Summary => key("plain.summary"),
        Screen::Lesson => key("plain.lesson"),
        Screen::Present => key("plain.present"),
        Screen::Vote => key("plain.vote"),
        Screen::Tally => key("plain.tally"),
        Screen::Stats => key("plain.stats"),
    }
}

/// The prompt line, ready to print.
pub fn prompt(app: &App) -> String {
    let key = if app.view.show_help { key("plain.help_back") } else { prompt_key(app) };
    format!("{}: ", say(app, key, &[]))
}
