//! One answered scenario as saved to the learner's progress: enough to compute every score
//! later (verdict, confidence, flags found and missed by kind, false marks, the follow-up).
//! Names, not enum numbers, are stored so files stay readable and survive new kinds.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize};

use crate::learning::spot::SpotResult;
use crate::scenario::{Scenario, Verdict};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerRecord {
    /// Seconds since 1970-01-01 UTC; set when saved.
    #[serde(default)]
    pub time: u64,
    /// Which round of which session: answers of one round share it.
    pub round: String,
    pub scenario: String,
    pub category: String,
    /// "scam" or "legit": what the message really was.
    pub truth: String,
    /// What the learner said.
    pub said: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<u8>,
    /// Red-flag kinds the learner marked, and those they missed (when spotting was on).
    #[serde(default)]
    pub flags_found: Vec<String>,
    #[serde(default)]
    pub flags_missed: Vec<String>,
    #[serde(default)]
    pub false_marks: u32,
    /// Whether spotting ran for this answer.
    #[serde(default)]
    pub spotted: bool,
    /// The follow-up question: right or wrong, if there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<bool>,
    /// Which follow-up choice was picked, 1-based by its place in the scenario file (as the
    /// file's `answer` is written), not by where it was shown: choices are shown shuffled.
    /// Absent in records written before it was kept, and when no question was asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<u32>,
}

impl AnswerRecord {
    pub fn new(
        round: String,
        scenario: &Scenario,
        said: Verdict,
        confidence: Option<&str>,
        spot: Option<&SpotResult>,
        question: Option<bool>,
    ) -> AnswerRecord {
        let mut found = Vec::new();
        let mut missed = Vec::new();
        if let Some(spot) = spot {
            for (flag, hit) in scenario.flags.iter().zip(&spot.found) {
                let list = if *hit { &mut found } else { &mut missed };
                list.push(flag.kind.name().to_string());
            }
        }
        AnswerRecord {
            time: 0,
            round,
            scenario: scenario.id.clone(),
            category: scenario.category.name().to_string(),
            truth: scenario.verdict.name().to_string(),
            said: said.name().to_string(),
            confidence: confidence.map(str::to_string),
            difficulty: scenario.difficulty,
            flags_found: found,
            flags_missed: missed,
            false_marks: spot.map_or(0, |s| s.false_marks.len() as u32),
            spotted: spot.is_some(),
            question,
            choice: None,
        }
    }

    pub fn is_scam(&self) -> bool {
        self.truth == "scam"
    }

    pub fn said_scam(&self) -> bool {
        self.said == "scam"
    }

    pub fn correct(&self) -> bool {
        self.truth == self.said
    }
}

/// A string of a saved answer, borrowed from the line it was read from when it can be (no
/// escapes), owned when not: what `String` accepts, without a copy per field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name<'a>(pub Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Name<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Name<'a>, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v)))
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Name<'de>, E> {
                let s = std::str::from_utf8(v).map_err(|_| E::invalid_value(serde::de::Unexpected::Bytes(v), &self))?;
                Ok(Name(Cow::Owned(s.to_string())))
            }
        }
        d.deserialize_string(V)
    }
}

impl std::ops::Deref for Name<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// One saved answer as the log is read into a summary: [`AnswerRecord`] field for field (same
/// names, types and defaults, so a line reads as one exactly when it reads as the other), its
/// strings borrowed from the line. Reading 100 000 answers then allocates next to nothing.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AnswerView<'a> {
    #[serde(default)]
    pub time: u64,
    #[serde(borrow)]
    pub round: Name<'a>,
    #[serde(borrow)]
    pub scenario: Name<'a>,
    #[serde(borrow)]
    pub category: Name<'a>,
    #[serde(borrow)]
    pub truth: Name<'a>,
    #[serde(borrow)]
    pub said: Name<'a>,
    #[serde(default, borrow)]
    pub confidence: Option<Name<'a>>,
    #[serde(default)]
    pub difficulty: Option<u8>,
    #[serde(default, borrow)]
    pub flags_found: Vec<Name<'a>>,
    #[serde(default, borrow)]
    pub flags_missed: Vec<Name<'a>>,
    #[serde(default)]
    pub false_marks: u32,
    #[serde(default)]
    pub spotted: bool,
    #[serde(default)]
    pub question: Option<bool>,
    #[serde(default)]
    pub choice: Option<u32>,
}

