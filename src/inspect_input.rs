//! The text given to `smishdrill inspect`: read with a bound, made valid UTF-8, its line
//! endings made as a phone shows them. Shared by the command (standard input) and the paste
//! box (`inspect_app`), so both inspect exactly the same text.

use std::io::Read;

/// The most of a text that is read. A text message is at most a few kilobytes; more is cut
/// (and said so) so that a runaway paste cannot stall the program.
pub const MAX_INPUT: usize = 64 * 1024;

/// A text read from a source, and what the reader should know about how it was read.
#[derive(Debug, Default, PartialEq)]
pub struct Input {
    pub text: String,
    pub notices: Vec<String>,
}

/// Reads up to [`MAX_INPUT`] bytes: invalid UTF-8 is replaced (and said so), Windows line
/// endings become plain ones, and more than the limit is cut at a character boundary.
pub fn read_input(mut reader: impl Read) -> std::io::Result<Input> {
    let mut bytes = Vec::new();
    reader.by_ref().take(MAX_INPUT as u64 + 1).read_to_end(&mut bytes)?;
    let mut notices = Vec::new();
    let cut = bytes.len() > MAX_INPUT;
    if cut {
        bytes.truncate(MAX_INPUT);
        // A cut in the middle of a character is not the text's fault: drop the partial one.
        if let Err(e) = std::str::from_utf8(&bytes)
            && e.error_len().is_none()
        {
            bytes.truncate(e.valid_up_to());
        }
        // Drain the rest so a writer into a pipe is not stopped by a broken pipe.
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            notices.push("The text is not valid UTF-8; unreadable bytes are shown as \u{FFFD}.".to_string());
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    if cut {
        notices.push(format!("Only the first {} KiB of the text were read.", MAX_INPUT / 1024));
    }
    Ok(Input { text: normalise(&text), notices })
}

/// Line endings as a phone shows them, without blank lines around the text.
pub fn normalise(text: &str) -> String {
    normalise_keep(text).trim_matches('\n').to_string()
}

/// Line endings as a phone shows them (a terminal's paste sends `\r` for a new line).
pub fn normalise_keep(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}
