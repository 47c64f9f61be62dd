//! The habits of a well-kept command line: completions, a man page, `--version` with the
//! commit, per-subcommand help, and the config file's precedence as `smishdrill config` shows.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_smishdrill");

/// Runs smishdrill with no config but `config` (if given) and the extra environment.
fn run(args: &[&str], env: &[(&str, &str)], home: &Path) -> (i32, String, String) {
    let mut c = Command::new(BIN);
    c.args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("share"))
        .env("HOME", home)
        .env("USER", "tester");
    for var in [
        "SMISHDRILL_CONFIG",
        "SMISHDRILL_PROFILE",
        "SMISHDRILL_THEME",
        "SMISHDRILL_DATA_DIR",
        "SMISHDRILL_DECK",
        "SMISHDRILL_LANGUAGE",
    ] {
        c.env_remove(var);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn home(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("smishdrill-habits-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("config/smishdrill")).unwrap();
    dir
}

#[test]
fn completions_generate_for_every_shell_and_know_the_subcommands() {
    let h = home("completions");
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (code, out, err) = run(&["completions", shell], &[], &h);
        assert_eq!(code, 0, "{shell}: {err}");
        for sub in ["exam", "report", "send", "config", "completions"] {
            assert!(out.contains(sub), "{shell} completion lacks {sub}");
        }
        assert!(out.contains("dry-run"), "{shell} completion lacks send's options");
    }
    let (code, _, err) = run(&["completions", "tcsh"], &[], &h);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'tcsh'"), "{err}");
}

#[test]
fn the_man_page_generates_as_roff() {
    let (code, out, err) = run(&["man"], &[], &home("man"));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(".ie \\n(.g .ds Aq") || out.contains(".TH smishdrill"), "{}", &out[..200.min(out.len())]);
    assert!(out.contains(".TH smishdrill"));
    assert!(out.contains("smishdrill\\-send") || out.contains("send"), "subcommands listed");
    assert!(out.contains("SMS phishing"));
}

#[test]
fn the_version_names_the_commit_it_was_built_from() {
    let (code, out, _) = run(&["--version"], &[], &home("version"));
    assert_eq!(code, 0);
    let out = out.trim();
    assert!(out.starts_with(&format!("smishdrill {} (commit ", env!("CARGO_PKG_VERSION"))), "{out}");
    let commit = out.rsplit("(commit ").next().unwrap().trim_end_matches(')');
    assert!(commit == "unknown" || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())), "{out}");
}

#[test]
fn each_subcommand_lists_only_its_own_options() {
    let h = home("help");
    let help = |sub: &str| run(&[sub, "--help"], &[], &h).1;
    let report = help("report");
    for absent in ["--count", "--category", "--seed", "--no-spot", "--theme", "--plain", "--scenarios", "--profile"] {
        assert!(!report.contains(absent), "report --help lists {absent}:\n{report}");
    }
    assert!(report.contains("--data-dir") && report.contains("--format"));
    let exam = help("exam");
    assert!(!exam.contains("--count") && !exam.contains("--category"), "{exam}");
    for sub in ["exam", "present"] {
        let text = help(sub);
        let deck = text.lines().find(|l| l.trim_start().starts_with("--deck")).unwrap();
        assert!(deck.contains("deck"), "--deck has help text: {deck}");
        assert!(deck.trim_end().len() > "--deck <NAME|FILE>".len() + 10, "blank help for {sub} --deck: {deck}");
    }
    let present = help("present");
    assert!(!present.contains("--no-spot") && !present.contains("--profile"), "{present}");
    let send = help("send");
    assert!(send.contains("--dry-run") && send.contains("--answers") && !send.contains("--seed"), "{send}");
    let list = help("list");
    assert!(!list.contains("--count") && !list.contains("--data-dir"), "{list}");
    let practice = help("practice");
    assert!(practice.contains("--count") && practice.contains("--category"), "{practice}");
}

