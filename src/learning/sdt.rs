//! Signal-detection scores, as phishing-susceptibility research scores people (Canfield,
//! Fischhoff & Davis 2016; Martin, Dubé & Coovert 2018). A scam is the signal: a hit is a scam
//! called a scam, a false alarm a genuine message called a scam. Sensitivity d′ says how well
//! the learner tells the two apart; criterion c says which way they lean.

/// Counts of the four outcomes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Outcomes {
    pub hits: u32,
    pub misses: u32,
    pub false_alarms: u32,
    pub correct_rejections: u32,
}

impl Outcomes {
    pub fn scams(&self) -> u32 {
        self.hits + self.misses
    }

    pub fn genuine(&self) -> u32 {
        self.false_alarms + self.correct_rejections
    }

    pub fn total(&self) -> u32 {
        self.scams() + self.genuine()
    }

    pub fn correct(&self) -> u32 {
        self.hits + self.correct_rejections
    }

    /// The four counts, to be worded as the research reports them (the view words it).
    pub fn counts(&self) -> crate::i18n::Phrase {
        crate::i18n::Phrase::new("sdt.counts")
            .with("hits", self.hits)
            .with("misses", self.misses)
            .with("false_alarms", self.false_alarms)
            .with("correct_rejections", self.correct_rejections)
    }

    /// Adds one answer: was it a scam, and did the learner say scam?
    pub fn add(&mut self, is_scam: bool, said_scam: bool) {
        match (is_scam, said_scam) {
            (true, true) => self.hits += 1,
            (true, false) => self.misses += 1,
            (false, true) => self.false_alarms += 1,
            (false, false) => self.correct_rejections += 1,
        }
    }

    /// Hit and false-alarm rates with the log-linear correction (Hautus 1995): add 0.5 to each
    /// count and 1 to each total, so rates of 0 and 1 do not make z infinite.
    pub fn corrected_rates(&self) -> (f64, f64) {
        let h = (f64::from(self.hits) + 0.5) / (f64::from(self.scams()) + 1.0);
        let f = (f64::from(self.false_alarms) + 0.5) / (f64::from(self.genuine()) + 1.0);
        (h, f)
    }

    /// d′ and c, or `None` until the learner has seen at least one scam and one genuine message.
    pub fn scores(&self) -> Option<Scores> {
        if self.scams() == 0 || self.genuine() == 0 {
            return None;
        }
        let (h, f) = self.corrected_rates();
        Some(Scores::from_rates(h, f))
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scores {
    /// Sensitivity: z(H) − z(F). 0 is guessing; above 1 is good; above 2 is very good.
    pub d_prime: f64,
    /// Criterion: −(z(H) + z(F)) / 2. Above 0 leans to "genuine", below 0 to "scam".
    pub criterion: f64,
}

impl Scores {
    pub fn from_rates(h: f64, f: f64) -> Scores {
        let (zh, zf) = (inverse_normal(h), inverse_normal(f));
        Scores { d_prime: zh - zf, criterion: -(zh + zf) / 2.0 }
    }

    /// The lean in plain words: the catalogue key of the sentence that says it.
    pub fn lean(&self) -> &'static str {
        use crate::i18n::key;
        if self.criterion > 0.25 {
            key("sdt.lean_trusting")
        } else if self.criterion < -0.25 {
            key("sdt.lean_distrusting")
        } else {
            key("sdt.lean_neither")
        }
    }

    /// Sensitivity in plain words: the catalogue key of the sentence that says it.
    pub fn skill(&self) -> &'static str {
        use crate::i18n::key;
        match self.d_prime {
            d if d < 0.5 => key("sdt.skill_chance"),
            d if d < 1.5 => key("sdt.skill_fair"),
            d if d < 2.5 => key("sdt.skill_good"),
            _ => key("sdt.skill_very_good"),
        }
    }
}

/// The inverse of the standard normal CDF (Acklam's rational approximation, relative error
/// below 1.2e-9), for p in (0, 1).
pub fn inverse_normal(p: f64) -> f64 {
    const A: [f64; 6] = [
        -39.696_830_286_653_76,
        220.946_098_424_520_5,
        -275.928_510_446_968_7,
        138.357_751_867_269,
        -30.664_798_066_147_16,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -54.476_098_798_224_06,
        161.585_836_858_040_9,
        -155.698_979_859_886_6,
        66.801_311_887_719_72,
        -13.280_681_552_885_72,
    ];
    const C: [f64; 6] = [
        -0.007_784_894_002_430_293,
        -0.322_396_458_041_136_4,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] =
        [0.007_784_695_709_041_462, 0.322_467_129_070_039_8, 2.445_134_137_142_996, 3.754_408_661_907_416];
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.024_25 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.024_25 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() < tol
    }

    #[test]
    fn worked_values_from_the_teaching_notes() {
        let s = Scores::from_rates(0.8, 0.2);
        assert!(close(s.d_prime, 1.683, 0.001), "{s:?}");
        assert!(close(s.criterion, 0.0, 1e-9), "{s:?}");
        let s = Scores::from_rates(0.9, 0.3);
        assert!(close(s.d_prime, 1.806, 0.001), "{s:?}");
        assert!(close(s.criterion, -0.379, 0.001), "{s:?}");
    }

    #[test]
    fn inverse_normal_known_points() {
        assert!(close(inverse_normal(0.5), 0.0, 1e-9));
        assert!(close(inverse_normal(0.975), 1.959_964, 1e-5));
        assert!(close(inverse_normal(0.01), -2.326_348, 1e-5));
    }

    #[test]
    fn perfect_and_all_scam_answers_stay_finite() {
        let perfect = Outcomes { hits: 6, misses: 0, false_alarms: 0, correct_rejections: 4 };
        let s = perfect.scores().unwrap();
        assert!(s.d_prime.is_finite() && s.d_prime > 2.0, "{s:?}");
        // Calling everything a scam: no sensitivity, a strong lean to "scam".
        let always_scam = Outcomes { hits: 6, misses: 0, false_alarms: 4, correct_rejections: 0 };
        let s = always_scam.scores().unwrap();
        assert!(s.d_prime.abs() < 0.5, "{s:?}");
        assert!(s.criterion < -0.5, "{s:?}");
        assert!(crate::i18n::Locale::english().text(s.lean()).contains("distrust genuine"));
    }

    #[test]
    fn log_linear_correction() {
        let o = Outcomes { hits: 5, misses: 0, false_alarms: 0, correct_rejections: 5 };
        assert_eq!(o.corrected_rates(), (5.5 / 6.0, 0.5 / 6.0));
        assert!(Outcomes { hits: 3, ..Default::default() }.scores().is_none());
    }

    proptest! {
        #[test]
        fn inverse_normal_is_increasing_and_symmetric(p in 0.001f64..0.999) {
            prop_assert!(close(inverse_normal(p), -inverse_normal(1.0 - p), 1e-6));
            prop_assert!(inverse_normal(p + 0.0005) > inverse_normal(p));
        }
    }
}
