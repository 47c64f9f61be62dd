//! What inspect always ends with: how to check a text through a channel you look up yourself,
//! and how to report it. Fixed words, never a verdict: inspect never says a text is safe. The
//! words are in the catalogue (`inspect.*` in assets/locales/en.toml); these are their keys.

use crate::i18n::key;

/// Said when nothing was found. The strongest thing inspect says about any text.
pub const NOTHING_FOUND: &str = key("inspect.nothing_found");

/// Said above the findings when something was found.
pub const SOMETHING_FOUND: &str = key("inspect.something_found");

/// How to check, whatever was found.
pub const HOW_TO_CHECK: &[&str] =
    &[key("inspect.check_no_tap"), key("inspect.check_app"), key("inspect.check_call"), key("inspect.check_code")];

/// How to report.
pub const HOW_TO_REPORT: &[&str] =
    &[key("inspect.report_7726"), key("inspect.report_phone"), key("inspect.report_ftc"), key("inspect.report_delete")];

/// What inspect does not do, said once so nobody expects more of it.
pub const OFFLINE: &str = key("inspect.offline");
