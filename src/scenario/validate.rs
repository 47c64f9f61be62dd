//! Turns one scenario file's text into a [`Scenario`], or into every problem it has. Rules that
//! span files (unique ids) live in the corpus loader.

use std::ops::Range;

use toml::Spanned;

use super::dates::Date;
use super::kinds::{CATEGORIES, Category, FLAG_KINDS, FlagKind, SIGN_KINDS, SignKind, Verdict, closest_name};
use super::model::{Asked, Cue, Message, Question, Scenario};
use super::phone::{is_fictional, north_american_numbers};
use super::problem::{Hint, Problem, ProblemKind, SourceMap};
use super::raw::{RawCue, RawMessage, RawQuestion, RawScenario, Text};
use super::slots::parse_vars;
use super::template::render_raw;
use crate::text_safety::first_unsafe;
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
    pub(super) source: String,
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
    pub(super) quick: std::cell::OnceCell<(Vec<super::template::Field>, Vec<bool>)>,
    /// Built from a baked bundled file: see [`Template::from_baked`].
    pub(super) trusted: bool,
}

/// Parses a file once into a [`Template`]; only a TOML syntax error stops here.
pub fn parse_template(path: &str, source: &str) -> Result<Template, Vec<Problem>> {
    let normalized = normalize(source);
    let raw: RawScenario = toml::from_str(&normalized).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        vec![SourceMap::new(path, &normalized).problem(span, ProblemKind::Syntax(explain_toml_error(e.message())))]
    })?;
    Ok(Template::build(path, normalized, raw, true))
}

/// A file's text as spans count it: without a byte-order mark, with `\n` line ends.
fn normalize(source: &str) -> String {
    let normalized = source.strip_prefix('\u{FEFF}').unwrap_or(source);
    if normalized.contains('\r') { normalized.replace("\r\n", "\n") } else { normalized.to_string() }
}

impl Template {
    /// The template of a file whose text is `source` and whose parsed form is `raw`;
    /// `scan` looks for known criminal domains in the text as written.
    fn build(path: &str, source: String, mut raw: RawScenario, scan: bool) -> Template {
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
        Template { path: path.to_string(), source, raw, vars, var_spans, early, quick, trusted: !scan }
    }

    /// A bundled file's template from the form build.rs parsed it into (`baked.rs`): no TOML
    /// is read and the text is not scanned. Its variants skip the rules that scan text (see
    /// [`Checker::trusted`]): `check` of the built-in corpus proves them on the files' text.
    pub(super) fn from_baked(path: &str, source: &str, raw: RawScenario) -> Template {
        Template::build(path, normalize(source), raw, false)
    }

    /// As [`Template::from_baked`], with every rule: what `parse_template` gives for the
    /// file's text, without reading its TOML.
    pub(super) fn from_baked_checked(path: &str, source: &str, raw: RawScenario) -> Template {
        Template::build(path, normalize(source), raw, true)
    }

    /// Whether the file has `[vars]`: each draw then gives a different variant.
    pub fn has_vars(&self) -> bool {
        !self.vars.is_empty()
    }

    /// The scenario with its variables filled from `draw`, checked.
    pub fn variant(&self, draw: Draw) -> Result<Parsed, Vec<Problem>> {
        self.checked_variant(draw, true)
    }

    /// As [`Template::variant`], but without the teaching findings and the detectors'
    /// warnings, which `check` reports for the first variant only: the other 24 variants it
    /// draws only have to pass the rules (the detectors' pass is the costliest part of checking).
    pub fn variant_rules_only(&self, draw: Draw) -> Result<Parsed, Vec<Problem>> {
        self.checked_variant(draw, false)
    }

