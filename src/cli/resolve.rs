//! Which value of an option a session uses: the subcommand's own, else the one given before the
//! subcommand; and what the command line contributes to the config's precedence.

use std::path::PathBuf;

use super::{Cli, Command, StoreArgs};
use crate::config::Overrides;
use crate::scenario::Category;

/// The options of the session being started: the subcommand's own, else the ones given before it.
pub(super) struct Picked {
    pub(super) count: Option<u16>,
    pub(super) categories: Vec<Category>,
    pub(super) seed: Option<u64>,
    pub(super) no_spot: bool,
    pub(super) plain: bool,
}

/// Messages in a free-practice round unless `--count` says otherwise.
pub(super) const DEFAULT_COUNT: u16 = 10;

impl Cli {
    /// The subcommand's own scenario options, if it has any.
    fn own_source(&self) -> Option<&super::SourceArg> {
        match &self.command {
            Some(Command::Check { source, .. })
            | Some(Command::Practice { source, .. })
            | Some(Command::Exam { source, .. })
            | Some(Command::Present { source, .. })
            | Some(Command::Course { source, .. }) => Some(source),
            Some(Command::List(args)) => Some(&args.source),
            _ => None,
        }
    }

    /// The folder that adds to the built-in scenarios: the subcommand's `--scenarios`, else the
    /// one before it.
    pub(super) fn scenarios(&self) -> Option<&PathBuf> {
        self.own_source().and_then(|s| s.scenarios.as_ref()).or(self.source.scenarios.as_ref())
    }

    /// The folder used instead of the built-in scenarios (`--only-scenarios`).
    pub(super) fn only_scenarios(&self) -> Option<&PathBuf> {
        self.own_source().and_then(|s| s.only_scenarios.as_ref()).or(self.source.only_scenarios.as_ref())
    }

    /// What the command line sets for `config`'s precedence.
    pub(super) fn overrides(&self) -> Overrides {
        let none = StoreArgs::default();
        let (store, data, theme, deck, language) = match &self.command {
            Some(Command::Stats { store }) => (store, None, None, None, None),
            Some(Command::Practice { store, view, .. }) | Some(Command::Course { store, view, .. }) => {
                (store, None, view.theme, None, None)
            }
            Some(Command::Exam { store, view, deck, .. }) => (store, None, view.theme, deck.deck.clone(), None),
            Some(Command::Present { view, deck, .. }) => (&none, None, view.theme, deck.deck.clone(), None),
            Some(Command::Report { data, language, .. }) | Some(Command::Send { data, language, .. }) => {
                (&none, data.data_dir.clone(), None, None, language.language.clone())
            }
            Some(Command::Config { store, deck, view, language }) => {
                (store, None, view.theme, deck.deck.clone(), language.language.clone())
            }
            _ => (&none, None, None, None, None),
        };
        Overrides {
            config: self.config.clone(),
            profile: store.profile.clone().or_else(|| self.store.profile.clone()),
            theme: theme.or(self.view.theme),
            lang: self.lang.lang.clone(),
            data_dir: data.or_else(|| store.data.data_dir.clone()).or_else(|| self.store.data.data_dir.clone()),
            deck,
            language,
        }
    }

    pub(super) fn picked(&self) -> Picked {
        let (round, seed, no_spot, plain) = match &self.command {
            Some(Command::Practice { round, draw, view, .. }) => {
                (Some(round), draw.seed.seed, draw.no_spot, view.plain)
            }
            Some(Command::Exam { draw, view, .. }) | Some(Command::Course { draw, view, .. }) => {
                (None, draw.seed.seed, draw.no_spot, view.plain)
            }
            Some(Command::Present { seed, view, .. }) => (None, seed.seed, false, view.plain),
            _ => (None, None, false, false),
        };
        let categories = match round {
            Some(r) if !r.category.is_empty() => r.category.clone(),
            _ => self.round.category.clone(),
        };
        Picked {
            count: round.and_then(|r| r.count).or(self.round.count),
            categories,
            seed: seed.or(self.draw.seed.seed),
            no_spot: no_spot || self.draw.no_spot,
            plain: plain || self.view.plain,
        }
    }
}
