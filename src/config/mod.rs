//! Defaults from a config file and the environment, and where each effective value came from.
//!
//! Precedence, highest first: the command line, the environment (`SMISHDRILL_PROFILE`,
//! `SMISHDRILL_THEME`, `SMISHDRILL_LANG`, `SMISHDRILL_DATA_DIR`, `SMISHDRILL_DECK`,
//! `SMISHDRILL_LANGUAGE`), the
//! file, the built-in default. The file is `--config FILE`, else `$SMISHDRILL_CONFIG`, else
//! the platform's config folder (`$XDG_CONFIG_HOME/smishdrill/config.toml` on Linux). A file
//! named explicitly must exist; the default one may be absent. The `[xapi]` and `[lrs]`
//! sections come from the file only: they describe a company's LMS, not one run.

pub mod file;

use std::fmt;
use std::path::{Path, PathBuf};

pub use file::{DEFAULT_BATCH, FileConfig, FromFile, LrsConfig, SecretSource};

use crate::report::xapi::{ActorKind, DEFAULT_BASE, DEFAULT_HOMEPAGE, DEFAULT_LANGUAGE, XapiOptions};
use crate::ui::ThemeName;

/// The environment variable naming the config file.
pub const CONFIG_ENV: &str = "SMISHDRILL_CONFIG";
pub const PROFILE_ENV: &str = "SMISHDRILL_PROFILE";
pub const THEME_ENV: &str = "SMISHDRILL_THEME";
pub const DATA_DIR_ENV: &str = "SMISHDRILL_DATA_DIR";
pub const DECK_ENV: &str = "SMISHDRILL_DECK";
pub const LANGUAGE_ENV: &str = "SMISHDRILL_LANGUAGE";
/// The interface's language (`--lang`); `SMISHDRILL_LANGUAGE` is the exports' language tag.
pub const LANG_ENV: &str = "SMISHDRILL_LANG";

/// Where a value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    CommandLine,
    Env(&'static str),
    /// `path:line:col` in the config file.
    File(String),
    BuiltIn,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::CommandLine => write!(f, "command line"),
            Origin::Env(name) => write!(f, "environment {name}"),
            Origin::File(at) => write!(f, "{at}"),
            Origin::BuiltIn => write!(f, "built-in"),
        }
    }
}

/// A value and its origin.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

/// What the command line gave (each `None` when not given).
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub profile: Option<String>,
    pub theme: Option<ThemeName>,
    /// `--lang`: the interface's locale tag (already checked against the built-in locales).
    pub lang: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub deck: Option<String>,
    pub language: Option<String>,
}

/// The effective settings.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The config file read, if any, and how it was chosen.
    pub file: Option<Setting<PathBuf>>,
    pub profile: Setting<String>,
    pub theme: Setting<ThemeName>,
    /// The locale of the interface's words (`en`, `en-XA`), one of [`crate::i18n::LOCALES`].
    pub lang: Setting<String>,
    /// `None` when no data folder is known for this system and none was given.
    pub data_dir: Option<Setting<PathBuf>>,
    pub deck: Option<Setting<String>>,
    pub language: Setting<String>,
    pub actor: Setting<ActorKind>,
    pub homepage: Setting<String>,
    pub base: Setting<String>,
    pub mbox_domain: Option<Setting<String>>,
    pub lrs: Option<LrsConfig>,
}

/// Why the settings could not be made: each line a complete message (`path:line:col: …`).
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.join("\n"))]
pub struct ConfigError(pub Vec<String>);

impl Settings {
    /// The words of the interface for the chosen `lang` (English if it were unknown, which
    /// [`resolve`] does not let through).
    pub fn locale(&self) -> crate::i18n::Locale {
        crate::i18n::Locale::get(&self.lang.value).unwrap_or_default()
    }

    /// The xAPI options these settings give (`answers` off).
    pub fn xapi(&self) -> XapiOptions {
        XapiOptions {
            homepage: self.homepage.value.clone(),
            base: self.base.value.clone(),
            answers: false,
            actor: self.actor.value,
            mbox_domain: self.mbox_domain.as_ref().map(|s| s.value.clone()),
            language: self.language.value.clone(),
        }
    }

