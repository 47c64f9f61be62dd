//! The checker's rules beyond single fields: the follow-up question, string lists, sources, and
//! what a verdict requires (a scam's flags, sources, made-up numbers and no known domain).

use std::ops::Range;

use toml::Spanned;

use super::checker::Checker;
use super::domains::criminal_domains_named;
use crate::scenario::kinds::Verdict;
use crate::scenario::model::{Asked, Message, Question};
use crate::scenario::phone::{is_fictional, north_american_numbers};
use crate::scenario::problem::{Hint, ProblemKind};
use crate::scenario::raw::{RawQuestion, Text};

impl Checker<'_> {
    pub(super) fn question(&mut self, raw: Vec<Spanned<RawQuestion>>) -> Option<Question> {
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

    pub(super) fn string_list(
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

    pub(super) fn source_addresses(&mut self, sources: &[(String, Range<usize>)]) {
        for (s, span) in sources {
            if !(s.starts_with("https://") || s.starts_with("http://")) {
                self.report(span.clone(), ProblemKind::BadSource(s.clone()));
            }
        }
    }

    pub(super) fn verdict_rules(
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
