//! The one scan both quick JSON readers share (`store::answer_line` for the answers log,
//! `report::merge::quick` for exam records): where a JSON string's plain run ends.

/// Where the first `"`, `\\` or control character of `bytes` is: eight bytes at a time, with
/// the usual bit tricks (a byte's high bit is set in the mask exactly from the first byte that
/// matches; bytes after it may be set too, so only the lowest counts).
#[inline]
pub fn string_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x;
    let mut at = 0;
    while let Some(word) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let quote = zero_in(x ^ (ONES * u64::from(b'"')));
        let backslash = zero_in(x ^ (ONES * u64::from(b'\\')));
        let control = x.wrapping_sub(ONES * 0x20) & !x;
        let found = (quote | backslash | control) & HIGH;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).map(|i| at + i)
}