    fn checked_variant(&self, draw: Draw, report: bool) -> Result<Parsed, Vec<Problem>> {
        let map = SourceMap::new(&self.path, &self.source);
        let mut raw = self.raw.clone();
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
            if !used.contains(name) {
                checker.report(span.clone(), ProblemKind::UnusedVariable(name.clone()));
            }
        }
        // Teaching findings (verdict words, long right answers, typed dates): the thread as
        // written is the template's, before variables are filled.
        let mut findings: Vec<Problem> = if report {
            super::fairness::findings(&self.source, &self.raw.thread, &raw)
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

/// One automaton for every known criminal domain, built once: `check` scans every file (and
/// every variant's thread) for all of them in a single pass each, case-insensitively.
/// Over text lower-cased in ASCII (the list is lowercase), so offsets are the text's own.
fn criminal_domain_finder() -> &'static aho_corasick::AhoCorasick {
    static FINDER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    FINDER.get_or_init(|| {
        // Case-sensitive over lower-cased text: then the automaton's SIMD prefilter applies
        // (an ASCII-case-insensitive one was a tenth of `check`, at 20 instructions a byte).
        aho_corasick::AhoCorasick::builder()
            .build(known_criminal_domains().map(str::to_ascii_lowercase))
            .expect("the known-domain list builds an automaton")
    })
}

/// The known criminal domains named in `text`, by position, as (offset, domain).
pub(super) fn criminal_domains_named(text: &str) -> Vec<(usize, &'static str)> {
    let finder = criminal_domain_finder();
    let lower = text.to_ascii_lowercase();
    // Nearly every text names none: one quick pass says so without collecting anything.
    if !finder.is_match(&lower) {
        return Vec::new();
    }
    let list: Vec<&'static str> = known_criminal_domains().collect();
    finder.find_overlapping_iter(&lower).map(|m| (m.start(), list[m.pattern().as_usize()])).collect()
}

/// Known criminal domains anywhere in the file's values, variable lists included; comment lines
/// (where sources are discussed) are skipped.
fn criminal_domains_in_file(source: &str) -> Vec<(usize, &'static str)> {
    let mut found: Vec<(usize, &'static str)> = criminal_domains_named(source)
        .into_iter()
        .filter(|(at, _)| {
            let line_start = source[..*at].rfind('\n').map_or(0, |i| i + 1);
            !source[line_start..].trim_start().starts_with('#')
        })
        .collect();
    found.sort_unstable();
    found
}

/// The list shipped in `assets/reference/known-criminal-domains.txt`, lowercase: one list, read
/// once, shared with `inspect` ([`crate::detect::criminal::list`]).
fn known_criminal_domains() -> impl Iterator<Item = &'static str> {
    crate::detect::criminal::list().iter().copied()
}

/// Top-level keys, for explaining TOML's most common surprise.
const TOP_LEVEL_KEYS: &[&str] = &["id", "verdict", "category", "title", "context", "notes", "difficulty"];

/// TOML's message, plus a hint when a top-level key was written below a `[[table]]` header and
/// so landed inside that table.
fn explain_toml_error(message: &str) -> String {
    let message = message.trim();
    let misplaced = TOP_LEVEL_KEYS.iter().find(|k| message.starts_with(&format!("unknown field `{k}`")));
    match misplaced {
        Some(key) => format!(
            "`{key}` is a scenario key, but here it follows a [[table]] header, so TOML reads it as part of that table; move it above the first [[thread]]"
        ),
        None => message.to_string(),
    }
}

/// The first control, bidi or invisible character in `s` (the value at `span` of `source`), or a
/// line break where `multiline` is false: its byte offset in the file — the character itself
/// when the file holds it literally, else the value's start — and the problem. Shared by the
/// scenario and deck checkers so both apply the same rules in the same words.
pub(crate) fn forbidden_character(
    source: &str,
    s: &str,
    span: Range<usize>,
    key: &str,
    multiline: bool,
) -> Option<(usize, ProblemKind)> {
    // Most text is plain printable ASCII: check that byte-wise before looking at characters.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b) || (multiline && b == b'\n')) {
        return None;
    }
    let newline = (!multiline).then(|| s.find('\n')).flatten();
    let (c, reason) = match (first_unsafe(s), newline) {
        (Some((i, c, why)), n) if n.is_none_or(|n| i < n) => (c, why.reason()),
        (_, Some(_)) => ('\n', "a line break, which this single-line field cannot hold"),
        (_, None) => return None,
    };
    let at = source.get(span.clone()).and_then(|raw| raw.find(c)).map_or(span.start, |i| span.start + i);
    Some((at, ProblemKind::ControlCharacter(format!("`{key}` contains U+{:04X}: {reason}", c as u32))))
}

struct Checker<'a> {
    map: &'a SourceMap<'a>,
    source: &'a str,
    problems: Vec<Problem>,
    /// For a bundled file built from its baked form: the rules that scan text (characters,
    /// quotes in the thread, known domains, real-looking numbers) are skipped; the rest, which
    /// only turn the parsed form into a scenario, still run. `check` of the built-in corpus
    /// runs them all, on the files' text.
    trusted: bool,
}

