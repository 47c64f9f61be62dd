//! The checker proper: each field of the parsed form turned into the model, every problem
//! reported where it is written. Questions, lists and the rules that depend on the verdict are
//! in `rules.rs`.

use std::ops::Range;

use toml::Spanned;

use super::characters::forbidden_character;
use super::{Parsed, is_kebab};
use crate::scenario::kinds::{CATEGORIES, Category, FLAG_KINDS, FlagKind, SIGN_KINDS, SignKind, Verdict, closest_name};
use crate::scenario::model::{Cue, Message, Scenario};
use crate::scenario::problem::{Hint, Problem, ProblemKind, SourceMap};
use crate::scenario::raw::{RawCue, RawMessage, RawScenario, Text};

pub(super) struct Checker<'a> {
    pub(super) map: &'a SourceMap<'a>,
    pub(super) source: &'a str,
    pub(super) problems: Vec<Problem>,
    /// For a bundled file built from its baked form: the rules that scan text (characters,
    /// quotes in the thread, known domains, real-looking numbers) are skipped; the rest, which
    /// only turn the parsed form into a scenario, still run. `check` of the built-in corpus
    /// runs them all, on the files' text.
    pub(super) trusted: bool,
}

impl Checker<'_> {
    pub(super) fn report(&mut self, span: Range<usize>, kind: ProblemKind) {
        self.problems.push(self.map.problem(span, kind));
    }

    /// A required string: reports it missing (at `parent`) or empty, and checks its characters.
    pub(super) fn required(
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

    pub(super) fn optional(&mut self, value: Option<Text>, key: &'static str, multiline: bool) -> Option<String> {
        let v = value?;
        let span = v.span();
        let s = v.into_inner();
        // A field that starts with a visible ASCII character is not blank: no trim to do.
        if !s.as_bytes().first().is_some_and(u8::is_ascii_graphic) && s.trim().is_empty() {
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

    pub(super) fn scenario(&mut self, raw: RawScenario) -> Option<Parsed> {
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
            undrawn: false,
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
}

fn closest_flag_kind(wrong: &str) -> Option<&'static str> {
    closest_name(FLAG_KINDS, wrong)
}

fn closest_sign_kind(wrong: &str) -> Option<&'static str> {
    closest_name(SIGN_KINDS, wrong)
}
