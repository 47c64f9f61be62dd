//! Every key binding of the trainer, as one table. The key handler ([`msg_for_key`]), the `?`
//! overlay ([`help_rows`]), `--plain`'s typed words ([`msgs_for_word`]) and the README's key
//! table test are all read from [`ROWS`], so they cannot drift apart: a key works exactly when
//! the overlay lists it.
//!
//! A row is one thing the learner can do (its help line); it holds the bindings that do it,
//! each for some screens. Rows are tried in order and the first binding that matches wins, so
//! a row for particular screens comes before a general one for the same key (Space marks a
//! piece on the spot screen, and pages down elsewhere).

use super::{Key, Msg, RoomTally, Screen};
use crate::i18n::Locale;
use crate::scenario::Verdict;

/// Where a binding works.
#[derive(Clone, Copy, Debug)]
pub enum On {
    Any,
    Only(&'static [Screen]),
}

impl On {
    fn has(self, screen: Screen) -> bool {
        match self {
            On::Any => true,
            On::Only(screens) => screens.contains(&screen),
        }
    }
}

/// What a binding does.
#[derive(Clone, Debug)]
pub enum Does {
    /// Sends this message.
    Send(Msg),
    /// A digit key `1`…`max` chooses that option (0-based in the message); in plain mode the
    /// number typed does the same, and the row's words name the options in order.
    Choose { max: usize },
    /// A digit typed into the room's counts.
    Digit,
    /// Plain mode only: piece numbers typed as one line ("1 3") set the marks and confirm.
    Marks,
    /// Plain mode only: the room's two counts typed as one line ("12 8").
    Tally,
    /// Handled by the host, not the app (Ctrl-Z suspends the local terminal).
    Host,
}

/// One binding: these keys (and, in plain mode, these typed words) do this on these screens.
/// A word `""` is an empty line (Enter alone) in plain mode.
#[derive(Clone, Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub words: &'static [&'static str],
    pub on: On,
    pub does: Does,
}

/// One line of the `?` overlay and the README: an action (its catalogue key under `help.`)
/// and the bindings that do it.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: &'static str,
    pub bindings: &'static [Binding],
}

const fn bind(keys: &'static [Key], on: On, msg: Msg) -> Binding {
    Binding { keys, words: &[], on, does: Does::Send(msg) }
}

