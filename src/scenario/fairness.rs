//! Teaching problems `check` reports that do not stop a scenario loading: a follow-up question
//! asked before the reveal that names or implies the verdict, a right answer that can be picked
//! for its length alone, and a fixed calendar date written into a message (it goes stale, and a
//! careful learner then reads the old date as a red flag). Each is a shortcut or a trap that
//! scores a learner on something other than the rules that protect people (issue #10).
//!
//! Findings are kept apart from the format's errors so that a corpus written before these rules
//! still loads and trains; [`ENFORCED`] says whether `check` fails on them.

use std::ops::Range;

pub use super::fixed_dates::fixed_dates;
use super::problem::ProblemKind;
use super::raw::{RawMessage, RawQuestion, RawScenario, Text};
use super::words::{offset_in, words};
use toml::Spanned;

/// Whether `check` counts these findings as problems (exit 1). Off while the bundled scenarios
/// are being rewritten to the new rules; turn on once `smishdrill check` lists none.
pub const ENFORCED: bool = true;

/// A right answer longer than this many times the mean length of the other choices — when it
/// is also the longest — can be picked without reading the question.
pub const LONG_ANSWER_RATIO: f64 = 1.5;

/// Words and phrases that name or imply the verdict. A question asked before the reveal must
/// contain none of them, in its `ask` or in any choice: "How could a scammer know that?"
/// tells the learner it is a scam; "Why is it fine…?" tells them it is genuine. Matched as
/// whole words, case-insensitive; a phrase matches its words in a row.
pub const VERDICT_WORDS: &[&str] = &[
    "scam",
    "scams",
    "scammy",
    "scammer",
    "scammers",
    "scammed",
    "fake",
    "faked",
    "fakes",
    "genuine",
    "genuinely",
    "legit",
    "legitimate",
    "legitimately",
    "fraud",
    "frauds",
    "fraudster",
    "fraudsters",
    "fraudulent",
    "phishing",
    "phish",
    "smishing",
    "criminal",
    "criminals",
    "crook",
    "crooks",
    "con artist",
    "impostor",
    "imposter",
    "spoofed",
    "bogus",
    "authentic",
    "trust",
    "trusted",
    "trustworthy",
    "real one",
    "the real",
    "it's real",
    "is it real",
    "why is it fine",
    "why is this fine",
    "it is fine",
    "it's fine",
    "is safe",
    "it's safe",
    "how could a scammer",
];

/// The last word of every entry of [`VERDICT_WORDS`] (apostrophes cannot be in a last word),
/// found case-insensitively in one pass: ASCII text that holds none of them holds no entry, and
/// most text holds none, so it is not split into words at all (that split was a quarter of
/// `check`'s time).
fn verdict_word_prefilter() -> &'static aho_corasick::AhoCorasick {
    static FINDER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    FINDER.get_or_init(|| {
        let last_words = VERDICT_WORDS.iter().map(|e| e.rsplit(' ').next().unwrap_or(e));
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(last_words)
            .expect("the verdict words build an automaton")
    })
}

/// The entries of [`VERDICT_WORDS`], split into their words once.
fn verdict_phrases() -> &'static [Vec<&'static str>] {
    static PHRASES: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    PHRASES.get_or_init(|| VERDICT_WORDS.iter().map(|e| e.split(' ').collect()).collect())
}

/// The first entry of [`VERDICT_WORDS`] in `s`, as written there, with its byte range.
pub fn verdict_word(s: &str) -> Option<(String, Range<usize>)> {
    // Non-ASCII text can lower-case into ASCII (the Kelvin sign is a `k`): only plain ASCII
    // takes the quick way out.
    if s.is_ascii() && !verdict_word_prefilter().is_match(s) {
        return None;
    }
    let found = words(s);
    let mut best: Option<Range<usize>> = None;
    for wanted in verdict_phrases() {
        for window in found.windows(wanted.len()) {
            if window.iter().zip(wanted.iter()).all(|((w, _), x)| w == x) {
                let range = window[0].1.start..window[wanted.len() - 1].1.end;
                if best.as_ref().is_none_or(|b| range.start < b.start) {
                    best = Some(range);
                }
            }
        }
    }
    best.map(|r| (s[r.clone()].to_string(), r))
}

/// Problems of a follow-up question, with the byte offset each points at. `asked_after` is
/// whether the question is asked after the reveal (then it may name the verdict).
pub(super) fn question_findings(source: &str, q: &RawQuestion, asked_after: bool) -> Vec<(usize, ProblemKind)> {
    let mut out = Vec::new();
    let choices: Vec<&Text> = q.choices.as_ref().map(|c| c.get_ref().iter().collect()).unwrap_or_default();
    if !asked_after {
        for text in q.ask.iter().chain(choices.iter().copied()) {
            if let Some((word, _)) = verdict_word(text.get_ref()) {
                let at = offset_in(source, text.span(), &word);
                out.push((at, ProblemKind::QuestionNamesVerdict(word)));
            }
        }
    }
    let answer = q.answer.as_ref().map(|a| *a.get_ref());
    if let Some(right) = answer.and_then(|a| usize::try_from(a - 1).ok()).and_then(|i| choices.get(i).map(|c| (i, c))) {
        let (index, text) = right;
        if let Some((len, mean)) = too_long(&choices.iter().map(|c| c.get_ref().as_str()).collect::<Vec<_>>(), index) {
            out.push((text.span().start, ProblemKind::LongRightAnswer { len, mean: mean.round() as usize }));
        }
    }
    out
}

