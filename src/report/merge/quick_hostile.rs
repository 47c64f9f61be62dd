//! Hostile completion records for `quick_tests`: a record as tokens (`J`), laid out with any
//! whitespace, reordered, cut and changed, from a seed. Its own file so the tests read alone.

use super::*;
use crate::learning::completion::CompletionRecord;
use crate::report::samples;

/// A JSON text as tokens, so a test can lay it out with any whitespace, reorder, drop, repeat
/// and replace its parts. `Tok` is one token as written (a number, a literal, a quoted string).
#[derive(Clone, Debug)]
pub(super) enum J {
    Tok(String),
    Obj(Vec<(String, J)>),
    Arr(Vec<J>),
}

pub(super) fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// `record` as tokens, its fields in the order the program writes them.
pub(super) fn tokens(record: &CompletionRecord) -> J {
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
pub(super) struct Rng(pub(super) u64);

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
pub(super) const SPACE: [&str; 10] = ["", "", "", " ", "\n", "\r\n", "\t", "\n    ", "\u{a0}", "\u{feff}"];

/// How a text is laid out: no whitespace at all, any JSON whitespace between tokens, or that
/// and now and then a blank JSON does not allow (one in `FOREIGN` places).
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Layout {
    Tight,
    Spaced,
    Foreign,
}

pub(super) const FOREIGN: usize = 400;

pub(super) fn render(j: &J, rng: &mut Rng, layout: Layout, out: &mut String) {
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
pub(super) fn hostile() -> Vec<String> {
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
pub(super) fn containers(j: &J, path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
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

pub(super) fn at<'j>(j: &'j mut J, path: &[usize]) -> &'j mut J {
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
pub(super) fn escaped(token: &str, rng: &mut Rng) -> String {
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
pub(super) fn mutate(j: &mut J, rng: &mut Rng, hostile: &[String]) {
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
pub(super) fn hostile_text(seed: u64) -> String {
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
