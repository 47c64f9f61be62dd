//! Scenario text is untrusted: a file from a colleague or the internet could carry terminal
//! escape sequences (which would let it rewrite the screen, set the clipboard or plant a
//! clickable link) or invisible characters that make a message read differently from what it
//! is. The checker rejects such characters; the display path replaces any that slip through
//! with a visible marker, so nothing raw ever reaches the terminal.

use std::borrow::Cow;

/// Why a character may not appear in scenario text, or `None` if it may. A newline is allowed
/// (messages have lines); everything else that moves the cursor, starts an escape sequence,
/// reorders text or hides itself is not.
pub fn forbidden_reason(c: char) -> Option<&'static str> {
    match c {
        '\n' => None,
        '\u{1b}' => Some("an escape character (ESC), which starts terminal control sequences"),
        '\t' => Some("a tab; use spaces"),
        '\r' => Some("a carriage return"),
        c if c.is_control() => Some("a control character"),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' => {
            Some("a bidirectional-text control, which can make text display in a different order than it is stored")
        }
        '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}' => {
            Some("an invisible character")
        }
        _ => None,
    }
}

/// The visible stand-in drawn for a forbidden character.
pub fn marker_for(c: char) -> char {
    match c {
        // Control Pictures block: ␀ … ␟ for C0, ␡ for DEL.
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
        '\u{7f}' => '␡',
        _ => '�',
    }
}

/// Text safe to hand to the terminal: forbidden characters replaced by visible markers.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| forbidden_reason(c).is_some()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if forbidden_reason(c).is_some() { marker_for(c) } else { c }).collect())
}

/// Like [`sanitize`], for a single-line field: newlines become spaces too.
pub fn sanitize_line(s: &str) -> String {
    sanitize(s).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escape_sequences_become_visible_markers() {
        let hostile = "pay \u{1b}]8;;http://x\u{7}here\u{1b}]8;;\u{7} now";
        let safe = sanitize(hostile);
        assert!(!safe.contains('\u{1b}'));
        assert!(!safe.contains('\u{7}'));
        assert!(safe.contains('␛'));
        assert!(safe.contains('␇'));
    }

    #[test]
    fn bidi_overrides_and_zero_width_are_replaced() {
        let s = sanitize("usps\u{202E}moc.\u{200B}x");
        assert_eq!(s, "usps�moc.�x");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        assert!(matches!(sanitize("Hello, café ☕\nbye"), Cow::Borrowed(_)));
    }

    #[test]
    fn c1_controls_are_forbidden() {
        assert!(forbidden_reason('\u{9b}').is_some()); // CSI
        assert!(forbidden_reason('é').is_none());
    }

    proptest! {
        #[test]
        fn sanitized_text_has_no_forbidden_character(s in any::<String>()) {
            let out = sanitize(&s);
            prop_assert!(out.chars().all(|c| forbidden_reason(c).is_none()));
        }
    }
}