/// (length, mean length of the others) when choice `right` is the longest and more than
/// [`LONG_ANSWER_RATIO`] times the others' mean. Lengths are in characters.
pub fn too_long(choices: &[&str], right: usize) -> Option<(usize, f64)> {
    // Counted in one pass, without a vector of lengths (this runs for every question).
    let length = |c: &str| c.trim().chars().count();
    let len = length(choices.get(right)?);
    let (mut sum, mut count, mut longest) = (0, 0, true);
    for (_, c) in choices.iter().enumerate().filter(|(i, _)| *i != right) {
        let l = length(c);
        sum += l;
        count += 1;
        longest &= len >= l;
    }
    if count == 0 {
        return None;
    }
    let mean = sum as f64 / count as f64;
    (longest && len as f64 > LONG_ANSWER_RATIO * mean).then_some((len, mean))
}

/// Every teaching finding of a file's raw scenario. Dates are read from `thread` as written
/// (before variables are filled); the question from `raw` after filling, since a variable can
/// change a choice's length.
pub(super) fn findings(
    source: &str,
    unfilled_thread: &[Spanned<RawMessage>],
    raw: &RawScenario,
) -> Vec<(usize, ProblemKind)> {
    let mut out = super::fixed_dates::stale_dates(source, unfilled_thread);
    out.extend(context_names_sender(source, raw));
    if let Some(q) = raw.question.first() {
        let q = q.get_ref();
        let after = q.asked.as_ref().is_some_and(|a| a.get_ref() == "after");
        out.extend(question_findings(source, q, after));
    }
    out
}

/// A context that names a sender of the thread (its number, short code or address, written as
/// in the thread or as digits only) gives the verdict away: docs/scenario-format.md section 7.
/// Senders shorter than five characters (a name like "Mom") are not looked for.
fn context_names_sender(source: &str, raw: &RawScenario) -> Option<(usize, ProblemKind)> {
    let context = raw.context.as_ref()?;
    let text = context.get_ref();
    // Lower-cased only if a sender is not plain ASCII (an ASCII pair is compared in place).
    let lower = std::cell::OnceCell::new();
    let digit_runs: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).filter(|r| r.len() >= 5).collect();
    raw.thread.iter().filter_map(|m| m.get_ref().sender.as_ref()).find_map(|sender| {
        let sender = sender.get_ref();
        let digits: String = sender.chars().filter(char::is_ascii_digit).collect();
        let as_written = sender.chars().count() >= 5
            && if text.is_ascii() && sender.is_ascii() {
                contains_ignoring_ascii_case(text, sender)
            } else {
                lower.get_or_init(|| text.to_lowercase()).contains(&sender.to_lowercase())
            };
        let as_digits =
            digits.len() >= 5 && digit_runs.iter().any(|run| run.ends_with(&digits) || digits.ends_with(run));
        (as_written || as_digits).then(|| {
            let span = context.span();
            let at = source
                .get(span.clone())
                .and_then(|raw| raw.find(&digits[..digits.len().min(5)]))
                .map_or(span.start, |i| span.start + i);
            (at, ProblemKind::ContextNamesSender(crate::text_safety::terminal_line(sender).into_owned()))
        })
    })
}

