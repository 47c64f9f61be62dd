//! The surface cues of a scenario: everything a learner could notice *without* reading the link's
//! registrable domain or what the message asks for. In life none of these separates scams from
//! genuine texts, so in the corpus none may either (issue #10). Each cue maps a scenario to one
//! value; the audit counts how each value goes with the verdict.

use crate::scenario::Scenario;

/// One surface cue: a stable key (for tests and tools), the name printed, and how to read it.
pub struct Cue {
    pub key: &'static str,
    pub name: &'static str,
    pub value: fn(&Scenario) -> &'static str,
}

/// Every cue the audit measures, in the order it prints them. The context's wording is also
/// measured as a whole by [`super::context_model`].
pub const CUES: &[Cue] = &[
    Cue { key: "sender-kind", name: "kind of sender", value: sender_kind },
    Cue { key: "link", name: "link in the text", value: link_kind },
    Cue { key: "length", name: "length of the text", value: length },
    Cue { key: "language", name: "language", value: language },
    Cue { key: "time-of-day", name: "time of day", value: time_of_day },
    Cue { key: "stop-line", name: "STOP/HELP line", value: stop_line },
    Cue { key: "fee", name: "the word \"fee\"", value: fee },
    Cue { key: "learner-wrote", name: "learner wrote in the thread", value: learner_wrote },
    Cue { key: "context-names-sender", name: "context names the sender", value: context_names_sender },
    Cue { key: "context-negation", name: "negation in the context", value: context_negation },
    Cue { key: "answer-longest", name: "right follow-up answer is the longest", value: answer_longest },
    Cue { key: "answer-position", name: "position of the right follow-up answer", value: answer_position },
];

/// The text the learner received (every bubble not sent by the learner), joined.
fn received(s: &Scenario) -> String {
    s.thread.iter().filter(|m| !m.from_me()).map(|m| m.text.as_str()).collect::<Vec<_>>().join("\n")
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// Area codes of North American toll-free numbers.
const TOLL_FREE: &[&str] = &["800", "833", "844", "855", "866", "877", "888"];

/// The kind of sender of the last message received: the message the verdict judges, and the
/// sender a learner looks at before reading a word of it.
pub fn sender_kind(s: &Scenario) -> &'static str {
    let last = s.thread.iter().rev().find_map(|m| m.sender.as_deref());
    classify_sender(last.unwrap_or("Unknown sender"))
}

/// Classifies a sender as written in a thread.
pub fn classify_sender(sender: &str) -> &'static str {
    let sender = sender.trim();
    if sender.contains('@') {
        return "e-mail";
    }
    let digits: String = sender.chars().filter(char::is_ascii_digit).collect();
    let only_number = sender.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if !only_number || digits.is_empty() {
        return "name";
    }
    if sender.starts_with('+') && !sender.starts_with("+1") {
        return "foreign number";
    }
    let national = digits.strip_prefix('1').filter(|d| d.len() == 10).unwrap_or(&digits);
    match national.len() {
        3..=6 => "short code",
        10 if TOLL_FREE.iter().any(|a| national.starts_with(a)) => "toll-free",
        10 => "10-digit number",
        _ => "other number",
    }
}

/// Hosts of link shorteners: their own domain can be read, but not where they lead.
const SHORTENERS: &[&str] = &[
    "bit.ly",
    "tinyurl.com",
    "t.co",
    "is.gd",
    "ow.ly",
    "rb.gy",
    "cutt.ly",
    "t.ly",
    "shorturl.at",
    "goo.gl",
    "tiny.cc",
];

/// Whether the received text has a link, and of what shape.
pub fn link_kind(s: &Scenario) -> &'static str {
    let text = received(s).to_lowercase();
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let host_of = |t: &str| -> String {
        let t = t.trim_start_matches("https://").trim_start_matches("http://");
        t.split(['/', '?', '#']).next().unwrap_or("").trim_end_matches(['.', ',', ')', '!', ';', ':']).to_string()
    };
    if tokens.iter().any(|t| SHORTENERS.contains(&host_of(t).trim_start_matches("www."))) {
        return "short link";
    }
    if tokens.iter().any(|t| t.contains("http://") || t.contains("https://")) {
        return "full http(s) link";
    }
    let bare = tokens.iter().any(|t| {
        let host = host_of(t.trim_start_matches(['(', '"', '\'']));
        let labels: Vec<&str> = host.split('.').collect();
        labels.len() >= 2
            && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
    });
    if bare { "bare domain" } else { "no link" }
}

/// Short, medium or long, by the characters the learner received.
pub fn length(s: &Scenario) -> &'static str {
    match received(s).chars().count() {
        0..100 => "short (<100)",
        100..=250 => "medium",
        _ => "long (>250)",
    }
}

const SPANISH: &[&str] = &[
    "el",
    "la",
    "los",
    "las",
    "del",
    "que",
    "su",
    "por",
    "para",
    "una",
    "es",
    "con",
    "usted",
    "pago",
    "tiene",
    "est\u{e1}",
    "aviso",
    "cuenta",
    "su",
    "hoy",
    "env\u{ed}o",
    "paquete",
];
const ENGLISH: &[&str] =
    &["the", "your", "to", "of", "and", "is", "for", "you", "has", "on", "this", "be", "was", "will", "please"];

