//! Turns one scenario file's text into a [`Scenario`], or into every problem it has. Rules that
//! span files (unique ids) live in the corpus loader.

use std::borrow::Cow;
use std::ops::Range;

mod characters;
mod checker;
mod domains;
mod rules;

use super::dates::Date;
use super::model::Scenario;
use super::problem::{Problem, ProblemKind, SourceMap};
use super::raw::{RawScenario, Text};
use super::slots::parse_vars;
use super::template::render_raw;
use characters::explain_toml_error;
pub(crate) use characters::forbidden_character;
use checker::Checker;
use domains::criminal_domains_in_file;
pub(crate) use domains::criminal_domains_named;
use rand::SeedableRng;
use rand::rngs::StdRng;

/// A scenario that passed, with where its id is written (for duplicate-id messages).
#[derive(Debug)]
pub struct Parsed {
    pub scenario: Scenario,
    pub id_at: super::problem::Location,
    /// The file has `[vars]`: each draw gives a different variant.
    pub has_vars: bool,
    /// Teaching problems (see [`super::fairness`]): reported by `check`, but the scenario
    /// still loads.
    pub findings: Vec<Problem>,
    /// What `check` reports without failing (the detectors' pass, `link_lint.rs`).
    pub warnings: Vec<Problem>,
}

/// How variables are filled: the seed of the draw and today's date (days since 1970-01-01),
/// from which `date` variables count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Draw {
    pub seed: u64,
    pub today: i64,
}

impl Draw {
    /// Seed 0, today: the variant `list` and the first check use.
    pub fn today() -> Draw {
        Draw { seed: 0, today: Date::today_days() }
    }
}

/// Parses and checks one file, filling any variables with seed 0. `path` is what problems are
/// reported against.
pub fn parse_scenario(path: &str, source: &str) -> Result<Parsed, Vec<Problem>> {
    parse_variant(path, source, Draw::today())
}

/// Parses, fills the variables with `draw`, and checks the result.
pub fn parse_variant(path: &str, source: &str, draw: Draw) -> Result<Parsed, Vec<Problem>> {
    parse_template(path, source)?.variant(draw)
}

/// A scenario file parsed once: everything that does not depend on the draw — the normalised
/// text, the TOML, the variable slots, and the problems found in the file as written (keys given
/// twice, bad slots, known criminal domains anywhere). `check` draws 25 variants of every file
/// with variables; parsing and scanning the text once instead of 25 times is most of its speed.
#[derive(Debug)]
pub struct Template {
    path: String,
    /// Borrowed from the binary for a bundled file (no copy of its text at start-up).
    pub(super) source: Cow<'static, str>,
    pub(super) raw: RawScenario,
    pub(super) vars: super::vars::Vars,
    var_spans: Vec<(String, Range<usize>)>,
    /// Problems of the file as written, as (span, kind), reported with every variant's.
    early: Vec<(Range<usize>, ProblemKind)>,
    /// What the quick test of further variants needs, made on its first use (a trainer's
    /// load never draws a further variant from the same template):
    /// the fields that hold a placeholder (all that differs between variants), and per cue
    /// (flags, then signs) whether its quote holds no placeholder and is in a thread field
    /// that holds none, so that every variant finds it.
    /// Last, per cue, the thread message its quote was last found in: searched first next time
    /// (where to look first changes nothing but how many messages are searched).
    pub(super) quick: std::cell::OnceCell<QuickTest>,
    /// Built from a baked bundled file: see [`Template::from_baked`].
    pub(super) trusted: bool,
}

/// What the quick test of further variants keeps between variants: see [`Template::quick`].
pub(super) type QuickTest = (Vec<super::template::Field>, Vec<bool>, Vec<std::cell::Cell<usize>>);

/// Parses a file once into a [`Template`]; only a TOML syntax error stops here.
pub fn parse_template(path: &str, source: &str) -> Result<Template, Vec<Problem>> {
    let normalized = normalize(source);
    let raw: RawScenario = toml::from_str(&normalized).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        vec![SourceMap::new(path, &normalized).problem(span, ProblemKind::Syntax(explain_toml_error(e.message())))]
    })?;
    Ok(Template::build(path, Cow::Owned(normalized), raw, true, false))
}

