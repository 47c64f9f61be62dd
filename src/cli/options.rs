//! The option groups subcommands share. Each subcommand flattens only the groups that apply
//! to it, so its `--help` lists only its own options.

use std::path::PathBuf;

use clap::Args;

use super::parse_category;
use crate::scenario::Category;
use crate::ui::ThemeName;

/// How a free-practice round is drawn.
#[derive(Debug, Args, Default)]
pub struct RoundArgs {
    /// How many messages a round has (free practice; default 10).
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u16).range(1..))]
    pub count: Option<u16>,
    /// Only these categories, comma-separated (toll, postage, traffic-fine, wallet, bank, delivery, other).
    #[arg(long, value_delimiter = ',', value_parser = parse_category)]
    pub category: Vec<Category>,
}

/// The seed and the spot-the-flags step of a session.
#[derive(Debug, Args, Default)]
pub struct DrawArgs {
    #[command(flatten)]
    pub seed: SeedArg,
    /// Skip the spot-the-flags step (quicker rounds, presenting).
    #[arg(long)]
    pub no_spot: bool,
}

#[derive(Debug, Args, Default)]
pub struct SeedArg {
    /// Use this seed: the same seed gives the same messages (overrides a deck's own seed).
    #[arg(long)]
    pub seed: Option<u64>,
}

/// How a session is shown.
#[derive(Debug, Args, Default)]
pub struct ViewArgs {
    /// Colours: default, high-contrast, or mono (NO_COLOR always means mono; default: the
    /// config's `theme`).
    #[arg(long, value_enum)]
    pub theme: Option<ThemeName>,
    /// Line by line, without the full-screen display: for screen readers, braille displays and
    /// dumb terminals. Chosen automatically when the output is not a terminal.
    #[arg(long)]
    pub plain: bool,
}

/// The language of the interface: accepted before or after any subcommand.
#[derive(Debug, Args, Default)]
pub struct LangArg {
    /// The language of the interface's words: en (the default) or en-XA, the pseudo-locale
    /// that shows untranslated or cut-off text (default: the config's `lang`, else
    /// $SMISHDRILL_LANG). Scenario messages keep their own language.
    #[arg(long, value_name = "TAG", global = true, value_parser = crate::config::file::parse_lang)]
    pub lang: Option<String>,
}

#[derive(Debug, Args, Default)]
pub struct SourceArg {
    /// Add the scenarios in this folder to the built-in set (a deck may name both; an id
    /// that is already built in is reported and the folder's file left out).
    #[arg(long, value_name = "DIR")]
    pub scenarios: Option<PathBuf>,
    /// Use only the scenarios in this folder, without the built-in set.
    #[arg(long, value_name = "DIR", conflicts_with = "scenarios")]
    pub only_scenarios: Option<PathBuf>,
}

#[derive(Debug, Args, Default)]
pub struct DataDirArg {
    /// Keep progress and records in this folder instead of the platform's data folder (default:
    /// the config's `data_dir`).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Args, Default)]
pub struct StoreArgs {
    /// Whose progress to use (default: the config's `profile`, else your login name).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    #[command(flatten)]
    pub data: DataDirArg,
}

#[derive(Debug, Args, Default)]
pub struct DeckArg {
    /// A bundled deck's name (see `smishdrill decks`) or a deck file (default: the config's
    /// `deck`).
    #[arg(long, value_name = "NAME|FILE")]
    pub deck: Option<String>,
}

#[derive(Debug, Args, Default)]
pub struct LanguageArg {
    /// The language tag of the statements' display strings (default: the config's
    /// `language`, else en-US).
    #[arg(long, value_name = "TAG", value_parser = crate::config::file::parse_language)]
    pub language: Option<String>,
}
