//! The config file (`config.toml`) as written, with the place of every value, and its rules.
//!
//! Why strict: a misspelt key (`profil = "ada"`) silently ignored would leave someone wondering
//! why their setting does nothing, and an LRS secret written into a file that gets copied
//! around is a leak. So an unknown key, a bad value or a `secret = …` key is a
//! `path:line:col` problem, reported with the project's source map like a scenario file.

use std::ops::Range;
use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use crate::report::xapi::{ActorKind, check_iri};
use crate::scenario::problem::{Problem, ProblemKind, SourceMap};
use crate::ui::ThemeName;

type Text = Spanned<String>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    profile: Option<Text>,
    theme: Option<Text>,
    lang: Option<Text>,
    data_dir: Option<Text>,
    deck: Option<Text>,
    language: Option<Text>,
    xapi: Option<RawXapi>,
    lrs: Option<Spanned<RawLrs>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawXapi {
    actor: Option<Text>,
    homepage: Option<Text>,
    base: Option<Text>,
    mbox_domain: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLrs {
    endpoint: Option<Text>,
    key: Option<Text>,
    secret_env: Option<Text>,
    secret_command: Option<Text>,
    batch: Option<Spanned<i64>>,
    /// Only so that it can be refused with a clear message rather than "unknown field".
    secret: Option<Spanned<toml::Value>>,
}

/// A value and the line it came from (`path:line:col`), for `smishdrill config`.
#[derive(Clone, Debug, PartialEq)]
pub struct FromFile<T> {
    pub value: T,
    pub at: String,
}

/// What the file sets; every key optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileConfig {
    pub profile: Option<FromFile<String>>,
    pub theme: Option<FromFile<ThemeName>>,
    pub lang: Option<FromFile<String>>,
    pub data_dir: Option<FromFile<PathBuf>>,
    pub deck: Option<FromFile<String>>,
    pub language: Option<FromFile<String>>,
    pub actor: Option<FromFile<ActorKind>>,
    pub homepage: Option<FromFile<String>>,
    pub base: Option<FromFile<String>>,
    pub mbox_domain: Option<FromFile<String>>,
    pub lrs: Option<LrsConfig>,
}

/// Where to send statements. The secret is never here: only where to get it.
#[derive(Clone, Debug, PartialEq)]
pub struct LrsConfig {
    /// Always ends in `/`, so `statements` can be appended.
    pub endpoint: String,
    pub key: String,
    pub secret: SecretSource,
    /// Statements per POST.
    pub batch: usize,
    /// `path:line:col` of the `[lrs]` table.
    pub at: String,
}

/// How to get the LRS secret when sending.
#[derive(Clone, Debug, PartialEq)]
pub enum SecretSource {
    /// The name of an environment variable.
    Env(String),
    /// A command run without a shell (split on spaces); its first line of output.
    Command(String),
}

/// How many statements one POST carries unless the file says otherwise.
pub const DEFAULT_BATCH: usize = 50;

/// Parses a config file's text. `path` is what problems are reported against.
pub fn parse(path: &str, source: &str) -> Result<FileConfig, Vec<Problem>> {
    let normalized = source.strip_prefix('\u{FEFF}').unwrap_or(source).replace("\r\n", "\n");
    let map = SourceMap::new(path, &normalized);
    let raw: RawConfig = toml::from_str(&normalized).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        vec![map.problem(span, ProblemKind::Syntax(e.message().trim().to_string()))]
    })?;
    let mut c = Checker { map: &map, problems: Vec::new() };
    let mut out = FileConfig {
        profile: c.check(raw.profile, |s| {
            crate::store::progress::valid_profile(s)
                .then(|| s.to_string())
                .ok_or_else(|| "`profile` may use only letters, digits, '.', '_' and '-' (1 to 64 of them)".to_string())
        }),
        theme: c.check(raw.theme, parse_theme),
        lang: c.check(raw.lang, parse_lang),
        data_dir: c.check(raw.data_dir, |s| non_empty("data_dir", s).map(PathBuf::from)),
        deck: c.check(raw.deck, |s| non_empty("deck", s)),
        language: c.check(raw.language, parse_language),
        ..FileConfig::default()
    };
    if let Some(x) = raw.xapi {
        out.actor = c.check(x.actor, parse_actor);
        out.homepage = c.check(x.homepage, |s| check_iri(s).map(|()| s.to_string()));
        out.base = c.check(x.base, |s| check_iri(s).map(|()| s.to_string()));
        out.mbox_domain = c.check(x.mbox_domain, parse_domain);
    }
    if let Some(lrs) = raw.lrs {
        out.lrs = c.lrs(lrs);
    }
    if c.problems.is_empty() { Ok(out) } else { Err(c.problems) }
}