/// Spanish or English, by counting common words.
pub fn language(s: &Scenario) -> &'static str {
    let (mut es, mut en) = (0, 0);
    for w in words(&received(s)) {
        es += usize::from(SPANISH.contains(&w.as_str()));
        en += usize::from(ENGLISH.contains(&w.as_str()));
    }
    if es >= 3 && es > en { "Spanish" } else { "English" }
}

/// The hour (0–23) written in a message time such as "Tue 8:15 AM", "23:40" or "Today 1:02 am".
pub fn hour_of(time: &str) -> Option<u32> {
    let lower = time.to_lowercase();
    let at = lower.find(':')?;
    let before: String =
        lower[..at].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
    let hour: u32 = before.parse().ok()?;
    let after = &lower[at..];
    let pm = after.contains("pm") || after.contains("p.m.");
    let am = after.contains("am") || after.contains("a.m.");
    match (am, pm, hour) {
        (true, _, 12) => Some(0),
        (_, true, 12) => Some(12),
        (_, true, h) if h < 12 => Some(h + 12),
        (_, _, h) if h < 24 => Some(h),
        _ => None,
    }
}

/// When the last received message arrived.
pub fn time_of_day(s: &Scenario) -> &'static str {
    let last = s.thread.iter().rev().find(|m| !m.from_me());
    match last.and_then(|m| m.time.as_deref()).and_then(hour_of) {
        None => "no time shown",
        Some(0..5) => "night (0:00-4:59)",
        Some(5..12) => "morning",
        Some(12..17) => "afternoon",
        Some(_) => "evening",
    }
}

/// A "Reply STOP / HELP" line: real bulk senders must carry one, and criminals copy it.
pub fn stop_line(s: &Scenario) -> &'static str {
    let text = received(s);
    let upper_word = |w: &str| text.split(|c: char| !c.is_alphanumeric()).any(|t| t == w);
    let lower = text.to_lowercase();
    if upper_word("STOP") || upper_word("HELP") || lower.contains("opt out") || lower.contains("opt-out") {
        "has one"
    } else {
        "none"
    }
}

pub fn fee(s: &Scenario) -> &'static str {
    if words(&received(s)).any(|w| w == "fee" || w == "fees") { "says fee" } else { "no fee" }
}

pub fn learner_wrote(s: &Scenario) -> &'static str {
    if s.thread.iter().any(|m| m.from_me()) { "yes" } else { "no" }
}

/// Whether the situation gives away who sent it: the sender's number, short code, address or
/// name written in the context, or any run of five or more digits.
pub fn context_names_sender(s: &Scenario) -> &'static str {
    let Some(context) = &s.context else { return "no context" };
    let lower = context.to_lowercase();
    let names_a_sender = s.thread.iter().filter_map(|m| m.sender.as_deref()).any(|sender| {
        let digits: String = sender.chars().filter(char::is_ascii_digit).collect();
        let context_digits: String = context.chars().filter(|c| c.is_ascii_digit() || c.is_whitespace()).collect();
        (sender.len() >= 3 && lower.contains(&sender.to_lowercase()))
            || (digits.len() >= 5 && context_digits.split_whitespace().any(|run| run.contains(&digits)))
    });
    let long_digits = context.split(|c: char| !c.is_ascii_digit()).any(|run| run.len() >= 5);
    if names_a_sender || long_digits { "yes" } else { "no" }
}

const NEGATIONS: &[&str] = &[
    "never", "not", "no", "none", "nothing", "haven't", "hasn't", "didn't", "don't", "doesn't", "aren't", "isn't",
    "wasn't", "weren't", "can't", "won't",
];

pub fn context_negation(s: &Scenario) -> &'static str {
    let Some(context) = &s.context else { return "no context" };
    let lower = context.to_lowercase().replace('\u{2019}', "'");
    if words(&lower).any(|w| NEGATIONS.contains(&w.as_str()) || w.ends_with("n't")) { "yes" } else { "no" }
}

/// Whether the right choice is the longest one (ties count as not longest).
pub fn answer_longest(s: &Scenario) -> &'static str {
    let Some(q) = &s.question else { return "no question" };
    let len = |i: usize| q.choices[i].chars().count();
    let right = len(q.answer);
    if (0..q.choices.len()).all(|i| i == q.answer || len(i) < right) { "longest" } else { "not longest" }
}

pub fn answer_position(s: &Scenario) -> &'static str {
    const POSITIONS: [&str; 9] = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th"];
    match &s.question {
        None => "no question",
        Some(q) => POSITIONS.get(q.answer).copied().unwrap_or("later"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn senders_are_classified_by_what_the_learner_sees() {
        assert_eq!(classify_sender("28777"), "short code");
        assert_eq!(classify_sender("(407) 555-0123"), "10-digit number");
        assert_eq!(classify_sender("+1 (888) 555-0101"), "toll-free");
        assert_eq!(classify_sender("+44 7700 900123"), "foreign number");
        assert_eq!(classify_sender("toll.notice@icloud-mail.com"), "e-mail");
        assert_eq!(classify_sender("Chase"), "name");
    }

    #[test]
    fn hours_are_read_from_twelve_and_twenty_four_hour_times() {
        assert_eq!(hour_of("Tue 8:15 AM"), Some(8));
        assert_eq!(hour_of("Today 12:05 am"), Some(0));
        assert_eq!(hour_of("12:30 PM"), Some(12));
        assert_eq!(hour_of("Fri 11:59 PM"), Some(23));
        assert_eq!(hour_of("23:40"), Some(23));
        assert_eq!(hour_of("yesterday"), None);
    }
}
