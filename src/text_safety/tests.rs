use super::*;
use proptest::prelude::*;

/// Every character the issue found passing the old deny-list, and the classic ones.
const HOSTILE: &[char] = &[
    '\u{1b}',
    '\u{7}',
    '\u{7f}',
    '\u{9b}',
    '\u{85}',
    '\r',
    '\t',
    '\u{202E}',
    '\u{2066}',
    '\u{200B}',
    '\u{200D}',
    '\u{FEFF}',
    '\u{00AD}',
    '\u{E0000}',
    '\u{E0041}',
    '\u{E007F}',
    '\u{2028}',
    '\u{2029}',
    '\u{206A}',
    '\u{206F}',
    '\u{FFF9}',
    '\u{FFFB}',
    '\u{3164}',
    '\u{115F}',
    '\u{1160}',
    '\u{FFA0}',
    '\u{034F}',
    '\u{2800}',
    '\u{180B}',
    '\u{180F}',
    '\u{1D173}',
    '\u{1D17A}',
    '\u{E000}',
    '\u{F0000}',
    '\u{FE00}',
    '\u{FE0F}',
    '\u{E0100}',
    '\u{0378}',
    '\u{FFFF}',
];

#[test]
fn every_character_the_old_deny_list_missed_is_unsafe() {
    for &c in HOSTILE {
        assert!(judge(Some('a'), c, Some('b')).is_some(), "U+{:04X} must be unsafe", c as u32);
        assert!(forbidden_reason(c).is_some(), "U+{:04X}", c as u32);
    }
}

#[test]
fn ordinary_text_of_many_scripts_is_safe_and_borrowed() {
    for text in ["Hello, café ☕\nbye", "陈伟 ¿Pagó? – 100 € «ok» naïve", "שלום עולם", "مرحبا", "हिन्दी", "a\u{00A0}b"]
    {
        assert!(is_safe(text), "{text:?}: {:?}", first_unsafe(text));
        assert!(matches!(sanitize(text), Cow::Borrowed(_)));
    }
}

#[test]
fn emoji_sequences_stay_whole() {
    for emoji in [
        "👩\u{200D}💻",
        "👨\u{200D}👩\u{200D}👧",
        "❤\u{FE0F}",
        "☺\u{FE0E}",
        "1\u{FE0F}\u{20E3}",
        "👍🏽",
        "🇺🇸",
        "🏳\u{FE0F}\u{200D}🌈",
    ] {
        assert!(is_safe(emoji), "{emoji:?}: {:?}", first_unsafe(emoji));
    }
    // Outside emoji the same characters hide things.
    for hidden in ["pay\u{200D}now", "a\u{FE0F}", "1\u{FE0F}", "\u{200D}👩", "👩\u{200D}", "x\u{FE0F}\u{FE0F}"] {
        assert!(!is_safe(hidden), "{hidden:?}");
    }
}

#[test]
fn the_first_unsafe_character_is_found_with_its_offset_and_reason() {
    assert_eq!(first_unsafe("ab\u{3164}c"), Some((2, '\u{3164}', Unsafe::Filler)));
    assert_eq!(first_unsafe("x\u{E0041}"), Some((1, '\u{E0041}', Unsafe::Tag)));
    assert_eq!(first_unsafe("t\u{2028}"), Some((1, '\u{2028}', Unsafe::LineSeparator)));
    assert_eq!(first_unsafe("\u{9b}31m"), Some((0, '\u{9b}', Unsafe::Control)));
    assert_eq!(first_unsafe("ok\nok"), None, "a newline is for the output to judge");
}

#[test]
fn escape_sequences_become_visible_markers() {
    let hostile = "pay \u{1b}]8;;http://x\u{7}here\u{1b}]8;;\u{7} now";
    let safe = sanitize(hostile);
    assert!(!safe.contains('\u{1b}'));
    assert!(!safe.contains('\u{7}'));
    assert!(safe.contains('␛'));
    assert!(safe.contains('␇'));
}

#[test]
fn bidi_overrides_and_zero_width_are_replaced() {
    assert_eq!(sanitize("usps\u{202E}moc.\u{200B}x"), "usps�moc.�x");
}

#[test]
fn a_terminal_line_cannot_hold_a_line_break() {
    let forged = "a.toml\nok: 999 scenarios in 999 files, no problems";
    assert_eq!(terminal_line(forged), "a.toml␤ok: 999 scenarios in 999 files, no problems");
    assert_eq!(sanitize_line(forged), "a.toml ok: 999 scenarios in 999 files, no problems");
    assert!(matches!(terminal_line("plain"), Cow::Borrowed(_)));
}

