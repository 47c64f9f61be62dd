//! Calendar dates for `date` variables: days since 1970-01-01 to a civil date, and a small
//! strftime subset. Hand-written (Howard Hinnant's civil-from-days algorithm) because the
//! trainer needs nothing else from a date library.

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    /// 0 = Sunday.
    pub weekday: u32,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/// The format specifiers `format` may use, for the checker's message.
pub const SPECIFIERS: &str = "%a %A %b %B %d %e %m %-m %-d %y %Y %%";

impl Date {
    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        let weekday = (days + 4).rem_euclid(7) as u32;
        Date { year, month, day, weekday }
    }

    /// Today in UTC, as days since 1970-01-01.
    pub fn today_days() -> i64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| (d.as_secs() / 86_400) as i64)
    }

    /// Formats with a strftime subset; `None` names an unsupported specifier.
    pub fn format(&self, fmt: &str) -> Result<String, String> {
        let mut out = String::new();
        let mut chars = fmt.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let spec = match chars.next() {
                Some('-') => format!("-{}", chars.next().map(String::from).unwrap_or_default()),
                Some(s) => s.to_string(),
                None => return Err("%".to_string()),
            };
            let month = MONTHS[(self.month - 1) as usize];
            let weekday = WEEKDAYS[self.weekday as usize];
            match spec.as_str() {
                "a" => out.push_str(&weekday[..3]),
                "A" => out.push_str(weekday),
                "b" => out.push_str(&month[..3]),
                "B" => out.push_str(month),
                "d" => out.push_str(&format!("{:02}", self.day)),
                "-d" | "e" => out.push_str(&self.day.to_string()),
                "m" => out.push_str(&format!("{:02}", self.month)),
                "-m" => out.push_str(&self.month.to_string()),
                "y" => out.push_str(&format!("{:02}", self.year.rem_euclid(100))),
                "Y" => out.push_str(&self.year.to_string()),
                "%" => out.push('%'),
                other => return Err(format!("%{other}")),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(Date::from_days(0), Date { year: 1970, month: 1, day: 1, weekday: 4 });
        // 2026-11-25 is a Wednesday, 20_782 days after the epoch.
        assert_eq!(Date::from_days(20_782), Date { year: 2026, month: 11, day: 25, weekday: 3 });
        assert_eq!(Date::from_days(11_016), Date { year: 2000, month: 2, day: 29, weekday: 2 });
    }

    #[test]
    fn formats() {
        let d = Date::from_days(20_782);
        assert_eq!(d.format("%b %d").unwrap(), "Nov 25");
        assert_eq!(d.format("%A, %B %-d, %Y").unwrap(), "Wednesday, November 25, 2026");
        assert_eq!(d.format("%m/%d/%y").unwrap(), "11/25/26");
        assert_eq!(d.format("%Q"), Err("%Q".to_string()));
    }
}