#[test]
fn the_command_line_beats_the_environment_beats_the_config_file_beats_the_default() {
    let h = home("precedence");
    let file = h.join("config/smishdrill/config.toml");
    std::fs::write(&file, "profile = \"from-file\"\ntheme = \"mono\"\ndeck = \"quick-10\"\nlanguage = \"fr-FR\"\n")
        .unwrap();
    let shown = file.display().to_string();
    let row = |out: &str, name: &str| {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} in {out}"))
            .to_string()
    };
    let (code, out, err) = run(&["config"], &[], &h);
    assert_eq!(code, 0, "{err}");
    assert!(row(&out, "config").contains(&shown), "{out}");
    assert!(
        row(&out, "profile").contains("from-file") && row(&out, "profile").contains(&format!("{shown}:1:11")),
        "{out}"
    );
    assert!(row(&out, "theme").contains("mono"), "{out}");
    assert!(row(&out, "language").contains("fr-FR"), "{out}");
    assert!(row(&out, "xapi.actor").contains("auto") && row(&out, "xapi.actor").contains("built-in"), "{out}");

    let env = [("SMISHDRILL_PROFILE", "from-env"), ("SMISHDRILL_THEME", "high-contrast")];
    let (_, out, _) = run(&["config"], &env, &h);
    assert!(
        row(&out, "profile").contains("from-env") && row(&out, "profile").contains("environment SMISHDRILL_PROFILE")
    );
    assert!(row(&out, "theme").contains("high-contrast"), "{out}");

    let (_, out, _) = run(&["config", "--profile", "from-cli"], &env, &h);
    assert!(row(&out, "profile").contains("from-cli") && row(&out, "profile").contains("command line"), "{out}");
    assert!(row(&out, "theme").contains("environment SMISHDRILL_THEME"), "{out}");

    // Nothing anywhere: the built-in values.
    std::fs::remove_file(&file).unwrap();
    let (_, out, _) = run(&["config"], &[], &h);
    assert!(row(&out, "profile").contains("tester") && row(&out, "profile").contains("built-in"), "{out}");
    assert!(row(&out, "language").contains("en-US"), "{out}");
}

#[test]
fn the_config_files_deck_and_data_folder_are_used_by_the_commands() {
    let h = home("wired");
    let data = h.join("records");
    let file = h.join("config/smishdrill/config.toml");
    std::fs::write(&file, format!("deck = \"quick-10\"\ndata_dir = \"{}\"\n", data.display())).unwrap();
    let mut input = String::from("\n");
    for _ in 0..40 {
        input.push_str("s\n\n1\n\n");
    }
    let mut child = Command::new(BIN)
        .args(["exam", "--plain", "--seed", "3", "--learner", "ada"])
        .env("XDG_CONFIG_HOME", h.join("config"))
        .env_remove("SMISHDRILL_CONFIG")
        .env_remove("SMISHDRILL_DATA_DIR")
        .env_remove("SMISHDRILL_DECK")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), input.as_bytes()).unwrap();
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let records = std::fs::read_to_string(data.join("completions.jsonl")).unwrap();
    assert!(records.contains("\"deck\":\"quick-10\""), "{records}");
    let (code, out, _) = run(&["report"], &[], &h);
    assert_eq!(code, 0);
    assert!(out.contains("quick-10") && out.contains("1 attempt(s)"), "{out}");
}

#[test]
fn an_unknown_key_or_a_bad_value_is_a_located_error_not_ignored() {
    let h = home("errors");
    let file = h.join("config/smishdrill/config.toml");
    let shown = file.display().to_string();
    std::fs::write(&file, "profil = \"ada\"\n").unwrap();
    let (code, _, err) = run(&["list"], &[], &h);
    assert_eq!(code, 2);
    assert!(err.contains(&format!("{shown}:1:1: unknown field `profil`")), "{err}");
    std::fs::write(&file, "theme = \"purple\"\n").unwrap();
    let (code, _, err) = run(&["config"], &[], &h);
    assert_eq!(code, 2);
    assert!(err.contains(&format!("{shown}:1:9: unknown theme `purple`")), "{err}");
    std::fs::remove_file(&file).unwrap();
    let (code, _, err) = run(&["config"], &[("SMISHDRILL_THEME", "purple")], &h);
    assert_eq!(code, 2);
    assert!(err.contains("SMISHDRILL_THEME: unknown theme `purple`"), "{err}");
    let (code, _, err) = run(&["--config", "/nonexistent/smishdrill.toml", "config"], &[], &h);
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/smishdrill.toml: cannot read the config file"), "{err}");
}
