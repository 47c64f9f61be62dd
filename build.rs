//! Embeds the scenario corpus and the bundled decks into the binary so that an installed
//! `smishdrill` works from any folder. Generates `$OUT_DIR/embedded_scenarios.rs` (a sorted slice
//! of (display path, contents)), `$OUT_DIR/baked_scenarios.rs` (the same files parsed here, at
//! build time, as code that builds each one's parsed form: see `baked.rs`) and
//! `$OUT_DIR/embedded_decks.rs` (a slice of (deck name, contents) sorted by name) and
//! `$OUT_DIR/english_catalogue.rs` (the English catalogue flattened: see `src/i18n/entries.rs`).
use std::fs;
use std::path::{Path, PathBuf};

#[path = "src/scenario/bake.rs"]
mod baked;
#[path = "src/i18n/entries.rs"]
mod entries;
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
    bake_english(&root, &out);
    git_commit(&root);
}

/// The English catalogue flattened here, so the binary starts without parsing TOML. A broken
/// catalogue fails the build with `path:line:col: what is wrong`.
fn bake_english(root: &Path, out: &Path) {
    let shown = "assets/locales/en.toml";
    println!("cargo:rerun-if-changed={shown}");
    let source = fs::read_to_string(root.join(shown)).unwrap_or_else(|e| panic!("{shown}: cannot read: {e}"));
    let table: toml::Table = toml::from_str(&source).unwrap_or_else(|e| {
        let at = e.span().map_or(0, |s| s.start).min(source.len());
        let before = &source[..at];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        panic!("{shown}:{line}:{col}: {}", e.message())
    });
    let mut flat = std::collections::HashMap::new();
    entries::flatten("", &table, &mut flat).unwrap_or_else(|why| panic!("{shown}: {why}"));
    let mut keys: Vec<&String> = flat.keys().collect();
    keys.sort();
    let (mut texts, mut plurals) = (String::from("&[\n"), String::from("&[\n"));
    for key in keys {
        match &flat[key] {
            entries::Entry::Text(t) => texts.push_str(&format!("    ({key:?}, {t:?}),\n")),
            entries::Entry::Plural(forms) => {
                let forms: Vec<String> = forms.iter().map(|(c, t)| format!("({c:?}, {t:?})")).collect();
                plurals.push_str(&format!("    ({key:?}, &[{}]),\n", forms.join(", ")));
            }
        }
    }
    let code = format!(
        "/// The texts of assets/locales/en.toml by key.\npub(super) static TEXTS: &[(&str, &str)] = {texts}];\n\
         /// Its plural entries: (key, [(category, text)]).\npub(super) static PLURALS: &[(&str, &[(&str, &str)])] = {plurals}];\n"
    );
    fs::write(out.join("english_catalogue.rs"), code).expect("write the English catalogue");
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
