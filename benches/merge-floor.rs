//! The floor of `smishdrill report --merge FILE...` as a whole process (docs/performance.md,
//! session 12): each file read whole into memory and parsed once by serde_json as a stream of
//! values, nothing built (`IgnoredAny`). The same floor for every shape the merge reads: the
//! export's array is one value, JSON Lines and pretty-printed records are one value each.
//!
//! ```sh
//! cargo build --release --example merge-floor
//! /usr/bin/time -f "%U %S %M" target/release/examples/merge-floor /tmp/h2-merge/class-100000.pretty.json
//! /usr/bin/time -f "%U %S %M" target/release/smishdrill report --merge /tmp/h2-merge/class-100000.pretty.json
//! ```
//!
//! Its peak memory is the file's size: it is a floor for time only.

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("a readable file");
        let mut values = 0;
        for value in serde_json::Deserializer::from_slice(&bytes).into_iter::<serde::de::IgnoredAny>() {
            value.expect("JSON values");
            values += 1;
        }
        println!("{path}: {values} values");
    }
}