/// Whether ASCII `hay` holds ASCII `needle`, case aside: what comparing their lower-cased
/// copies says, without the copies.
fn contains_ignoring_ascii_case(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`too_long`] as it was written first, with vectors of lengths.
    fn too_long_with_vectors(choices: &[&str], right: usize) -> Option<(usize, f64)> {
        let lengths: Vec<usize> = choices.iter().map(|c| c.trim().chars().count()).collect();
        let len = *lengths.get(right)?;
        let others: Vec<usize> = lengths.iter().enumerate().filter(|(i, _)| *i != right).map(|(_, l)| *l).collect();
        if others.is_empty() {
            return None;
        }
        let mean = others.iter().sum::<usize>() as f64 / others.len() as f64;
        let longest = others.iter().all(|&l| len >= l);
        (longest && len as f64 > LONG_ANSWER_RATIO * mean).then_some((len, mean))
    }

    proptest::proptest! {
        #[test]
        fn too_long_agrees_with_its_first_form(choices in proptest::collection::vec(" ?[aé ]{0,12}", 0..5), right in 0usize..6) {
            let choices: Vec<&str> = choices.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(too_long(&choices, right), too_long_with_vectors(&choices, right));
        }

        #[test]
        fn ascii_containment_ignoring_case_agrees_with_lower_cased_copies(hay in "[aAbB5 +]{0,20}", needle in "[aAbB5 +]{0,5}") {
            proptest::prop_assert_eq!(
                contains_ignoring_ascii_case(&hay, &needle),
                hay.to_lowercase().contains(&needle.to_lowercase())
            );
        }
    }

    #[test]
    fn verdict_words_are_matched_as_whole_words_case_insensitively() {
        assert_eq!(verdict_word("How could a Scammer know that?").map(|w| w.0).as_deref(), Some("How could a Scammer"));
        assert_eq!(verdict_word("Is the FAKE site the one?").map(|w| w.0).as_deref(), Some("FAKE"));
        assert_eq!(verdict_word("Why is it fine to tap it?").map(|w| w.0).as_deref(), Some("Why is it fine"));
        assert_eq!(verdict_word("Call the real one back").map(|w| w.0).as_deref(), Some("the real"));
        assert_eq!(verdict_word("Ring a real one").map(|w| w.0).as_deref(), Some("real one"));
        assert_eq!(verdict_word("You can’t trust it").map(|w| w.0).as_deref(), Some("trust"));
        // Inside other words, or close but different, nothing.
        for s in ["What should you do now?", "Scamp the dog", "Distrustful? no: trustee", "Refake", "really?"] {
            assert_eq!(verdict_word(s), None, "{s}");
        }
    }

    #[test]
    fn a_long_right_answer_is_found_only_when_it_is_also_the_longest() {
        let long = "Check your account at the agency's own site, typed by hand";
        assert!(too_long(&["Pay it", long, "Reply STOP"], 1).is_some());
        // Long, but another choice is longer: not a length cue.
        assert!(too_long(&["Pay it", long, &format!("{long}, today")], 1).is_none());
        // The longest, but not by much.
        assert!(too_long(&["Pay it now please", "Type the address", "Reply STOP now"], 1).is_none());
        // Exactly 1.5× the mean is allowed.
        assert!(too_long(&["aaaa", "aaaaaa"], 1).is_none());
        assert!(too_long(&["aaaa", "aaaaaaa"], 1).is_some());
    }

    fn findings_of(text: &str) -> Vec<String> {
        let parsed = crate::scenario::parse_scenario("f.toml", text).expect("the scenario still loads");
        parsed.findings.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn check_reports_each_finding_at_the_offending_words() {
        let text =
            crate::fixtures::TOLL_SCAM.replace("What should you do now?", "How could a scammer know your plate?");
        let found = findings_of(&text);
        assert_eq!(found.len(), 3, "{found:#?}");
        // Line 11 is the message; "Nov 26" starts at column 59.
        assert!(found[0].starts_with("f.toml:11:59: `Nov 26` is a fixed calendar date"), "{}", found[0]);
        assert!(found[0].contains("`date` variable"), "{}", found[0]);
        assert!(
            found[1].starts_with("f.toml:29:8: this question is asked before the reveal, but `How could a scammer`")
        );
        assert!(
            found[2].starts_with("f.toml:30:39: the right answer is the longest choice, 50 characters"),
            "{}",
            found[2]
        );
    }

    #[test]
    fn a_question_asked_after_the_reveal_may_name_the_verdict() {
        let text = crate::fixtures::TOLL_SCAM
            .replace("What should you do now?", "Why is this one a scam?")
            .replace("[[question]]\n", "[[question]]\nasked = \"after\"\n");
        let found = findings_of(&text);
        assert!(found.iter().all(|f| !f.contains("names or implies")), "{found:#?}");
    }

    #[test]
    fn a_date_drawn_by_a_variable_is_fine() {
        let text = crate::fixtures::TOLL_SCAM.replace("Pay by Nov 26", "Pay by {due}").replace(
            "[[flag]]\nkind = \"sender\"",
            "[vars]\ndue = { date = [2, 4], format = \"%b %-d\" }\n\n[[flag]]\nkind = \"sender\"",
        );
        let found = findings_of(&text);
        assert!(found.iter().all(|f| !f.contains("calendar date")), "{found:#?}");
    }

    #[test]
    fn an_unknown_asked_value_is_an_error() {
        let text = crate::fixtures::TOLL_SCAM.replace("[[question]]\n", "[[question]]\nasked = \"afterwards\"\n");
        let problems = crate::scenario::parse_scenario("f.toml", &text).unwrap_err();
        assert_eq!(
            problems[0].to_string(),
            "f.toml:29:9: unknown value for `asked` `afterwards` (did you mean `after`?)"
        );
    }

    #[test]
    fn a_context_that_names_the_sender_is_found() {
        let text = crate::fixtures::USPS_LEGIT.replace(
            "context = \"Yesterday you texted your parcel's tracking number to 28777.\"",
            "context = \"Its texts always come from 28777.\"",
        );
        let found = findings_of(&text);
        assert!(found.iter().any(|f| f.contains("the situation names the sender `28777`")), "{found:?}");
        let neutral = crate::fixtures::USPS_LEGIT.replace(
            "context = \"Yesterday you texted your parcel's tracking number to 28777.\"",
            "context = \"Yesterday you signed up for text updates on your parcel.\"",
        );
        assert!(!findings_of(&neutral).iter().any(|f| f.contains("names the sender")));
    }
}
