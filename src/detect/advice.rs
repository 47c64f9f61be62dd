//! What inspect always ends with: how to check a text through a channel you look up yourself,
//! and how to report it. Fixed words, never a verdict: inspect never says a text is safe.

/// Said when nothing was found. The strongest thing inspect says about any text.
pub const NOTHING_FOUND: &str = "Nothing was found in this text. That does not make it genuine: scams can be written without any of the signs inspect looks for. Check it through a channel you look up yourself.";

/// Said above the findings when something was found.
pub const SOMETHING_FOUND: &str = "What inspect found, marked on the message. None of it decides for you, and nothing here makes a text safe: check through a channel you look up yourself.";

/// How to check, whatever was found.
pub const HOW_TO_CHECK: &[&str] = &[
    "Don't tap the link and don't reply, not even Y or STOP.",
    "Open the organisation's app, or type its website yourself (the one on your card, bill or statement), and look at your account there.",
    "Or call the number on the back of your card or on your bill or statement: never a number from the text.",
    "Never share a code you did not ask for, with anyone.",
];

/// How to report.
pub const HOW_TO_REPORT: &[&str] = &[
    "Forward the text to 7726 (SPAM), your carrier's spam line.",
    "On an iPhone, tap \"Report Junk\" under an iMessage from an unknown sender; on Android, use \"Report spam\" in Messages.",
    "Report it to the FTC at reportfraud.ftc.gov and to the FBI at ic3.gov, with the sender and the link.",
    "Then delete it. If you already tapped, paid or shared a code: call your bank on the number on your card.",
];

/// What inspect does not do, said once so nobody expects more of it.
pub const OFFLINE: &str = "inspect reads the text only: it never opens a link, looks up a name or uses the network.";
