//! A set of scenarios loaded from the copy compiled into the binary or from files on disk,
//! with every problem found on the way. Broken files are reported and left out; the rest load.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use crate::scenario::dates::Date;
use crate::scenario::validate::{Parsed, parse_template};
use crate::scenario::{Draw, Location, Problem, ProblemKind, Scenario};

/// How many further variants of a scenario with `[vars]` are drawn and checked at load, to
/// prove that every variant obeys the rules (each quote still found, and so on).
pub const VARIANTS_CHECKED: u64 = 24;

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
    /// same as one by one. `check` stays on one thread (its figures are compared with a
    /// one-thread floor).
    fn load_each(sources: impl IntoIterator<Item = (String, Src, How)>) -> Corpus {
        let sources: Vec<(String, Src, How)> = sources.into_iter().collect();
        let for_rounds = sources.iter().filter(|(_, _, how)| *how == How::First).count();
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
        Corpus::load_each(baked_sources())
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
        let (files, mut problems) = files_under(paths);
        let scenario = |f: &PathBuf| crate::source::FileKind::of(f) == crate::source::FileKind::Scenario;
        let added = files.into_iter().filter(scenario).map(|f| (f.display().to_string(), Src::File(f), How::First));
        let mut corpus = Corpus::load_each(baked_sources().chain(added));
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

/// Every file named in `paths`, and every `.toml` file in the folders named (recursively, in
/// name order), with a problem for each path that cannot be read. Scenario and deck files
/// alike: `check` sorts them.
pub fn files_under(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        collect_files(path, true, &mut files, &mut problems, 0);
    }
    (files, problems)
}

/// A source's text: given, or a file still to be read (by the thread that parses it).
enum Src {
    Given(Result<String, Problem>),
    File(PathBuf),
}

/// How many files read for a round make it worth starting threads.
const PARALLEL_FROM: usize = 256;

/// One source read and parsed as `how` says, and whether its findings are kept.
fn read_and_parse((path, src, how): (String, Src, How)) -> (Result<Parsed, Vec<Problem>>, bool) {
    let text = match src {
        Src::Given(text) => text,
        Src::File(file) => read_text(&file),
    };
    let parsed = text.map_err(|p| vec![p]).and_then(|text| match how {
        How::Baked(index) => baked_variant(index, &path, &text),
        _ => parse_checked(&path, &text, how == How::Check),
    });
    (parsed, how == How::Check)
}