    /// `(name, value, origin)` rows for `smishdrill config`.
    pub fn rows(&self) -> Vec<(String, String, String)> {
        fn row<T: fmt::Display>(name: &str, s: &Setting<T>) -> (String, String, String) {
            (name.to_string(), s.value.to_string(), s.origin.to_string())
        }
        let none = |name: &str| (name.to_string(), "(none)".to_string(), "built-in".to_string());
        let mut rows = vec![match (&self.file, default_config_file()) {
            (Some(f), _) => (String::from("config"), f.value.display().to_string(), f.origin.to_string()),
            (None, Some(path)) => ("config".into(), format!("(none: no {})", path.display()), "built-in".into()),
            (None, None) => none("config"),
        }];
        rows.push(row("profile", &self.profile));
        rows.push((String::from("theme"), theme_name(self.theme.value).to_string(), self.theme.origin.to_string()));
        rows.push(row("lang", &self.lang));
        rows.push(match &self.data_dir {
            Some(d) => (String::from("data_dir"), d.value.display().to_string(), d.origin.to_string()),
            None => none("data_dir"),
        });
        rows.push(self.deck.as_ref().map_or_else(|| none("deck"), |d| row("deck", d)));
        rows.push(row("language", &self.language));
        rows.push((String::from("xapi.actor"), self.actor.value.name().to_string(), self.actor.origin.to_string()));
        rows.push(row("xapi.homepage", &self.homepage));
        rows.push(row("xapi.base", &self.base));
        rows.push(self.mbox_domain.as_ref().map_or_else(|| none("xapi.mbox_domain"), |d| row("xapi.mbox_domain", d)));
        match &self.lrs {
            Some(lrs) => {
                let at = Origin::File(lrs.at.clone()).to_string();
                rows.push(("lrs.endpoint".into(), lrs.endpoint.clone(), at.clone()));
                rows.push(("lrs.key".into(), lrs.key.clone(), at.clone()));
                let secret = match &lrs.secret {
                    SecretSource::Env(name) => format!("from environment {name}"),
                    SecretSource::Command(cmd) => format!("from command `{cmd}`"),
                };
                rows.push(("lrs.secret".into(), secret, at.clone()));
                rows.push(("lrs.batch".into(), lrs.batch.to_string(), at));
            }
            None => rows.push(none("lrs")),
        }
        rows
    }
}

pub fn theme_name(t: ThemeName) -> &'static str {
    match t {
        ThemeName::Default => "default",
        ThemeName::HighContrast => "high-contrast",
        ThemeName::Mono => "mono",
    }
}

/// The platform's default config file (`$XDG_CONFIG_HOME/smishdrill/config.toml` on Linux).
pub fn default_config_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "smishdrill").map(|d| d.config_dir().join("config.toml"))
}

/// Reads the config file and combines it with the environment and the command line.
pub fn settings(cli: &Overrides) -> Result<Settings, ConfigError> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let (file, parsed) = load_file(cli.config.as_deref(), &env)?;
    resolve(cli, &env, file, parsed)
}

/// Chooses and reads the config file.
fn load_file(
    explicit: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(Option<Setting<PathBuf>>, FileConfig), ConfigError> {
    let chosen = match (explicit, env(CONFIG_ENV)) {
        (Some(path), _) => Some((path.to_path_buf(), Origin::CommandLine)),
        (None, Some(path)) => Some((PathBuf::from(path), Origin::Env(CONFIG_ENV))),
        (None, None) => default_config_file().map(|p| (p, Origin::BuiltIn)),
    };
    let Some((path, origin)) = chosen else { return Ok((None, FileConfig::default())) };
    let shown = path.display().to_string();
    let text = match read_small(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && origin == Origin::BuiltIn => {
            return Ok((None, FileConfig::default()));
        }
        Err(e) => return Err(ConfigError(vec![format!("{shown}: cannot read the config file: {e}")])),
    };
    let parsed = file::parse(&shown, &text)
        .map_err(|problems| ConfigError(problems.iter().map(ToString::to_string).collect()))?;
    Ok((Some(Setting { value: path, origin }), parsed))
}

/// A config file is small; a link to a device or a huge file is refused rather than read.
fn read_small(path: &Path) -> std::io::Result<String> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file"));
    }
    if meta.len() > 1 << 20 {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "larger than 1 MiB"));
    }
    let bytes = std::fs::read(path)?;
    String::from_utf8(bytes).map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// Applies the precedence: command line > environment > file > built-in.
