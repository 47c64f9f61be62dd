//! Checks a `[vars]` table and turns it into [`Vars`]: exactly one kind per slot, sane ranges,
//! known phone kinds and domain styles, `with` pointing at a pick of the same length.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use super::dates::{Date, SPECIFIERS};
use super::problem::ProblemKind;
use super::raw::{RawSlot, Text};
use super::vars::{DOMAIN_STYLES, PhoneKind, Slot, Vars};

/// Longest `digits` slot: longer runs are not codes or numbers any phone shows.
const MAX_DIGITS: i64 = 40;

type Problems = Vec<(Range<usize>, ProblemKind)>;

fn bad(name: &str, why: impl Into<String>) -> ProblemKind {
    ProblemKind::BadVariable { name: name.to_string(), why: why.into() }
}

pub fn parse_vars(
    raw: Option<Spanned<BTreeMap<String, Spanned<RawSlot>>>>,
) -> (Vars, Vec<(String, Range<usize>)>, Problems) {
    let mut problems = Vec::new();
    let mut vars = Vars::default();
    let mut spans = Vec::new();
    let Some(table) = raw else {
        return (vars, spans, problems);
    };
    let table = table.into_inner();
    for (name, slot) in table {
        let span = slot.span();
        if !is_name(&name) {
            problems
                .push((span.clone(), bad(&name, "names use lowercase letters, digits and _, starting with a letter")));
            continue;
        }
        match slot_of(&name, slot.into_inner(), &span) {
            Ok(s) => {
                spans.push((name.clone(), span));
                vars.slots.push((name, s));
            }
            Err(p) => {
                // Still defined: uses of it are not "undefined", and it counts as used.
                spans.push((name.clone(), span));
                problems.push(p);
                vars.broken.push(name);
            }
        }
    }
    tie_check(&vars, &spans, &mut problems);
    (vars, spans, problems)
}

/// `[a-z][a-z0-9_]*`
pub fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn slot_of(name: &str, raw: RawSlot, span: &Range<usize>) -> Result<Slot, (Range<usize>, ProblemKind)> {
    let kinds = [
        raw.pick.is_some(),
        raw.money.is_some(),
        raw.date.is_some(),
        raw.digits.is_some(),
        raw.pattern.is_some(),
        raw.phone.is_some(),
        raw.domain.is_some(),
    ];
    let count = kinds.iter().filter(|k| **k).count();
    if count != 1 {
        let why = "give exactly one of pick, money, date, digits, pattern, phone, domain";
        return Err((span.clone(), bad(name, why)));
    }
    if raw.with.is_some() && raw.pick.is_none() {
        return Err((span.clone(), bad(name, "`with` only goes with `pick`")));
    }
    if raw.format.is_some() && raw.date.is_none() {
        return Err((span.clone(), bad(name, "`format` only goes with `date`")));
    }
    if let Some(list) = raw.pick {
        let at = list.span();
        let values: Vec<String> = list.into_inner().into_iter().map(Spanned::into_inner).collect();
        if values.is_empty() {
            return Err((at, bad(name, "`pick` needs at least one value")));
        }
        return Ok(match raw.with {
            Some(w) => Slot::Tied { with: w.into_inner(), values },
            None => Slot::Pick(values),
        });
    }
    if let Some(range) = raw.money {
        let at = range.span();
        let r = range.into_inner();
        let ok = r.len() == 2 && r.iter().all(|v| v.is_finite() && *v >= 0.0 && *v < 1e9) && r[0] <= r[1];
        if !ok {
            return Err((at, bad(name, "`money` is [min, max] in dollars, 0 ≤ min ≤ max")));
        }
        let cents = |v: f64| (v * 100.0).round() as u64;
        return Ok(Slot::Money { min_cents: cents(r[0]), max_cents: cents(r[1]) });
    }
    if let Some(range) = raw.date {
        let at = range.span();
        let r = range.into_inner();
        if r.len() != 2 || r[0] > r[1] || r[0].abs() > 3650 || r[1].abs() > 3650 {
            return Err((at, bad(name, "`date` is [min_days, max_days] from today, min ≤ max, within ten years")));
        }
        let format = raw.format.map_or_else(|| "%b %-d".to_string(), Spanned::into_inner);
        if let Err(spec) = Date::from_days(0).format(&format) {
            return Err((at, bad(name, format!("unknown format `{spec}`; use {SPECIFIERS}"))));
        }
        return Ok(Slot::Date { min_days: r[0], max_days: r[1], format });
    }
    if let Some(n) = raw.digits {
        let v = *n.get_ref();
        if !(1..=MAX_DIGITS).contains(&v) {
            return Err((n.span(), bad(name, format!("`digits` must be 1 to {MAX_DIGITS}"))));
        }
        return Ok(Slot::Digits(v as usize));
    }
    if let Some(p) = raw.pattern {
        let at = p.span();
        let p = p.into_inner();
        if !p.contains(['#', '?']) {
            return Err((at, bad(name, "`pattern` needs # (a digit) or ? (a letter)")));
        }
        return Ok(Slot::Pattern(p));
    }
    if let Some(kind) = raw.phone {
        return match kind.get_ref().as_str() {
            "us" => Ok(Slot::Phone(PhoneKind::Us)),
            "intl" => Ok(Slot::Phone(PhoneKind::Intl)),
            _ => Err((kind.span(), bad(name, "`phone` is \"us\" or \"intl\""))),
        };
    }
    domain_slot(name, raw.domain.expect("one kind is present"))
}