/// As [`parse_template`], for a file's own text, which becomes the template's when it is already
/// as spans count it (no byte-order mark, no `\r`): nearly every file, whose copy is then saved.
/// `Err(text)` hands a text that needs normalising back to the caller.
pub fn parse_template_owned(path: &str, source: String) -> Result<Result<Template, Vec<Problem>>, String> {
    // A SIMD search for `\r` (`str::contains` tests every byte of the file).
    if source.starts_with('\u{FEFF}') || memchr::memchr(b'\r', source.as_bytes()).is_some() {
        return Err(source);
    }
    let raw: RawScenario = match toml::from_str(&source) {
        Ok(raw) => raw,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let kind = ProblemKind::Syntax(explain_toml_error(e.message()));
            return Ok(Err(vec![SourceMap::new(path, &source).problem(span, kind)]));
        }
    };
    Ok(Ok(Template::build(path, Cow::Owned(source), raw, true, false)))
}

/// A file's text as spans count it: without a byte-order mark, with `\n` line ends.
fn normalize(source: &str) -> String {
    let normalized = source.strip_prefix('\u{FEFF}').unwrap_or(source);
    if memchr::memchr(b'\r', normalized.as_bytes()).is_some() {
        normalized.replace("\r\n", "\n")
    } else {
        normalized.to_string()
    }
}

