//! Plain output and reading standard input, with hostile input: nothing raw reaches the
//! output, nothing panics, and the text never says "safe".

use super::*;
use crate::text_safety::forbidden_reason;

fn plain(text: &str, sender: Option<&str>) -> Vec<String> {
    let report = detect::inspect(text, sender);
    plain_lines(&crate::i18n::Locale::english(), text, sender, &report, &[])
}

fn assert_clean(lines: &[String]) {
    for line in lines {
        assert!(line.chars().all(|c| forbidden_reason(c).is_none() && c != '\n'), "raw character in {line:?}");
    }
}

#[test]
fn nothing_found_is_never_called_safe_and_always_ends_with_how_to_check_and_report() {
    let lines = plain("See you at 6 for dinner?", Some("+1 (312) 555-0123"));
    let all = lines.join("\n");
    assert!(
        all.contains(crate::i18n::Locale::english().text(advice::NOTHING_FOUND).as_ref())
            || all.contains("What inspect found"),
        "{all}"
    );
    let none = plain("See you at 6 for dinner?", None).join("\n");
    assert!(none.contains("Nothing was found in this text. That does not make it genuine"), "{none}");
    for text in [all.as_str(), none.as_str()] {
        assert!(!text.to_lowercase().contains(" is safe"), "{text}");
        for must in [
            "7726",
            "Report Junk",
            "reportfraud.ftc.gov",
            "ic3.gov",
            "type its website yourself",
            "number on the back of your card",
        ] {
            assert!(text.contains(must), "{must} missing: {text}");
        }
    }
}

#[test]
fn marks_are_numbered_in_the_message_and_listed() {
    let lines = plain("USPS: pay the $2.99 redelivery fee at https://usps.com-care.top/x", Some("+1 (512) 555-0173"));
    let all = lines.join("\n");
    assert!(all.contains("usps.com-care.top["), "{all}");
    assert!(all.contains("From: +1 (512) 555-0173[1]"), "{all}");
    assert!(all.contains("[1] Sender"), "{all}");
}

#[test]
fn escape_sequences_and_bidi_controls_never_reach_the_output() {
    let hostile = "Pay \u{1b}]8;;http://x.top\u{7}here\u{1b}]8;;\u{7} \u{1b}[2J now\r\n usps\u{202E}moc.\u{200B}x https://e\u{1b}[31mzpass.com-x.top \u{9b}31m";
    let lines = plain(hostile, Some("\u{1b}[31m28777\u{202E}"));
    assert_clean(&lines);
    assert!(lines.join("\n").contains('␛'), "{lines:#?}");
}

#[test]
fn invalid_utf8_on_stdin_is_replaced_and_said_so() {
    let input = read_input(&b"Pay \xff\xfe now at https://usps.com-x.top\r\n"[..]).unwrap();
    assert!(input.text.contains('\u{FFFD}'));
    assert!(!input.text.contains('\r'));
    assert_eq!(input.notices.len(), 1);
    let report = detect::inspect(&input.text, None);
    assert_clean(&plain_lines(&crate::i18n::Locale::english(), &input.text, None, &report, &input.notices));
}

#[test]
fn a_one_megabyte_paste_is_cut_without_panic() {
    let mut big = "Pay now at https://usps.com-x.top/é ".repeat(30_000).into_bytes();
    big.extend_from_slice(&[0xe2, 0x82]); // a cut character at the very end
    assert!(big.len() > 1_000_000);
    let input = read_input(&big[..]).unwrap();
    assert!(input.text.len() <= MAX_INPUT);
    assert!(input.notices.iter().any(|n| n.contains("Only the first 64 KiB")), "{:?}", input.notices);
    assert!(!input.notices.iter().any(|n| n.contains("UTF-8")), "{:?}", input.notices);
    let report = detect::inspect(&input.text, None);
    assert!(!report.findings.is_empty());
    assert_clean(&plain_lines(&crate::i18n::Locale::english(), &input.text, None, &report, &input.notices));
}

#[test]
fn words_inside_a_link_are_not_marked_again_and_each_mark_is_where_it_was_found() {
    let text = "USPS: a $0.81 rescheduling fee is required. Schedule now: https://uspsredelivery.icu/fee";
    let all = plain(text, None).join("\n");
    // "fee is required" is a demand for payment, marked where it ends.
    assert!(all.contains("rescheduling fee is required[1]"), "{all}");
    assert!(all.contains("uspsredelivery.icu[") && all.contains("]/fee\n"), "{all}");
}
