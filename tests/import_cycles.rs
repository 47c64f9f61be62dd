//! No import cycles in `src/`: a module may name its own children (a parent re-exporting or
//! dispatching to what it contains), but otherwise the modules form a layered graph, so each
//! layer can be read, tested and replaced without the ones above it (ARCHITECTURE.md).
//!
//! The graph is read from the source: every `use` tree and every `crate::…`/`super::…` path
//! in each file, resolved to the deepest module it names. Test modules count too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module's path below the crate, e.g. `["scenario", "model"]`.
type Module = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file is, from its path (`mod.rs` is its folder; `lib.rs` the crate root).
/// Files included with `#[path]` (`foo_tests.rs` as `foo::tests`) are found by that attribute.
fn module_of(src: &Path, file: &Path, path_attrs: &BTreeMap<PathBuf, Module>) -> Option<Module> {
    if let Some(m) = path_attrs.get(file) {
        return Some(m.clone());
    }
    let rel = file.strip_prefix(src).ok()?;
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
    match parts.last().map(String::as_str) {
        Some("lib") if parts.len() == 1 => return Some(Vec::new()),
        Some("main") if parts.len() == 1 => return None, // the binary, a separate crate
        Some("mod") => {
            parts.pop();
        }
        _ => {}
    }
    Some(parts)
}

/// Strips comments and string literals, so paths in docs and messages are not read as imports.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if prev == '*' && c == '/' {
                        break;
                    }
                    prev = c;
                }
                out.push(' ');
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            // A char literal such as '"' must not open a string; lifetimes ('a) pass through.
            '\'' => {
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with("\\") || rest.chars().nth(1) == Some('\'') {
                    let mut escaped = false;
                    for c in chars.by_ref() {
                        if escaped {
                            escaped = false;
                        } else if c == '\\' {
                            escaped = true;
                        } else if c == '\'' {
                            break;
                        }
                    }
                    out.push_str("' '");
                } else {
                    out.push('\'');
                }
            }
            'r' if chars.peek() == Some(&'#') || chars.peek() == Some(&'"') => {
                // A raw string r"…" or r#"…"#.
                let mut hashes = 0;
                while chars.peek() == Some(&'#') {
                    chars.next();
                    hashes += 1;
                }
                if chars.peek() != Some(&'"') {
                    out.push('r');
                    out.extend(std::iter::repeat_n('#', hashes));
                    continue;
                }
                chars.next();
                let closing: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                let mut body = String::new();
                for c in chars.by_ref() {
                    body.push(c);
                    if body.ends_with(&closing) {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every path a file names: expanded `use` trees, and inline `crate::`/`super::` paths.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let bytes = code.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let at_word = i == 0 || !is_ident(bytes[i - 1]);
        if at_word && code[i..].starts_with("use ") {
            let end = code[i..].find(';').map_or(code.len(), |e| i + e);
            expand_use(code[i + 4..end].trim(), &mut Vec::new(), &mut paths);
            i = end;
            continue;
        }
        if at_word && (code[i..].starts_with("crate::") || code[i..].starts_with("super::")) {
            let mut end = i;
            while end < bytes.len() && (is_ident(bytes[end]) || code[end..].starts_with("::")) {
                end += if code[end..].starts_with("::") { 2 } else { 1 };
            }
            paths.push(code[i..end].split("::").filter(|s| !s.is_empty()).map(str::to_string).collect());
            i = end;
            continue;
        }
        i += 1;
    }
    paths
}

/// `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand_use(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head: Vec<String> =
            tree[..open].split("::").map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
        let close = tree.rfind('}').unwrap_or(tree.len());
        let inner = &tree[open + 1..close];
        let depth = prefix.len();
        prefix.extend(head);
        let mut level = 0;
        let mut start = 0;
        for (j, c) in inner.char_indices() {
            match c {
                '{' => level += 1,
                '}' => level -= 1,
                ',' if level == 0 => {
                    expand_use(&inner[start..j], prefix, out);
                    start = j + 1;
                }
                _ => {}
            }
        }
        expand_use(&inner[start..], prefix, out);
        prefix.truncate(depth);
    } else if !tree.is_empty() {
        let name = tree.split(" as ").next().unwrap_or(tree);
        let mut path = prefix.clone();
        path.extend(name.split("::").map(str::trim).filter(|s| !s.is_empty() && *s != "self").map(str::to_string));
        out.push(path);
    }
}

