//! A set of scenarios loaded from the copy compiled into the binary or from files on disk,
//! with every problem found on the way. Broken files are reported and left out; the rest load.

use std::collections::HashMap;
use std::path::PathBuf;

mod files;
mod parallel;
mod sources;

use files::read_text;
pub use files::{MAX_DEPTH, files_under};
use parallel::{PARALLEL_FROM, on_every_core};
use sources::{How, Src, baked_sources, read_and_parse};

use crate::scenario::{Location, Problem, ProblemKind, Scenario};

/// How many further variants of a scenario with `[vars]` `check` draws and checks (seeds 1 to
/// 24), to prove that every variant obeys the rules (each quote still found, and so on).
pub use crate::scenario::VARIANTS_CHECKED;

/// The scenarios under `scenarios/` at build time: (path shown in messages, file text).
pub use crate::scenario::embedded::EMBEDDED;

/// Files larger than this are not scenarios; refusing them keeps a stray log file from
/// stalling the loader (the one bounded reader, [`crate::files`], enforces it).
pub const MAX_FILE_BYTES: u64 = crate::source::files::MAX_TEXT_BYTES;

#[derive(Debug, Default)]
pub struct Corpus {
    pub scenarios: Vec<Scenario>,
    pub problems: Vec<Problem>,
    /// How many files were read (valid or not).
    pub files: usize,
    /// Teaching problems of scenarios that did load (see `scenario::fairness`); gathered only
    /// when every variant is checked, that is for `check`.
    pub findings: Vec<Problem>,
    /// What `check` reports without failing; gathered, as `findings`, only for `check`.
    pub warnings: Vec<Problem>,
}

impl Corpus {
    /// Builds a corpus from (path, text) pairs, in order, rejecting duplicate ids.
    pub fn from_sources(sources: impl IntoIterator<Item = (String, Result<String, Problem>)>) -> Corpus {
        Corpus::load(sources, true)
    }

    /// As [`Corpus::from_sources`]; `all_variants` also draws and checks [`VARIANTS_CHECKED`]
    /// variants of each scenario with variables.
    pub fn load(sources: impl IntoIterator<Item = (String, Result<String, Problem>)>, all_variants: bool) -> Corpus {
        let how = if all_variants { How::Check } else { How::First };
        Corpus::load_each(sources.into_iter().map(|(path, text)| (path, Src::Given(text), how)))
    }

    /// As [`Corpus::load`], with how each source is read given per source. Many files read
    /// for a round (`--scenarios DIR`) are read and parsed on every core, each thread taking a
    /// run of them; the results are merged in order, so what loads and what is reported is the
    /// same as one by one. The bundled files are always built on this thread (see below), and
    /// `check` stays on one thread (its figures are compared with a one-thread floor).
    fn load_each(sources: impl IntoIterator<Item = (String, Src, How)>) -> Corpus {
        let sources: Vec<(String, Src, How)> = sources.into_iter().collect();
        let for_rounds = sources.iter().filter(|(_, _, how)| *how == How::First).count();
        // The bundled files alone stay on this thread: built from their baked form they are
        // 9 M instructions, and a second thread (its start, its allocator arena's fresh pages)
        // cost more than it saved — the first frame was 12 % slower on the 2-core machine with
        // it (docs/performance.md, session 14).
        let results = if for_rounds >= PARALLEL_FROM {
            on_every_core(sources, read_and_parse)
        } else {
            sources.into_iter().map(read_and_parse).collect()
        };
        let mut corpus = Corpus::default();
        let mut first_seen: HashMap<String, Location> = HashMap::new();
        for (parsed, all_variants) in results {
            corpus.files += 1;
            match parsed {
                Ok(mut parsed) => {
                    if all_variants {
                        corpus.findings.append(&mut parsed.findings);
                    }
                    corpus.warnings.append(&mut parsed.warnings);
                    let id = parsed.scenario.id.clone();
                    if let Some(first) = first_seen.get(&id) {
                        corpus.problems.push(Problem {
                            at: parsed.id_at,
                            kind: ProblemKind::DuplicateId { id, first: first.to_string() },
                        });
                    } else {
                        first_seen.insert(id, parsed.id_at);
                        corpus.scenarios.push(parsed.scenario);
                    }
                }
                Err(problems) => corpus.problems.extend(problems),
            }
        }
        corpus
    }

