//! The quick record parser against serde_json (the careful reader): whatever the text, when the
//! quick parser reads a record, serde_json's stream reads the same view at the same length; and
//! the shapes the merge meets take the quick way.

use proptest::prelude::*;

use super::*;
use crate::report::samples;

/// What serde_json's stream of values (what the quick reader of files uses) reads at the start
/// of `text`: the view, to the bit (`Debug` prints every float so it reads back the same), and
/// its length.
fn careful(text: &str) -> Option<(String, usize)> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<RecordView<'_>>();
    match stream.next() {
        Some(Ok(view)) => Some((format!("{view:?}"), stream.byte_offset())),
        _ => None,
    }
}

fn quick_of(text: &str) -> Option<(String, usize)> {
    record(text).map(|(view, used)| (format!("{view:?}"), used))
}

#[path = "quick_hostile.rs"]
mod hostile_records;
use hostile_records::*;

#[test]
fn the_shapes_the_merge_meets_take_the_quick_way_to_the_same_view() {
    for r in samples() {
        let compact = serde_json::to_string(&r).unwrap();
        let pretty = serde_json::to_string_pretty(&r).unwrap();
        // The export indents its records inside the array.
        let indented = pretty.replace('\n', "\n  ");
        let crlf = pretty.replace('\n', "\r\n");
        for text in [compact, pretty, indented, crlf] {
            let quick = quick_of(&text);
            assert!(quick.is_some(), "the quick way is taken: {text}");
            assert_eq!(quick, careful(&text), "{text}");
            assert_eq!(quick.unwrap().1, text.len());
        }
    }
}

#[test]
fn fields_in_any_order_missing_options_and_known_escapes_are_read_too() {
    let r = &samples()[0];
    let mut j = tokens(r);
    let J::Obj(fields) = &mut j else { unreachable!() };
    fields.reverse();
    fields.retain(|(k, _)| k != "\"d_prime\"" && k != "\"criterion\"");
    let learner = fields.iter_mut().find(|(k, _)| k == "\"learner\"").unwrap();
    learner.1 = J::Tok(r#""ad\u00e9 \ud83d\ude00 \"q\" \\ \/ \t""#.to_string());
    let mut text = String::new();
    render(&j, &mut Rng(7), Layout::Spaced, &mut text);
    let quick = quick_of(&text);
    assert!(quick.is_some(), "{text}");
    assert_eq!(quick, careful(&text), "{text}");
    let view = record(&text).unwrap().0;
    assert!(view.d_prime.is_none() && view.criterion.is_none());
    let item = r#"{"scenario":"s\u00e9","title":"t","category":"c","truth":"scam","said":null,"correct":false}"#;
    let text = serde_json::to_string(r).unwrap().replacen(r#""items":["#, &format!(r#""items":[{item},"#), 1);
    let (view, _) = record(&text).expect("an item without its defaulted fields");
    assert_eq!((view.items[0].scenario.as_ref(), view.items[0].said, view.items[0].seconds), ("sé", None, 0));
    assert_eq!(quick_of(&text), careful(&text));
}

#[test]
fn anything_unusual_is_left_to_the_careful_reader() {
    let line = serde_json::to_string(&samples()[0]).unwrap();
    let unusual = [
        line.replacen(r#""learner""#, r#""learn\u0065r""#, 1),
        line.replacen(r#""mode""#, r#""extra":1,"mode""#, 1),
        line.replacen(r#""mode""#, r#""learner":"x","mode""#, 1),
        line.replacen(r#""started":"#, r#""started":0"#, 1),
        line.replacen(r#""pass_mark":75"#, r#""pass_mark":256"#, 1),
        line.replacen(r#""pass_mark":75"#, r#""pass_mark":75.0"#, 1),
        line.replacen(r#""pass_mark":75"#, r#""pass_mark":-0"#, 1),
        line.replacen(r#""pass_mark":75"#, r#""pass_mark":null"#, 1),
        line.replacen(r#""status":"passed""#, r#""status":{"passed":null}"#, 1),
        line.replacen(r#""learner":""#, "\"learner\":\"\u{1}", 1),
        line.replacen(r#""learner":""#, r#""learner":"\ud800"#, 1),
        line.replacen(r#""version""#, r#""seed":1,"version""#, 1),
        line.replacen(r#""score":"#, r#""score":1e400,"x":"#, 1),
        line.replacen(r#""asked":3"#, r#""asked":3,"x":[[[]]]"#, 1),
        line.replacen(r#""mode":"#, "\u{feff}\"mode\":", 1),
        format!("\u{feff}{line}"),
        line[..line.len() - 1].to_string(),
    ];
    for text in &unusual {
        assert_eq!(quick_of(text), None, "{text}");
    }
    // Whitespace before a record is JSON's: both read it.
    let spaced = format!(" \r\n\t{line}");
    assert!(quick_of(&spaced).is_some() && quick_of(&spaced) == careful(&spaced));
    // serde_json reads some of them (an unknown field, a struct written as a map): the careful way.
    assert!(careful(&unusual[1]).is_some() && careful(&unusual[8]).is_some());
    // An escaped status is decoded as serde_json decodes it.
    let escaped = line.replacen(r#""status":"passed""#, r#""status":"p\u0061ssed""#, 1);
    assert!(quick_of(&escaped).is_some());
    assert_eq!(quick_of(&escaped), careful(&escaped));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The property: the same record, or the careful reader's refusal (then the quick parser
    /// refuses too, and the careful reader has the last word).
    #[test]
    fn whatever_the_text_the_quick_view_is_serde_jsons(seed in any::<u64>()) {
        let text = hostile_text(seed);
        if let Some(quick) = quick_of(&text) {
            prop_assert_eq!(Some(quick), careful(&text), "{}", text);
        }
    }

    /// The same over arbitrary bytes edited into a written record.
    #[test]
    fn edited_bytes_read_the_same_or_are_refused(
        pretty in any::<bool>(),
        edits in proptest::collection::vec((0.0f64..1.0, prop::sample::select(b"\",]}{[:0a.\n \\-9eu+E".to_vec())), 1..4),
    ) {
        let r = &samples()[1];
        let mut bytes = if pretty { serde_json::to_string_pretty(r) } else { serde_json::to_string(r) }.unwrap().into_bytes();
        for (at, b) in edits {
            let i = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[i] = b;
        }
        let text = String::from_utf8(bytes).unwrap();
        if let Some(quick) = quick_of(&text) {
            prop_assert_eq!(Some(quick), careful(&text), "{}", text);
        }
    }
}

#[test]
fn the_hostile_texts_reach_both_answers() {
    // The property above is only as good as its cases: many must be read and many refused.
    let (mut read, mut refused, mut careful_only) = (0, 0, 0);
    for seed in 0..2000u64 {
        let text = hostile_text(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        match (quick_of(&text), careful(&text)) {
            (Some(_), _) => read += 1,
            (None, None) => refused += 1,
            (None, Some(_)) => careful_only += 1,
        }
    }
    assert!(read > 300 && refused > 300 && careful_only > 20, "{read} {refused} {careful_only}");
}
