//! One answered scenario as saved to the learner's progress: enough to compute every score
//! later (verdict, confidence, flags found and missed by kind, false marks, the follow-up).
//! Names, not enum numbers, are stored so files stay readable and survive new kinds.

use serde::{Deserialize, Serialize};

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
}
