//! Embeds the scenario corpus and the bundled decks into the binary so that an installed
//! `smishdrill` works from any folder. Generates `$OUT_DIR/embedded_scenarios.rs` (a sorted slice
//! of (display path, contents)), `$OUT_DIR/baked_scenarios.rs` (the same files parsed here, at
//! build time, as code that builds each one's parsed form: see `baked.rs`) and
//! `$OUT_DIR/embedded_decks.rs` (a slice of (deck name, contents) sorted by name).
use std::fs;
use std::path::{Path, PathBuf};

#[path = "src/scenario/bake.rs"]
mod baked;
// The parsed form of a scenario file, shared with the crate, so what is parsed here is what
// the crate would have parsed.
#[allow(dead_code)]
#[path = "src/scenario/raw.rs"]
mod raw;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets this"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets this"));

    let scenarios = root.join("scenarios");
    println!("cargo:rerun-if-changed=scenarios");
    let mut files = Vec::new();
    collect(&scenarios, &mut files);
    files.sort();
    let mut code = String::from("&[\n");
    let mut baked = baked::Baker::default();
    for file in &files {
        let shown = file.strip_prefix(&root).unwrap_or(file).to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({shown:?}, include_str!({:?})),\n", file.to_string_lossy()));
        let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{shown}: cannot read: {e}"));
        baked.add(&shown, &text);
    }
    code.push_str("]\n");
    fs::write(out.join("embedded_scenarios.rs"), code).expect("write embedded scenario list");
    fs::write(out.join("baked_scenarios.rs"), baked.finish()).expect("write baked scenarios");

    // Decks: only the files directly in assets/decks, named by their stem.
    println!("cargo:rerun-if-changed=assets/decks");
    let mut decks: Vec<(String, PathBuf)> = fs::read_dir(root.join("assets/decks"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
                .filter_map(|p| Some((p.file_stem()?.to_string_lossy().into_owned(), p)))
                .collect()
        })
        .unwrap_or_default();
    decks.sort();
    let mut code = String::from("&[\n");
    for (name, file) in &decks {
        code.push_str(&format!("    ({name:?}, include_str!({:?})),\n", file.to_string_lossy()));
    }
    code.push_str("]\n");
    fs::write(out.join("embedded_decks.rs"), code).expect("write embedded deck list");
    embed_course(&root, &out);
    git_commit(&root);
}

/// `SMISHDRILL_GIT_COMMIT` for `--version`: the short hash of HEAD; `unknown` without git (a
/// crates.io download, a tarball).
fn git_commit(root: &Path) {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=SMISHDRILL_GIT_COMMIT={commit}");
    // Rebuild when HEAD moves: a commit, a checkout (git-path finds them in a worktree too).
    let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
    watched.extend(git(&["symbolic-ref", "-q", "HEAD"]));
    for name in watched {
        if let Some(path) = git(&["rev-parse", "--git-path", &name]) {
            println!("cargo:rerun-if-changed={}", root.join(path).display());
        }
    }
}
/// Every file of `assets/course/` (the course file and its lessons) as (file name, contents).
fn embed_course(root: &Path, out: &Path) {
    let dir = root.join("assets").join("course");
    println!("cargo:rerun-if-changed=assets/course");
    let mut files: Vec<PathBuf> =
        fs::read_dir(&dir).map(|d| d.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect()).unwrap_or_default();
    files.sort();
    let mut code = String::from("&[\n");
    for file in &files {
        let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        code.push_str(&format!("    ({name:?}, include_str!({:?})),\n", file.to_string_lossy()));
    }
    code.push_str("]\n");
    fs::write(out.join("embedded_course.rs"), code).expect("write embedded course list");
}