    /// The corpus compiled into the binary, loaded quickly: its variants were all checked when
    /// it was built and tested (`smishdrill check`), so start-up draws only one of each.
    ///
    /// Nor is any of it parsed or scanned: build.rs parsed every file (`src/scenario/bake.rs`), and
    /// each scenario is built from that parsed form (see [`crate::scenario::baked`]).
    pub fn embedded() -> Corpus {
        Corpus::load_each(baked_sources(true))
    }

    /// The compiled-in corpus as a round needs it: as [`Corpus::embedded`], but a file with
    /// variables is not drawn at all, only summed up ([`Scenario::undrawn`]): a round is
    /// weighed and picked from what build.rs read of each file, and draws (and checks in full)
    /// only the variants it shows. For the trainer's sessions; what lists or serves the
    /// scenarios as they are uses [`Corpus::embedded`].
    pub fn for_rounds() -> Corpus {
        Corpus::load_each(baked_sources(false))
    }

    /// The compiled-in corpus with every variant checked, for `smishdrill check`.
    pub fn embedded_checked() -> Corpus {
        Corpus::load(EMBEDDED.iter().map(|(p, t)| (p.to_string(), Ok(t.to_string()))), true)
    }

    /// Every `.toml` file in the given files and folders (folders searched recursively, in
    /// name order), except decks and courses (see [`crate::source::FileKind`]).
    ///
    /// For the trainer (and `list`): each file is parsed and its first variant put through
    /// every rule, so a broken file is reported and left out as by `check`; the further
    /// variants `check` draws are not, since a round checks in full each variant it draws (and
    /// falls back on the first one, see [`Scenario::variant`]). With 10 000 files that was
    /// 17 s before the first frame. `check` itself reads files with [`Corpus::from_files`].
    pub fn from_paths(paths: &[PathBuf]) -> Corpus {
        let (files, mut problems) = files_under(paths);
        let scenario = |f: &PathBuf| crate::source::FileKind::of(f) == crate::source::FileKind::Scenario;
        let sources = files.into_iter().filter(scenario).map(|f| (f.display().to_string(), Src::File(f), How::First));
        let mut corpus = Corpus::load_each(sources);
        problems.append(&mut corpus.problems);
        corpus.problems = problems;
        corpus
    }

    /// The built-in scenarios and, beside them, those in `paths` (`--scenarios DIR`): an
    /// instructor's own scenarios add to the built-in set, so a deck may name both. A file
    /// whose id is already built in is reported as a duplicate and left out (the built-in one
    /// stays). The built-in files are loaded quickly, as by [`Corpus::embedded`]; the added
    /// files as by [`Corpus::from_paths`].
    pub fn embedded_and(paths: &[PathBuf]) -> Corpus {
        Corpus::bundled_and(paths, true)
    }

    /// As [`Corpus::embedded_and`], with the built-in files as [`Corpus::for_rounds`] loads them.
    pub fn for_rounds_and(paths: &[PathBuf]) -> Corpus {
        Corpus::bundled_and(paths, false)
    }

    fn bundled_and(paths: &[PathBuf], drawn: bool) -> Corpus {
        let (files, mut problems) = files_under(paths);
        let scenario = |f: &PathBuf| crate::source::FileKind::of(f) == crate::source::FileKind::Scenario;
        let added = files.into_iter().filter(scenario).map(|f| (f.display().to_string(), Src::File(f), How::First));
        let mut corpus = Corpus::load_each(baked_sources(drawn).chain(added));
        problems.append(&mut corpus.problems);
        corpus.problems = problems;
        corpus
    }

    /// The scenarios in these files, after `problems` already found (by [`files_under`]).
    pub fn from_files(files: Vec<PathBuf>, mut problems: Vec<Problem>) -> Corpus {
        let mut corpus = Corpus::from_sources(files.into_iter().map(|f| {
            let shown = f.display().to_string();
            let text = read_text(&f);
            (shown, text)
        }));
        problems.append(&mut corpus.problems);
        corpus.problems = problems;
        corpus
    }
}

#[cfg(test)]
mod tests;