#[test]
fn csv_cells_are_quoted_and_defuse_formulas() {
    assert_eq!(csv_cell("ada"), "ada");
    assert_eq!(csv_cell("Wei, Chen"), "\"Wei, Chen\"");
    assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    assert_eq!(csv_cell("@sum"), "'@sum");
    assert_eq!(csv_cell("  +1"), "'  +1");
    assert_eq!(csv_cell("-2"), "'-2");
    assert_eq!(csv_cell("a\nb\u{1b}[31m"), "a b␛[31m");
}

#[test]
fn markdown_cannot_start_a_heading_or_carry_html() {
    let md = markdown_inline("x\n# heading <img src=x onerror=alert(1)> [a](http://x) *b* a|b &amp;");
    assert!(!md.contains('\n') && !md.contains('<') && !md.contains('>'), "{md}");
    assert!(md.contains("&lt;img src=x onerror=alert(1)&gt;"), "{md}");
    assert!(md.contains("\\# heading") && md.contains("\\[a\\](http://x)") && md.contains("\\*b\\*"), "{md}");
    assert!(md.contains("a\\|b") && md.contains("&amp;amp;"), "{md}");
    assert_eq!(markdown_code("toll-x_1.2"), "`toll-x_1.2`");
    assert_eq!(markdown_code("a`b\u{202E}<i>"), "a\\`b�&lt;i&gt;");
}

#[test]
fn json_escapes_every_unsafe_character_and_reads_back_exactly() {
    let text: String = HOSTILE.iter().collect::<String>() + "ok é 👩\u{200D}💻\n";
    for json in [json_pretty(&text).unwrap(), json_compact(&vec![text.clone()]).unwrap()] {
        assert_eq!(first_unsafe(&json), None, "{json}");
        assert!(json.contains("\\u009B") && json.contains("\\u202E") && json.contains("\\uDB40\\uDC41"), "{json}");
        assert!(json.contains("👩\u{200D}💻"), "emoji stay as they are: {json}");
    }
    let back: String = serde_json::from_str(&json_pretty(&text).unwrap()).unwrap();
    assert_eq!(back, text);
}

/// Text that mixes what the quick way of [`first_unsafe`] treats differently: printable ASCII,
/// newlines, ASCII controls, emoji with joiners and selectors, and unsafe non-ASCII characters.
fn mixed_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[ -~]{0,6}",
        Just("\n".to_string()),
        Just("\u{1b}".to_string()),
        Just("\t".to_string()),
        Just("\u{7f}".to_string()),
        Just("×—é".to_string()),
        Just("👩\u{200D}💻".to_string()),
        Just("❤\u{FE0F}".to_string()),
        Just("\u{200D}".to_string()),
        Just("\u{FE0F}".to_string()),
        Just("a\u{FE0E}".to_string()),
        proptest::sample::select(HOSTILE.to_vec()).prop_map(String::from),
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(pieces, 0..12).prop_map(|p| p.concat())
}

proptest! {
    /// The quick way and the rule applied to every character in turn agree: same offset,
    /// character and reason, on any text.
    #[test]
    fn first_unsafe_agrees_with_judging_every_character(s in prop_oneof![any::<String>(), mixed_text()]) {
        let careful = judged(&s).find_map(|(i, c, u)| u.map(|u| (i, c, u)));
        prop_assert_eq!(first_unsafe(&s), careful);
    }

    /// Eight bytes at a time or one by one, the same printable prefix.
    #[test]
    fn printable_prefix_agrees_with_testing_each_byte(s in prop_oneof![any::<String>(), mixed_text(), "[ -~]{0,40}"]) {
        for start in 0..s.len() {
            let b = &s.as_bytes()[start..];
            let each = b.iter().take_while(|&&c| (0x20..0x7f).contains(&c)).count();
            prop_assert_eq!(printable_ascii_prefix(b), each);
        }
        prop_assert_eq!(is_printable_ascii(&s, true), s.bytes().all(|b| (0x20..0x7f).contains(&b) || b == b'\n'));
        prop_assert_eq!(is_printable_ascii(&s, false), s.bytes().all(|b| (0x20..0x7f).contains(&b)));
    }

    #[test]
    fn sanitized_text_has_no_unsafe_character(s in any::<String>()) {
        let out = sanitize(&s);
        prop_assert!(first_unsafe(&out).is_none());
        let line = terminal_line(&s);
        prop_assert!(first_unsafe(&line).is_none() && !line.contains('\n'));
    }

    #[test]
    fn json_output_holds_no_raw_unsafe_character(s in any::<String>()) {
        let json = json_compact(&s).unwrap();
        prop_assert!(first_unsafe(&json).is_none(), "{:?}", json);
        let back: String = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, s);
    }
}