const fn said(keys: &'static [Key], words: &'static [&'static str], on: On, msg: Msg) -> Binding {
    Binding { keys, words, on, does: Does::Send(msg) }
}

use Key::*;
use Screen as S;

const DIGITS_1_3: &[Key] = &[Char('1'), Char('2'), Char('3')];
const DIGITS_1_9: &[Key] =
    &[Char('1'), Char('2'), Char('3'), Char('4'), Char('5'), Char('6'), Char('7'), Char('8'), Char('9')];
const DIGITS_0_9: &[Key] =
    &[Char('0'), Char('1'), Char('2'), Char('3'), Char('4'), Char('5'), Char('6'), Char('7'), Char('8'), Char('9')];
const CURSOR_SCREENS: &[Screen] = &[S::Question, S::Spot];

/// The trainer's keys. Letters are matched without regard to case.
pub const ROWS: &[Row] = &[
    Row { id: "scam", bindings: &[said(&[Char('s')], &["scam"], On::Only(&[S::Judge]), Msg::Verdict(Verdict::Scam))] },
    Row {
        id: "genuine",
        bindings: &[said(
            &[Char('g'), Char('l')],
            &["genuine", "legit"],
            On::Only(&[S::Judge]),
            Msg::Verdict(Verdict::Legit),
        )],
    },
    Row {
        id: "confidence",
        bindings: &[Binding {
            keys: DIGITS_1_3,
            words: &["sure", "fairly sure", "guessing"],
            on: On::Only(&[S::Confidence]),
            does: Does::Choose { max: 3 },
        }],
    },
    Row {
        id: "question",
        bindings: &[Binding {
            keys: DIGITS_1_9,
            words: &[],
            on: On::Only(&[S::Question]),
            does: Does::Choose { max: 9 },
        }],
    },
    Row {
        id: "highlight",
        bindings: &[
            bind(&[Left], On::Any, Msg::MoveCursor(-1)),
            bind(&[Right, Tab], On::Any, Msg::MoveCursor(1)),
            bind(&[BackTab], On::Any, Msg::MoveCursor(-1)),
        ],
    },
    Row {
        id: "up_down",
        bindings: &[
            bind(&[Up], On::Only(CURSOR_SCREENS), Msg::MoveCursor(-1)),
            bind(&[Down], On::Only(CURSOR_SCREENS), Msg::MoveCursor(1)),
            bind(&[Up], On::Any, Msg::ScrollBy(-1)),
            bind(&[Down], On::Any, Msg::ScrollBy(1)),
        ],
    },
    Row {
        id: "spot",
        bindings: &[
            bind(&[Char(' ')], On::Only(&[S::Spot]), Msg::ToggleMark),
            Binding { keys: &[], words: &[], on: On::Only(&[S::Spot]), does: Does::Marks },
        ],
    },
    Row {
        id: "scroll_keys",
        bindings: &[
            bind(&[Char('j')], On::Any, Msg::ScrollBy(1)),
            bind(&[Char('k')], On::Any, Msg::ScrollBy(-1)),
            bind(&[PageUp], On::Any, Msg::ScrollBy(-10)),
            bind(&[PageDown, Char(' ')], On::Any, Msg::ScrollBy(10)),
        ],
    },
    Row {
        id: "top_bottom",
        bindings: &[bind(&[Home], On::Any, Msg::ScrollToTop), bind(&[End], On::Any, Msg::ScrollToEnd)],
    },
    Row {
        id: "next",
        bindings: &[
            said(&[Char('n')], &["next", ""], On::Only(&[S::Reveal]), Msg::Next),
            said(&[Char('n')], &["next", ""], On::Only(&[S::Lesson]), Msg::Confirm),
        ],
    },
    Row { id: "confirm", bindings: &[bind(&[Enter], On::Any, Msg::Confirm)] },
    Row { id: "previous", bindings: &[said(&[Char('p')], &["previous"], On::Only(&[S::Reveal]), Msg::Previous)] },
    Row {
        id: "play_again",
        bindings: &[said(&[Char('r')], &["again"], On::Only(&[S::Summary, S::Stats]), Msg::PlayAgain)],
    },
    Row {
        id: "progress",
        bindings: &[said(&[Char('t')], &["stats"], On::Only(&[S::Summary, S::Stats]), Msg::ToggleStats)],
    },
    Row { id: "review", bindings: &[said(&[Char('e')], &["explanations"], On::Only(&[S::Summary]), Msg::Review)] },
    Row {
        id: "reveal",
        bindings: &[said(&[Char('n'), Char('r')], &["reveal", ""], On::Only(&[S::Present, S::Vote]), Msg::Confirm)],
    },
    Row {
        id: "tally",
        bindings: &[
            said(&[Char('t')], &["tally"], On::Only(&[S::Present]), Msg::StartTally),
            Binding { keys: DIGITS_0_9, words: &[], on: On::Only(&[S::Tally]), does: Does::Digit },
            bind(&[Backspace], On::Only(&[S::Tally]), Msg::Backspace),
            Binding { keys: &[], words: &[], on: On::Only(&[S::Tally]), does: Does::Tally },
        ],
    },
    Row { id: "help", bindings: &[said(&[Char('?')], &["help"], On::Any, Msg::ToggleHelp)] },
    Row { id: "back", bindings: &[said(&[Esc], &["b", "back"], On::Any, Msg::CloseHelp)] },
    Row {
        id: "quit",
        bindings: &[said(&[Char('q')], &["quit"], On::Any, Msg::Quit), bind(&[Ctrl('c')], On::Any, Msg::Interrupt)],
    },
    Row { id: "suspend", bindings: &[Binding { keys: &[Ctrl('z')], words: &[], on: On::Any, does: Does::Host }] },
];

/// A key as the table spells it: letters lower-cased (the table is case-blind).
fn normal(key: Key) -> Key {
    match key {
        Char(c) => Char(c.to_ascii_lowercase()),
        Ctrl(c) => Ctrl(c.to_ascii_lowercase()),
        other => other,
    }
}

/// The rows whose letters a locale binds (`keys.<row id>` in its catalogue, letters separated
/// by spaces): the verdict keys are mnemonics (`s` scam, `g` genuine), so another language
/// chooses its own. Other keys (arrows, Enter, digits, `?`, `q`) stay as they are everywhere.
pub const LOCALE_BOUND: [&str; 2] = ["scam", "genuine"];

/// The keys of a binding in a locale: the table's, or the locale's letters for a bound row.
fn keys_in(row: &Row, binding: &Binding, locale: &Locale) -> Vec<Key> {
    if LOCALE_BOUND.contains(&row.id)
        && let Some(letters) = locale.lookup(&format!("keys.{}", row.id))
    {
        let keys: Vec<Key> =
            letters.split_whitespace().filter_map(|l| l.chars().next()).map(|c| normal(Char(c))).collect();
        if !keys.is_empty() {
            return keys;
        }
    }
    binding.keys.to_vec()
}

/// Every binding with its keys in `locale`, in table order.
fn bindings_in(locale: &Locale) -> impl Iterator<Item = (&'static Row, &'static Binding, Vec<Key>)> + '_ {
    ROWS.iter().flat_map(move |row| row.bindings.iter().map(move |b| (row, b, keys_in(row, b, locale))))
}