fn domain_slot(name: &str, raw: Spanned<super::raw::RawDomain>) -> Result<Slot, (Range<usize>, ProblemKind)> {
    let at = raw.span();
    let d = raw.into_inner();
    let brand = d.brand.map(Text::into_inner).unwrap_or_default();
    let brand_ok = !brand.is_empty()
        && brand.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
    if !brand_ok {
        return Err((at, bad(name, "`domain` needs `brand`: lowercase letters, digits, - and .")));
    }
    let mut styles = Vec::new();
    for s in d.style.map(Spanned::into_inner).unwrap_or_default() {
        match DOMAIN_STYLES.iter().find(|(n, _)| n == s.get_ref()) {
            Some((_, style)) => styles.push(*style),
            None => {
                let names: Vec<&str> = DOMAIN_STYLES.iter().map(|(n, _)| *n).collect();
                let why = format!("unknown domain style `{}`; use {}", s.get_ref(), names.join(", "));
                return Err((s.span(), bad(name, why)));
            }
        }
    }
    if styles.is_empty() {
        styles = DOMAIN_STYLES.iter().map(|(_, s)| *s).collect();
    }
    Ok(Slot::Domain { brand, styles })
}

/// Every `with` names a plain pick with as many values. A tie to a slot that is itself broken
/// was reported already, once.
fn tie_check(vars: &Vars, spans: &[(String, Range<usize>)], problems: &mut Problems) {
    for (name, slot) in &vars.slots {
        let Slot::Tied { with, values } = slot else { continue };
        if vars.broken.contains(with) {
            continue;
        }
        let span = spans.iter().find(|(n, _)| n == name).map_or(0..0, |(_, s)| s.clone());
        let target = vars.slots.iter().find(|(n, _)| n == with).map(|(_, s)| s);
        match target {
            Some(Slot::Pick(list)) if list.len() == values.len() => {}
            Some(Slot::Pick(list)) => problems.push((
                span,
                bad(
                    name,
                    format!(
                        "has {} values but `{with}` has {}; tied picks must match one to one",
                        values.len(),
                        list.len()
                    ),
                ),
            )),
            _ => problems
                .push((span, bad(name, format!("`with = \"{with}\"` must name a `pick` variable without `with`")))),
        }
    }
}
