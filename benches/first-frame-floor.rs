//! The floor for `benches/first-frame.py`: what any full-screen terminal program must do before
//! its first frame is on screen — start, switch the terminal to raw mode and the alternate
//! screen, write one 80×24 frame (ending in the words the harness waits for), then wait for a
//! key and restore the terminal. No corpus, no state, no drawing library.
//!
//! `cargo build --release --example first-frame-floor`, then
//! `python3 benches/first-frame.py target/release/examples/first-frame-floor 30`.

use std::io::{Read, Write};

fn main() -> std::io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    let mut out = std::io::stdout().lock();
    crossterm::execute!(out, crossterm::terminal::EnterAlternateScreen)?;
    let mut frame = String::with_capacity(80 * 24 + 64);
    for row in 0..23 {
        frame.push_str(&format!("\x1b[{};1H{}", row + 1, ".".repeat(80)));
    }
    frame.push_str("\x1b[24;1H  [ s Scam ]   [ g Genuine ]");
    out.write_all(frame.as_bytes())?;
    out.flush()?;
    let mut key = [0u8; 1];
    let _ = std::io::stdin().read(&mut key);
    crossterm::execute!(out, crossterm::terminal::LeaveAlternateScreen)?;
    crossterm::terminal::disable_raw_mode()
}
