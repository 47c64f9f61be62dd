//! The quick record parser against serde_json (the careful reader): whatever the text, when the
//! quick parser reads a record, serde_json's stream reads the same view at the same length; and
//! the shapes the merge meets take the quick way.

use proptest::prelude::*;

use super::*;
use crate::learning::completion::CompletionRecord;
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

/// A JSON text as tokens, so a test can lay it out with any whitespace, reorder, drop, repeat
/// and replace its parts. `Tok` is one token as written (a number, a literal, a quoted string).
#[derive(Clone, Debug)]
enum J {
    Tok(String),
    Obj(Vec<(String, J)>),
    Arr(Vec<J>),
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// `record` as tokens, its fields in the order the program writes them.
fn tokens(record: &CompletionRecord) -> J {
    fn of(v: &serde_json::Value, order: &[&str]) -> J {
        match v {
            serde_json::Value::Object(map) => {
                let mut fields: Vec<(String, J)> = map
                    .iter()
                    .map(|(k, v)| {
                        let inner: &[&str] = if k == "items" { ITEM } else { &[] };
                        (quoted(k), of(v, inner))
                    })
                    .collect();
                let rank = |k: &str| order.iter().position(|n| quoted(n) == k).unwrap_or(usize::MAX);
                fields.sort_by_key(|(k, _)| rank(k));
                J::Obj(fields)
            }
            serde_json::Value::Array(items) => J::Arr(items.iter().map(|i| of(i, order)).collect()),
            other => J::Tok(other.to_string()),
        }
    }
    of(&serde_json::to_value(record).unwrap(), RECORD)
}

/// A small deterministic generator, so one proptest seed drives every choice of a case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }
}

/// Whitespace JSON allows, then blanks it does not.
const SPACE: [&str; 10] = ["", "", "", " ", "\n", "\r\n", "\t", "\n    ", "\u{a0}", "\u{feff}"];

/// How a text is laid out: no whitespace at all, any JSON whitespace between tokens, or that
/// and now and then a blank JSON does not allow (one in `FOREIGN` places).
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Tight,
    Spaced,
    Foreign,
}

const FOREIGN: usize = 400;

fn render(j: &J, rng: &mut Rng, layout: Layout, out: &mut String) {
    let ws = |rng: &mut Rng, out: &mut String| match layout {
        Layout::Tight => {}
        Layout::Foreign if rng.below(FOREIGN) == 0 => out.push_str(SPACE[8 + rng.below(2)]),
        _ => out.push_str(SPACE[rng.below(8)]),
    };
    match j {
        J::Tok(t) => out.push_str(t),
        J::Obj(fields) => {
            out.push('{');
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    ws(rng, out);
                    out.push(',');
                }
                ws(rng, out);
                out.push_str(k);
                ws(rng, out);
                out.push(':');
                ws(rng, out);
                render(v, rng, layout, out);
            }
            ws(rng, out);
            out.push('}');
        }
        J::Arr(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    ws(rng, out);
                    out.push(',');
                }
                ws(rng, out);
                render(v, rng, layout, out);
            }
            ws(rng, out);
            out.push(']');
        }
    }
}

/// Values put where another value was: numbers at and beyond every range the record uses,
/// `null`, the wrong kind, known and unknown escapes, surrogates paired and not, control
/// characters, deep nesting, structs written as arrays.
fn hostile() -> Vec<String> {
    let mut v: Vec<String> = [
        "null",
        "0",
        "-0",
        "01",
        "1.0",
        "1e3",
        "1E3",
        "-1",
        "255",
        "256",
        "4294967295",
        "4294967296",
        "18446744073709551615",
        "18446744073709551616",
        "123456789012345678901234567890",
        "1e400",
        "-1e400",
        "0.1",
        "2.5E-3",
        "1.",
        "1e",
        "-",
        ".5",
        "+1",
        "0.30000000000000004",
        "1.7976931348623157e308",
        "5e-324",
        "2.2250738585072011e-308",
        "0.8333333333333334",
        "9007199254740993",
        "true",
        "false",
        "tru",
        "nul",
        r#""x""#,
        r#""passed""#,
        r#""failed""#,
        r#""incomplete""#,
        r#""Passed""#,
        r#""p\u0061ssed""#,
        r#""\u00e9""#,
        r#""\u00E9""#,
        r#""\ud83d\ude00""#,
        r#""\uD83D\uDE00""#,
        r#""\ud800""#,
        r#""\udc00""#,
        r#""\ud800\u0041""#,
        r#""\ud800x""#,
        r#""\ud800\n""#,
        r#""\ud800\ud800""#,
        r#""a\"b""#,
        r#""\\""#,
        r#""\/""#,
        r#""\b\f\n\r\t""#,
        r#""\x""#,
        r#""\u12""#,
        r#""\u00G0""#,
        r#""\u0000""#,
        "\"tab\there\"",
        "\"nl\nhere\"",
        "\"\u{7f}\"",
        "\"é\"",
        r#""\u2028\u202e""#,
        "\"unterminated",
        r#""\""#,
        "[]",
        "{}",
        "[1,2]",
        "[\"a\",1,\"b\",2]",
        r#"{"asked":1,"correct":2}"#,
        r#"{"correct":2,"asked":1}"#,
        r#"{"asked":1}"#,
        r#"{"asked":1,"correct":2,"x":3}"#,
        r#"{"asked":1,"asked":1,"correct":2}"#,
        r#"{"asked":-1,"correct":2}"#,
        r#"{"a\u0073ked":1,"correct":2}"#,
        r#"{"bank":{"asked":1,"correct":1},"bank":{"asked":2,"correct":0}}"#,
        r#"{"x":[1,2]}"#,
        r#"{"":{"asked":0,"correct":0}}"#,
        r#"[{"a":[{"b":[]}]}]"#,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push(format!("{}1{}", "[".repeat(200), "]".repeat(200)));
    v.push(format!("{}{}", "{\"a\":".repeat(150), "}".repeat(150)).replace(":}", ":1}"));
    v
}

/// Every object and array of `j`, as paths of child indexes.
fn containers(j: &J, path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    match j {
        J::Tok(_) => {}
        J::Obj(fields) => {
            out.push(path.clone());
            for (i, (_, v)) in fields.iter().enumerate() {
                path.push(i);
                containers(v, path, out);
                path.pop();
            }
        }
        J::Arr(items) => {
            out.push(path.clone());
            for (i, v) in items.iter().enumerate() {
                path.push(i);
                containers(v, path, out);
                path.pop();
            }
        }
    }
}

fn at<'j>(j: &'j mut J, path: &[usize]) -> &'j mut J {
    match path.split_first() {
        None => j,
        Some((&i, rest)) => match j {
            J::Obj(fields) => at(&mut fields[i].1, rest),
            J::Arr(items) => at(&mut items[i], rest),
            J::Tok(_) => unreachable!("paths lead to containers"),
        },
    }
}

