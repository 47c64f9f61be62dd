//! `smishdrill serve`: the options, the class's deck made ready (one seed for the room, so
//! everyone sees the same messages with the same details), and each learner's app built the
//! way the other commands build theirs (`session::build`). The server itself is `crate::serve`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::deck::{Deck, Feedback, Order};
use crate::scenario::Scenario;
use crate::serve::ClassMode;

use super::session::{Options, Plan, build};

/// The default address: this machine only. Another is used only when given.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:2222";

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where to listen, ADDR:PORT (default 127.0.0.1:2222: this machine only; give e.g.
    /// 0.0.0.0:2222 to let the room's machines connect).
    #[arg(long, value_name = "ADDR:PORT", default_value = DEFAULT_LISTEN)]
    pub listen: SocketAddr,
    /// The class code learners type (default: a new easy-to-say code, shown at the start).
    #[arg(long, value_name = "WORD", value_parser = parse_code)]
    pub code: Option<String>,
    /// A bundled deck's name (see `smishdrill decks`) or a deck file (default: the config's `deck`).
    #[arg(long, value_name = "NAME|FILE")]
    pub deck: Option<String>,
    /// lockstep: you move the room from message to message and reveal each answer; self-paced:
    /// each learner goes at their own pace.
    #[arg(long, value_enum, default_value = "self-paced")]
    pub mode: ClassMode,
    /// An exam instead of practice (self-paced; results recorded on this server only).
    #[arg(long, conflicts_with = "mode")]
    pub exam: bool,
    /// The most learners connected at once.
    #[arg(long, value_name = "N", default_value_t = 60, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub max_sessions: u16,
    /// New connections allowed from one address in any minute (a room behind one NAT address
    /// connects all at once).
    #[arg(long, value_name = "N", default_value_t = 60, value_parser = clap::value_parser!(u16).range(1..))]
    pub per_address: u16,
    /// How long without a key before a learner is disconnected: minutes (`30`), or with a unit
    /// (`90s`, `45m`, `2h`).
    #[arg(long, value_name = "TIME", default_value = "30", value_parser = parse_idle)]
    pub idle: Duration,
    /// Keep the host key, the learners' answers and exam records in this folder (default: the
    /// config's `data_dir`).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Use this seed for the class's messages (default: the deck's own, else a new one).
    #[arg(long)]
    pub seed: Option<u64>,
    /// A line per event instead of the full-screen dashboard; commands are typed as lines.
    #[arg(long)]
    pub plain: bool,
}

/// `--idle`: a whole number of minutes, or a number with `s`, `m` or `h`; from 1 second to a day.
fn parse_idle(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (number, unit) = match s.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, "m"),
    };
    let scale = match unit {
        "s" => 1,
        "m" | "min" => 60,
        "h" => 3600,
        _ => return Err(format!("give minutes (30) or a time with s, m or h (90s, 45m, 2h), not `{s}`")),
    };
    let n: u64 = number.parse().map_err(|_| format!("give a whole number before the unit, not `{s}`"))?;
    let secs = n.saturating_mul(scale);
    if (1..=86_400).contains(&secs) { Ok(Duration::from_secs(secs)) } else { Err("give a time from 1s to 24h".into()) }
}

/// A class code: 4 to 64 printable ASCII characters, no spaces (it is typed at a prompt).
fn parse_code(s: &str) -> Result<String, String> {
    let ok = (4..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_graphic());
    if ok { Ok(s.to_string()) } else { Err("give 4 to 64 letters, digits or punctuation, without spaces".to_string()) }
}

/// Runs the class. `deck` and `data_dir` come resolved from the settings when not given;
/// `locale` is the class's language (`--lang`): the dashboard's and every learner's.
pub fn run(
    args: &ServeArgs,
    deck: Option<String>,
    data_dir: Option<PathBuf>,
    corpus: crate::corpus::Corpus,
    locale: crate::i18n::Locale,
) -> u8 {
    let Some(deck_name) = deck else {
        super::complain(
            "serve needs a deck: give --deck NAME|FILE (see `smishdrill decks`), or set `deck` in the config file",
        );
        return super::session::EXIT_USAGE;
    };
    let Some(data_dir) = data_dir else {
        super::complain("serve needs a data folder for the host key and the records: give --data-dir DIR");
        return super::session::EXIT_USAGE;
    };
    let deck = match crate::deck::find(&deck_name, &corpus.scenarios) {
        Ok(deck) => deck,
        Err(e) => {
            super::complain_lines(&e.to_string());
            return super::session::EXIT_USAGE;
        }
    };
    let seed = args.seed.or(deck.seed).unwrap_or_else(rand::random);
    let mode = if args.exam { ClassMode::SelfPaced } else { args.mode };
    let (deck, pool) = class_deck(&deck, &corpus.scenarios, seed, mode, args.exam);
    if pool.is_empty() {
        super::complain("the deck has no messages to show");
        return super::session::EXIT_USAGE;
    }
    let code = args.code.clone().unwrap_or_else(crate::serve::names::random_code);
    let exam = args.exam;
    let factory_deck = deck.clone();
    let factory_pool = pool.clone();
    let factory_locale = locale.clone();
    let factory: crate::serve::AppFactory = Box::new(move |learner: &str| {
        let plan = if exam {
            Plan::Exam { deck: factory_deck.clone(), learner: learner.to_string() }
        } else {
            Plan::Practice { deck: Some(factory_deck.clone()) }
        };
        let opts = Options {
            count: factory_pool.len(),
            categories: Vec::new(),
            seed: Some(seed),
            no_spot: false,
            theme: crate::ui::ThemeName::Default,
            plain: false,
            // The class's language; each App holds its own copy (`App::locale` is per
            // session, so a later version can let each learner choose).
            locale: factory_locale.clone(),
        };
        build(&plan, factory_pool.clone(), &opts, Default::default())
    });
    // Build one now, so a deck that cannot be played is said here, not to each learner.
    if let Err(e) = factory("check") {
        super::complain(&e);
        return super::session::EXIT_USAGE;
    }
    crate::serve::run(crate::serve::Config {
        listen: args.listen,
        code,
        mode,
        max_sessions: usize::from(args.max_sessions),
        per_address: usize::from(args.per_address),
        data_dir,
        idle: args.idle,
        plain: args.plain,
        exam,
        title: deck.title.clone(),
        items: room_items(&pool, seed, crate::scenario::dates::Date::today_days()),
        factory,
        locale,
    })
}