impl Checker<'_> {
    fn report(&mut self, span: Range<usize>, kind: ProblemKind) {
        self.problems.push(self.map.problem(span, kind));
    }

    /// A required string: reports it missing (at `parent`) or empty, and checks its characters.
    fn required(
        &mut self,
        value: Option<Text>,
        key: &'static str,
        parent: Range<usize>,
        multiline: bool,
    ) -> Option<String> {
        match value {
            None => {
                self.report(parent, ProblemKind::Missing(key));
                None
            }
            Some(v) => self.optional(Some(v), key, multiline),
        }
    }

    fn optional(&mut self, value: Option<Text>, key: &'static str, multiline: bool) -> Option<String> {
        let v = value?;
        let span = v.span();
        let s = v.into_inner();
        if s.trim().is_empty() {
            self.report(span, ProblemKind::Empty { key });
            return None;
        }
        self.characters(&s, span, key, multiline);
        Some(s)
    }

    /// Rejects control, bidi and invisible characters, pointing at the character itself when
    /// the file holds it literally.
    fn characters(&mut self, s: &str, span: Range<usize>, key: &'static str, multiline: bool) {
        if self.trusted {
            return;
        }
        if let Some((at, kind)) = forbidden_character(self.source, s, span, key, multiline) {
            self.report(at..at, kind);
        }
    }

    fn scenario(&mut self, raw: RawScenario) -> Option<Parsed> {
        let whole = 0..0;
        let id_span = raw.id.as_ref().map_or(whole.clone(), |v| v.span());
        let id = self.required(raw.id, "id", whole.clone(), false);
        if let Some(id) = &id
            && !is_kebab(id)
        {
            self.report(id_span.clone(), ProblemKind::BadId(id.clone()));
        }
        let verdict = self.verdict(raw.verdict, whole.clone());
        let category = self.category(raw.category, whole.clone());
        let title = self.required(raw.title, "title", whole.clone(), false);
        let context = self.optional(raw.context, "context", true);
        let notes = self.optional(raw.notes, "notes", true);
        let difficulty = self.difficulty(raw.difficulty);
        let thread = self.thread(raw.thread);
        // Rules count entries as written, so one bad kind does not also read as "too few flags".
        let flag_spans: Vec<Range<usize>> = raw.flag.iter().map(|f| f.span()).collect();
        let sign_spans: Vec<Range<usize>> = raw.sign.iter().map(|s| s.span()).collect();
        let flags = self.cues(raw.flag, FlagKind::parse, closest_flag_kind, &thread, true);
        let signs = self.cues(raw.sign, SignKind::parse, closest_sign_kind, &thread, false);
        let question = self.question(raw.question);
        let verify = self.string_list(raw.verify, "verify", whole.clone(), true, true);
        let sources = self.string_list(raw.sources, "sources", whole.clone(), false, false);
        self.source_addresses(&sources);
        if let Some(verdict) = verdict {
            self.verdict_rules(verdict, &flag_spans, &sign_spans, &sources, &thread);
        }
        let scenario = Scenario {
            id: id?,
            verdict: verdict?,
            category: category?,
            title: title?,
            context,
            notes,
            difficulty,
            thread: thread.into_iter().map(|(m, _)| m).collect(),
            flags: flags.into_iter().map(|(c, _)| c).collect(),
            signs: signs.into_iter().map(|(c, _)| c).collect(),
            question,
            verify: verify.into_iter().map(|(s, _)| s).collect(),
            sources: sources.into_iter().map(|(s, _)| s).collect(),
            origin: self.map.path().to_string(),
            template: None,
        };
        Some(Parsed {
            scenario,
            id_at: self.map.locate(id_span.start),
            has_vars: false,
            findings: Vec::new(),
            warnings: Vec::new(),
        })
    }

    fn verdict(&mut self, value: Option<Text>, parent: Range<usize>) -> Option<Verdict> {
        let span = value.as_ref().map_or(parent.clone(), |v| v.span());
        let name = self.required(value, "verdict", parent, false)?;
        let verdict = Verdict::parse(&name);
        if verdict.is_none() {
            let hint = Hint(Some(if name.to_lowercase().starts_with('s') { "scam" } else { "legit" }.into()));
            self.report(span, ProblemKind::Unknown { what: "verdict", value: name, hint });
        }
        verdict
    }

    fn category(&mut self, value: Option<Text>, parent: Range<usize>) -> Option<Category> {
        let Some(v) = value else {
            self.report(parent, ProblemKind::Missing("category"));
            return None;
        };
        let span = v.span();
        let name = self.optional(Some(v), "category", false)?;
        let category = Category::parse(&name);
        if category.is_none() {
            let hint = Hint(closest_name(CATEGORIES, &name).map(str::to_string));
            self.report(span, ProblemKind::Unknown { what: "category", value: name, hint });
        }
        category
    }

    fn difficulty(&mut self, value: Option<Spanned<i64>>) -> Option<u8> {
        let v = value?;
        let n = *v.get_ref();
        if (1..=3).contains(&n) {
            Some(n as u8)
        } else {
            self.report(v.span(), ProblemKind::DifficultyOutOfRange(n));
            None
        }
    }

    fn thread(&mut self, raw: Vec<Spanned<RawMessage>>) -> Vec<(Message, Range<usize>)> {
        if raw.is_empty() {
            self.report(0..0, ProblemKind::Missing("thread"));
        }
        let mut out = Vec::new();
        for item in raw {
            let span = item.span();
            let m = item.into_inner();
            let from_me = m.from_me.as_ref().is_some_and(|b| *b.get_ref());
            let sender = match (from_me, m.sender) {
                (true, Some(s)) => {
                    self.report(s.span(), ProblemKind::SenderFromMe);
                    None
                }
                (true, None) => None,
                (false, None) => {
                    self.report(span.clone(), ProblemKind::NoSender);
                    None
                }
                (false, Some(s)) => self.optional(Some(s), "sender", false),
            };
            let time = self.optional(m.time, "time", false);
            if let Some(text) = self.required(m.text, "text", span.clone(), true) {
                out.push((Message { sender, time, text }, span));
            }
        }
        if !out.is_empty() && out.iter().all(|(m, _)| m.from_me()) {
            self.report(out[0].1.clone(), ProblemKind::NoIncoming);
        }
        out
    }

    fn cues<K>(
        &mut self,
        raw: Vec<Spanned<RawCue>>,
        parse: impl Fn(&str) -> Option<K>,
        table: fn(&str) -> Option<&'static str>,
        thread: &[(Message, Range<usize>)],
        quote_required: bool,
    ) -> Vec<(Cue<K>, Range<usize>)> {
        let mut out = Vec::new();
        for item in raw {
            let span = item.span();
            let c = item.into_inner();
            let kind_span = c.kind.as_ref().map_or(span.clone(), |k| k.span());
            let kind_name = self.required(c.kind, "kind", span.clone(), false);
            let kind = kind_name.and_then(|name| {
                let kind = parse(&name);
                if kind.is_none() {
                    let what = if quote_required { "red-flag kind" } else { "sign kind" };
                    let hint = Hint(table(&name).map(str::to_string));
                    self.report(kind_span, ProblemKind::Unknown { what, value: name, hint });
                }
                kind
            });
            let quote_span = c.quote.as_ref().map(|q| q.span());
            let quote = if quote_required {
                self.required(c.quote, "quote", span.clone(), false)
            } else {
                self.optional(c.quote, "quote", false)
            };
            if let (Some(q), Some(qs), false) = (&quote, quote_span, self.trusted) {
                let found = thread.iter().any(|(m, _)| {
                    m.text.contains(q.as_str()) || m.sender.as_deref().is_some_and(|s| s.contains(q.as_str()))
                });
                if !found {
                    self.report(qs, ProblemKind::QuoteNotFound(q.clone()));
                }
            }
            let why = self.required(c.why, "why", span.clone(), true);
            if let (Some(kind), Some(why)) = (kind, why) {
                out.push((Cue { kind, quote, why }, span));
            }
        }
        out
    }

    fn question(&mut self, raw: Vec<Spanned<RawQuestion>>) -> Option<Question> {
        let mut questions = raw.into_iter();
        let first = questions.next()?;
        for extra in questions {
            self.report(extra.span(), ProblemKind::TooManyQuestions);
        }
        let span = first.span();
        let q = first.into_inner();
        let ask = self.required(q.ask, "ask", span.clone(), true);
        let choices_span = q.choices.as_ref().map_or(span.clone(), |c| c.span());
        let choices = self.string_list(q.choices, "choices", span.clone(), true, false);
        if !choices.is_empty() && !(2..=9).contains(&choices.len()) {
            self.report(choices_span, ProblemKind::ChoiceCount(choices.len()));
        }
        let answer = match q.answer {
            None => {
                self.report(span.clone(), ProblemKind::Missing("answer"));
                None
            }
            Some(a) => {
                let n = *a.get_ref();
                if n >= 1 && (n as usize) <= choices.len() {
                    Some(n as usize - 1)
                } else if choices.is_empty() {
                    None // Already reported: no choices to point into.
                } else {
                    self.report(a.span(), ProblemKind::AnswerOutOfRange { answer: n, choices: choices.len() });
                    None
                }
            }
        };
        let why = self.required(q.why, "why", span, true);
        let asked = self.asked(q.asked);
        Some(Question {
            ask: ask?,
            choices: choices.into_iter().map(|(s, _)| s).collect(),
            answer: answer?,
            why: why?,
            asked: asked?,
        })
    }

    /// `asked = "before" | "after"`; absent means before.
    fn asked(&mut self, value: Option<Text>) -> Option<Asked> {
        let Some(v) = value else { return Some(Asked::Before) };
        match v.get_ref().as_str() {
            "before" => Some(Asked::Before),
            "after" => Some(Asked::After),
            other => {
                let hint = Hint(Some(if other.to_lowercase().starts_with('a') { "after" } else { "before" }.into()));
                self.report(v.span(), ProblemKind::Unknown { what: "value for `asked`", value: other.into(), hint });
                None
            }
        }
    }

    fn string_list(
        &mut self,
        value: Option<Spanned<Vec<Text>>>,
        key: &'static str,
        parent: Range<usize>,
        required: bool,
        multiline: bool,
    ) -> Vec<(String, Range<usize>)> {
        let Some(list) = value else {
            if required {
                self.report(parent, ProblemKind::Missing(key));
            }
            return Vec::new();
        };
        let list_span = list.span();
        let items = list.into_inner();
        if items.is_empty() && required {
            self.report(list_span, ProblemKind::Empty { key });
        }
        items
            .into_iter()
            .filter_map(|item| {
                let span = item.span();
                self.optional(Some(item), key, multiline).map(|s| (s, span))
            })
            .collect()
    }

    fn source_addresses(&mut self, sources: &[(String, Range<usize>)]) {
        for (s, span) in sources {
            if !(s.starts_with("https://") || s.starts_with("http://")) {
                self.report(span.clone(), ProblemKind::BadSource(s.clone()));
            }
        }
    }

    fn verdict_rules(
        &mut self,
        verdict: Verdict,
        flags: &[Range<usize>],
        signs: &[Range<usize>],
        sources: &[(String, Range<usize>)],
        thread: &[(Message, Range<usize>)],
    ) {
        match verdict {
            Verdict::Scam => {
                if flags.len() < 2 {
                    self.report(0..0, ProblemKind::TooFewFlags(flags.len()));
                }
                if let Some(span) = signs.first() {
                    self.report(span.clone(), ProblemKind::SignsOnScam);
                }
                if sources.is_empty() {
                    self.report(0..0, ProblemKind::NoSource);
                }
                if !self.trusted {
                    self.fictional_numbers(thread);
                    self.known_criminal_domains(thread);
                }
            }
            Verdict::Legit => {
                if let Some(span) = flags.first() {
                    self.report(span.clone(), ProblemKind::FlagsOnLegit);
                }
                if signs.is_empty() {
                    self.report(0..0, ProblemKind::NoSigns);
                }
            }
        }
    }

    /// Where `needle` is first written at or after `from` (case-insensitive), else `from`:
    /// points a problem at the words themselves rather than at their table's header.
    fn find_after(&self, from: usize, needle: &str) -> usize {
        let needle = needle.to_lowercase();
        self.source.get(from..).and_then(|rest| rest.to_lowercase().find(&needle)).map_or(from, |i| from + i)
    }

    /// Real campaign domains may be live: a trainer must never print one for a learner to type.
    fn known_criminal_domains(&mut self, thread: &[(Message, Range<usize>)]) {
        for (m, span) in thread {
            let fields = m.sender.iter().chain(std::iter::once(&m.text));
            for field in fields {
                let mut named: Vec<&'static str> = criminal_domains_named(field).into_iter().map(|(_, d)| d).collect();
                named.sort_unstable();
                named.dedup();
                for domain in named {
                    let at = self.find_after(span.start, domain);
                    self.report(at..at, ProblemKind::KnownCriminalDomain(domain.to_string()));
                }
            }
        }
    }

    /// Scam texts are made up; a made-up number must not ring a real person.
    fn fictional_numbers(&mut self, thread: &[(Message, Range<usize>)]) {
        for (m, span) in thread {
            let fields = m.sender.iter().chain(std::iter::once(&m.text));
            for field in fields {
                for n in north_american_numbers(field) {
                    if !is_fictional(&n.digits) {
                        let at = self.find_after(span.start, n.text);
                        self.report(at..at, ProblemKind::RealLookingNumber(n.text.to_string()));
                    }
                }
            }
        }
    }
}

fn closest_flag_kind(wrong: &str) -> Option<&'static str> {
    closest_name(FLAG_KINDS, wrong)
}

fn closest_sign_kind(wrong: &str) -> Option<&'static str> {
    closest_name(SIGN_KINDS, wrong)
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;

/// Lowercase-kebab: `a-z0-9` words joined by single hyphens.
pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}
