//! Who the statements are about and where they point: the actor choice, the base IRI and
//! homepage, the language; the checks on what a config file may set them to.

use serde_json::{Value, json};

pub const DEFAULT_HOMEPAGE: &str = "https://smishdrill.example";
pub const DEFAULT_BASE: &str = "https://smishdrill.example/xapi";
pub const DEFAULT_LANGUAGE: &str = "en-US";

/// How a learner is identified in `actor`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ActorKind {
    /// `mbox` when the learner's name is an email address, else an account.
    #[default]
    Auto,
    /// Always an account: `homePage` + `name`.
    Account,
    /// Always `mbox`; a name without `@` gets `@mbox_domain`.
    Mbox,
}

impl ActorKind {
    pub fn parse(s: &str) -> Option<ActorKind> {
        match s {
            "auto" => Some(ActorKind::Auto),
            "account" => Some(ActorKind::Account),
            "mbox" => Some(ActorKind::Mbox),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ActorKind::Auto => "auto",
            ActorKind::Account => "account",
            ActorKind::Mbox => "mbox",
        }
    }
}

/// Where the statements point.
#[derive(Clone, Debug)]
pub struct XapiOptions {
    /// The account homepage for learners without an email address.
    pub homepage: String,
    /// The base IRI for activity ids and extension keys.
    pub base: String,
    /// One `answered` statement per answered item, too.
    pub answers: bool,
    /// How learners are identified.
    pub actor: ActorKind,
    /// With `ActorKind::Mbox`: the mail domain of learners named without one.
    pub mbox_domain: Option<String>,
    /// The language tag of display strings and `context.language`.
    pub language: String,
}

impl Default for XapiOptions {
    fn default() -> Self {
        XapiOptions {
            homepage: DEFAULT_HOMEPAGE.into(),
            base: DEFAULT_BASE.into(),
            answers: false,
            actor: ActorKind::Auto,
            mbox_domain: None,
            language: DEFAULT_LANGUAGE.into(),
        }
    }
}

/// Checks that `text` looks like an absolute IRI (`scheme:rest`, no spaces), as xAPI requires of
/// ids and homepages.
pub fn check_iri(text: &str) -> Result<(), String> {
    let scheme = text.split_once(':').map(|(s, _)| s).unwrap_or("");
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok || text.len() == scheme.len() + 1 || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("`{text}` is not an absolute IRI (like https://example.com/xapi)"));
    }
    Ok(())
}

/// The learner as an Agent, by `opts.actor` (see the module comment).
pub(super) fn actor(learner: &str, opts: &XapiOptions) -> Value {
    let mbox = match (opts.actor, &opts.mbox_domain) {
        (ActorKind::Account, _) => None,
        _ if looks_like_email(learner) => Some(learner.to_string()),
        (ActorKind::Mbox, Some(domain)) => Some(format!("{learner}@{domain}")).filter(|a| looks_like_email(a)),
        _ => None,
    };
    match mbox {
        Some(address) => json!({ "objectType": "Agent", "name": learner, "mbox": format!("mailto:{address}") }),
        None => json!({
            "objectType": "Agent",
            "name": learner,
            "account": { "homePage": opts.homepage, "name": learner },
        }),
    }
}

/// `local@domain.tld` with nothing that would not belong in a `mailto:` IRI.
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    let clean = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || "._%+-".contains(c));
    clean(local)
        && clean(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('%')
}
