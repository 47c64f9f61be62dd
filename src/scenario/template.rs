//! `{name}` placeholders in a scenario's text, replaced by drawn values. `{{` and `}}` stand for
//! literal braces. Works on the raw file so that problems in a rendered variant still point at
//! the line the author wrote.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::problem::ProblemKind;
use super::raw::{RawScenario, Text};
use super::slots::is_name;

/// Replaces placeholders in `text`. Returns the names it used, or what is wrong.
pub fn substitute(
    text: &str,
    values: &HashMap<String, String>,
) -> Result<(String, Vec<String>), ProblemKind> {
    let mut out = String::with_capacity(text.len());
    let mut used = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            out.push('{');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            out.push('}');
            rest = after;
        } else if let Some(after) = tail.strip_prefix('{') {
            let end = after.find('}').ok_or_else(|| {
                ProblemKind::BadBraces(
                    "a `{` is never closed; write `{{` for a literal brace".into(),
                )
            })?;
            let name = &after[..end];
            if !is_name(name) {
                return Err(ProblemKind::BadBraces(format!(
                    "`{{{name}}}` is not a variable name; write `{{{{` for a literal brace"
                )));
            }
            let value = values
                .get(name)
                .ok_or_else(|| ProblemKind::UndefinedVariable(name.to_string()))?;
            out.push_str(value);
            used.push(name.to_string());
            rest = &after[end + 1..];
        } else {
            return Err(ProblemKind::BadBraces(
                "a lone `}`; write `}}` for a literal brace".into(),
            ));
        }
    }
    out.push_str(rest);
    Ok((out, used))
}

/// Substitutes in every text field of the scenario, in place. Returns the names used and the
/// problems found (with the span of the field they are in).
pub fn render_raw(
    raw: &mut RawScenario,
    values: &HashMap<String, String>,
) -> (HashSet<String>, Vec<(Range<usize>, ProblemKind)>) {
    let mut used = HashSet::new();
    let mut problems = Vec::new();
    let mut apply = |t: &mut Text| {
        let span = t.span();
        match substitute(t.get_ref(), values) {
            Ok((s, names)) => {
                *t.get_mut() = s;
                used.extend(names);
            }
            Err(kind) => problems.push((span, kind)),
        }
    };
    for t in [&mut raw.title, &mut raw.context].into_iter().flatten() {
        apply(t);
    }
    for m in &mut raw.thread {
        let m = m.get_mut();
        for t in [&mut m.sender, &mut m.time, &mut m.text]
            .into_iter()
            .flatten()
        {
            apply(t);
        }
    }
    for c in raw.flag.iter_mut().chain(raw.sign.iter_mut()) {
        let c = c.get_mut();
        for t in [&mut c.quote, &mut c.why].into_iter().flatten() {
            apply(t);
        }
    }
    for q in &mut raw.question {
        let q = q.get_mut();
        for t in [&mut q.ask, &mut q.why].into_iter().flatten() {
            apply(t);
        }
        for t in q.choices.iter_mut().flat_map(|c| c.get_mut().iter_mut()) {
            apply(t);
        }
    }
    for t in raw.verify.iter_mut().flat_map(|v| v.get_mut().iter_mut()) {
        apply(t);
    }
    (used, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> HashMap<String, String> {
        HashMap::from([("agency".to_string(), "SunPass".to_string())])
    }

    #[test]
    fn replaces_names_and_literal_braces() {
        let (s, used) = substitute("{agency}: pay {{now}}", &values()).unwrap();
        assert_eq!(s, "SunPass: pay {now}");
        assert_eq!(used, ["agency"]);
    }

    #[test]
    fn reports_undefined_and_unbalanced() {
        assert_eq!(
            substitute("{agnecy}", &values()),
            Err(ProblemKind::UndefinedVariable("agnecy".into()))
        );
        assert!(matches!(
            substitute("{agency", &values()),
            Err(ProblemKind::BadBraces(_))
        ));
        assert!(matches!(
            substitute("a } b", &values()),
            Err(ProblemKind::BadBraces(_))
        ));
        assert!(matches!(
            substitute("{Agency}", &values()),
            Err(ProblemKind::BadBraces(_))
        ));
    }

    #[test]
    fn text_without_braces_is_unchanged() {
        assert_eq!(
            substitute("plain $4.35", &values()).unwrap().0,
            "plain $4.35"
        );
    }
}