struct Checker<'a> {
    map: &'a SourceMap<'a>,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn say(&mut self, span: Range<usize>, message: String) {
        self.problems.push(self.map.problem(span, ProblemKind::Syntax(message)));
    }

    fn check<T>(&mut self, value: Option<Text>, rule: impl Fn(&str) -> Result<T, String>) -> Option<FromFile<T>> {
        let value = value?;
        let at = self.map.locate(value.span().start).to_string();
        match rule(value.get_ref()) {
            Ok(v) => Some(FromFile { value: v, at }),
            Err(why) => {
                self.say(value.span(), why);
                None
            }
        }
    }

    fn lrs(&mut self, table: Spanned<RawLrs>) -> Option<LrsConfig> {
        let span = table.span();
        let at = self.map.locate(span.start).to_string();
        let raw = table.into_inner();
        if let Some(secret) = &raw.secret {
            self.say(
                secret.span(),
                "the LRS secret must not be written in the config file; name where to get it with \
                 `secret_env = \"VARIABLE\"` or `secret_command = \"pass show lrs\"`"
                    .to_string(),
            );
        }
        let endpoint = self.check(raw.endpoint, parse_endpoint);
        let key = self.check(raw.key, |s| non_empty("key", s));
        let secret = match (raw.secret_env, raw.secret_command) {
            (Some(_), Some(cmd)) => {
                self.say(cmd.span(), "give `secret_env` or `secret_command`, not both".to_string());
                None
            }
            (Some(env), None) => self.check(Some(env), parse_env_name).map(|f| SecretSource::Env(f.value)),
            (None, Some(cmd)) => {
                self.check(Some(cmd), |s| non_empty("secret_command", s)).map(|f| SecretSource::Command(f.value))
            }
            (None, None) => None,
        };
        let batch = match raw.batch {
            None => Some(DEFAULT_BATCH),
            Some(b) if (1..=1000).contains(b.get_ref()) => usize::try_from(*b.get_ref()).ok(),
            Some(b) => {
                self.say(b.span(), format!("`batch` must be 1 to 1000 statements, not {}", b.get_ref()));
                None
            }
        };
        let missing: Vec<&str> = [(endpoint.is_none(), "endpoint"), (key.is_none(), "key")]
            .into_iter()
            .filter_map(|(gone, name)| gone.then_some(name))
            .collect();
        let problems_before = self.problems.len();
        for name in &missing {
            if !self.problems.iter().any(|p| p.to_string().contains(&format!("`{name}`"))) {
                self.say(span.start..span.start, format!("[lrs] needs `{name}`"));
            }
        }
        if secret.is_none() && raw.secret.is_none() && self.problems.len() == problems_before {
            self.say(span.start..span.start, "[lrs] needs `secret_env` or `secret_command`".to_string());
        }
        Some(LrsConfig { endpoint: endpoint?.value, key: key?.value, secret: secret?, batch: batch?, at })
    }
}

fn non_empty(key: &str, s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        return Err(format!("`{key}` must not be empty"));
    }
    if let Some(c) = s.chars().find(|&c| c == '\n' || crate::text_safety::forbidden_reason(c).is_some()) {
        return Err(format!("`{key}` contains {}", crate::text_safety::forbidden_reason(c).unwrap_or("a line break")));
    }
    Ok(s.to_string())
}

pub fn parse_theme(s: &str) -> Result<ThemeName, String> {
    match s {
        "default" => Ok(ThemeName::Default),
        "high-contrast" => Ok(ThemeName::HighContrast),
        "mono" => Ok(ThemeName::Mono),
        _ => Err(format!("unknown theme `{}`; choose default, high-contrast or mono", sanitize(s))),
    }
}

/// The interface's locale: one of the built-in ones ([`crate::i18n::LOCALES`]), written as
/// given (`en-us` and `en-US` are both English).
pub fn parse_lang(s: &str) -> Result<String, String> {
    match crate::i18n::Locale::get(s) {
        Some(_) => Ok(s.to_string()),
        None => Err(format!("no interface language `{}`; built in: {}", sanitize(s), crate::i18n::LOCALES.join(", "))),
    }
}

pub fn parse_actor(s: &str) -> Result<ActorKind, String> {
    ActorKind::parse(s).ok_or_else(|| format!("unknown actor `{}`; choose auto, account or mbox", sanitize(s)))
}

/// A BCP 47 language tag in its common shape: `en`, `en-US`, `es-419`, `zh-Hant-TW`.
pub fn parse_language(s: &str) -> Result<String, String> {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    let first_ok = (2..=3).contains(&first.len()) && first.chars().all(|c| c.is_ascii_alphabetic());
    let rest_ok = parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if first_ok && rest_ok {
        Ok(s.to_string())
    } else {
        Err(format!("`{}` is not a language tag like en-US or es", sanitize(s)))
    }
}