/// The module a path names, from inside `from`: the deepest known module it reaches. Paths to
/// other crates (std, ratatui, …) name none.
fn resolve(from: &Module, path: &[String], modules: &BTreeSet<Module>) -> Option<Module> {
    let mut at: Module;
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            at = Vec::new();
            rest = &rest[1..];
        }
        Some("super") => {
            at = from.clone();
            while rest.first().map(String::as_str) == Some("super") {
                at.pop()?;
                rest = &rest[1..];
            }
        }
        Some("self") => {
            at = from.clone();
            rest = &rest[1..];
        }
        Some(first) => {
            // A path relative to this module (`use model::Scenario` in a parent): a child.
            let mut child = from.clone();
            child.push(first.to_string());
            if !modules.contains(&child) {
                return None;
            }
            at = from.clone();
        }
        None => return None,
    }
    for segment in rest {
        let mut next = at.clone();
        next.push(segment.clone());
        if modules.contains(&next) {
            at = next;
        } else {
            break;
        }
    }
    Some(at)
}

fn starts_with(module: &Module, prefix: &Module) -> bool {
    module.len() >= prefix.len() && module[..prefix.len()] == prefix[..]
}

/// The import graph: module → modules it names (not itself, not its own descendants).
fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // `#[path = "x_tests.rs"] mod tests;` in `x.rs`: that file is `x::tests`.
    let mut path_attrs = BTreeMap::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let Some(module) = module_of(&src, file, &BTreeMap::new()) else { continue };
        let mut lines = text.lines().peekable();
        while let Some(line) = lines.next() {
            if let Some(rest) = line.trim().strip_prefix("#[path = \"") {
                let target = rest.trim_end_matches("\"]");
                let next = lines.peek().map(|l| l.trim().to_string()).unwrap_or_default();
                let name = next.trim_start_matches("pub ").trim_start_matches("mod ").trim_end_matches(';').to_string();
                // Relative to the file's folder (the attribute sits on a `mod` in a non-mod file).
                let dir = file.parent().unwrap().to_path_buf();
                let mut m = module.clone();
                m.push(name);
                path_attrs.insert(dir.join(target), m);
            }
        }
    }
    let mut modules = BTreeSet::new();
    let mut texts = Vec::new();
    for file in &files {
        if let Some(module) = module_of(&src, file, &path_attrs) {
            modules.insert(module.clone());
            texts.push((module, code_only(&std::fs::read_to_string(file).unwrap())));
        }
    }
    // Inline modules (`mod tests { … }`) are children of their file's module: a test module
    // may use the test fixtures that use the module it tests.
    let texts: Vec<(Module, String)> = texts.into_iter().flat_map(|(m, code)| split_inline(m, &code)).collect();
    for (module, _) in &texts {
        modules.insert(module.clone());
    }
    let mut graph: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, code) in texts {
        let edges = graph.entry(module.clone()).or_default();
        for path in paths_in(&code) {
            if let Some(target) = resolve(&module, &path, &modules)
                && !starts_with(&target, &module)
            {
                edges.insert(target);
            }
        }
    }
    graph
}

