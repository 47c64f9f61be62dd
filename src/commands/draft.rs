//! `inspect --to-scenario FILE`: a draft scenario for an instructor, made from a text someone
//! received. Personal data is redacted before anything is written — names, card digits,
//! tracking and case numbers become `[vars]` variables, real phone numbers become fictional
//! 555-01XX ones, and in a scam every link's domain becomes an invented lookalike of the same
//! shape — flags are pre-filled from the detectors, and the sources and verification steps are
//! left as TODO markers that `smishdrill check` reports until the instructor completes them.

use crate::i18n::{Arg, Locale};
use std::collections::BTreeMap;
use std::path::Path;

use regex::Regex;

use crate::detect::{Kind, Level, Place, Report, orgs};
use crate::text_safety::sanitize;

/// A variable of the draft: its name and its `[vars]` definition.
type Vars = BTreeMap<String, String>;

/// Replacements made in the text, in order, so quotes can be redacted the same way.
#[derive(Default)]
struct Redactor {
    swaps: Vec<(String, String)>,
    vars: Vars,
}

impl Redactor {
    fn swap(&mut self, from: &str, to: String) {
        if !from.is_empty() && from != to && !self.swaps.iter().any(|(f, _)| f == from) {
            self.swaps.push((from.to_string(), to));
        }
    }

    /// A variable for `from`, named `base`, `base2` … with definition `def`.
    fn var(&mut self, from: &str, base: &str, def: String) {
        if self.swaps.iter().any(|(f, _)| f == from) {
            return;
        }
        let mut name = base.to_string();
        let mut n = 1;
        while self.vars.contains_key(&name) {
            n += 1;
            name = format!("{base}{n}");
        }
        self.vars.insert(name.clone(), def);
        self.swap(from, format!("{{{name}}}"));
    }

    /// `s` with every replacement applied, longest first so a number inside a longer one is
    /// not replaced on its own.
    fn apply(&self, s: &str) -> String {
        let mut swaps: Vec<&(String, String)> = self.swaps.iter().collect();
        swaps.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
        // Replace through placeholders so one replacement's output is never replaced again.
        let mut out = s.to_string();
        for (i, (from, _)) in swaps.iter().enumerate() {
            out = out.replace(from.as_str(), &format!("\u{E000}{i}\u{E001}"));
        }
        for (i, (_, to)) in swaps.iter().enumerate() {
            out = out.replace(&format!("\u{E000}{i}\u{E001}"), to);
        }
        out
    }
}

/// The shape of a code for a `pattern` variable: digits become `#`, capitals `?`.
fn shape(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => '#',
            'A'..='Z' | 'a'..='z' => '?',
            c => c,
        })
        .collect()
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A fictional number in the same format: the last seven digits become 555-01NN.
fn fictional_number(written: &str, n: usize) -> String {
    let replacement: Vec<char> = format!("55501{:02}", n % 100).chars().collect();
    let digits = written.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    written
        .chars()
        .map(|c| {
            if !c.is_ascii_digit() {
                return c;
            }
            seen += 1;
            let from_end = digits - seen;
            if from_end < 7 { replacement[6 - from_end] } else { c }
        })
        .collect()
}

/// Invented words for lookalike domains, from the scenario format's own list.
const WORDS: &[&str] = &["portal", "billing", "notice", "center", "secure", "verify", "online", "service"];

/// An invented domain label of the same shape: a brand or `com-`/`gov-` glue in front is kept,
/// the rest becomes an invented word.
fn invented_label(label: &str, n: usize) -> String {
    let glue = ["com-", "gov-", "org-", "net-"].iter().find(|g| label.starts_with(**g)).copied().unwrap_or("");
    let rest = &label[glue.len()..];
    let brand = orgs::all()
        .iter()
        .flat_map(|o| o.domain_names().chain(o.aliases.iter().map(String::as_str)))
        .map(|b| b.to_lowercase())
        .filter(|b| b.len() >= 3 && rest.starts_with(b.as_str()))
        .max_by_key(String::len);
    let word = WORDS[n % WORDS.len()];
    match brand {
        Some(b) if rest.len() > b.len() => format!("{glue}{b}-{word}"),
        _ if rest.contains('-') => format!("{glue}{}-{word}", rest.split('-').next().unwrap_or("x")),
        _ => format!("{glue}{word}{}", n + 2),
    }
}

