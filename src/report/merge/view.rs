//! A completion record as `report --merge` reads it: the fields the class view counts, borrowed
//! from the bytes being parsed, and every other field checked but not kept.
//!
//! Why not `CompletionRecord`: building one owns every string of the record (titles, checksum,
//! version, each item's category and truth) and its category map, only for the fold to read a
//! few of them; that was most of the merge's time over parsing the file once. The view accepts
//! exactly what `CompletionRecord` accepts — the same field names, in the same order, with the
//! same types and defaults — so a file merges if and only if it reads as records (the stream
//! tests hold the two side by side).

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::learning::completion::{CompletionRecord, Status, Tally};

/// A string checked to be one and not kept (what `String` accepts, nothing built).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AnyStr;

impl<'de> Deserialize<'de> for AnyStr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<AnyStr, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = AnyStr;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<AnyStr, E> {
                Ok(AnyStr)
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<AnyStr, E> {
                // As `String` does: bytes are a string only when they are UTF-8.
                std::str::from_utf8(v).map(|_| AnyStr).map_err(|_| E::invalid_value(de::Unexpected::Bytes(v), &self))
            }
        }
        d.deserialize_string(V)
    }
}

/// `by_category` checked as a map of names to tallies (what `BTreeMap<String, Tally>` accepts),
/// nothing built.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AnyCategories;

impl<'de> Deserialize<'de> for AnyCategories {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<AnyCategories, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AnyCategories;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnyCategories, A::Error> {
                while map.next_entry::<AnyStr, Tally>()?.is_some() {}
                Ok(AnyCategories)
            }
        }
        d.deserialize_map(V)
    }
}

/// One item as the fold reads it (mirrors `ItemResult`). The private fields are there to be
/// checked as `ItemResult` checks them; nothing reads them.
#[allow(dead_code)]
#[derive(Clone, Debug, Deserialize)]
pub struct ItemView<'a> {
    #[serde(borrow)]
    pub scenario: Cow<'a, str>,
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    pub(super) category: AnyStr,
    pub(super) truth: AnyStr,
    /// Only whether it was answered counts.
    pub said: Option<AnyStr>,
    pub correct: bool,
    #[serde(default)]
    pub(super) confidence: Option<AnyStr>,
    #[serde(default)]
    pub(super) seconds: u64,
    #[serde(default)]
    pub(super) timed_out: bool,
}

/// One record as the fold reads it (mirrors `CompletionRecord`, field for field; the private
/// fields are only checked).
#[allow(dead_code)]
#[derive(Clone, Debug, Deserialize)]
pub struct RecordView<'a> {
    #[serde(borrow)]
    pub learner: Cow<'a, str>,
    pub(super) mode: AnyStr,
    #[serde(borrow)]
    pub deck: Cow<'a, str>,
    pub(super) deck_title: AnyStr,
    pub(super) deck_checksum: AnyStr,
    pub started: u64,
    pub(super) finished: u64,
    pub(super) seconds: u64,
    pub status: Status,
    pub(super) pass_mark: u8,
    pub(super) asked: u32,
    pub(super) answered: u32,
    pub(super) correct: u32,
    pub score: f64,
    pub(super) d_prime: Option<f64>,
    pub(super) criterion: Option<f64>,
    pub(super) by_category: AnyCategories,
    #[serde(borrow)]
    pub items: Vec<ItemView<'a>>,
    pub(super) version: AnyStr,
    pub(super) seed: u64,
}

impl<'a> RecordView<'a> {
    /// The view of a record already read (its strings borrowed).
    pub fn of(r: &'a CompletionRecord) -> RecordView<'a> {
        let items = r
            .items
            .iter()
            .map(|i| ItemView {
                scenario: Cow::Borrowed(&i.scenario),
                title: Cow::Borrowed(&i.title),
                category: AnyStr,
                truth: AnyStr,
                said: i.said.as_ref().map(|_| AnyStr),
                correct: i.correct,
                confidence: None,
                seconds: i.seconds,
                timed_out: i.timed_out,
            })
            .collect();
        RecordView {
            learner: Cow::Borrowed(&r.learner),
            mode: AnyStr,
            deck: Cow::Borrowed(&r.deck),
            deck_title: AnyStr,
            deck_checksum: AnyStr,
            started: r.started,
            finished: r.finished,
            seconds: r.seconds,
            status: r.status,
            pass_mark: r.pass_mark,
            asked: r.asked,
            answered: r.answered,
            correct: r.correct,
            score: r.score,
            d_prime: r.d_prime,
            criterion: r.criterion,
            by_category: AnyCategories,
            items,
            version: AnyStr,
            seed: r.seed,
        }
    }
}
