//! The command line: `smishdrill` (a round), `smishdrill check`, `smishdrill list`, `stats`, `report`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::app::App;
use crate::commands;
use crate::corpus::Corpus;
use crate::learning::progress::{ProgressError, ProgressStore, default_data_dir, default_profile};
use crate::learning::stats::report;
use crate::round::RoundSpec;
use crate::scenario::kinds::{CATEGORIES, closest_name};
use crate::scenario::{Category, Verdict};
use crate::terminal;
use crate::ui::{Theme, ThemeName};

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
    /// Read scenarios from this folder instead of the set built into the program.
    #[arg(long, value_name = "DIR", global = true)]
    pub scenarios: Option<PathBuf>,
    /// Whose progress to use (default: your login name).
    #[arg(long, value_name = "NAME", global = true)]
    pub profile: Option<String>,
    /// Keep progress in this folder instead of the platform's data folder.
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RoundArgs {
    /// How many messages a round has.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..))]
    pub count: u16,
    /// Only these categories, comma-separated (toll, postage, traffic-fine, wallet, bank, delivery, other).
    #[arg(long, value_delimiter = ',', value_parser = parse_category)]
    pub category: Vec<Category>,
    /// Use this seed: the same seed gives the same round.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Skip the spot-the-flags step (quicker rounds, presenting).
    #[arg(long)]
    pub no_spot: bool,
    /// Colours: default, high-contrast, or mono (NO_COLOR always means mono).
    #[arg(long, value_enum, default_value_t = ThemeName::Default)]
    pub theme: ThemeName,
    /// Line by line, without the full-screen display: for screen readers, braille displays and
    /// dumb terminals. Chosen automatically when the output is not a terminal.
    #[arg(long)]
    pub plain: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario and deck files and report every problem as path:line:col: message.
    Check {
        /// Files or folders to check (default: the built-in scenarios and decks). Files in a
        /// folder named `decks`, or named `*.deck.toml`, are decks.
        paths: Vec<PathBuf>,
    },
    /// List scenarios: id, category, verdict, difficulty, title (* = has variables).
    List(ListArgs),
    /// Your progress: accuracy and d′ over rounds, categories, red flags you miss, what to revisit.
    Stats,
    /// Exam records: a table, an export (csv, json, md, xAPI statements), or a class view (--merge).
    Report(commands::ReportArgs),
    /// List the bundled decks: name, items, feedback, pass mark, time limit, title.
    Decks,
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
        _ => Verdict::parse(s).ok_or_else(|| format!("unknown verdict `{s}`; use scam or legit")),
    }
}

fn parse_category(s: &str) -> Result<Category, String> {
    Category::parse(s.trim()).ok_or_else(|| {
        let names: Vec<&str> = CATEGORIES.iter().map(|t| t.name).collect();
        match closest_name(CATEGORIES, s) {
            Some(near) => format!("unknown category `{s}` (did you mean `{near}`?)"),
            None => format!("unknown category `{s}`; choose from {}", names.join(", ")),
        }
    })
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let load = || match &cli.scenarios {
        Some(dir) => Corpus::from_paths(std::slice::from_ref(dir)),
        None => Corpus::embedded(),
    };
    let code = match &cli.command {
        Some(Command::Check { paths }) if !paths.is_empty() => commands::check_paths(paths, cli.scenarios.as_deref()),
        Some(Command::Check { .. }) => match &cli.scenarios {
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
        Some(Command::Report(args)) => commands::report(args, cli.data_dir.as_deref()),
        None => train(load(), &cli),
    };
    ExitCode::from(code)
}

/// The learner's progress store, from --data-dir / --profile or the defaults.
fn progress_store(cli: &Cli) -> Result<ProgressStore, ProgressError> {
    let dir = match &cli.data_dir {
        Some(d) => d.clone(),
        None => default_data_dir()?,
    };
    let profile = cli.profile.clone().unwrap_or_else(default_profile);
    ProgressStore::open(&dir, &profile)
}

fn stats(cli: &Cli) -> u8 {
    let loaded = match progress_store(cli).and_then(|store| store.load()) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("smishdrill: {e}");
            return 1;
        }
    };
    if let Some(notice) = &loaded.notice {
        eprintln!("smishdrill: {notice}");
    }
    commands::print_lines(report(&loaded.history, 80).into_iter().map(|(_, line)| line));
    0
}

fn train(corpus: Corpus, cli: &Cli) -> u8 {
    let args = &cli.round;
    let plain = args.plain || !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal();
    let spec = RoundSpec {
        count: usize::from(args.count),
        categories: args.category.clone(),
        seed: args.seed.unwrap_or_else(rand::random),
    };
    let Corpus { scenarios, problems, .. } = corpus;
    let mut notices = Vec::new();
    let (store, history) = match progress_store(cli).and_then(|store| store.load().map(|l| (store, l))) {
        Ok((store, loaded)) => {
            notices.extend(loaded.notice);
            (Some(store), loaded.history)
        }
        Err(e) => {
            notices.push(format!("Progress will not be saved: {e}"));
            (None, Vec::new())
        }
    };
    let mut app = App::with_history(scenarios, spec, crate::scenario::dates::Date::today_days(), history);
    app.session = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    app.spot_enabled = !args.no_spot;
    if app.round.is_empty() {
        eprintln!("smishdrill: no scenarios to show (check --category and --scenarios)");
        return EXIT_USAGE;
    }
    if !problems.is_empty() {
        notices.push(format!(
            "{} problem(s) in the scenario files: those files were skipped. Details are printed when you quit, or run `smishdrill check`.",
            problems.len()
        ));
    }
    if !notices.is_empty() {
        app.notice = Some(notices.join(" "));
    }
    let mut sink = crate::terminal::Sink {
        answer: Box::new(|record: &crate::learning::record::AnswerRecord| match &store {
            Some(store) => store.append(record).map_err(|e| e.to_string()),
            None => Ok(()),
        }),
        completion: Box::new(|_| Ok(())),
    };
    let outcome = if plain {
        crate::plain::run(&mut app, &mut sink)
    } else {
        terminal::run(&mut app, &Theme::choose(args.theme), &mut sink)
    };
    let (code, mut report) = match outcome {
        Ok((code, errors)) => {
            (code, errors.iter().take(3).map(|e| format!("smishdrill: progress not saved: {e}")).collect())
        }
        Err(e) => (1, vec![format!("smishdrill: terminal error: {e}")]),
    };
    report.extend(problems.iter().map(ToString::to_string));
    // The terminal may be gone (SIGHUP): a failed write here must not turn into a panic.
    let mut stderr = std::io::stderr().lock();
    for line in report {
        if writeln!(stderr, "{line}").is_err() {
            break;
        }
    }
    code
}
