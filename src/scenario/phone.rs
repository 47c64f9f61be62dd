//! Finds North American phone numbers in text, so that the checker can insist scam scenarios
//! only use the range reserved for fiction (555-0100 to 555-0199) and never a real person's
//! number.

/// A phone-number-looking run of text: where it is and its digits.
#[derive(Debug, PartialEq, Eq)]
pub struct FoundNumber<'a> {
    pub text: &'a str,
    pub digits: String,
}

/// Runs of digits and phone punctuation that hold 10 digits, or 11 starting with 1 (optionally
/// after `+`). Numbers written with another country code (`+63 …`) are not North American.
pub fn north_american_numbers(text: &str) -> Vec<FoundNumber<'_>> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit() || bytes[i] == b'+' || bytes[i] == b'(';
        let after_word = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'/');
        if !starts || after_word {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len()
            && matches!(
                bytes[j],
                b'0'..=b'9' | b'+' | b'(' | b')' | b'-' | b'.' | b' '
            )
        {
            j += 1;
        }
        let run = text[i..j].trim_end_matches([' ', '-', '.', '(']);
        let digits: String = run.chars().filter(char::is_ascii_digit).collect();
        let foreign = run.starts_with('+') && !run.starts_with("+1");
        let nanp = digits.len() == 10 || (digits.len() == 11 && digits.starts_with('1'));
        if nanp && !foreign {
            let ten = digits[digits.len() - 10..].to_string();
            found.push(FoundNumber {
                text: run,
                digits: ten,
            });
        }
        i = j.max(i + 1);
    }
    found
}

/// True for 555-0100 … 555-0199 in any area code: the numbers set aside for fiction.
pub fn is_fictional(ten_digits: &str) -> bool {
    ten_digits.len() == 10
        && &ten_digits[3..6] == "555"
        && ten_digits[6..]
            .parse::<u32>()
            .is_ok_and(|n| (100..=199).contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(text: &str) -> Vec<String> {
        north_american_numbers(text)
            .into_iter()
            .map(|f| f.digits)
            .collect()
    }

    #[test]
    fn finds_common_us_formats() {
        assert_eq!(digits("call (212) 555-0147 now"), ["2125550147"]);
        assert_eq!(digits("from +1 305-555-0118."), ["3055550118"]);
        assert_eq!(digits("1-844-826-8400"), ["8448268400"]);
    }

    #[test]
    fn ignores_foreign_numbers_amounts_and_tracking_numbers() {
        assert!(digits("+63 917 555 0142").is_empty());
        assert!(digits("$12.51 by 11/26").is_empty());
        assert!(digits("USPS 9400 1000 0000 0000 0000 00").is_empty());
        assert!(digits("https://x.example/1234567890").is_empty());
    }

    #[test]
    fn fictional_range_is_555_0100_to_0199() {
        assert!(is_fictional("2125550100"));
        assert!(is_fictional("2125550199"));
        assert!(!is_fictional("2125550200"));
        assert!(!is_fictional("2125551234"));
    }
}