/// The class's deck: its messages drawn once with the room's seed, then a deck of exactly
/// those, in that order. Each learner's app holds only these scenarios (not the whole
/// corpus: that would be megabytes per learner). Lockstep has feedback after every message
/// and no time limit: the instructor sets the pace.
pub fn class_deck(deck: &Deck, pool: &[Scenario], seed: u64, mode: ClassMode, exam: bool) -> (Deck, Vec<Scenario>) {
    let chosen: Vec<Scenario> = deck.choose(pool, seed).into_iter().filter_map(|i| pool.get(i).cloned()).collect();
    let mut class = deck.clone();
    class.ids = chosen.iter().map(|s| s.id.clone()).collect();
    class.picks = Vec::new();
    class.order = Order::Fixed;
    if mode == ClassMode::Lockstep && !exam {
        class.feedback = Feedback::EachMessage;
        class.time_limit = None;
    }
    (class, chosen)
}

/// What the room shows (the dashboard, the results table): the variants every learner of the
/// class draws from `chosen` (the class's seed and each message's id, as `app::draw_variants`),
/// not the pool's first draws, so a title with a variable says what the learners read.
pub fn room_items(chosen: &[Scenario], seed: u64, today: i64) -> Vec<Scenario> {
    let all: Vec<usize> = (0..chosen.len()).collect();
    crate::app::draw_variants(chosen, &all, seed, today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_takes_minutes_or_a_unit() {
        assert_eq!(parse_idle("30"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_idle("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_idle("45m"), Ok(Duration::from_secs(2700)));
        assert_eq!(parse_idle("2h"), Ok(Duration::from_secs(7200)));
        for bad in ["0", "0s", "25h", "x", "5 days", "-3", "", "99999999999999999999"] {
            assert!(parse_idle(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_class_deck_holds_only_its_messages_in_the_rooms_order() {
        let pool = crate::corpus::Corpus::embedded().scenarios;
        let deck = crate::deck::find("onboarding-exam", &pool).unwrap();
        let (class, chosen) = class_deck(&deck, &pool, 5, ClassMode::Lockstep, false);
        let expected: Vec<String> = deck.choose(&pool, 5).into_iter().map(|i| pool[i].id.clone()).collect();
        assert_eq!(class.ids, expected, "the room sees what the deck draws with the room's seed");
        assert_eq!((class.feedback, class.time_limit), (Feedback::EachMessage, None));
        assert_eq!(chosen.len(), expected.len());
        let again = class.choose(&chosen, 99);
        assert_eq!(again, (0..chosen.len()).collect::<Vec<_>>(), "any seed: the same order");
    }

    #[test]
    fn the_room_shows_the_variants_its_learners_are_shown() {
        let pool = crate::corpus::Corpus::embedded().scenarios;
        let deck = crate::deck::find("onboarding-exam", &pool).unwrap();
        let seed = 11;
        let (class, chosen) = class_deck(&deck, &pool, seed, ClassMode::Lockstep, false);
        let opts = Options {
            count: chosen.len(),
            categories: Vec::new(),
            seed: Some(seed),
            no_spot: false,
            theme: crate::ui::ThemeName::Default,
            plain: false,
            locale: crate::i18n::Locale::english(),
        };
        // The learner's app takes today's date itself: try again if midnight passed meanwhile.
        let (app, room) = loop {
            let today = crate::scenario::dates::Date::today_days();
            let app = build(&Plan::Practice { deck: Some(class.clone()) }, chosen.clone(), &opts, Default::default());
            if today == crate::scenario::dates::Date::today_days() {
                break (app.unwrap(), room_items(&chosen, seed, today));
            }
        };
        assert_eq!(app.shown, room);
        assert_ne!(app.shown, chosen, "what the room showed before: the pool's first draws");
        // The deck draws a message whose title has a variable: the first draw's would differ.
        assert!(room.iter().zip(&chosen).any(|(shown, first)| shown.title != first.title), "no title varies");
    }

    #[test]
    fn class_codes_are_checked() {
        assert!(parse_code("maple-otter-42").is_ok());
        assert!(parse_code("abc").is_err());
        assert!(parse_code("has space").is_err());
        assert!(parse_code("\x1b[31m").is_err());
    }
}
