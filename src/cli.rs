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
mod run;

pub use run::run;

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