/// A redaction rule: a pattern, the variable's base name, and its definition from the words.
type Rule = (&'static str, &'static str, fn(&str) -> String);

/// The redacted text and the replacements, for a scam or not.
fn redact(text: &str, sender: Option<&str>, report: &Report, scam: bool) -> Redactor {
    let mut r = Redactor::default();
    let mut phones = 0;
    for source in [Some(text), sender].into_iter().flatten() {
        for found in crate::scenario::phone::north_american_numbers(source) {
            if !crate::scenario::phone::is_fictional(&found.digits) {
                phones += 1;
                r.swap(found.text, fictional_number(found.text, phones));
            }
        }
    }
    let rules: &[Rule] = &[
        // Card numbers: 13 to 19 digits, perhaps in groups.
        (r"\b\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}\b", "card", |m| format!("{{ pattern = {} }}", quoted(&shape(m)))),
        // A card's last digits: "ending in 1234", "ending 1234", "last 4 digits 1234".
        (r"(?i)\b(?:ending(?:\s+in)?|last\s+4(?:\s+digits)?|terminada\s+en)\s+(\d{4})\b", "last4", |_| {
            "{ digits = 4 }".into()
        }),
        // Tracking, case, confirmation and violation numbers: long digit runs, or letters with digits.
        (r"\b(?:[A-Z]{1,4}-?\d{4,}|\d{10,}|[0-9A-Z]*\d[0-9A-Z]*[A-Z][0-9A-Z]*\d[0-9A-Z]{5,})\b", "number", |m| {
            format!("{{ pattern = {} }}", quoted(&shape(m)))
        }),
        // Names after a greeting.
        (r"\b(?:Hi|Hello|Dear|Hey|Hola|Estimado|Estimada)\s+([A-Z][a-z]{1,20})\b", "name", |_| {
            r#"{ pick = ["Alex", "Sam", "Jordan", "Maria"] }"#.into()
        }),
    ];
    for (pattern, base, def) in rules {
        let Ok(re) = Regex::new(pattern) else { continue };
        for caps in re.captures_iter(text) {
            let m = caps.get(1).or_else(|| caps.get(0)).map(|m| m.as_str()).unwrap_or("");
            if m.chars().filter(char::is_ascii_digit).count() == 10 && !m.contains(char::is_alphabetic) {
                continue; // a phone number, handled above
            }
            r.var(m, base, def(m));
        }
    }
    if scam {
        for (n, link) in report.links.iter().enumerate() {
            if report.named.iter().any(|o| o.owns(&link.host)) {
                continue;
            }
            let label = link.registrable.split('.').next().unwrap_or("");
            let tld = &link.registrable[label.len()..];
            let invented = format!("{}{tld}", invented_label(label, n));
            // The registrable domain as written in the text (it may be uppercase).
            let host_written = &text[link.host_span.clone()];
            let lower = host_written.to_ascii_lowercase();
            if let Some(at) = lower.rfind(&link.registrable) {
                r.swap(&host_written[at..at + link.registrable.len()], invented);
            }
        }
    }
    r
}

/// The red-flag kind in the scenario format for a finding, if it makes one.
fn flag_kind(kind: Kind) -> Option<&'static str> {
    Some(match kind {
        Kind::BrandInFront | Kind::NotOwnDomain | Kind::NameInDomain | Kind::KnownCriminal | Kind::Idn => {
            "lookalike-link"
        }
        Kind::ShortLink => "shortened-link",
        Kind::ReplyTrick => "reply-to-activate",
        Kind::Payment | Kind::CardDetails => "payment-request",
        Kind::CodeRequest => "code-request",
        Kind::Urgency => "urgency",
        Kind::Threat | Kind::Fee => "threat",
        Kind::Sender => "sender",
        _ => return None,
    })
}

