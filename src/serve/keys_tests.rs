use super::*;
use proptest::prelude::*;

fn keys(bytes: &[u8]) -> Vec<Input> {
    let mut p = KeyParser::new();
    let mut out = p.feed(bytes);
    out.extend(p.flush());
    out
}

fn k(key: Key) -> Input {
    Input::Key(key)
}

#[test]
fn printable_text_and_utf8_are_characters() {
    assert_eq!(keys(b"s1"), [k(Key::Char('s')), k(Key::Char('1'))]);
    assert_eq!(keys("é€😀".as_bytes()), [k(Key::Char('é')), k(Key::Char('€')), k(Key::Char('😀'))]);
}

#[test]
fn enter_is_one_key_for_cr_lf_and_crlf() {
    assert_eq!(keys(b"\r"), [k(Key::Enter)]);
    assert_eq!(keys(b"\n"), [k(Key::Enter)]);
    assert_eq!(keys(b"\r\n"), [k(Key::Enter)]);
    assert_eq!(keys(b"\r\r"), [k(Key::Enter), k(Key::Enter)]);
    let mut p = KeyParser::new();
    let mut out = p.feed(b"\r");
    out.extend(p.feed(b"\n"));
    assert_eq!(out, [k(Key::Enter)], "CRLF split across two packets is still one Enter");
}

#[test]
fn esc_alone_waits_for_a_pause_and_sequences_are_keys() {
    let mut p = KeyParser::new();
    assert_eq!(p.feed(b"\x1b"), []);
    assert!(p.pending());
    assert_eq!(p.flush(), [k(Key::Esc)]);
    assert_eq!(keys(b"\x1b[A\x1b[B\x1b[C\x1b[D"), [k(Key::Up), k(Key::Down), k(Key::Right), k(Key::Left)]);
    assert_eq!(keys(b"\x1bOA\x1bOD\x1bOH\x1bOF"), [k(Key::Up), k(Key::Left), k(Key::Home), k(Key::End)]);
    assert_eq!(keys(b"\x1b[H\x1b[F\x1b[1~\x1b[4~"), [k(Key::Home), k(Key::End), k(Key::Home), k(Key::End)]);
    assert_eq!(keys(b"\x1b[5~\x1b[6~\x1b[Z"), [k(Key::PageUp), k(Key::PageDown), k(Key::BackTab)]);
    assert_eq!(keys(b"\x1bOP\x1bOS\x1b[11~\x1b[14~"), [k(Key::F(1)), k(Key::F(4)), k(Key::F(1)), k(Key::F(4))]);
    assert_eq!(keys(b"\x1b[1;5A"), [k(Key::Up)], "modifiers are ignored");
    assert_eq!(keys(b"\x1b\x1b"), [k(Key::Esc), k(Key::Esc)]);
    assert_eq!(keys(b"\x1bq"), [k(Key::Esc), k(Key::Char('q'))], "Alt-q: Esc then q");
}

#[test]
fn control_keys_backspace_and_tab() {
    assert_eq!(keys(b"\x03\x7f\x08\t"), [k(Key::Ctrl('c')), k(Key::Backspace), k(Key::Backspace), k(Key::Tab)]);
    assert_eq!(keys(b"\x00\x1c\x1f"), [], "NUL and other controls are no key");
}

#[test]
fn invalid_bytes_and_garbage_sequences_are_dropped() {
    assert_eq!(keys(b"\xff\xfe\x80s"), [k(Key::Char('s'))]);
    assert_eq!(keys(b"\xc3s"), [k(Key::Char('s'))], "a broken character, then a key");
    assert_eq!(keys(b"\x1b[99~\x1b[?1000h"), []);
    let long = [b"\x1b[".as_slice(), &[b'1'; 100], b"Ax"].concat();
    assert_eq!(keys(&long), [k(Key::Char('x'))], "an overlong sequence is dropped whole");
    assert_eq!(keys("\u{202e}\u{200b}".as_bytes()), [], "bidi and invisible characters are no key");
}

#[test]
fn bracketed_paste_is_one_input_and_bounded() {
    let pasted = Input::Paste(crate::text_safety::sanitize("s\rl").into_owned());
    assert_eq!(keys(b"\x1b[200~s\rl\x1b[201~q"), [pasted, k(Key::Char('q'))], "pasted keys answer nothing");
    let big = [b"\x1b[200~".as_slice(), &vec![b'a'; 1_000_000], b"\x1b[201~"].concat();
    match keys(&big).as_slice() {
        [Input::Paste(text)] => assert_eq!(text.len(), MAX_PASTE),
        other => panic!("one bounded paste, got {} inputs", other.len()),
    }
    let escaped = keys(b"\x1b[200~\x1b]0;title\x07\x1b[201~");
    match escaped.as_slice() {
        [Input::Paste(text)] => assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(keys(b"\x1b[200~ab\x1b\x1b[201~"), [Input::Paste("ab␛".into())]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_parse_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = keys(&bytes);
    }

    #[test]
    fn splitting_the_stream_anywhere_gives_the_same_inputs(
        bytes in proptest::collection::vec(
            prop_oneof![any::<u8>(), Just(0x1b), Just(b'['), Just(b'~'), Just(b'\r'), Just(b'\n'), Just(b'2'), Just(b'0')],
            0..200,
        ),
        cuts in proptest::collection::vec(0usize..200, 0..6),
    ) {
        let whole = keys(&bytes);
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
        cuts.sort_unstable();
        let mut p = KeyParser::new();
        let mut out = Vec::new();
        let mut from = 0;
        for cut in cuts {
            out.extend(p.feed(&bytes[from..cut]));
            from = cut;
        }
        out.extend(p.feed(&bytes[from..]));
        out.extend(p.flush());
        prop_assert_eq!(whole, out);
    }
}
