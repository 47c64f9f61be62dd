//! The command line: `smishdrill` (a round), `smishdrill check`, `smishdrill list`, `stats`, `report`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::commands::{self, Options, Plan, Stores};
use crate::corpus::Corpus;
use crate::learning::completion_store::CompletionStore;
use crate::learning::progress::{ProgressError, ProgressStore, default_data_dir, default_profile, valid_profile};
use crate::learning::stats::report;
use crate::scenario::kinds::{CATEGORIES, closest_name};
use crate::scenario::{Category, Verdict};
use crate::ui::ThemeName;

/// Exit code for wrong usage or nothing to show.
const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "smishdrill",
    version,
    about = "Learn to recognise SMS phishing (smishing): judge realistic texts, then see every red flag.",
    after_help = "Keys in the trainer: s scam, l genuine, 1-9 answer, Enter next, ? help, q quit.\nLinks in messages are only text; smishdrill never opens them and never uses the network."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub round: RoundArgs,
    /// Add the scenarios in this folder to the built-in set (a deck may name both; an id
    /// that is already built in is reported and the folder's file left out).
    #[arg(long, value_name = "DIR", global = true)]
    pub scenarios: Option<PathBuf>,
    /// Use only the scenarios in this folder, without the built-in set.
    #[arg(long, value_name = "DIR", global = true, conflicts_with = "scenarios")]
    pub only_scenarios: Option<PathBuf>,
    /// Whose progress to use (default: your login name).
    #[arg(long, value_name = "NAME", global = true)]
    pub profile: Option<String>,
    /// Keep progress in this folder instead of the platform's data folder.
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RoundArgs {
    /// How many messages a round has (free practice).
    #[arg(long, short = 'n', global = true, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..))]
    pub count: u16,
    /// Only these categories, comma-separated (toll, postage, traffic-fine, wallet, bank, delivery, other).
    #[arg(long, global = true, value_delimiter = ',', value_parser = parse_category)]
    pub category: Vec<Category>,
    /// Use this seed: the same seed gives the same round (overrides a deck's own seed).
    #[arg(long, global = true)]
    pub seed: Option<u64>,
    /// Skip the spot-the-flags step (quicker rounds, presenting).
    #[arg(long, global = true)]
    pub no_spot: bool,
    /// Colours: default, high-contrast, or mono (NO_COLOR always means mono).
    #[arg(long, global = true, value_enum, default_value_t = ThemeName::Default)]
    pub theme: ThemeName,
    /// Line by line, without the full-screen display: for screen readers, braille displays and
    /// dumb terminals. Chosen automatically when the output is not a terminal.
    #[arg(long, global = true)]
    pub plain: bool,
}

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
    },
    /// List scenarios: id, category, verdict, difficulty, title (* = has variables).
    List(ListArgs),
    /// Your progress: accuracy and d′ over rounds, categories, red flags you miss, what to revisit.
    Stats,
    /// Practise (the default): rounds chosen for you, or the messages of a deck.
    Practice {
        /// A bundled deck's name (see `smishdrill decks`) or a deck file.
        #[arg(long, value_name = "NAME|FILE")]
        deck: Option<String>,
    },
    /// Take an exam: no feedback until the end, then pass/fail and a completion record.
    Exam {
        #[arg(long, value_name = "NAME|FILE")]
        deck: String,
        #[command(flatten)]
        learner: LearnerArg,
    },
    /// Present a deck to a room: the message alone, an optional tally, then the explanation and
    /// the instructor's notes. Nothing is saved.
    Present {
        #[arg(long, value_name = "NAME|FILE")]
        deck: String,
        /// Start at this message (1 is the first), to carry on after a break.
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
        from: u16,
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
    },
    /// Exam records: a table, an export (csv, json, md, xAPI statements), or a class view (--merge).
    Report(commands::ReportArgs),
    /// List the bundled decks: name, items, feedback, pass mark, time limit, title.
    Decks,
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
    let load = || match (&cli.scenarios, &cli.only_scenarios) {
        (_, Some(dir)) => Corpus::from_paths(std::slice::from_ref(dir)),
        (Some(dir), None) => Corpus::embedded_and(std::slice::from_ref(dir)),
        (None, None) => Corpus::embedded(),
    };
    let code = match &cli.command {
        Some(Command::Check { paths, audit: true }) if !paths.is_empty() => {
            commands::audit_paths(paths, cli.scenarios.as_deref().or(cli.only_scenarios.as_deref()), cli.round.seed)
        }
        Some(Command::Check { audit: true, .. }) => match cli.scenarios.as_ref().or(cli.only_scenarios.as_ref()) {
            Some(dir) => commands::audit_paths(std::slice::from_ref(dir), None, cli.round.seed),
            None => commands::audit_builtin(cli.round.seed),
        },
        Some(Command::Check { paths, .. }) if !paths.is_empty() => {
            commands::check_paths(paths, cli.scenarios.as_deref().or(cli.only_scenarios.as_deref()))
        }
        Some(Command::Check { .. }) => match cli.scenarios.as_ref().or(cli.only_scenarios.as_ref()) {
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
        Some(Command::Stats) => stats(&cli),
        Some(Command::Practice { deck: None }) | None => session(&cli, load(), |_| Ok(Plan::Practice { deck: None })),
        Some(Command::Practice { deck: Some(name) }) => {
            session(&cli, load(), |pool| Ok(Plan::Practice { deck: Some(find_deck(name, pool)?) }))
        }
        Some(Command::Exam { deck, learner }) => session(&cli, load(), |pool| {
            Ok(Plan::Exam { deck: find_deck(deck, pool)?, learner: learner_name(&cli, learner) })
        }),
        Some(Command::Present { deck, from }) => {
            session(&cli, load(), |pool| Ok(Plan::Present { deck: find_deck(deck, pool)?, from: usize::from(*from) }))
        }
        Some(Command::Course { learner, course, start_again }) => session(&cli, load(), |pool| {
            let loaded = match course {
                Some(dir) => crate::course::from_dir(dir, pool),
                None => crate::course::embedded(pool),
            };
            let course =
                loaded.map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))?;
            let exam = find_deck(&course.exam, pool)?;
            Ok(Plan::Course { course, exam, learner: learner_name(&cli, learner), start_again: *start_again })
        }),
        Some(Command::Report(args)) => commands::report(args, cli.data_dir.as_deref()),
    };
    ExitCode::from(code)
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