/// `f` of every item, in order, the items shared out in runs over the machine's cores.
fn on_every_core<T: Send, R: Send>(mut items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let run = items.len().div_ceil(threads).max(1);
    let mut runs = Vec::new();
    while items.len() > run {
        let rest = items.split_off(run);
        runs.push(std::mem::replace(&mut items, rest));
    }
    runs.push(items);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            runs.into_iter().map(|run| scope.spawn(move || run.into_iter().map(f).collect::<Vec<R>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// How a source is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum How {
    /// Every variant, with the teaching findings and warnings: for `check`.
    Check,
    /// The rules, on the first variant only.
    First,
    /// Bundled file number `n`, from its baked form.
    Baked(usize),
}

/// The bundled files, to be built from their baked forms.
fn baked_sources() -> impl Iterator<Item = (String, Src, How)> {
    debug_assert_eq!(crate::scenario::baked::count(), EMBEDDED.len());
    EMBEDDED.iter().enumerate().map(|(i, (p, t))| (p.to_string(), Src::Given(Ok(t.to_string())), How::Baked(i)))
}

/// The first variant of bundled file `index`, from its baked form.
fn baked_variant(index: usize, path: &str, text: &str) -> Result<crate::scenario::validate::Parsed, Vec<Problem>> {
    let template = crate::scenario::baked::template(index, path, text);
    let mut parsed = template.variant_rules_only(Draw { seed: 0, today: Date::today_days() })?;
    if parsed.has_vars {
        parsed.scenario.template = Some(Arc::from(text));
    }
    Ok(parsed)
}

/// Parses a file; a file with variables is also drawn [`VARIANTS_CHECKED`] more times, and the
/// first variant that breaks a rule is reported with its seed.
fn parse_checked(
    path: &str,
    text: &str,
    all_variants: bool,
) -> Result<crate::scenario::validate::Parsed, Vec<Problem>> {
    let today = Date::today_days();
    // Parsed once; each variant is drawn from the parsed file, not from its text.
    let template = parse_template(path, text)?;
    // Teaching findings and the detectors' warnings are for `check`; a trainer's load needs
    // only the rules (it was a third of start-up).
    let first = Draw { seed: 0, today };
    let mut parsed = if all_variants { template.variant(first)? } else { template.variant_rules_only(first)? };
    if !parsed.has_vars {
        return Ok(parsed);
    }
    let checked = if all_variants { VARIANTS_CHECKED } else { 0 };
    for seed in 1..=checked {
        // The quick test first (only the fields with a placeholder); a variant it fails is
        // checked in full, so the problems reported are the full check's.
        if template.variant_passes(Draw { seed, today }) {
            continue;
        }
        if let Err(problems) = template.variant_rules_only(Draw { seed, today }) {
            return Err(problems
                .into_iter()
                .map(|p| Problem { at: p.at, kind: ProblemKind::InVariant { seed, inner: Box::new(p.kind) } })
                .collect());
        }
    }
    parsed.scenario.template = Some(Arc::from(text));
    Ok(parsed)
}

/// Deepest folder nesting followed; guards against pathological trees.
pub const MAX_DEPTH: usize = 32;

/// Adds `path` to `files` if it is a file to read, walks it if it is a folder, and otherwise
/// says why it is left out: nothing that was asked for, or that looks like a scenario (`.toml`),
/// is skipped in silence, so `check` never reports success on a file it did not read.
fn collect_files(path: &Path, explicit: bool, files: &mut Vec<PathBuf>, problems: &mut Vec<Problem>, depth: usize) {
    let at = Location { path: path.display().to_string(), line: 1, col: 1 };
    let mut refuse = |why: String| problems.push(Problem { at: at.clone(), kind: ProblemKind::Unreadable(why) });
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            refuse(e.to_string());
            return;
        }
    };
    let named_toml = path.extension().is_some_and(|e| e == "toml");
    if meta.is_file() {
        if explicit || named_toml {
            files.push(path.to_path_buf());
        }
        return;
    }
    if !meta.is_dir() {
        // A named pipe, a device, a socket (or a link to one): reading would block or never end.
        if explicit || named_toml {
            refuse(format!("{}, not a regular file", crate::source::files::kind_of(&meta)));
        }
        return;
    }
    // Symlinked folders are not followed: a link loop would otherwise never end.
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && !explicit {
        return;
    }
    if named_toml && !explicit {
        refuse("a folder, not a regular file (a name ending in .toml is for a scenario, deck or course file)".into());
        return;
    }
    if depth > MAX_DEPTH {
        refuse(format!("folders nested deeper than {MAX_DEPTH} levels are not searched"));
        return;
    }
    let entries = match fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) => {
            refuse(e.to_string());
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    children.sort();
    for child in children {
        collect_files(&child, false, files, problems, depth + 1);
    }
}

