//! `smishdrill config` (the effective settings and their origins) and `smishdrill man`.

use crate::config::Settings;
use crate::text_safety::sanitize_line;

/// Prints one line per setting: name, value, where it came from.
pub fn show(settings: &Settings) -> u8 {
    let rows: Vec<Vec<String>> = settings
        .rows()
        .into_iter()
        .map(|(name, value, origin)| vec![name, sanitize_line(&value), format!("({})", sanitize_line(&origin))])
        .collect();
    let mut lines = crate::report::align(&rows, &[false, false, false]);
    if let Some(dir) = settings.data_dir.as_ref() {
        let waiting = crate::send::waiting(&dir.value);
        if waiting > 0 {
            lines.push(format!("{waiting} xAPI statement(s) wait in the outbox for `smishdrill send`"));
        }
    }
    super::print_lines(lines);
    0
}

/// Prints the manual page as roff.
pub fn man(command: clap::Command) -> u8 {
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(command).render(&mut out) {
        eprintln!("smishdrill: cannot render the manual page: {e}");
        return 1;
    }
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(&out).and_then(|()| stdout.flush());
    0
}
