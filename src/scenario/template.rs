//! `{name}` placeholders in a scenario's text, replaced by drawn values. `{{` and `}}` stand for
//! literal braces. Works on the raw file so that problems in a rendered variant still point at
//! the line the author wrote.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::problem::ProblemKind;
use super::raw::{RawScenario, Text};
use super::slots::is_name;

/// Replaces placeholders in `text`: the result, the names used, and what is wrong. Goes on past
/// a problem (leaving the placeholder as written) so one slip is reported once, not again as
/// every rule it then breaks.
pub fn substitute(text: &str, values: &HashMap<String, String>) -> (String, Vec<String>, Vec<ProblemKind>) {
    let mut out = String::with_capacity(text.len());
    let mut used = Vec::new();
    let mut problems = Vec::new();
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
            let Some(end) = after.find('}') else {
                problems.push(ProblemKind::BadBraces("a `{` is never closed; write `{{` for a literal brace".into()));
                out.push_str(tail);
                rest = "";
                break;
            };
            let name = &after[..end];
            if !is_name(name) {
                problems.push(ProblemKind::BadBraces(format!(
                    "`{{{name}}}` is not a variable name; write `{{{{` for a literal brace"
                )));
                out.push_str(&tail[..end + 2]);
            } else {
                match values.get(name) {
                    Some(value) => out.push_str(value),
                    None => {
                        problems.push(ProblemKind::UndefinedVariable(name.to_string()));
                        out.push_str(&tail[..end + 2]);
                    }
                }
                used.push(name.to_string());
            }
            rest = &after[end + 1..];
        } else {
            problems.push(ProblemKind::BadBraces("a lone `}`; write `}}` for a literal brace".into()));
            out.push('}');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    (out, used, problems)
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
        if !t.get_ref().contains(['{', '}']) {
            return; // Nothing to substitute: keep the string as it is, no copy.
        }
        let span = t.span();
        let (s, names, found) = substitute(t.get_ref(), values);
        *t.get_mut() = s;
        used.extend(names);
        problems.extend(found.into_iter().map(|kind| (span.clone(), kind)));
    };
    for t in [&mut raw.title, &mut raw.context].into_iter().flatten() {
        apply(t);
    }
    for m in &mut raw.thread {
        let m = m.get_mut();
        for t in [&mut m.sender, &mut m.time, &mut m.text].into_iter().flatten() {
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
        let (s, used, problems) = substitute("{agency}: pay {{now}}", &values());
        assert_eq!(s, "SunPass: pay {now}");
        assert_eq!(used, ["agency"]);
        assert!(problems.is_empty());
    }

    #[test]
    fn reports_undefined_and_unbalanced_and_goes_on() {
        let (s, _, p) = substitute("{agnecy} and {agency}", &values());
        assert_eq!(p, [ProblemKind::UndefinedVariable("agnecy".into())]);
        assert_eq!(s, "{agnecy} and SunPass");
        assert!(matches!(substitute("{agency", &values()).2[..], [ProblemKind::BadBraces(_)]));
        assert!(matches!(substitute("a } b", &values()).2[..], [ProblemKind::BadBraces(_)]));
        assert!(matches!(substitute("{Agency}", &values()).2[..], [ProblemKind::BadBraces(_)]));
    }

    #[test]
    fn text_without_braces_is_unchanged() {
        assert_eq!(substitute("plain $4.35", &values()).0, "plain $4.35");
    }
}
