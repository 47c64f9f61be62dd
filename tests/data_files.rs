//! The data files a company relies on, under hostile conditions: a kiosk where root repairs a
//! learner's damaged file, a full disk, continuous damage while a trainer starts, a records
//! file that cannot be written, and trainers started in the same second.

mod common;

use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{BIN, fresh_dir, run, run_with_input};

/// A one-message exam deck (spotting off) in `dir`.
fn one_message_deck(dir: &Path) -> PathBuf {
    let path = dir.join("one.deck.toml");
    std::fs::write(
        &path,
        "title = \"One\"\norder = \"fixed\"\nfeedback = \"end\"\npass_mark = 50\nspot = false\n\
         scenarios = [\"other-wrong-number\"]\n",
    )
    .unwrap();
    path
}

/// Plain-mode input that starts the exam, answers its message and quits.
const ANSWER_ONE: &str = "\ns\n1\n1\nq\n";

fn corrupt_copies(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect()
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Runs `smishdrill ARGS` as the user `nobody` (via setpriv) with `input` on stdin.
fn run_as_nobody(bin: &Path, args: &[&str], input: &str) -> (i32, String) {
    let mut child = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(bin)
        .args(args)
        .env("HOME", "/nonexistent")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run setpriv");
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// The kiosk: the learner's (nobody's) records are damaged; root runs `report`, which sets the
/// damage aside; the learner's next exam must still be recorded.
#[test]
fn root_repairing_a_learners_file_leaves_it_the_learners() {
    if !is_root() || Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!(
            "skipped: needs root and setpriv to act as another user (the mode is covered in src/learning/jsonl.rs)"
        );
        return;
    }
    let dir = fresh_dir("kiosk");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    // A copy of the binary and the deck where `nobody` can read them.
    let bin = dir.join("smishdrill");
    std::fs::copy(BIN, &bin).unwrap();
    let deck = one_message_deck(&dir);
    let data = dir.join("data");
    std::fs::create_dir(&data).unwrap();
    std::os::unix::fs::chown(&data, Some(65534), Some(65534)).unwrap();
    let data_arg = data.to_str().unwrap();

    let (code, out) =
        run_as_nobody(&bin, &["--data-dir", data_arg, "exam", "--deck", deck.to_str().unwrap()], ANSWER_ONE);
    assert_eq!(code, 0, "{out}");
    let records = data.join("completions.jsonl");
    std::fs::set_permissions(&records, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut file = std::fs::OpenOptions::new().append(true).open(&records).unwrap();
    file.write_all(b"{\"learner\": \"torn").unwrap();
    drop(file);

    let (code, _, err) = run(&["--data-dir", data_arg, "report"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 unreadable line in the exam records"), "{err}");
    for path in [records.clone(), corrupt_copies(&data).pop().expect("the original is kept")] {
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (65534, 65534), "{} is still the learner's", path.display());
        assert_eq!(meta.mode() & 0o777, 0o600, "{} keeps mode 0600", path.display());
    }

    let (code, out) =
        run_as_nobody(&bin, &["--data-dir", data_arg, "exam", "--deck", deck.to_str().unwrap()], ANSWER_ONE);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("not saved") && out.contains("recorded in"), "the next exam is recorded:\n{out}");
    assert_eq!(std::fs::read_to_string(&records).unwrap().lines().count(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

/// "recorded in …" only when the record really was written.
#[test]
fn a_record_that_could_not_be_saved_is_never_called_recorded() {
    if is_root() {
        // Root writes through a read-only mode; make the file immutable another way: a folder.
        let dir = fresh_dir("unrecorded-root");
        let deck = one_message_deck(&dir);
        let data = dir.join("data");
        std::fs::create_dir_all(data.join("completions.jsonl")).unwrap();
        let args = ["--data-dir", data.to_str().unwrap(), "exam", "--deck", deck.to_str().unwrap()];
        let (code, out, err) = run_with_input(&args, ANSWER_ONE);
        assert_eq!(code, 0, "{out}{err}");
        assert!(err.contains("not saved"), "{err}");
        assert!(!err.contains("recorded in") && err.contains("NOT recorded"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
    if !is_root() || Command::new("setpriv").arg("--version").output().is_ok() {
        // The read-only file of the issue, as an ordinary user.
        let dir = fresh_dir("unrecorded");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        let deck = one_message_deck(&dir);
        let data = dir.join("data");
        std::fs::create_dir(&data).unwrap();
        std::fs::write(data.join("completions.jsonl"), "").unwrap();
        std::fs::set_permissions(data.join("completions.jsonl"), std::fs::Permissions::from_mode(0o444)).unwrap();
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o777)).unwrap();
        let args = ["--data-dir", data.to_str().unwrap(), "exam", "--deck", deck.to_str().unwrap()];
        let (code, out) = if is_root() {
            let bin = dir.join("smishdrill");
            std::fs::copy(BIN, &bin).unwrap();
            run_as_nobody(&bin, &args, ANSWER_ONE)
        } else {
            let (code, out, err) = run_with_input(&args, ANSWER_ONE);
            (code, out + &err)
        };
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("not saved") && out.contains("Permission denied"), "{out}");
        assert!(!out.contains("recorded in") && out.contains("NOT recorded"), "{out}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// A tmpfs mounted for one test (root only), unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn new(name: &str) -> Option<Tmpfs> {
        let mount = std::env::temp_dir().join(format!("smishdrill-tmpfs-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&mount).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(&mount)
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            let _ = std::fs::remove_dir(&mount);
            return None;
        }
        Some(Tmpfs(mount))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_full_disk_leaves_no_empty_copy_and_the_records_still_load() {
    let Some(disk) = Tmpfs::new("full") else { return };
    let records = disk.0.join("completions.jsonl");
    let good = std::fs::read_to_string("tests/data/records/ada.json").unwrap();
    let first: Vec<serde_json::Value> = serde_json::from_str(&good).unwrap();
    let line = serde_json::to_string(&first[0]).unwrap();
    std::fs::write(&records, format!("{line}\nnot json\n")).unwrap();
    let mut filler = std::fs::File::create(disk.0.join("filler")).unwrap();
    while filler.write_all(&[b'x'; 4096]).is_ok() {}
    while filler.write_all(b"x").is_ok() {}
    drop(filler);
    let (code, out, err) = run(&["--data-dir", disk.0.to_str().unwrap(), "report"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 attempt(s)"), "the readable record is reported: {out}");
    assert!(err.contains("left as it is") && err.contains("No space left"), "{err}");
    assert_eq!(corrupt_copies(&disk.0), Vec::<PathBuf>::new(), "no empty or partial copy is left");
    assert!(std::fs::read_to_string(&records).unwrap().ends_with("not json\n"), "the original is untouched");
}

#[test]
fn a_trainer_starting_under_continuous_damage_still_saves() {
    let dir = fresh_dir("busy");
    let profile = dir.join("profiles").join("pat");
    std::fs::create_dir_all(&profile).unwrap();
    let answers = profile.join("answers.jsonl");
    std::fs::write(&answers, "damaged\n").unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (answers, stop) = (answers.clone(), std::sync::Arc::clone(&stop));
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let mut f = std::fs::OpenOptions::new().append(true).create(true).open(&answers).unwrap();
                let _ = f.write_all(b"more damage\n");
            }
        })
    };
    let args = ["--data-dir", dir.to_str().unwrap(), "--profile", "pat", "--seed", "5", "--count", "1", "--no-spot"];
    let (code, out, err) = run_with_input(&args, "s\n1\n1\n\nq\n");
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    writer.join().unwrap();
    assert_eq!(code, 0, "{out}{err}");
    for refusal in ["will not be saved", "could not be saved", "not saved"] {
        assert!(!out.contains(refusal) && !err.contains(refusal), "{refusal:?}:\n{out}\n{err}");
    }
    let saved = std::fs::read_to_string(&answers).unwrap();
    assert!(saved.lines().any(|l| l.contains("\"scenario\":")), "the answer was saved");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn trainers_started_in_the_same_second_never_share_a_round() {
    let dir = fresh_dir("rounds");
    let args = ["--data-dir", dir.to_str().unwrap(), "--profile", "kim", "--count", "1", "--no-spot", "--seed", "1"];
    let children: Vec<_> = (0..6)
        .map(|_| {
            let mut child = Command::new(BIN)
                .args(args)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let _ = child.stdin.take().unwrap().write_all(b"s\n1\n1\n\nq\n");
            child
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let text = std::fs::read_to_string(dir.join("profiles").join("kim").join("answers.jsonl")).unwrap();
    let rounds: std::collections::HashSet<String> = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["round"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(text.lines().count(), 6, "{text}");
    assert_eq!(rounds.len(), 6, "six trainers, six rounds: {rounds:?}");
    let (_, out, _) = run(&["--data-dir", dir.to_str().unwrap(), "--profile", "kim", "stats"]);
    assert!(out.contains("6 answers in 6 rounds"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// An instructor's folder: one scenario of their own (a copy of a built-in one under a new
/// id), and one that reuses a built-in id.
fn instructor_folder(name: &str) -> PathBuf {
    let dir = fresh_dir(name);
    let builtin = std::fs::read_to_string("scenarios/other/other-wrong-number.toml").unwrap();
    let own = builtin.replace("id = \"other-wrong-number\"", "id = \"acme-wrong-number\"");
    assert_ne!(own, builtin);
    std::fs::write(dir.join("acme-wrong-number.toml"), own).unwrap();
    std::fs::write(dir.join("dup.toml"), &builtin).unwrap();
    std::fs::write(
        dir.join("mixed.deck.toml"),
        "title = \"Mixed\"\norder = \"fixed\"\nfeedback = \"end\"\npass_mark = 50\nspot = false\n\
         scenarios = [\"postage-usps-out-for-delivery\", \"acme-wrong-number\"]\n",
    )
    .unwrap();
    dir
}

#[test]
fn scenarios_dir_adds_to_the_built_in_set_and_only_scenarios_replaces_it() {
    let dir = instructor_folder("scenarios-add");
    let data = dir.join("data");
    let folder = dir.to_str().unwrap();
    let deck = dir.join("mixed.deck.toml");
    let args = ["--data-dir", data.to_str().unwrap(), "--scenarios", folder, "exam", "--deck", deck.to_str().unwrap()];
    let (code, out, err) = run_with_input(&args, "\ns\n1\n1\nl\n1\n1\nq\n");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Message 2 of 2"), "a deck of a built-in id and the folder's own runs:\n{out}");
    assert!(err.contains("dup.toml") && err.contains("other-wrong-number"), "the reused id is reported: {err}");
    assert!(err.contains("recorded in"), "{err}");

    let (code, out, err) = run(&["--scenarios", folder, "list"]);
    assert_eq!(code, 1, "the reused id is a problem: {err}");
    assert!(err.contains("dup.toml:") && err.contains(": duplicate id `other-wrong-number`"), "{err}");
    assert!(out.contains("acme-wrong-number") && out.contains("postage-usps-out-for-delivery"), "{out}");
    std::fs::remove_file(dir.join("dup.toml")).unwrap();

    let (code, out, _) = run(&["--only-scenarios", folder, "list"]);
    assert_eq!(code, 0);
    assert!(out.contains("acme-wrong-number") && !out.contains("postage-usps-out-for-delivery"), "{out}");
    let only = ["--only-scenarios", folder, "exam", "--deck", deck.to_str().unwrap(), "--plain"];
    let (code, _, err) = run_with_input(&only, "");
    assert_eq!(code, 2, "the folder alone lacks the built-in id: {err}");

    let (_, help, _) = run(&["--help"]);
    assert!(help.contains("Add the scenarios in this folder to the built-in set"), "{help}");
    assert!(help.contains("--only-scenarios"), "{help}");
    let _ = std::fs::remove_dir_all(&dir);
}
