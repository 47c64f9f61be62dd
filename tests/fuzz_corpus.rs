//! Every input the fuzzer kept (fuzz/corpus/scenario) and every crash it found
//! (fuzz/artifacts/scenario) stays a regression test: the checker must not panic on any.

use std::path::Path;

use smishdrill::scenario::parse_scenario;

fn inputs(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect()).unwrap_or_default()
}

#[test]
fn the_checker_survives_every_saved_fuzz_input() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = inputs(&root.join("corpus/scenario"));
    files.extend(inputs(&root.join("artifacts/scenario")));
    assert!(files.len() >= 100, "the seed corpus is missing ({} files)", files.len());
    for f in files {
        // A running fuzzer may replace files meanwhile; a vanished one is simply skipped.
        let Ok(bytes) = std::fs::read(&f) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        if let Err(problems) = parse_scenario(&f.display().to_string(), &text) {
            assert!(problems.iter().all(|p| p.at.line >= 1 && p.at.col >= 1), "{}", f.display());
        }
    }
}
