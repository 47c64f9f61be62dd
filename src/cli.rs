//! The command line: `smishdrill` (a round), `smishdrill check`, `smishdrill list`, `stats`, `report`,
//! `send`, `config`, `completions`, `man`.
//!
//! Each subcommand declares only the options that apply to it (so its `--help` lists only
//! those); the ones a bare `smishdrill` round takes are also accepted before the subcommand
//! (`smishdrill --seed 3 exam --deck quick`), the subcommand's own given value winning.
//! Defaults come from `config` (command line > environment > config file > built-in).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::commands::{self, Options, Plan, Stores};
use crate::config::Settings;
use crate::corpus::Corpus;
use crate::i18n::Phrase;
use crate::learning::stats::report;
use crate::scenario::kinds::{CATEGORIES, closest_name};
use crate::scenario::{Category, Verdict};
use crate::store::StoreError;
use crate::store::completions::CompletionStore;
use crate::store::progress::{ProgressStore, valid_profile};
mod options;
mod resolve;

pub use options::{
    DataDirArg, DeckArg, DrawArgs, LangArg, LanguageArg, RoundArgs, SeedArg, SourceArg, StoreArgs, ViewArgs,
};
use resolve::DEFAULT_COUNT;

/// Exit code for wrong usage or nothing to show.
const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "smishdrill",
    version = VERSION,
    about = "Learn to recognise SMS phishing (smishing): judge realistic texts, then see every red flag.",
    after_help = "Keys in the trainer: s scam, l genuine, 1-9 answer, Enter next, ? help, q quit.\nLinks in messages are only text; smishdrill never opens them. Only `send` (outgoing, to the LRS in the config file) and `serve` (listening) use the network."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub round: RoundArgs,
    #[command(flatten)]
    pub draw: DrawArgs,
    #[command(flatten)]
    pub view: ViewArgs,
    #[command(flatten)]
    pub lang: LangArg,
    #[command(flatten)]
    pub source: SourceArg,
    #[command(flatten)]
    pub store: StoreArgs,
    /// Read defaults from this config file (default: $SMISHDRILL_CONFIG, else the platform's
    /// config folder, ~/.config/smishdrill/config.toml on Linux).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
}

