//! Finds North American phone numbers in text, so that the checker can insist scam scenarios
//! only use the range reserved for fiction (555-0100 to 555-0199) and never a real person's
//! number.

/// A phone-number-looking piece of text and its ten digits.
#[derive(Debug, PartialEq, Eq)]
pub struct FoundNumber<'a> {
    pub text: &'a str,
    pub digits: String,
}

/// Reads `n` ASCII digits at `i`.
fn digits_at(b: &[u8], i: usize, n: usize) -> Option<usize> {
    (b.len() >= i + n && b[i..i + n].iter().all(u8::is_ascii_digit)).then_some(i + n)
}

/// An optional single separator: space, dash or dot.
fn separator(b: &[u8], i: usize) -> usize {
    if i < b.len() && matches!(b[i], b' ' | b'-' | b'.') { i + 1 } else { i }
}

/// Tries to read a North American number starting at `i`: `+1`/`1` prefix, then `(AAA)` or
/// `AAA`, then `EEE`, then `LLLL`, with single separators, and no digit right after.
fn nanp_at(b: &[u8], i: usize) -> Option<(usize, String)> {
    let mut j = i;
    if b[j..].starts_with(b"+1") {
        j = separator(b, j + 2);
    } else if b[j] == b'1' && j + 1 < b.len() && matches!(b[j + 1], b' ' | b'-' | b'.' | b'(') {
        j = separator(b, j + 1);
    }
    let area_start = j;
    let after_area = if b.get(j) == Some(&b'(') {
        let k = digits_at(b, j + 1, 3)?;
        (b.get(k) == Some(&b')')).then_some(k + 1)?
    } else {
        digits_at(b, j, 3)?
    };
    let area: String =
        b[area_start..after_area].iter().filter(|c| c.is_ascii_digit()).map(|&c| char::from(c)).collect();
    let k = separator(b, after_area);
    let k2 = digits_at(b, k, 3)?;
    let k3 = separator(b, k2);
    let end = digits_at(b, k3, 4)?;
    if b.get(end).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let digits = format!("{area}{}{}", std::str::from_utf8(&b[k..k2]).ok()?, std::str::from_utf8(&b[k3..end]).ok()?);
    Some((end, digits))
}

/// Skips a number written with another country code (`+63 917 555 0142`): the code, then
/// space- or dash-separated groups until it holds nine digits or more.
fn skip_foreign(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    let mut digits = 0;
    let mut groups = 0;
    while digits < 9 && groups < 5 && j < b.len() && matches!(b[j], b' ' | b'-') {
        let start = j + 1;
        let mut k = start;
        while k < b.len() && b[k].is_ascii_digit() {
            k += 1;
        }
        if k == start {
            break;
        }
        digits += k - start;
        groups += 1;
        j = k;
    }
    j
}

/// Every North American number in `text`. Numbers with another country code are skipped.
pub fn north_american_numbers(text: &str) -> Vec<FoundNumber<'_>> {
    if !may_hold_a_number(text.as_bytes()) {
        return Vec::new();
    }
    numbers_in(text)
}

/// Whether `b` has what every North American number has: ten digits, four of them in a row
/// (its line number). Most text has not (prices, times, `pay86`), checked per variant.
fn may_hold_a_number(b: &[u8]) -> bool {
    let (mut digits, mut run, mut longest) = (0, 0, 0);
    for c in b {
        if c.is_ascii_digit() {
            digits += 1;
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    digits >= 10 && longest >= 4
}

/// The numbers in `text`, read at every place one may start.
fn numbers_in(text: &str) -> Vec<FoundNumber<'_>> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let after_word = i > 0 && (b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'/' | b'#' | b'='));
        if after_word || !(b[i].is_ascii_digit() || b[i] == b'+' || b[i] == b'(') {
            i += 1;
            continue;
        }
        if b[i] == b'+' && !b[i..].starts_with(b"+1") {
            i = skip_foreign(b, i);
            continue;
        }
        if let Some((end, digits)) = nanp_at(b, i) {
            found.push(FoundNumber { text: &text[i..end], digits });
            i = end;
        } else {
            // Skip the rest of this run of digits so its tail is not read as a number.
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    found
}

/// True for 555-0100 … 555-0199 in any area code: the numbers set aside for fiction.
pub fn is_fictional(ten_digits: &str) -> bool {
    ten_digits.len() == 10
        && &ten_digits[3..6] == "555"
        && ten_digits[6..].parse::<u32>().is_ok_and(|n| (100..=199).contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn digits(text: &str) -> Vec<String> {
        north_american_numbers(text).into_iter().map(|f| f.digits).collect()
    }

    #[test]
    fn finds_common_us_formats() {
        assert_eq!(digits("call (212) 555-0147 now"), ["2125550147"]);
        assert_eq!(digits("from +1 305-555-0118."), ["3055550118"]);
        assert_eq!(digits("1-844-826-8400"), ["8448268400"]);
        assert_eq!(digits("+1 (305) 555-0118"), ["3055550118"]);
        assert_eq!(digits("2125550147"), ["2125550147"]);
    }

    #[test]
    fn ignores_foreign_numbers_amounts_and_tracking_numbers() {
        assert!(digits("+63 917 555 0142").is_empty());
        assert!(digits("+44 7700 900123").is_empty());
        assert!(digits("$12.51 by 11/26").is_empty());
        assert!(digits("USPS 9400 1000 0000 0000 0000 00").is_empty());
        assert!(digits("USPS 9400111202555842761093").is_empty());
        assert!(digits("https://x.example/1234567890").is_empty());
        assert!(digits("Conf # 123456789").is_empty());
    }

    #[test]
    fn a_number_right_after_a_foreign_one_is_still_found() {
        assert_eq!(digits("+63 917 555 0342 1-800-555-1234"), ["8005551234"]);
        assert_eq!(digits("+63 917 555 0342, or (212) 555-0100"), ["2125550100"]);
    }

    #[test]
    fn fictional_range_is_555_0100_to_0199() {
        assert!(is_fictional("2125550100"));
        assert!(is_fictional("2125550199"));
        assert!(!is_fictional("2125550200"));
        assert!(!is_fictional("2125551234"));
    }

    proptest! {
        #[test]
        fn never_panics_and_finds_ten_digits(s in "[0-9 ()+.-]{0,40}") {
            for f in north_american_numbers(&s) {
                prop_assert_eq!(f.digits.len(), 10);
            }
        }

        /// Text the quick test turns away holds no number when read in full.
        #[test]
        fn the_quick_test_turns_away_only_text_without_numbers(s in "([0-9]{1,5}|[ ()+.$/a-]{1,2}){0,16}") {
            if !may_hold_a_number(s.as_bytes()) {
                prop_assert!(numbers_in(&s).is_empty(), "{:?}", numbers_in(&s));
            }
            prop_assert_eq!(north_american_numbers(&s), numbers_in(&s));
        }
    }
}