/// Reads a scenario file as UTF-8 text, or explains why it cannot be used: the one bounded
/// reader ([`crate::source::files::read_text`]), shared with decks, courses and lessons.
fn read_text(path: &Path) -> Result<String, Problem> {
    crate::source::files::read_text(path, "a scenario").map_err(Problem::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scam(id: &str) -> String {
        format!(
            "id = \"{id}\"\nverdict = \"scam\"\ncategory = \"toll\"\ntitle = \"T\"\n[[thread]]\nsender = \"x@y.example\"\ntext = \"pay a b\"\n[[flag]]\nkind = \"sender\"\nquote = \"x@y.example\"\nwhy = \"w\"\n[[flag]]\nkind = \"urgency\"\nquote = \"pay\"\nwhy = \"w\"\nverify = [\"v\"]\nsources = [\"https://example.org\"]\n"
        )
    }

    #[test]
    fn duplicate_ids_point_at_both_places() {
        let c = Corpus::from_sources([
            ("a.toml".to_string(), Ok(scam("toll-a"))),
            ("b.toml".to_string(), Ok(scam("toll-a"))),
        ]);
        assert_eq!(c.scenarios.len(), 1);
        assert_eq!(c.problems.len(), 1);
        assert_eq!(c.problems[0].to_string(), "b.toml:1:6: duplicate id `toll-a` (first used at a.toml:1:6)");
    }

    #[test]
    fn a_broken_file_does_not_stop_the_others() {
        let c = Corpus::from_sources([
            ("a.toml".to_string(), Ok("id = ".to_string())),
            ("b.toml".to_string(), Ok(scam("toll-b"))),
        ]);
        assert_eq!(c.scenarios.len(), 1);
        assert_eq!(c.problems.len(), 1);
        assert_eq!(c.files, 2);
    }

    #[test]
    #[cfg(unix)]
    fn a_symlink_loop_ends_and_oversized_files_are_refused() {
        let dir = std::env::temp_dir().join(format!("smishdrill-loop-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("a")).unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("a/back")).unwrap();
        fs::write(dir.join("a/good.toml"), scam("toll-loop")).unwrap();
        fs::write(dir.join("big.toml"), vec![b'#'; (MAX_FILE_BYTES + 1) as usize]).unwrap();
        let c = Corpus::from_paths(std::slice::from_ref(&dir));
        assert_eq!(c.scenarios.len(), 1, "the looped folder is read once");
        assert_eq!(c.problems.len(), 1);
        assert!(c.problems[0].to_string().contains("larger than the 1048576-byte limit"), "{}", c.problems[0]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn many_files_are_read_on_every_core_and_merged_in_order() {
        assert_eq!(on_every_core((0..1000).collect(), |x: u32| x * 2), (0..1000).map(|x| x * 2).collect::<Vec<_>>());
        let dir = std::env::temp_dir().join(format!("smishdrill-corpus-many-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let n = PARALLEL_FROM + 44;
        for i in 0..n {
            // Every 7th file is broken; every 11th repeats the id of the file before it.
            let text = match i {
                _ if i % 7 == 3 => "id = ".to_string(),
                _ if i % 11 == 5 => scam(&format!("toll-{}", i - 1)),
                _ => scam(&format!("toll-{i}")),
            };
            fs::write(dir.join(format!("f{i:04}.toml")), text).unwrap();
        }
        let c = Corpus::from_paths(std::slice::from_ref(&dir));
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(c.files, n);
        let ids: Vec<&str> = c.scenarios.iter().map(|s| s.id.as_str()).collect();
        let expected: Vec<String> = (0..n)
            .filter(|i| i % 7 != 3 && !(i % 11 == 5 && (i - 1) % 7 != 3))
            .map(|i| if i % 11 == 5 { format!("toll-{}", i - 1) } else { format!("toll-{i}") })
            .collect();
        assert_eq!(ids, expected);
        // Problems in file order: syntax errors and duplicates alike.
        let files: Vec<&str> = c.problems.iter().map(|p| p.at.path.rsplit('/').next().unwrap()).collect();
        let mut sorted = files.clone();
        sorted.sort();
        assert_eq!(files, sorted);
        assert!(c.problems.iter().any(|p| p.to_string().contains("duplicate id")));
    }

    #[test]
    fn deck_files_are_not_read_as_scenarios() {
        let dir = std::env::temp_dir().join(format!("smishdrill-corpus-decks-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("decks")).unwrap();
        fs::write(dir.join("good.toml"), scam("toll-good")).unwrap();
        fs::write(dir.join("decks/quick.toml"), "title = \"T\"\n").unwrap();
        fs::write(dir.join("team.deck.toml"), "title = \"T\"\n").unwrap();
        let c = Corpus::from_paths(std::slice::from_ref(&dir));
        assert_eq!((c.files, c.scenarios.len()), (1, 1), "{:?}", c.problems);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let (all, _) = files_under(std::slice::from_ref(&dir));
        assert_eq!(all.len(), 3, "check still finds the decks");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn files_on_disk_load_and_invalid_utf8_is_located() {
        let dir = std::env::temp_dir().join(format!("smishdrill-corpus-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("sub/good.toml"), scam("toll-good")).unwrap();
        fs::write(dir.join("bad.toml"), b"id = \"x\"\ntitle = \"\xff\"\n").unwrap();
        fs::write(dir.join("notes.txt"), "ignored").unwrap();
        let c = Corpus::from_paths(std::slice::from_ref(&dir));
        assert_eq!(c.scenarios.len(), 1);
        assert_eq!(c.files, 2);
        let p = c.problems[0].to_string();
        assert!(p.ends_with("bad.toml:2:10: cannot read file: not valid UTF-8 text"), "{p}");
        let missing = Corpus::from_paths(&[dir.join("nope")]);
        assert!(missing.problems[0].to_string().contains("cannot read file"));
        fs::remove_dir_all(&dir).unwrap();
    }
}

#[cfg(test)]
mod baked_tests {
    use super::*;

    /// Start-up builds the bundled scenarios from their baked form without the scanning rules;
    /// `check` parses their text and runs every rule: both give the very same scenarios.
    #[test]
    fn the_baked_corpus_is_the_checked_corpus() {
        assert_eq!(crate::scenario::baked::count(), EMBEDDED.len());
        let baked = Corpus::embedded();
        let checked = Corpus::embedded_checked();
        assert!(baked.problems.is_empty() && checked.problems.is_empty(), "{:?}", checked.problems);
        assert_eq!(baked.files, checked.files);
        assert_eq!(baked.scenarios.len(), EMBEDDED.len());
        assert_eq!(baked.scenarios, checked.scenarios);
    }

    /// A round's variants of a bundled scenario come from its baked form, checked in full:
    /// the same scenarios as parsing its text gives.
    #[test]
    fn round_variants_from_the_baked_form_are_those_of_the_text() {
        let pool = Corpus::embedded().scenarios;
        for s in pool.iter().filter(|s| s.template.is_some()) {
            for seed in [1, 7, 123_456] {
                let draw = Draw { seed, today: 20_782 };
                let from_text = crate::scenario::parse_variant(&s.origin, s.template.as_deref().unwrap(), draw)
                    .expect("bundled variants pass")
                    .scenario;
                assert_eq!(Scenario { template: None, ..s.variant(draw) }, from_text, "{} seed {seed}", s.origin);
            }
        }
    }
}

#[cfg(test)]
mod variant_tests {
    use super::*;

    /// A quote that only some variants contain: every variant must pass, so this must fail.
    const FRAGILE: &str = r#"id = "toll-fragile"
verdict = "scam"
category = "toll"
title = "T"
verify = ["v"]
sources = ["https://example.org"]
[vars]
who = { pick = ["E-ZPass", "SunPass"] }
[[thread]]
sender = "x@y.example"
text = "{who}: pay now"
[[flag]]
kind = "sender"
quote = "x@y.example"
why = "w"
[[flag]]
kind = "urgency"
quote = "SunPass: pay now"
why = "w"
"#;

    #[test]
    fn a_variant_that_breaks_a_rule_is_reported_with_its_seed_or_at_once() {
        let c = Corpus::from_sources([("f.toml".to_string(), Ok(FRAGILE.to_string()))]);
        assert!(c.scenarios.is_empty());
        let p = c.problems[0].to_string();
        assert!(p.contains("quote `SunPass: pay now` appears in no sender or text"), "{p}");
    }

    #[test]
    fn a_scenario_with_variables_keeps_its_template() {
        let ok = FRAGILE.replace("quote = \"SunPass: pay now\"", "quote = \"{who}: pay now\"");
        let c = Corpus::from_sources([("f.toml".to_string(), Ok(ok))]);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert!(c.scenarios[0].template.is_some());
    }
}