/// `0.1.0 (commit abc1234)`: the commit build.rs found, or `unknown`.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("SMISHDRILL_GIT_COMMIT"), ")");

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario and deck files and report every problem as path:line:col: message.
    Check {
        /// Files or folders to check (default: the built-in scenarios and decks). Files in a
        /// folder named `decks`, or named `*.deck.toml`, are decks.
        paths: Vec<PathBuf>,
        /// Instead of checking, audit for shortcuts: how well each surface cue (kind of sender,
        /// link or none, length, language, time of day, STOP line, context wording, the right
        /// answer's length and position) alone predicts the verdict. Exits 1 on a warning.
        #[arg(long)]
        audit: bool,
        #[command(flatten)]
        seed: SeedArg,
        #[command(flatten)]
        source: SourceArg,
    },
    /// List scenarios: id, category, verdict, difficulty, title (* = has variables).
    List(ListArgs),
    /// Your progress: accuracy and d′ over rounds, categories, red flags you miss, what to revisit.
    Stats {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Practise (the default): rounds chosen for you, or the messages of a deck.
    Practice {
        /// A bundled deck's name (see `smishdrill decks`) or a deck file (default: rounds
        /// chosen for you).
        #[arg(long, value_name = "NAME|FILE")]
        deck: Option<String>,
        #[command(flatten)]
        round: RoundArgs,
        #[command(flatten)]
        draw: DrawArgs,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        source: SourceArg,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Take an exam: no feedback until the end, then pass/fail and a completion record.
    Exam {
        #[command(flatten)]
        deck: DeckArg,
        #[command(flatten)]
        learner: LearnerArg,
        #[command(flatten)]
        draw: DrawArgs,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        source: SourceArg,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Present a deck to a room: the message alone, an optional tally, then the explanation and
    /// the instructor's notes. Nothing is saved.
    Present {
        #[command(flatten)]
        deck: DeckArg,
        /// Start at this message (1 is the first), to carry on after a break.
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
        from: u16,
        #[command(flatten)]
        seed: SeedArg,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        source: SourceArg,
    },
    /// The onboarding course: short lessons with practice messages, then the exam.
    Course {
        #[command(flatten)]
        learner: LearnerArg,
        /// A course of your own: a folder with course.toml and its lesson files.
        #[arg(long, value_name = "DIR")]
        course: Option<PathBuf>,
        /// Start from the first lesson, not where this learner left off.
        #[arg(long)]
        start_again: bool,
        #[command(flatten)]
        draw: DrawArgs,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        source: SourceArg,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Exam records: a table, an export (csv, json, md, xAPI statements), or a class view (--merge).
    Report {
        #[command(flatten)]
        args: commands::ReportArgs,
        #[command(flatten)]
        language: LanguageArg,
        #[command(flatten)]
        data: DataDirArg,
    },
    /// List the bundled decks: name, items, feedback, pass mark, time limit, title.
    Decks,
    /// Deliver the xAPI statements of every exam and course record not yet delivered to the
    /// LRS in the config's [lrs] section, over an outgoing connection to that endpoint only.
    Send {
        /// Also one `answered` statement per answered item (as `report --format xapi --answers`).
        #[arg(long)]
        answers: bool,
        /// Print what would be sent; send nothing, change nothing, open no connection.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        language: LanguageArg,
        #[command(flatten)]
        data: DataDirArg,
    },
    /// Print the effective settings and where each came from (command line, environment,
    /// config file with line and column, or built-in).
    Config {
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        deck: DeckArg,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        language: LanguageArg,
    },
    /// Print a shell completion script: `smishdrill completions bash > ~/.local/share/bash-completion/completions/smishdrill`.
    Completions {
        /// bash, zsh, fish or powershell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `smishdrill man > smishdrill.1; man ./smishdrill.1`.
    Man,
    /// Run a class over SSH: learners join with `ssh -p 2222 NAME@HOST` and the class code; this
    /// terminal shows the room. Listens on 127.0.0.1:2222 unless --listen says otherwise.
    Serve(commands::serve::ServeArgs),
    /// Inspect a text you received: paste it (or pipe it in) and see what the trainer would
    /// point out, how to check it and how to report it. Opens no link, uses no network.
    Inspect {
        #[command(flatten)]
        args: commands::InspectArgs,
        #[command(flatten)]
        view: ViewArgs,
    },
}

#[derive(Debug, Args)]
pub struct LearnerArg {
    /// The learner's name or id for the completion record (default: the profile name).
    #[arg(long, value_name = "NAME", value_parser = parse_learner)]
    pub learner: Option<String>,
}

/// A learner id as it will appear in records and reports: printable, one line, not too long.
fn parse_learner(s: &str) -> Result<String, String> {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 200 {
        return Err("give 1 to 200 characters".to_string());
    }
    if s.contains('\n') || !crate::text_safety::is_safe(s) {
        return Err("control or invisible characters are not allowed".to_string());
    }
    Ok(s.to_string())
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only these categories, comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = parse_category)]
    pub category: Vec<Category>,
    /// Only scams or only genuine messages.
    #[arg(long, value_parser = parse_verdict)]
    pub verdict: Option<Verdict>,
    /// Only these difficulties (1, 2, 3), comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = clap::value_parser!(u8).range(1..=3))]
    pub difficulty: Vec<u8>,
    /// Print counts by category, verdict, difficulty and cue kind instead of the list.
    #[arg(long, conflicts_with = "render")]
    pub summary: bool,
    /// Print one scenario in full, with its variables drawn from --seed.
    #[arg(long, value_name = "ID")]
    pub render: Option<String>,
    /// The seed for --render (default 0).
    #[arg(long, requires = "render", default_value_t = 0)]
    pub seed: u64,
    #[command(flatten)]
    pub source: SourceArg,
}

fn parse_verdict(s: &str) -> Result<Verdict, String> {
    match s {
        "genuine" => Ok(Verdict::Legit),
        _ => Verdict::parse(s)
            .ok_or_else(|| format!("unknown verdict `{}`; use scam or legit", crate::text_safety::terminal_line(s))),
    }
}

fn parse_category(s: &str) -> Result<Category, String> {
    Category::parse(s.trim()).ok_or_else(|| {
        let names: Vec<&str> = CATEGORIES.iter().map(|t| t.name).collect();
        let near = closest_name(CATEGORIES, s);
        let s = crate::text_safety::terminal_line(s);
        match near {
            Some(near) => format!("unknown category `{s}` (did you mean `{near}`?)"),
            None => format!("unknown category `{s}`; choose from {}", names.join(", ")),
        }
    })
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(), // --help, --version
        Err(e) => usage_error(e),
    };
    let settings = match crate::config::settings(&cli.overrides()) {
        Ok(s) => s,
        Err(e) => {
            commands::complain_lines(&e.to_string());
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let (added, only) = (cli.scenarios().cloned(), cli.only_scenarios().cloned());
    // A folder to check or audit on its own: `--only-scenarios`, else `--scenarios`.
    let scenarios = only.clone().or_else(|| added.clone());
    let load = || match (&added, &only) {
        (_, Some(dir)) => Corpus::from_paths(std::slice::from_ref(dir)),
        (Some(dir), None) => Corpus::embedded_and(std::slice::from_ref(dir)),
        (None, None) => Corpus::embedded(),
    };
    let deck_or_default =
        |deck: &DeckArg| deck.deck.clone().or_else(|| settings.deck.as_ref().map(|d| d.value.clone()));
    let code = match &cli.command {
        Some(Command::Check { paths, audit: true, seed, .. }) if !paths.is_empty() => {
            commands::audit_paths(paths, scenarios.as_deref(), seed.seed.or(cli.draw.seed.seed))
        }
        Some(Command::Check { audit: true, seed, .. }) => match &scenarios {
            Some(dir) => commands::audit_paths(std::slice::from_ref(dir), None, seed.seed.or(cli.draw.seed.seed)),
            None => commands::audit_builtin(seed.seed.or(cli.draw.seed.seed)),
        },
        Some(Command::Check { paths, .. }) if !paths.is_empty() => commands::check_paths(paths, scenarios.as_deref()),
        Some(Command::Check { .. }) => match &scenarios {
            Some(dir) => commands::check_paths(std::slice::from_ref(dir), None),
            None => commands::check_builtin(),
        },
        Some(Command::Decks) => commands::decks(),
        Some(Command::List(args)) => {
            let filter = commands::ListFilter {
                categories: args.category.clone(),
                verdict: args.verdict,
                difficulties: args.difficulty.clone(),
            };
            let mode = match (&args.render, args.summary) {
                (Some(id), _) => commands::ListMode::Render { id: id.clone(), seed: args.seed },
                (None, true) => commands::ListMode::Summary,
                (None, false) => commands::ListMode::Lines,
            };
            commands::list(&load(), &filter, &mode)
        }
        Some(Command::Stats { .. }) => stats(&settings),
        Some(Command::Practice { deck: None, .. }) | None => {
            session(&cli, &settings, load(), |_| Ok(Plan::Practice { deck: None }))
        }
        Some(Command::Practice { deck: Some(name), .. }) => {
            session(&cli, &settings, load(), |pool| Ok(Plan::Practice { deck: Some(find_deck(name, pool)?) }))
        }
        Some(Command::Exam { deck, learner, .. }) => {
            let Some(deck) = deck_or_default(deck) else { return missing_deck("exam") };
            session(&cli, &settings, load(), |pool| {
                Ok(Plan::Exam { deck: find_deck(&deck, pool)?, learner: learner_name(&settings, learner) })
            })
        }
        Some(Command::Present { deck, from, .. }) => {
            let Some(deck) = deck_or_default(deck) else { return missing_deck("present") };
            session(&cli, &settings, load(), |pool| {
                Ok(Plan::Present { deck: find_deck(&deck, pool)?, from: usize::from(*from) })
            })
        }
        Some(Command::Course { learner, course, start_again, .. }) => session(&cli, &settings, load(), |pool| {
            let loaded = match course {
                Some(dir) => crate::course::from_dir(dir, pool),
                None => crate::course::embedded(pool),
            };
            let course =
                loaded.map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))?;
            let exam = find_deck(&course.exam, pool)?;
            Ok(Plan::Course { course, exam, learner: learner_name(&settings, learner), start_again: *start_again })
        }),
        Some(Command::Report { args, .. }) => {
            let dir = settings.data_dir.as_ref().map(|d| d.value.as_path());
            commands::report(args, dir, &settings.xapi(), &settings.locale())
        }
        Some(Command::Send { answers, dry_run, .. }) => {
            crate::send::run(&settings, &crate::send::SendOptions { answers: *answers, dry_run: *dry_run })
        }
        Some(Command::Config { .. }) => crate::commands::config::show(&settings),
        Some(Command::Completions { shell }) => {
            let mut out = std::io::stdout();
            clap_complete::generate(*shell, &mut Cli::command(), "smishdrill", &mut out);
            0
        }
        Some(Command::Man) => crate::commands::config::man(Cli::command()),
        Some(Command::Serve(args)) => {
            let data = args.data_dir.clone().or_else(|| settings.data_dir.as_ref().map(|d| d.value.clone()));
            let deck = args.deck.clone().or_else(|| settings.deck.as_ref().map(|d| d.value.clone()));
            commands::serve::run(args, deck, data, load())
        }
        Some(Command::Inspect { args, view }) => commands::inspect::run(
            args,
            view.plain || cli.view.plain,
            view.theme.unwrap_or(settings.theme.value),
            &settings.locale(),
        ),
    };
    ExitCode::from(code)
}

fn missing_deck(command: &str) -> ExitCode {
    commands::complain(&format!(
        "{command} needs a deck: give --deck NAME|FILE (see `smishdrill decks`), or set `deck` in the config file"
    ));
    ExitCode::from(EXIT_USAGE)
}

/// A wrong command line. clap's message repeats what was typed, so when an argument holds a
/// line break or an unsafe character the message is made from the arguments as the output rule
/// shows them (`␤`, `␛`, …): what was typed cannot forge a line or send a control sequence.
fn usage_error(e: clap::Error) -> ! {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let shown: Vec<String> =
        args.iter().map(|a| crate::text_safety::terminal_line(&a.to_string_lossy()).into_owned()).collect();
    if args.iter().zip(&shown).all(|(a, s)| a.to_str() == Some(s.as_str())) {
        e.exit();
    }
    match Cli::try_parse_from(&shown) {
        Err(e) if e.use_stderr() => e.exit(),
        _ => {
            let bad = shown.iter().zip(&args).find(|(s, a)| a.to_str() != Some(s.as_str())).map(|(s, _)| s.as_str());
            commands::complain(&format!(
                "the argument `{}` holds a line break, control or invisible character",
                bad.unwrap_or_default()
            ));
            std::process::exit(i32::from(EXIT_USAGE));
        }
    }
}

/// The data folder from the settings (`--data-dir`, environment, config, platform).
fn data_dir(settings: &Settings) -> Result<PathBuf, StoreError> {
    settings.data_dir.as_ref().map(|d| d.value.clone()).ok_or(StoreError::NoDataDir)
}

/// The learner's progress store, from the settings' data folder and profile.
fn progress_store(settings: &Settings) -> Result<ProgressStore, StoreError> {
    let profile = &settings.profile.value;
    if !valid_profile(profile) {
        // The error repeats what was given: one safe line, whatever it held.
        return Err(StoreError::BadProfile(crate::text_safety::terminal_line(profile).into_owned()));
    }
    ProgressStore::open(&data_dir(settings)?, profile)
}

/// Without a profile given (command line, environment or config) and without a usable login
/// name (`$USER`, `%USERNAME%`), progress goes to the profile `default`: say so, so nobody's
/// answers land in a shared profile unnoticed.
fn profile_notice(settings: &Settings) -> Option<Phrase> {
    let login = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_default();
    let built_in = matches!(settings.profile.origin, crate::config::Origin::BuiltIn);
    (built_in && !valid_profile(&login))
        .then(|| Phrase::new("notice.default_profile").with("profile", settings.profile.value.as_str()))
}

fn stats(settings: &Settings) -> u8 {
    if let Some(notice) = profile_notice(settings) {
        commands::complain(&notice.say(&settings.locale()));
    }
    let loaded = match progress_store(settings).and_then(|store| store.load_summary()) {
        Ok(loaded) => loaded,
        Err(e) => {
            commands::complain(&e.to_string());
            return 1;
        }
    };
    if let Some(notice) = &loaded.notice {
        commands::complain(&notice.say(&settings.locale()));
    }
    let lines = crate::learning::stats::worded(&report(&loaded.summary, 80), &settings.locale());
    commands::print_lines(lines.into_iter().map(|(_, line)| line));
    0
}

fn find_deck(name: &str, pool: &[crate::scenario::Scenario]) -> Result<crate::deck::Deck, String> {
    crate::deck::find(name, pool).map_err(|e| e.to_string())
}

/// `--learner`, or else the profile name (the login name by default).
fn learner_name(settings: &Settings, learner: &LearnerArg) -> String {
    learner.learner.clone().unwrap_or_else(|| settings.profile.value.clone())
}

/// `--scenarios DIR` gave no scenario at all: every problem, as `check` prints it, then what
/// to do.
fn nothing_usable(dir: &std::path::Path, corpus: &Corpus) -> u8 {
    let shown = crate::text_safety::terminal_line(&dir.display().to_string()).into_owned();
    let mut lines = commands::problem_lines(&corpus.problems);
    if corpus.files == 0 && corpus.problems.is_empty() {
        lines.push(format!("smishdrill: no scenario files (*.toml) in {shown}: nothing to practise."));
        lines.push(
            "To go on: put scenario files there (see docs/scenario-format.md), or use --scenarios (which adds to the built-in scenarios) instead of --only-scenarios."
                .to_string(),
        );
    } else {
        lines.push(format!(
            "smishdrill: none of the {} scenario file(s) in {shown} could be used ({} problem(s) above).",
            corpus.files,
            corpus.problems.len()
        ));
        lines.push(format!(
            "To go on: fix the files (`smishdrill check {shown}` lists every problem again, see docs/scenario-format.md), or use --scenarios (which adds to the built-in scenarios) instead of --only-scenarios."
        ));
    }
    commands::eprint_text(&lines.join("\n"));
    EXIT_USAGE
}

/// Opens the stores, builds the plan against the loaded scenarios, and runs the session.
fn session(
    cli: &Cli,
    settings: &Settings,
    corpus: Corpus,
    plan: impl FnOnce(&[crate::scenario::Scenario]) -> Result<Plan, String>,
) -> u8 {
    if let Some(dir) = cli.only_scenarios().or(cli.scenarios()).filter(|_| corpus.scenarios.is_empty()) {
        return nothing_usable(dir, &corpus);
    }
    let plan = match plan(&corpus.scenarios) {
        Ok(plan) => plan,
        Err(e) => {
            commands::complain_lines(&e);
            // The plan may have failed for want of the files that were skipped: show them.
            commands::eprint_text(&commands::problem_lines(&corpus.problems).join("\n"));
            return EXIT_USAGE;
        }
    };
    let args = cli.picked();
    let opts = Options {
        count: usize::from(args.count.unwrap_or(DEFAULT_COUNT)),
        categories: args.categories,
        seed: args.seed,
        no_spot: args.no_spot,
        theme: settings.theme.value,
        plain: args.plain,
        locale: settings.locale(),
    };
    let mut stores = Stores { progress: None, completions: None, notices: Vec::new(), history: Default::default() };
    stores.notices.extend(profile_notice(settings));
    match progress_store(settings).and_then(|store| store.load_summary().map(|l| (store, l))) {
        Ok((store, loaded)) => {
            stores.notices.extend(loaded.notice);
            stores.progress = Some(store);
            stores.history = loaded.summary;
        }
        Err(e) => stores.notices.push(Phrase::new("notice.progress_will_not_be_saved").with("error", e.to_string())),
    }
    if matches!(plan, Plan::Exam { .. } | Plan::Course { .. }) {
        match data_dir(settings).and_then(|dir| CompletionStore::open(&dir)) {
            Ok(store) => stores.completions = Some(store),
            Err(e) => stores.notices.push(Phrase::new("notice.exam_store_error").with("error", e.to_string())),
        }
    }
    commands::run_session(plan, corpus, &opts, stores)
}
