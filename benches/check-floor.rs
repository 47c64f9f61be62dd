//! The floor of `smishdrill check DIR` as a whole process (docs/performance.md, session 11):
//! read every `.toml` file under DIR, in name order, and parse each once into a `toml::Table`,
//! as the `check 10 000` bench's floor does in process. Compare instruction counts:
//!
//! ```sh
//! cargo build --release --example check-floor
//! valgrind --tool=callgrind target/release/examples/check-floor /tmp/sd-b1k
//! valgrind --tool=callgrind target/release/smishdrill check /tmp/sd-b1k
//! ```

use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("a folder").map(|e| e.expect("an entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: check-floor DIR");
    let mut files = Vec::new();
    walk(Path::new(&dir), &mut files);
    let mut keys = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("UTF-8 text");
        keys += std::hint::black_box(toml::from_str::<toml::Table>(&text).expect("valid TOML")).len();
    }
    println!("{} files parsed, {keys} top-level keys", files.len());
}