/// The draft's TOML.
pub fn draft(text: &str, sender: Option<&str>, report: &Report) -> String {
    let text = sanitize(text).into_owned();
    let sender = sender.map(|s| sanitize(s).replace('\n', " "));
    let scam = report.findings.iter().any(|f| f.level == Level::Warning);
    let r = redact(&text, sender.as_deref(), report, scam);
    let body = r.apply(&text);
    let from = sender.as_deref().map_or("TODO: the sender".to_string(), |s| r.apply(s));
    let mut out = String::new();
    out.push_str("# A draft made by `smishdrill inspect --to-scenario` from a text someone received.\n");
    out.push_str("# Personal data was replaced: names, card digits, tracking and case numbers are [vars] below,\n");
    out.push_str("# phone numbers are fictional 555-01XX ones");
    out.push_str(if scam { ", and link domains are invented lookalikes.\n" } else { ".\n" });
    out.push_str("# Read every line before using it: redaction is a best effort, not a guarantee.\n");
    out.push_str("# TODO (the checker reports these until they are done): the public report this mirrors in\n");
    out.push_str("# `sources`, how to check and report in `verify`, a title, a context and a difficulty.\n\n");
    out.push_str("id = \"draft-inspected-text\"\n");
    out.push_str(&format!("verdict = \"{}\"   # TODO: confirm\n", if scam { "scam" } else { "legit" }));
    let category = report.named.first().map_or("other", |o| o.category.as_str());
    out.push_str(&format!(
        "category = \"{category}\"   # TODO: confirm: toll, postage, traffic-fine, wallet, bank, delivery or other\n"
    ));
    out.push_str("title = \"TODO: a one-line title\"\n");
    out.push_str("context = \"TODO: the learner's situation, without naming the verdict.\"\n");
    out.push_str("verify = []   # TODO: how to check through official channels, and how to report\n");
    out.push_str("sources = [\"TODO: the address of the public report or official page this mirrors\"]\n\n");
    if !r.vars.is_empty() {
        out.push_str("[vars]\n");
        for (name, def) in &r.vars {
            out.push_str(&format!("{name} = {def}\n"));
        }
        out.push('\n');
    }
    out.push_str("[[thread]]\n");
    out.push_str(&format!("sender = {}\n", quoted(&from)));
    out.push_str(&format!("text = {}\n", quoted(&body)));
    let mut flags = 0;
    for f in &report.findings {
        let Some(kind) = flag_kind(f.kind).filter(|_| scam && f.level == Level::Warning) else { continue };
        let original = match f.place {
            Place::Text => text.get(f.span.clone()).unwrap_or(""),
            Place::Sender => sender.as_deref().unwrap_or(""),
        };
        let quote = r.apply(original.lines().next().unwrap_or(""));
        let whole = if f.place == Place::Text { &body } else { &from };
        if quote.trim().is_empty() || !whole.contains(&quote) {
            continue;
        }
        flags += 1;
        out.push_str(&format!("\n[[flag]]\nkind = \"{kind}\"\nquote = {}\n", quoted(&quote)));
        out.push_str(&format!("why = {}   # TODO: check the wording\n", quoted(&r.apply(&f.reason))));
    }
    if !scam {
        out.push_str(
            "\n# TODO: what shows it is genuine, e.g. kind = \"official-sender\" with the short code quoted.\n",
        );
        out.push_str("[[sign]]\nkind = \"expected\"\nwhy = \"TODO: why this message is real\"\n");
    } else if flags < 2 {
        out.push_str("\n# TODO: a scam needs at least two [[flag]] entries; inspect found fewer it could quote.\n");
    }
    out
}

