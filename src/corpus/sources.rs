//! One source (a file, or text given) read and parsed as the caller needs it: every variant for
//! `check`, the first variant for a round, or a bundled file from its baked form.

use std::path::PathBuf;
use std::sync::Arc;

use super::VARIANTS_CHECKED;
use super::files::read_text;
use crate::scenario::dates::Date;
use crate::scenario::model::TemplateText;
use crate::scenario::validate::{Parsed, parse_template, parse_template_owned};
use crate::scenario::{Draw, Problem, ProblemKind};

/// A source's text: given, or a file still to be read (by the thread that parses it), or the
/// text compiled into the binary (borrowed: a copy of the 218 files was a tenth of their load).
pub(super) enum Src {
    Given(Result<String, Problem>),
    File(PathBuf),
    Bundled(&'static str),
}

/// One source read and parsed as `how` says, and whether its findings are kept.
pub(super) fn read_and_parse((path, src, how): (String, Src, How)) -> (Result<Parsed, Vec<Problem>>, bool) {
    let text = match (src, how) {
        (Src::Bundled(_), How::Baked(index)) => return (baked_variant(index, &path), false),
        (Src::Bundled(text), How::Undrawn(index)) => {
            let undrawn = crate::scenario::baked::undrawn(index, &path, text).map(Ok);
            return (undrawn.unwrap_or_else(|| baked_variant(index, &path)), false);
        }
        (Src::Bundled(text), _) => Ok(text.to_string()),
        (Src::Given(text), _) => text,
        (Src::File(file), _) => read_text(&file),
    };
    let parsed = text.map_err(|p| vec![p]).and_then(|text| match how {
        How::Baked(index) | How::Undrawn(index) => baked_variant(index, &path),
        _ => parse_checked(&path, text, how == How::Check),
    });
    (parsed, how == How::Check)
}

/// How a source is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum How {
    /// Every variant, with the teaching findings and warnings: for `check`.
    Check,
    /// The rules, on the first variant only.
    First,
    /// Bundled file number `n`, from its baked form.
    Baked(usize),
    /// Bundled file number `n`, for a round: from its baked summary, not drawn
    /// ([`crate::scenario::Scenario::undrawn`]); a file without variables as [`How::Baked`].
    Undrawn(usize),
}

/// The bundled files, to be built from their baked forms: each drawn (its first variant), or
/// for a round left undrawn.
pub(super) fn baked_sources(drawn: bool) -> impl Iterator<Item = (String, Src, How)> {
    debug_assert_eq!(crate::scenario::baked::count(), super::EMBEDDED.len());
    super::EMBEDDED.iter().enumerate().map(move |(i, (p, t))| {
        let how = if drawn { How::Baked(i) } else { How::Undrawn(i) };
        (p.to_string(), Src::Bundled(t), how)
    })
}

/// The first variant of bundled file `index`, from its baked form.
fn baked_variant(index: usize, path: &str) -> Result<Parsed, Vec<Problem>> {
    let text = super::EMBEDDED[index].1;
    let template = crate::scenario::baked::template(index, path, text);
    let mut parsed = template.into_variant_rules_only(Draw { seed: 0, today: Date::today_days() })?;
    if parsed.has_vars {
        parsed.scenario.template = Some(TemplateText::Bundled(text));
    }
    Ok(parsed)
}

/// Parses a file; a file with variables is also drawn [`VARIANTS_CHECKED`] more times, and the
/// first variant that breaks a rule is reported with its seed.
fn parse_checked(path: &str, text: String, all_variants: bool) -> Result<Parsed, Vec<Problem>> {
    let today = Date::today_days();
    // Parsed once; each variant is drawn from the parsed file, not from its text. The text
    // moves into the template when it needs no normalising (then it is the template's source,
    // and the `text` kept below for a file with variables is that).
    let (template, original) = match parse_template_owned(path, text) {
        Ok(template) => (template?, None),
        Err(text) => (parse_template(path, &text)?, Some(text)),
    };
    let text = |template: &crate::scenario::validate::Template| -> TemplateText {
        TemplateText::Loaded(Arc::from(original.as_deref().unwrap_or(template.source())))
    };
    // Teaching findings and the detectors' warnings are for `check`; a trainer's load needs
    // only the rules (it was a third of start-up).
    let first = Draw { seed: 0, today };
    if !all_variants {
        // Kept before the template is used up (`has_vars` is the template's).
        let kept = template.has_vars().then(|| text(&template));
        let mut parsed = template.into_variant_rules_only(first)?;
        if parsed.has_vars {
            parsed.scenario.template = kept;
        }
        return Ok(parsed);
    }
    if !template.has_vars() {
        return template.into_variant(first);
    }
    let mut parsed = template.variant(first)?;
    for seed in 1..=VARIANTS_CHECKED {
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
    parsed.scenario.template = Some(text(&template));
    Ok(parsed)
}