/// What a key press means on `screen`, with English key letters (see [`msg_for_key_in`]).
pub fn msg_for_key(screen: Screen, key: Key) -> Option<Msg> {
    msg_for_key_in(&Locale::english(), screen, key)
}

/// What a key press means on `screen` with `locale`'s key letters (releases never get here:
/// see `app::Key`).
pub fn msg_for_key_in(locale: &Locale, screen: Screen, key: Key) -> Option<Msg> {
    let key = normal(key);
    let (_, binding, _) = bindings_in(locale)
        .find(|(_, b, keys)| b.on.has(screen) && keys.contains(&key) && !matches!(b.does, Does::Marks | Does::Tally))?;
    match (&binding.does, key) {
        (Does::Send(m), _) => Some(m.clone()),
        (Does::Choose { .. }, Char(c)) => c.to_digit(10).map(|d| Msg::Choose(d as usize - 1)),
        (Does::Digit, Char(c)) => c.to_digit(10).map(|d| Msg::Digit(d as u8)),
        _ => None,
    }
}

/// What one typed line means on `screen` in plain mode: a binding's word, one of its letter
/// keys, a number for a choice, piece numbers, or the room's counts. `pieces` is how many
/// pieces the message on screen has (for spotting). Empty: not understood (nothing is assumed).
pub fn msgs_for_word(screen: Screen, line: &str, pieces: usize) -> Vec<Msg> {
    msgs_for_word_in(&Locale::english(), screen, line, pieces)
}

/// [`msgs_for_word`] with `locale`'s key letters.
pub fn msgs_for_word_in(locale: &Locale, screen: Screen, line: &str, pieces: usize) -> Vec<Msg> {
    let word = line.trim().to_lowercase();
    for (_, binding, keys) in bindings_in(locale).filter(|(_, b, _)| b.on.has(screen)) {
        // A binding's letter keys work as typed words too, where the binding is meant for plain
        // mode (it has words): scrolling keys mean nothing in a transcript.
        let mut letters = word.chars();
        let one_letter = letters.next().filter(|_| letters.next().is_none());
        let typed_key = !binding.words.is_empty() && one_letter.is_some_and(|c| keys.contains(&Char(c)));
        let said = binding.words.contains(&word.as_str());
        match &binding.does {
            Does::Send(m) if typed_key || said => return vec![m.clone()],
            &Does::Choose { max } => {
                if let Some(i) = binding.words.iter().position(|w| *w == word) {
                    return vec![Msg::Choose(i)];
                }
                if let Ok(n) = word.parse::<usize>()
                    && (1..=max).contains(&n)
                {
                    return vec![Msg::Choose(n - 1)];
                }
            }
            Does::Marks => {
                if let Some(marks) = piece_numbers(&word, pieces) {
                    return vec![Msg::SetMarks(marks), Msg::Confirm];
                }
            }
            Does::Tally => {
                if let Some(tally) = room_counts(&word) {
                    return vec![Msg::SetTally(tally)];
                }
            }
            _ => {}
        }
    }
    Vec::new()
}