impl<'a> AnswerView<'a> {
    /// The view of a record in memory (its strings borrowed).
    pub fn of(r: &'a AnswerRecord) -> AnswerView<'a> {
        let name = |s: &'a String| Name(Cow::Borrowed(s.as_str()));
        AnswerView {
            time: r.time,
            round: name(&r.round),
            scenario: name(&r.scenario),
            category: name(&r.category),
            truth: name(&r.truth),
            said: name(&r.said),
            confidence: r.confidence.as_ref().map(name),
            difficulty: r.difficulty,
            flags_found: r.flags_found.iter().map(name).collect(),
            flags_missed: r.flags_missed.iter().map(name).collect(),
            false_marks: r.false_marks,
            spotted: r.spotted,
            question: r.question,
            choice: r.choice,
        }
    }

    /// The same view owning its strings (a line read from a copy made for it: one that was
    /// not UTF-8, its bad bytes replaced).
    pub fn into_owned(self) -> AnswerView<'static> {
        let own = |n: Name<'_>| Name(Cow::Owned(n.0.into_owned()));
        AnswerView {
            time: self.time,
            round: own(self.round),
            scenario: own(self.scenario),
            category: own(self.category),
            truth: own(self.truth),
            said: own(self.said),
            confidence: self.confidence.map(own),
            difficulty: self.difficulty,
            flags_found: self.flags_found.into_iter().map(own).collect(),
            flags_missed: self.flags_missed.into_iter().map(own).collect(),
            false_marks: self.false_marks,
            spotted: self.spotted,
            question: self.question,
            choice: self.choice,
        }
    }

    pub fn is_scam(&self) -> bool {
        &*self.truth == "scam"
    }

    pub fn said_scam(&self) -> bool {
        &*self.said == "scam"
    }

    pub fn correct(&self) -> bool {
        self.truth == self.said
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_written_before_the_choice_was_kept_still_read() {
        let old =
            r#"{"time":1,"round":"1-1","scenario":"a","category":"toll","truth":"scam","said":"scam","question":true}"#;
        let r: AnswerRecord = serde_json::from_str(old).unwrap();
        assert_eq!((r.question, r.choice), (Some(true), None));
        let mut new = r.clone();
        new.choice = Some(3);
        let line = serde_json::to_string(&new).unwrap();
        assert!(line.contains(r#""choice":3"#), "{line}");
        assert_eq!(serde_json::from_str::<AnswerRecord>(&line).unwrap(), new);
        assert!(!serde_json::to_string(&r).unwrap().contains("choice"), "absent when there was none");
    }

    #[test]
    fn a_line_reads_as_a_view_exactly_when_it_reads_as_a_record() {
        let lines = [
            r#"{"time":1,"round":"1-1","scenario":"a","category":"toll","truth":"scam","said":"scam","question":true}"#,
            r#"{"round":"r","scenario":"a\u001b]x","category":"t","truth":"legit","said":"scam","confidence":"sure","flags_found":["sender"],"flags_missed":["x\n"],"choice":2}"#,
            r#"{"round":"r","scenario":"a","category":"t","truth":"legit"}"#,
            r#"{"round":"r","scenario":3,"category":"t","truth":"legit","said":"scam"}"#,
            r#"{"round":"r","scenario":"a","category":"t","truth":"legit","said":"scam","difficulty":300}"#,
            r#"{"round":"r","scenario":"a","category":"t","truth":"legit","said":"scam","flags_found":"sender"}"#,
            r#"{"round":"r","round":"s","scenario":"a","category":"t","truth":"legit","said":"scam"}"#,
            r#"["r","r2"]"#,
            r#"{"round":"r","scenario":"a","category":"t","truth":"legit","said":"scam","extra":[1,{"a":2}]}"#,
        ];
        for line in lines {
            let record = serde_json::from_str::<AnswerRecord>(line);
            let view = serde_json::from_str::<AnswerView>(line);
            assert_eq!(record.is_ok(), view.is_ok(), "{line}");
            if let (Ok(r), Ok(v)) = (record, view) {
                assert_eq!(AnswerView::of(&r), v, "{line}");
            }
        }
    }
}
