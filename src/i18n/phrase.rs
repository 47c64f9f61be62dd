//! A text to be worded later: a catalogue key and its arguments, owned, so that state and
//! domain code can say *what* to tell the learner and the view says it in the session's locale.
//! App state and the statistics hold these, never display text.

use super::{Arg, Locale};

/// One argument of a [`Phrase`].
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text used as it is: a number already formatted, a name or path from outside.
    Str(String),
    /// A number: a plural entry picks its form by the argument named `count`.
    Num(i64),
    /// Another phrase, worded in the same locale (a verdict's name inside a sentence).
    Phrase(Box<Phrase>),
    /// A term of a vocabulary by a key made at run time (`flag_kind.sender`), with the words
    /// to use when the catalogue has none.
    Term { key: String, fallback: String },
    /// Values worded one after the other, separated by ", ".
    List(Vec<Value>),
    /// The value worded, then padded with spaces to at least this many columns (tables).
    Padded(Box<Value>, usize),
}

/// A key and its arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct Phrase {
    pub key: &'static str,
    pub args: Vec<(&'static str, Value)>,
}

impl Phrase {
    /// A phrase with no arguments.
    pub fn new(key: &'static str) -> Phrase {
        Phrase { key, args: Vec::new() }
    }

    /// The phrase with one more argument.
    pub fn with(mut self, name: &'static str, value: impl Into<Value>) -> Phrase {
        self.args.push((name, value.into()));
        self
    }

    /// The phrase in `locale`.
    pub fn say(&self, locale: &Locale) -> String {
        let worded: Vec<(&str, Worded)> = self.args.iter().map(|(n, v)| (*n, word(v, locale))).collect();
        let args: Vec<(&str, Arg)> = worded
            .iter()
            .map(|(n, w)| {
                let arg = match w {
                    Worded::Num(n) => Arg::Num(*n),
                    Worded::Text(s) => Arg::Str(s),
                };
                (*n, arg)
            })
            .collect();
        locale.fmt(self.key, &args)
    }
}

enum Worded {
    Num(i64),
    Text(String),
}

fn word(value: &Value, locale: &Locale) -> Worded {
    match value {
        Value::Str(s) => Worded::Text(s.clone()),
        Value::Num(n) => Worded::Num(*n),
        Value::Phrase(p) => Worded::Text(p.say(locale)),
        Value::List(values) => Worded::Text(
            values
                .iter()
                .map(|v| match word(v, locale) {
                    Worded::Num(n) => n.to_string(),
                    Worded::Text(s) => s,
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Value::Term { key, fallback } => Worded::Text(locale.lookup(key).unwrap_or(fallback).to_string()),
        Value::Padded(inner, width) => {
            let text = match word(inner, locale) {
                Worded::Num(n) => n.to_string(),
                Worded::Text(s) => s,
            };
            Worded::Text(format!("{text:<width$}"))
        }
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Str(s.to_string())
    }
}

impl From<Phrase> for Value {
    fn from(p: Phrase) -> Value {
        Value::Phrase(Box::new(p))
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Num(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
numbers!(usize, u32, u64, i64, u16, u8, i32);