/// `--data-dir` or the platform's data folder.
fn data_dir(cli: &Cli) -> Result<PathBuf, ProgressError> {
    match &cli.data_dir {
        Some(d) => Ok(d.clone()),
        None => default_data_dir(),
    }
}

/// The learner's progress store, from --data-dir / --profile or the defaults.
fn progress_store(cli: &Cli) -> Result<ProgressStore, ProgressError> {
    let dir = data_dir(cli)?;
    let profile = cli.profile.clone().unwrap_or_else(default_profile);
    if !valid_profile(&profile) {
        // The error repeats what was typed: one safe line, whatever it held.
        return Err(ProgressError::BadProfile(crate::text_safety::terminal_line(&profile).into_owned()));
    }
    ProgressStore::open(&dir, &profile)
}

/// Without `--profile` and without a usable login name (`$USER`, `%USERNAME%`), progress goes
/// to the profile `default`: say so, so nobody's answers land in a shared profile unnoticed.
fn profile_notice(cli: &Cli) -> Option<String> {
    let login = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_default();
    (cli.profile.is_none() && !valid_profile(&login)).then(|| {
        format!(
            "no login name ($USER) to name your profile, so the profile `{}` is used; choose one with --profile NAME",
            default_profile()
        )
    })
}

fn stats(cli: &Cli) -> u8 {
    if let Some(notice) = profile_notice(cli) {
        commands::complain(&notice);
    }
    let loaded = match progress_store(cli).and_then(|store| store.load()) {
        Ok(loaded) => loaded,
        Err(e) => {
            commands::complain(&e.to_string());
            return 1;
        }
    };
    if let Some(notice) = &loaded.notice {
        commands::complain(notice);
    }
    commands::print_lines(report(&loaded.history, 80).into_iter().map(|(_, line)| line));
    0
}

fn find_deck(name: &str, pool: &[crate::scenario::Scenario]) -> Result<crate::deck::Deck, String> {
    crate::deck::find(name, pool).map_err(|e| e.to_string())
}

/// `--learner`, or else the profile name (the login name by default).
fn learner_name(cli: &Cli, learner: &LearnerArg) -> String {
    learner.learner.clone().or_else(|| cli.profile.clone()).unwrap_or_else(default_profile)
}

/// `--scenarios DIR` gave no scenario at all: every problem, as `check` prints it, then what
/// to do.
fn nothing_usable(dir: &std::path::Path, corpus: &Corpus) -> u8 {
    let shown = crate::text_safety::terminal_line(&dir.display().to_string()).into_owned();
    let mut lines = commands::problem_lines(&corpus.problems);
    if corpus.files == 0 && corpus.problems.is_empty() {
        lines.push(format!("smishdrill: no scenario files (*.toml) in {shown}: nothing to practise."));
        lines.push(
            "To go on: put scenario files there (see docs/scenario-format.md), or leave out --scenarios to use the built-in scenarios."
                .to_string(),
        );
    } else {
        lines.push(format!(
            "smishdrill: none of the {} scenario file(s) in {shown} could be used ({} problem(s) above).",
            corpus.files,
            corpus.problems.len()
        ));
        lines.push(format!(
            "To go on: fix the files (`smishdrill check {shown}` lists every problem again, see docs/scenario-format.md), or leave out --scenarios to use the built-in scenarios."
        ));
    }
    commands::eprint_text(&lines.join("\n"));
    EXIT_USAGE
}

/// Opens the stores, builds the plan against the loaded scenarios, and runs the session.
fn session(cli: &Cli, corpus: Corpus, plan: impl FnOnce(&[crate::scenario::Scenario]) -> Result<Plan, String>) -> u8 {
    if let Some(dir) = cli.scenarios.as_deref().filter(|_| corpus.scenarios.is_empty()) {
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
    let args = &cli.round;
    let opts = Options {
        count: usize::from(args.count),
        categories: args.category.clone(),
        seed: args.seed,
        no_spot: args.no_spot,
        theme: args.theme,
        plain: args.plain,
    };
    let mut stores = Stores { progress: None, completions: None, notices: Vec::new(), history: Vec::new() };
    stores.notices.extend(profile_notice(cli));
    match progress_store(cli).and_then(|store| store.load().map(|l| (store, l))) {
        Ok((store, loaded)) => {
            stores.notices.extend(loaded.notice);
            stores.progress = Some(store);
            stores.history = loaded.history;
        }
        Err(e) => stores.notices.push(format!("Progress will not be saved: {e}")),
    }
    if matches!(plan, Plan::Exam { .. } | Plan::Course { .. }) {
        match data_dir(cli).and_then(|dir| CompletionStore::open(&dir)) {
            Ok(store) => stores.completions = Some(store),
            Err(e) => stores.notices.push(format!("Your exam result cannot be recorded: {e}")),
        }
    }
    commands::run_session(plan, corpus, &opts, stores)
}
