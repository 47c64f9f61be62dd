//! ISO 8601 times and durations, as xAPI and the exports need them. Hand-written on top of
//! `scenario::dates` (civil dates from days) because nothing else here needs a time library.

use crate::scenario::dates::Date;

const DAY: u64 = 86_400;

/// Seconds since 1970-01-01 UTC as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn timestamp(secs: u64) -> String {
    let (date, h, m, s) = split(secs);
    format!("{:04}-{:02}-{:02}T{h:02}:{m:02}:{s:02}Z", date.year, date.month, date.day)
}

/// The same instant for people: `YYYY-MM-DD HH:MM` (UTC), as the text table shows it.
pub fn minute(secs: u64) -> String {
    let (date, h, m, _) = split(secs);
    format!("{:04}-{:02}-{:02} {h:02}:{m:02}", date.year, date.month, date.day)
}

fn split(secs: u64) -> (Date, u64, u64, u64) {
    let date = Date::from_days((secs / DAY) as i64);
    let rest = secs % DAY;
    (date, rest / 3600, rest % 3600 / 60, rest % 60)
}

/// A number of seconds as an ISO 8601 duration: `PT0S`, `PT5M12S`, `PT1H2M5S`. Hours are not
/// folded into days: a day is not always 24 hours, so xAPI's examples keep to H, M and S.
pub fn duration(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if s > 0 || (h == 0 && m == 0) {
        out.push_str(&format!("{s}S"));
    }
    out
}

/// The same length for people: `45s`, `5m 12s`, `1h 02m`.
pub fn short_duration(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    match (h, m) {
        (0, 0) => format!("{s}s"),
        (0, _) => format!("{m}m {s:02}s"),
        _ => format!("{h}h {m:02}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00Z");
        // 2000-02-29 (a leap day in a century year divisible by 400), one second before midnight.
        assert_eq!(timestamp(11_016 * DAY + DAY - 1), "2000-02-29T23:59:59Z");
        assert_eq!(timestamp(11_017 * DAY), "2000-03-01T00:00:00Z");
        assert_eq!(timestamp(1_772_460_309), "2026-03-02T14:05:09Z");
        assert_eq!(minute(1_772_460_309), "2026-03-02 14:05");
    }

    #[test]
    fn durations() {
        assert_eq!(duration(0), "PT0S");
        assert_eq!(duration(59), "PT59S");
        assert_eq!(duration(60), "PT1M");
        assert_eq!(duration(312), "PT5M12S");
        assert_eq!(duration(3600), "PT1H");
        assert_eq!(duration(3725), "PT1H2M5S");
        assert_eq!(duration(90_000), "PT25H");
    }

    #[test]
    fn short_durations() {
        assert_eq!(short_duration(45), "45s");
        assert_eq!(short_duration(312), "5m 12s");
        assert_eq!(short_duration(3725), "1h 02m");
    }
}