fn parse_domain(s: &str) -> Result<String, String> {
    let s = s.trim_start_matches('@');
    if crate::report::xapi::looks_like_email(&format!("x@{s}")) {
        Ok(s.to_string())
    } else {
        Err(format!("`{}` is not a mail domain like example.com", sanitize(s)))
    }
}

fn parse_env_name(s: &str) -> Result<String, String> {
    let ok = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok { Ok(s.to_string()) } else { Err(format!("`{}` is not an environment variable name", sanitize(s))) }
}

fn parse_endpoint(s: &str) -> Result<String, String> {
    let lower = s.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    if host.is_none_or(str::is_empty) || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("`{}` is not an http(s) address like https://lrs.example.com/xAPI/", sanitize(s)));
    }
    if s.contains(['?', '#']) {
        return Err("the endpoint must not carry a query or fragment".to_string());
    }
    if rest.is_some_and(|r| r.split('/').next().unwrap_or("").contains('@')) {
        return Err("the endpoint must not carry credentials; use `key` and `secret_env`".to_string());
    }
    let mut endpoint = s.to_string();
    if !endpoint.ends_with('/') {
        endpoint.push('/');
    }
    Ok(endpoint)
}

fn sanitize(s: &str) -> String {
    crate::text_safety::sanitize_line(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        parse("config.toml", text).unwrap_err().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn every_key_is_read_with_its_place() {
        let text = "profile = \"ada\"\ntheme = \"mono\"\ndata_dir = \"/tmp/x\"\ndeck = \"new-hire\"\nlanguage = \"es-419\"\n\
                    [xapi]\nactor = \"account\"\nhomepage = \"https://lms.example.com\"\n\
                    [lrs]\nendpoint = \"https://lrs.example.com/xAPI\"\nkey = \"k\"\nsecret_env = \"LRS_SECRET\"\n";
        let c = parse("config.toml", text).unwrap();
        assert_eq!(c.profile.unwrap(), FromFile { value: "ada".into(), at: "config.toml:1:11".into() });
        assert_eq!(c.theme.unwrap().value, ThemeName::Mono);
        assert_eq!(c.language.unwrap().value, "es-419");
        assert_eq!(c.actor.unwrap().value, ActorKind::Account);
        let lrs = c.lrs.unwrap();
        assert_eq!(lrs.endpoint, "https://lrs.example.com/xAPI/");
        assert_eq!(lrs.secret, SecretSource::Env("LRS_SECRET".into()));
        assert_eq!(lrs.batch, DEFAULT_BATCH);
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_place() {
        let found = problems("profile = \"ada\"\nprofil = \"ben\"\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("config.toml:2:1: unknown field `profil`"), "{found:?}");
    }

    #[test]
    fn bad_values_are_errors_at_their_value() {
        let found = problems("theme = \"purple\"\nlanguage = \"english please\"\n[xapi]\nactor = \"email\"\n");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].starts_with("config.toml:1:9: unknown theme `purple`"), "{found:?}");
        assert!(found[1].starts_with("config.toml:2:12: `english please` is not a language tag"), "{found:?}");
        assert!(found[2].starts_with("config.toml:4:9: unknown actor `email`"), "{found:?}");
    }

    #[test]
    fn a_secret_in_the_file_is_refused_without_echoing_it() {
        let found = problems("[lrs]\nendpoint = \"https://lrs.example\"\nkey = \"k\"\nsecret = \"hunter2\"\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("config.toml:4:10: the LRS secret must not be written"), "{found:?}");
        assert!(!found[0].contains("hunter2"));
    }

    #[test]
    fn the_lrs_table_needs_an_endpoint_a_key_and_a_way_to_the_secret() {
        let found = problems("[lrs]\nendpoint = \"lrs.example\"\n");
        assert!(
            found.iter().any(|p| p.starts_with("config.toml:2:12: `lrs.example` is not an http(s) address")),
            "{found:?}"
        );
        assert!(found.iter().any(|p| p.ends_with("[lrs] needs `key`")), "{found:?}");
        let found = problems("[lrs]\nendpoint = \"https://x.example\"\nkey = \"k\"\n");
        assert_eq!(found, ["config.toml:1:1: [lrs] needs `secret_env` or `secret_command`"]);
        let found = problems("[lrs]\nendpoint = \"https://u:p@x.example\"\nkey = \"k\"\nsecret_env = \"S\"\n");
        assert!(found[0].contains("must not carry credentials"), "{found:?}");
    }
}