/// Writes the draft to `path` (refusing to replace a file without `force`), then checks it
/// and prints what is still missing. Exit code: 0 written, 1 not written, 2 file exists.
pub fn write(path: &Path, force: bool, text: &str, sender: Option<&str>, report: &Report, t: &Locale) -> u8 {
    let shown = path.display().to_string();
    let file = crate::text_safety::sanitize_line(&shown);
    if path.exists() && !force {
        eprintln!("smishdrill: {}", t.fmt("inspect.draft_exists", &[("file", Arg::Str(&file))]));
        return 2;
    }
    let toml = draft(text, sender, report);
    if let Err(e) = std::fs::write(path, &toml) {
        let error = e.to_string();
        eprintln!(
            "smishdrill: {}",
            t.fmt("inspect.draft_cannot_write", &[("file", Arg::Str(&file)), ("error", Arg::Str(&error))])
        );
        return 1;
    }
    let mut lines = vec![String::new(), t.fmt("inspect.draft_written", &[("file", Arg::Str(&file))])];
    match crate::scenario::parse_scenario(&shown, &toml) {
        Ok(_) => lines.push(t.text("inspect.draft_no_problem").into_owned()),
        Err(problems) => {
            lines.push(t.fmt("inspect.draft_missing", &[("count", Arg::Num(problems.len() as i64))]));
            lines.extend(problems.iter().map(|p| format!("  {}", sanitize(&p.to_string()))));
        }
    }
    super::print_lines(lines);
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::inspect;

    const SCAM: &str = "Hi John, SunPass: your toll of $6.89 is unpaid. Pay within 12 hours: https://sunpass.com-8if5.sbs/fl \
                        Card ending in 4821, case #TV-87578. Call (305) 214-9876.\n(Please reply Y, then exit and reopen this message to activate the link.)";

    #[test]
    fn personal_data_is_replaced_and_flags_are_prefilled() {
        let report = inspect(SCAM, Some("+1 (305) 214-9876"));
        let toml = draft(SCAM, Some("+1 (305) 214-9876"), &report);
        for secret in ["John", "4821", "87578", "214-9876", "sunpass.com-8if5.sbs", "8if5"] {
            assert!(!toml.contains(secret), "{secret} left in:\n{toml}");
        }
        assert!(toml.contains("555-01"), "{toml}");
        assert!(toml.contains("kind = \"lookalike-link\""), "{toml}");
        assert!(toml.contains("kind = \"reply-to-activate\""), "{toml}");
        assert!(toml.contains("name = { pick"), "{toml}");
        assert!(toml.contains("category = \"toll\""), "{toml}");
        // What check reports: the TODO source and the empty verify; nothing else.
        let problems = crate::scenario::parse_scenario("draft.toml", &toml).unwrap_err();
        let said: Vec<String> = problems.iter().map(|p| p.kind.to_string()).collect();
        assert!(said.iter().any(|p| p.contains("is not an http(s) address")), "{said:#?}");
        assert!(said.iter().any(|p| p.contains("`verify` must not be empty")), "{said:#?}");
        assert_eq!(said.len(), 2, "{said:#?}\n{toml}");
    }

    #[test]
    fn once_completed_the_draft_passes_check() {
        let report = inspect(SCAM, Some("+1 (305) 214-9876"));
        let toml = draft(SCAM, Some("+1 (305) 214-9876"), &report)
            .replace(
                "verify = []",
                "verify = [\"Type sunpass.com yourself. Forward the text to 7726 and report it at reportfraud.ftc.gov.\"]",
            )
            .replace(
                "sources = [\"TODO: the address of the public report or official page this mirrors\"]",
                "sources = [\"https://news.yahoo.com/sunpass-warns-drivers-fake-text-214320379.html\"]",
            );
        assert!(crate::scenario::parse_scenario("draft.toml", &toml).is_ok(), "{toml}");
    }

    #[test]
    fn hostile_characters_never_reach_the_draft() {
        let text = "Pay \u{1b}[31mnow\u{202E} at https://usps.com-x.top";
        let toml = draft(text, Some("\u{1b}]0;x\u{7}"), &inspect(text, None));
        assert!(!toml.contains('\u{1b}') && !toml.contains('\u{202E}') && !toml.contains('\u{7}'), "{toml}");
    }
}
