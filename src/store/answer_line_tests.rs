use super::*;
use crate::learning::record::AnswerRecord;
use proptest::prelude::*;

fn careful(line: &str) -> Option<AnswerView<'_>> {
    serde_json::from_str(line).ok()
}

/// What the trainer writes (every optional field present, then absent).
fn written() -> Vec<String> {
    let full = r#"{"time":1700000000,"round":"1700000000-4242-1","scenario":"bank-account-locked","category":"bank","truth":"scam","said":"legit","confidence":"fairly sure","difficulty":3,"flags_found":["threat","errors"],"flags_missed":["sender"],"false_marks":1,"spotted":true,"question":false,"choice":2}"#;
    let bare = r#"{"time":0,"round":"r","scenario":"s","category":"c","truth":"legit","said":"legit","flags_found":[],"flags_missed":[],"false_marks":0,"spotted":false}"#;
    let record: AnswerRecord = serde_json::from_str(full).unwrap();
    vec![full.to_string(), bare.to_string(), serde_json::to_string(&record).unwrap()]
}

#[test]
fn the_trainers_own_lines_are_read_the_quick_way_to_the_same_view() {
    for line in written() {
        let quick = quick(&line);
        assert!(quick.is_some(), "the fast path is taken: {line}");
        assert_eq!(quick, careful(&line), "{line}");
        // And the fastest: the fields in the order the trainer writes them, no loop.
        assert!(in_written_order(&line, &mut Vec::new()).is_some(), "{line}");
    }
}

#[test]
fn anything_unusual_is_left_to_the_careful_reader() {
    let unusual = [
        r#" {"round":"r","scenario":"s","category":"c","truth":"t","said":"s"}"#,
        r#"{"round":"r","scenario":"s","category":"c","truth":"t","said":"s"} "#,
        r#"{"round":"r\u0041","scenario":"s","category":"c","truth":"t","said":"s"}"#,
        r#"{"round":"r","scenario":"s","category":"c","truth":"t","said":"s","extra":1}"#,
        r#"{"round":"r","round":"r","scenario":"s","category":"c","truth":"t","said":"s"}"#,
        r#"{"time":01,"round":"r","scenario":"s","category":"c","truth":"t","said":"s"}"#,
        r#"{"time":1.0,"round":"r","scenario":"s","category":"c","truth":"t","said":"s"}"#,
        r#"{"time":1e3,"round":"r","scenario":"s","category":"c","truth":"t","said":"s"}"#,
        r#"{"time":-1,"round":"r","scenario":"s","category":"c","truth":"t","said":"s"}"#,
        r#"{"time":18446744073709551616,"round":"r","scenario":"s","category":"c","truth":"t","said":"s"}"#,
        r#"{"difficulty":256,"round":"r","scenario":"s","category":"c","truth":"t","said":"s"}"#,
        r#"{"time":null,"round":"r","scenario":"s","category":"c","truth":"t","said":"s"}"#,
        r#"{"flags_found":null,"round":"r","scenario":"s","category":"c","truth":"t","said":"s"}"#,
        r#"{"round":"r","scenario":"s","category":"c","truth":"t"}"#,
        "\u{feff}{\"round\":\"r\",\"scenario\":\"s\",\"category\":\"c\",\"truth\":\"t\",\"said\":\"s\"}",
        "{\"round\":\"r\tx\",\"scenario\":\"s\",\"category\":\"c\",\"truth\":\"t\",\"said\":\"s\"}",
        r#"{"spotted":truex,"round":"r","scenario":"s","category":"c","truth":"t","said":"s"}"#,
        r#"{}"#,
        r#"{"#,
        "",
    ];
    for line in unusual {
        assert_eq!(quick(line), None, "{line}");
    }
    // Those the careful reader reads it still reads: nothing is lost by leaving them to it.
    assert!(careful(unusual[0]).is_some() && careful(unusual[2]).is_some() && careful(unusual[3]).is_some());
}

#[test]
fn null_options_and_the_largest_numbers_are_read_as_serde_reads_them() {
    let lines = [
        r#"{"time":18446744073709551615,"round":"r","scenario":"s","category":"c","truth":"t","said":"s","confidence":null,"difficulty":255,"question":null,"choice":4294967295}"#,
        r#"{"said":"s","truth":"t","category":"c","scenario":"s","round":"r","choice":null,"difficulty":null,"false_marks":4294967295}"#,
        "{\"round\":\"日本語 \u{202e} \",\"scenario\":\"s\",\"category\":\"\",\"truth\":\"t\",\"said\":\"s\",\"flags_found\":[\"\"]}",
    ];
    for line in lines {
        assert!(quick(line).is_some(), "{line}");
        assert_eq!(quick(line), careful(line), "{line}");
    }
}

/// Lines near the trainer's form: a written line with a piece cut out, a byte changed or text
/// put in, so every branch of the quick parser meets bytes it must not guess about.
fn near_lines() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "",
        " ",
        "\\",
        "\\u0041",
        "\"",
        ",",
        ":",
        "null",
        "true",
        "false",
        "0",
        "01",
        "-1",
        "1.5",
        "1e2",
        "256",
        "4294967296",
        "18446744073709551616",
        "[",
        "]",
        "{",
        "}",
        "\t",
        "\r",
        "\u{feff}",
        "\u{202e}",
        "é",
        "\u{1b}",
        "\"extra\":1,",
        "\"time\":2,",
        "\"confidence\":null,",
        "\"difficulty\":null,",
        "\"choice\":7,",
    ]);
    (prop::sample::select(written()), any::<prop::sample::Index>(), any::<prop::sample::Index>(), pieces, 0..3u8)
        .prop_map(|(line, a, b, piece, how)| {
            let (a, b) = (a.index(line.len() + 1), b.index(line.len() + 1));
            let (a, b) = (a.min(b), a.max(b));
            let at = |i: usize| line.floor_char_boundary(i);
            match how {
                0 => format!("{}{}", &line[..at(a)], &line[at(b)..]),
                1 => format!("{}{piece}{}", &line[..at(a)], &line[at(a)..]),
                _ => format!("{}{piece}{}", &line[..at(a)], &line[at(b)..]),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_quick_reader_never_reads_a_line_otherwise_than_serde(line in near_lines()) {
        if let Some(view) = quick(&line) {
            prop_assert_eq!(Some(view), careful(&line), "{}", line);
        }
    }

    #[test]
    fn nor_any_text_at_all(line in "\\PC{0,80}|\\{[\"a-z:,0-9\\[\\]{}\\\\ ]{0,60}\\}") {
        if let Some(view) = quick(&line) {
            prop_assert_eq!(Some(view), careful(&line), "{}", line);
        }
    }
}

proptest! {
    #[test]
    fn the_end_of_a_string_is_found_at_the_first_quote_backslash_or_control(
        bytes in prop::collection::vec(prop::sample::select(vec![b'a', b'"', b'\\', 0x1f, 0x20, 0x7f, 0x80, 0xff, 0x00, b'!', 0x5b, 0x5d]), 0..40)
    ) {
        let naive = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
        prop_assert_eq!(string_end(&bytes), naive);
    }
}