pub fn resolve(
    cli: &Overrides,
    env: &dyn Fn(&str) -> Option<String>,
    config_file: Option<Setting<PathBuf>>,
    file: FileConfig,
) -> Result<Settings, ConfigError> {
    let mut problems = Vec::new();
    let mut pick = |given: Option<String>,
                    var: &'static str,
                    from_file: Option<FromFile<String>>,
                    rule: &dyn Fn(&str) -> Result<String, String>| {
        if let Some(v) = given {
            return Some(Setting { value: v, origin: Origin::CommandLine });
        }
        if let Some(v) = env(var) {
            match rule(&v) {
                Ok(value) => return Some(Setting { value, origin: Origin::Env(var) }),
                Err(why) => problems.push(format!("{var}: {why}")),
            }
        }
        from_file.map(|f| Setting { value: f.value, origin: Origin::File(f.at) })
    };
    let profile_rule = |s: &str| {
        if crate::store::progress::valid_profile(s) {
            Ok(s.to_string())
        } else {
            Err(format!(
                "profile name `{}` may use only letters, digits, '.', '_' and '-' (1 to 64 of them)",
                crate::text_safety::sanitize_line(s)
            ))
        }
    };
    let profile = pick(cli.profile.clone(), PROFILE_ENV, file.profile, &profile_rule)
        .unwrap_or_else(|| Setting { value: crate::store::progress::default_profile(), origin: Origin::BuiltIn });
    let theme_rule = |s: &str| file::parse_theme(s).map(|t| theme_name(t).to_string());
    let theme_file = file.theme.map(|f| FromFile { value: theme_name(f.value).to_string(), at: f.at });
    let theme = pick(cli.theme.map(|t| theme_name(t).to_string()), THEME_ENV, theme_file, &theme_rule)
        .map(|s| Setting { value: file::parse_theme(&s.value).unwrap_or_default(), origin: s.origin })
        .unwrap_or(Setting { value: ThemeName::Default, origin: Origin::BuiltIn });
    let lang = pick(cli.lang.clone(), LANG_ENV, file.lang, &file::parse_lang)
        .unwrap_or_else(|| Setting { value: "en".to_string(), origin: Origin::BuiltIn });
    let dir_file = file.data_dir.map(|f| FromFile { value: f.value.display().to_string(), at: f.at });
    let data_dir =
        pick(cli.data_dir.as_ref().map(|d| d.display().to_string()), DATA_DIR_ENV, dir_file, &|s| Ok(s.to_string()))
            .map(|s| Setting { value: PathBuf::from(s.value), origin: s.origin })
            .or_else(|| crate::store::default_data_dir().ok().map(|d| Setting { value: d, origin: Origin::BuiltIn }));
    let deck = pick(cli.deck.clone(), DECK_ENV, file.deck, &|s| Ok(s.to_string()));
    let language = pick(cli.language.clone(), LANGUAGE_ENV, file.language, &file::parse_language)
        .unwrap_or_else(|| Setting { value: DEFAULT_LANGUAGE.to_string(), origin: Origin::BuiltIn });
    let from_file = |f: Option<FromFile<String>>, default: &str| match f {
        Some(f) => Setting { value: f.value, origin: Origin::File(f.at) },
        None => Setting { value: default.to_string(), origin: Origin::BuiltIn },
    };
    let actor = match file.actor {
        Some(f) => Setting { value: f.value, origin: Origin::File(f.at) },
        None => Setting { value: ActorKind::Auto, origin: Origin::BuiltIn },
    };
    if actor.value == ActorKind::Mbox && file.mbox_domain.is_none() {
        problems.push(format!(
            "{}: `actor = \"mbox\"` needs `mbox_domain` in [xapi] for learners whose name is not an email address",
            actor.origin
        ));
    }
    if !problems.is_empty() {
        return Err(ConfigError(problems));
    }
    Ok(Settings {
        file: config_file,
        profile,
        theme,
        lang,
        data_dir,
        deck,
        language,
        actor,
        homepage: from_file(file.homepage, DEFAULT_HOMEPAGE),
        base: from_file(file.base, DEFAULT_BASE),
        mbox_domain: file.mbox_domain.map(|f| Setting { value: f.value, origin: Origin::File(f.at) }),
        lrs: file.lrs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> FileConfig {
        file::parse("c.toml", "profile = \"filed\"\ntheme = \"mono\"\nlanguage = \"fr-FR\"\n").unwrap()
    }

    #[test]
    fn the_command_line_beats_the_environment_beats_the_file_beats_the_default() {
        let env_all = |name: &str| match name {
            PROFILE_ENV => Some("envy".to_string()),
            THEME_ENV => Some("high-contrast".to_string()),
            _ => None,
        };
        let cli = Overrides { profile: Some("cli".into()), ..Overrides::default() };
        let s = resolve(&cli, &env_all, None, file()).unwrap();
        assert_eq!(s.profile, Setting { value: "cli".into(), origin: Origin::CommandLine });
        assert_eq!(s.theme, Setting { value: ThemeName::HighContrast, origin: Origin::Env(THEME_ENV) });
        assert_eq!(s.language, Setting { value: "fr-FR".into(), origin: Origin::File("c.toml:3:12".into()) });
        let s = resolve(&Overrides::default(), &|_| None, None, FileConfig::default()).unwrap();
        assert_eq!(s.language, Setting { value: "en-US".into(), origin: Origin::BuiltIn });
        assert_eq!(s.theme.origin, Origin::BuiltIn);
        assert!(s.deck.is_none());
    }

    #[test]
    fn a_bad_environment_value_is_an_error_naming_the_variable() {
        let env = |name: &str| (name == THEME_ENV).then(|| "purple".to_string());
        let err = resolve(&Overrides::default(), &env, None, FileConfig::default()).unwrap_err().to_string();
        assert!(err.starts_with("SMISHDRILL_THEME: unknown theme `purple`"), "{err}");
    }

    #[test]
    fn the_interface_language_has_the_same_precedence_and_an_unknown_one_is_refused() {
        let f = file::parse("c.toml", "lang = \"en\"\n").unwrap();
        let s = resolve(&Overrides::default(), &|_| None, None, f.clone()).unwrap();
        assert_eq!(s.lang, Setting { value: "en".into(), origin: Origin::File("c.toml:1:8".into()) });
        let env = |name: &str| (name == LANG_ENV).then(|| "en-XA".to_string());
        let s = resolve(&Overrides::default(), &env, None, f.clone()).unwrap();
        assert_eq!(s.lang, Setting { value: "en-XA".into(), origin: Origin::Env(LANG_ENV) });
        assert_eq!(s.locale().tag(), "en-XA");
        let cli = Overrides { lang: Some("en".into()), ..Overrides::default() };
        assert_eq!(resolve(&cli, &env, None, f).unwrap().lang.origin, Origin::CommandLine);
        let s = resolve(&Overrides::default(), &|_| None, None, FileConfig::default()).unwrap();
        assert_eq!((s.lang.value.as_str(), &s.lang.origin), ("en", &Origin::BuiltIn));
        assert!(s.rows().iter().any(|(name, value, origin)| name == "lang" && value == "en" && origin == "built-in"));
        let bad = |name: &str| (name == LANG_ENV).then(|| "fr".to_string());
        let err = resolve(&Overrides::default(), &bad, None, FileConfig::default()).unwrap_err().to_string();
        assert!(err.starts_with("SMISHDRILL_LANG: no interface language `fr`") && err.contains("en, en-XA"), "{err}");
        let found = file::parse("c.toml", "lang = \"klingon\"\n").unwrap_err();
        assert!(found[0].to_string().starts_with("c.toml:1:8: no interface language `klingon`"), "{found:?}");
    }

    #[test]
    fn mbox_actors_need_a_domain() {
        let f = file::parse("c.toml", "[xapi]\nactor = \"mbox\"\n").unwrap();
        let err = resolve(&Overrides::default(), &|_| None, None, f).unwrap_err().to_string();
        assert!(err.starts_with("c.toml:2:9: `actor = \"mbox\"` needs `mbox_domain`"), "{err}");
    }
}