/// A string token written with `\u` escapes for some of its characters.
fn escaped(token: &str, rng: &mut Rng) -> String {
    let Ok(text) = serde_json::from_str::<String>(token) else { return token.to_string() };
    let mut out = String::from("\"");
    for c in text.chars() {
        if rng.below(3) == 0 {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push_str(&quoted(&c.to_string())[1..quoted(&c.to_string()).len() - 1]);
        }
    }
    out.push('"');
    out
}

/// One change to the record somewhere.
fn mutate(j: &mut J, rng: &mut Rng, hostile: &[String]) {
    let mut paths = Vec::new();
    containers(j, &mut Vec::new(), &mut paths);
    let path = rng.pick(&paths).clone();
    let kind = rng.below(7);
    match at(j, &path) {
        J::Obj(fields) if !fields.is_empty() => {
            let i = rng.below(fields.len());
            match kind {
                0 | 1 => fields[i].1 = J::Tok(rng.pick(hostile).clone()),
                2 => {
                    fields.remove(i);
                }
                3 => {
                    let again = fields[i].clone();
                    let to = rng.below(fields.len() + 1);
                    fields.insert(to, again);
                }
                4 => {
                    let name = rng.pick(&["\"extra\"", "\"learn\\u0065r\"", "\"\"", "\"Learner\"", "\"said \""]);
                    fields.insert(i, (name.to_string(), J::Tok(rng.pick(hostile).clone())));
                }
                5 => fields[i].0 = escaped(&fields[i].0.clone(), rng),
                _ => {
                    if let J::Tok(t) = &fields[i].1
                        && t.starts_with('"')
                    {
                        fields[i].1 = J::Tok(escaped(&t.clone(), rng));
                    } else {
                        let to = rng.below(fields.len());
                        fields.swap(i, to);
                    }
                }
            }
        }
        J::Arr(items) if !items.is_empty() => {
            let i = rng.below(items.len());
            match kind {
                0 | 1 => items[i] = J::Tok(rng.pick(hostile).clone()),
                2 => {
                    items.remove(i);
                }
                3 => {
                    let again = items[i].clone();
                    items.insert(i, again);
                }
                _ => items.truncate(i),
            }
        }
        J::Obj(fields) => fields.push(("\"extra\"".to_string(), J::Tok("1".into()))),
        J::Arr(items) => items.push(J::Tok(rng.pick(hostile).clone())),
        J::Tok(_) => {}
    }
}

/// A hostile text from `seed`: a sample record changed a few times, laid out with any
/// whitespace, perhaps cut, perhaps with a BOM in front or text behind.
fn hostile_text(seed: u64) -> String {
    let mut rng = Rng(seed | 1);
    let samples = samples();
    let mut j = tokens(rng.pick(&samples));
    let hostile = hostile();
    for _ in 0..rng.below(4) {
        mutate(&mut j, &mut rng, &hostile);
    }
    let mut text = String::new();
    if rng.below(20) == 0 {
        text.push('\u{feff}');
    }
    let layout = *rng.pick(&[Layout::Tight, Layout::Spaced, Layout::Spaced, Layout::Foreign]);
    render(&j, &mut rng, layout, &mut text);
    match rng.below(8) {
        0 => {
            let mut cut = rng.below(text.len() + 1);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
        }
        1 => {
            const AFTER: [&str; 6] = ["\r\n", " x", "1", ",", "}", "\n{}"];
            let after: &&str = rng.pick(&AFTER);
            text.push_str(after);
        }
        _ => {}
    }
    text
}

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