/// "1 3" → pieces 0 and 2 (numbers out of range ignored); an empty line marks none. `None`
/// when the line holds anything but numbers.
fn piece_numbers(line: &str, pieces: usize) -> Option<Vec<usize>> {
    let parts: Vec<&str> = line.split(|c: char| c == ',' || c.is_whitespace()).filter(|n| !n.is_empty()).collect();
    let numbers: Vec<usize> = parts.iter().filter_map(|n| n.parse::<usize>().ok()).collect();
    if numbers.len() != parts.len() {
        return None;
    }
    let mut chosen: Vec<usize> = numbers.into_iter().filter(|n| (1..=pieces).contains(n)).map(|n| n - 1).collect();
    chosen.sort_unstable();
    chosen.dedup();
    Some(chosen)
}

/// "12 8": twelve said scam, eight genuine (at most four digits each).
fn room_counts(line: &str) -> Option<RoomTally> {
    let numbers: Vec<&str> = line.split(|c: char| c == ',' || c.is_whitespace()).filter(|n| !n.is_empty()).collect();
    let valid = numbers.len() == 2 && numbers.iter().all(|n| n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit()));
    if !valid {
        return None;
    }
    Some(RoomTally { scam: numbers[0].parse().ok()?, legit: numbers[1].parse().ok()? })
}

/// How a key is written in the overlay and the README.
pub fn key_name(key: Key) -> String {
    match key {
        Char(' ') => "Space".to_string(),
        Char(c) => c.to_string(),
        Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        BackTab => "Shift-Tab".into(),
        Backspace => "Backspace".into(),
        Up => "↑".into(),
        Down => "↓".into(),
        Left => "←".into(),
        Right => "→".into(),
        Home => "Home".into(),
        End => "End".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        F(n) => format!("F{n}"),
    }
}

/// The keys of a row as the overlay shows them (English letters): each once, in table order,
/// and a run of four or more digits written as `1 … 9`.
pub fn row_keys(row: &Row) -> String {
    row_keys_in(row, &Locale::english())
}

/// [`row_keys`] with `locale`'s key letters.
pub fn row_keys_in(row: &Row, locale: &Locale) -> String {
    let mut keys: Vec<Key> = Vec::new();
    for key in row.bindings.iter().flat_map(|b| keys_in(row, b, locale)) {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let mut names = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let run = keys[i..].iter().take_while(|k| matches!(k, Char(c) if c.is_ascii_digit())).count();
        if run >= 4 {
            names.push(format!("{} … {}", key_name(keys[i]), key_name(keys[i + run - 1])));
            i += run;
        } else {
            names.push(key_name(keys[i]));
            i += 1;
        }
    }
    names.join(" ")
}

/// The first key of the row `id` in `locale`, as the overlay writes it (`s` for `scam` in
/// English): for pages and prompts that name the key to press. Empty if there is no such row.
pub fn first_key_in(locale: &Locale, id: &str) -> String {
    ROWS.iter()
        .find(|row| row.id == id)
        .and_then(|row| row.bindings.iter().flat_map(|b| keys_in(row, b, locale)).next())
        .map(key_name)
        .unwrap_or_default()
}

/// The overlay's lines: (keys, what they do) for every row, in the session's words.
pub fn help_rows(locale: &Locale) -> Vec<(String, String)> {
    ROWS.iter().map(|row| (row_keys_in(row, locale), locale.text(&format!("help.{}", row.id)).into_owned())).collect()
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