/// As [`normalize`], for text compiled into the binary: borrowed when it needs no change (every
/// bundled file).
fn normalize_static(source: &'static str) -> Cow<'static, str> {
    if source.starts_with('\u{FEFF}') || memchr::memchr(b'\r', source.as_bytes()).is_some() {
        Cow::Owned(normalize(source))
    } else {
        Cow::Borrowed(source)
    }
}

impl Template {
    /// The template of a file whose text is `source` and whose parsed form is `raw`;
    /// `scan` looks for known criminal domains in the text as written; `trusted` skips the
    /// rules that scan each variant's text (see [`Checker::trusted`]).
    fn build(path: &str, source: Cow<'static, str>, mut raw: RawScenario, scan: bool, trusted: bool) -> Template {
        let mut early: Vec<(Range<usize>, ProblemKind)> =
            raw.hoist_trailing_lists().into_iter().map(|(key, span)| (span, ProblemKind::Twice(key))).collect();
        if scan {
            early.extend(
                criminal_domains_in_file(&source)
                    .into_iter()
                    .map(|(at, d)| (at..at, ProblemKind::KnownCriminalDomain(d.to_string()))),
            );
        }
        let (vars, var_spans, var_problems) = parse_vars(raw.vars.take());
        early.extend(var_problems);
        let quick = std::cell::OnceCell::new();
        Template { path: path.to_string(), source, raw, vars, var_spans, early, quick, trusted }
    }

    /// A bundled file's template from the form build.rs parsed it into (`baked.rs`): no TOML
    /// is read and the text is not scanned. Its variants skip the rules that scan text (see
    /// [`Checker::trusted`]): `check` of the built-in corpus proves them on the files' text.
    pub(super) fn from_baked(path: &str, source: &'static str, raw: RawScenario) -> Template {
        Template::build(path, normalize_static(source), raw, false, true)
    }

    /// As [`Template::from_baked`], with every rule on each variant drawn: what
    /// `parse_template` gives for the file's text, without reading its TOML. The text as
    /// written is not scanned for known criminal domains: it is the text compiled into this
    /// binary, which `check` of the built-in corpus (in the test suite) scans with the same
    /// list; a drawn variant's own text is scanned by the rules (that scan of the whole file
    /// was half of the ten variants a round draws at start-up).
    pub(super) fn from_baked_checked(path: &str, source: &'static str, raw: RawScenario) -> Template {
        Template::build(path, normalize_static(source), raw, false, false)
    }

    /// The file's text, normalised as spans count it.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the file has `[vars]`: each draw then gives a different variant.
    pub fn has_vars(&self) -> bool {
        !self.vars.is_empty()
    }

    /// The scenario with its variables filled from `draw`, checked.
    pub fn variant(&self, draw: Draw) -> Result<Parsed, Vec<Problem>> {
        self.checked_variant(self.raw.clone(), draw, true, false)
    }

    /// As [`Template::variant`], for the one variant a template is made for (`check` of a file
    /// without variables): the parsed form is filled in place, not copied first (the copy was a
    /// twentieth of `check` of such files). The teaching findings read the thread as written;
    /// filling changes only a field that holds a brace, so a thread with a brace in a text is
    /// still copied.
    pub fn into_variant(mut self, draw: Draw) -> Result<Parsed, Vec<Problem>> {
        let braces = |t: &Text| memchr::memchr2(b'{', b'}', t.get_ref().as_bytes()).is_some();
        if self.raw.thread.iter().any(|m| m.get_ref().text.as_ref().is_some_and(braces)) {
            return self.variant(draw);
        }
        let raw = std::mem::take(&mut self.raw);
        self.checked_variant(raw, draw, true, true)
    }

    /// As [`Template::variant`], but without the teaching findings and the detectors'
    /// warnings, which `check` reports for the first variant only: the other 24 variants it
    /// draws only have to pass the rules (the detectors' pass is the costliest part of checking).
    pub fn variant_rules_only(&self, draw: Draw) -> Result<Parsed, Vec<Problem>> {
        self.checked_variant(self.raw.clone(), draw, false, false)
    }

    /// As [`Template::variant_rules_only`], for the one variant a template is made for (a
    /// round's load, a drawn variant): the parsed form is filled in place, not copied first.
    pub fn into_variant_rules_only(mut self, draw: Draw) -> Result<Parsed, Vec<Problem>> {
        let raw = std::mem::take(&mut self.raw);
        self.checked_variant(raw, draw, false, true)
    }

    /// `raw` is this template's parsed form (or a copy), filled with `draw` and checked; the
    /// template's own parsed form is read only for the teaching findings (`report`), unless it
    /// was taken (`taken`: then `raw`'s thread texts are as written, see [`Template::into_variant`]).
    fn checked_variant(
        &self,
        mut raw: RawScenario,
        draw: Draw,
        report: bool,
        taken: bool,
    ) -> Result<Parsed, Vec<Problem>> {
        let map = SourceMap::new(&self.path, &self.source);
        let mut checker = Checker { map: &map, source: &self.source, problems: Vec::new(), trusted: self.trusted };
        for (span, kind) in &self.early {
            checker.report(span.clone(), kind.clone());
        }
        let values = self.vars.draw(&mut StdRng::seed_from_u64(draw.seed), draw.today);
        let (used, render_problems) = render_raw(&mut raw, &values);
        for (span, kind) in render_problems {
            checker.report(span, kind);
        }
        for (name, span) in &self.var_spans {
            if !used.contains(name.as_str()) {
                checker.report(span.clone(), ProblemKind::UnusedVariable(name.clone()));
            }
        }
        // Teaching findings (verdict words, long right answers, typed dates): the thread as
        // written is the template's, before variables are filled.
        let mut findings: Vec<Problem> = if report {
            let as_written = if taken { &raw.thread } else { &self.raw.thread };
            super::fairness::findings(&self.source, as_written, &raw)
                .into_iter()
                .map(|(at, kind)| map.problem(at..at, kind))
                .collect()
        } else {
            Vec::new()
        };
        findings.sort_by_key(|p| (p.at.line, p.at.col));
        let parsed = checker.scenario(raw);
        match parsed {
            Some(mut p) if checker.problems.is_empty() => {
                p.has_vars = self.has_vars();
                p.findings = findings;
                if report {
                    p.warnings = super::link_lint::warnings(&map, &self.source, &p.scenario);
                }
                Ok(p)
            }
            _ => {
                let mut problems = checker.problems;
                problems.sort_by_key(|p| (p.at.line, p.at.col));
                // Two scans may find the same words (the whole file and the rendered thread).
                problems.dedup_by(|a, b| a.at == b.at && a.kind == b.kind);
                Err(problems)
            }
        }
    }
}

/// Lowercase-kebab: `a-z0-9` words joined by single hyphens.
pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

#[cfg(test)]
mod tests;