/// A file's code as its own module's and each inline `mod name { … }`'s, nested ones too.
fn split_inline(module: Module, code: &str) -> Vec<(Module, String)> {
    let bytes = code.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut own = String::new();
    let mut found = Vec::new();
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        if (i == 0 || !is_ident(bytes[i - 1])) && code[i..].starts_with("mod ") {
            let name_start = i + 4;
            let name_end = name_start + code[name_start..].bytes().take_while(|&b| is_ident(b)).count();
            let after = code[name_end..].trim_start();
            if name_end > name_start && after.starts_with('{') {
                let open = code.len() - after.len();
                let mut depth = 0;
                let mut close = code.len();
                for (j, b) in code[open..].bytes().enumerate() {
                    match b {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                close = open + j;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                own.push_str(&code[copied..i]);
                let mut child = module.clone();
                child.push(code[name_start..name_end].to_string());
                found.extend(split_inline(child, &code[open + 1..close]));
                i = (close + 1).min(code.len());
                copied = i;
                continue;
            }
        }
        i += 1;
    }
    own.push_str(&code[copied..]);
    let mut all = vec![(module, own)];
    all.extend(found);
    all
}

/// A cycle, if any, as the modules along it.
fn find_cycle(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &Module,
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        marks: &mut BTreeMap<Module, Mark>,
        stack: &mut Vec<Module>,
    ) -> Option<Vec<Module>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let from = stack.iter().position(|m| m == node).unwrap_or(0);
                let mut cycle = stack[from..].to_vec();
                cycle.push(node.clone());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.clone(), Mark::Open);
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

fn name(m: &Module) -> String {
    if m.is_empty() { "crate".to_string() } else { m.join("::") }
}

#[test]
fn there_is_no_import_cycle_in_src() {
    let graph = graph();
    assert!(graph.len() > 50, "the source was read: {} modules", graph.len());
    let mut all = Vec::new();
    let mut g = graph.clone();
    // Every cycle, one after another, so one run lists them all.
    while let Some(cycle) = find_cycle(&g) {
        all.push(cycle.iter().map(name).collect::<Vec<_>>().join(" → "));
        let (a, b) = (cycle[cycle.len() - 2].clone(), cycle[cycle.len() - 1].clone());
        g.get_mut(&a).unwrap().remove(&b);
    }
    assert!(all.is_empty(), "import cycles ({}):\n{}", all.len(), all.join("\n"));
}

#[test]
fn the_reader_finds_imports_and_ignores_strings_and_comments() {
    let code = code_only(
        "use crate::a::{b, c::{d as e, f}};\n// use crate::x;\nlet s = \"crate::y\";\ncrate::g::h();\nlet c = '\"';",
    );
    let paths = paths_in(&code);
    let shown: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(shown, ["crate::a::b", "crate::a::c::d", "crate::a::c::f", "crate::g::h"]);
    let modules: BTreeSet<Module> = [vec![], vec!["a".to_string()], vec!["a".to_string(), "c".to_string()]].into();
    let from = vec!["z".to_string()];
    assert_eq!(resolve(&from, &paths[1], &modules), Some(vec!["a".to_string(), "c".to_string()]));
    let mut g = BTreeMap::new();
    g.insert(vec!["p".to_string()], BTreeSet::from([vec!["q".to_string()]]));
    g.insert(vec!["q".to_string()], BTreeSet::from([vec!["p".to_string()]]));
    assert!(find_cycle(&g).is_some(), "a two-module loop is a cycle");
}

/// The layers of ARCHITECTURE.md: the domain, storage and app state never name the terminal
/// library or the drawing library (only the views, the runtime and the hosts do), so a front
/// end of another kind (a served session, a test) runs the same code.
#[test]
fn the_inner_layers_never_import_the_terminal_or_the_drawing_library() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let inner = [
        "app",
        "audit",
        "corpus",
        "course",
        "deck",
        "detect",
        "i18n",
        "learning",
        "report",
        "round.rs",
        "scenario",
        "source",
        "store",
        "text_safety",
        "text_ranges.rs",
        "inspect_app.rs",
        "inspect_input.rs",
    ];
    let mut checked = 0;
    for name in inner {
        let mut files = Vec::new();
        let path = src.join(name);
        if path.is_dir() {
            rust_files(&path, &mut files);
        } else {
            files.push(path);
        }
        for file in files {
            let code = code_only(&std::fs::read_to_string(&file).unwrap());
            for banned in ["crossterm", "ratatui"] {
                assert!(!code.contains(banned), "{} names {banned}", file.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 60, "the inner layers were read: {checked} files");
}
