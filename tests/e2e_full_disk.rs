//! End-to-end: a full disk. The data folder sits on a tiny tmpfs filled to the last byte; the
//! trainer must say that progress cannot be saved, carry on, and print the reason on the way
//! out. Mounting needs root (CAP_SYS_ADMIN); elsewhere the test says so and passes, since the
//! same failure is covered at the store level with /dev/full (tests in src/learning).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Session, have_tmux};

/// A tmpfs mounted for one test, unmounted when dropped.
struct FullDisk {
    mount: PathBuf,
}

impl FullDisk {
    fn new(name: &str) -> Option<FullDisk> {
        let mount = std::env::temp_dir().join(format!("smishdrill-full-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&mount).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(&mount)
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(FullDisk { mount })
    }

    /// Creates `dirs` (so opening the stores works), then fills every remaining byte.
    fn fill(&self, dirs: &[&Path]) {
        for dir in dirs {
            std::fs::create_dir_all(self.mount.join(dir)).unwrap();
        }
        let mut filler = std::fs::File::create(self.mount.join("filler")).unwrap();
        let block = vec![b'x'; 4096];
        while std::io::Write::write_all(&mut filler, &block).is_ok() {}
        let _ = std::io::Write::write_all(&mut filler, b"x");
    }
}

impl Drop for FullDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.mount).status();
        let _ = std::fs::remove_dir_all(&self.mount);
    }
}

#[test]
fn a_full_disk_is_told_and_the_round_goes_on() {
    if !have_tmux() {
        return;
    }
    let Some(disk) = FullDisk::new("round") else { return };
    disk.fill(&[Path::new("profiles/tester")]);
    let data = disk.mount.to_str().unwrap().to_string();
    let t = Session::start(&["--data-dir", &data, "--profile", "tester", "--seed", "5", "--no-spot"], &[], 80, 24);
    t.wait_for("Message 1 of 10");
    t.keys(&["s"]);
    t.wait_for("How sure");
    t.keys(&["1"]);
    let after =
        t.wait_until("the reveal or the follow-up", |s| s.contains("One more question") || s.contains("Enter next"));
    if after.contains("One more question") {
        t.keys(&["1"]);
    }
    let reveal = t.wait_for("Enter next message");
    assert!(reveal.contains("could not be saved"), "the learner is told with the explanation:\n{reveal}");
    t.keys(&["Enter"]);
    t.wait_for("Message 2 of 10");
    t.keys(&["q"]);
    let end = t.wait_exit(0);
    assert!(end.contains("No space left on device"), "the reason is printed after the screen closes:\n{end}");
}

#[test]
fn an_exam_on_a_full_disk_says_its_result_was_not_recorded() {
    if !have_tmux() {
        return;
    }
    let Some(disk) = FullDisk::new("exam") else { return };
    disk.fill(&[Path::new("profiles/tester")]);
    // completions.jsonl must exist to be appended to; on a full disk even creating it fails.
    let data = disk.mount.to_str().unwrap().to_string();
    let deck = std::env::temp_dir().join(format!("smishdrill-full-{}.deck.toml", std::process::id()));
    std::fs::write(&deck, "title = \"One\"\nfeedback = \"end\"\nspot = false\nscenarios = [\"other-wrong-number\"]\n")
        .unwrap();
    let args = ["--data-dir", &data, "--profile", "tester", "exam", "--deck", deck.to_str().unwrap()];
    let t = Session::start(&args, &[], 80, 24);
    t.wait_for("Before the exam");
    t.keys(&["Enter"]);
    t.wait_for("Message 1 of 1");
    t.verdict("s", "How sure");
    t.keys(&["1"]);
    let screen =
        t.wait_until("the result or the follow-up", |s| s.contains("One more question") || s.contains("Exam result"));
    if screen.contains("One more question") {
        t.keys(&["1"]);
    }
    let result = t.wait_for("Exam result");
    assert!(result.contains("could NOT be recorded"), "{result}");
    t.keys(&["q"]);
    let end = t.wait_exit(0);
    assert!(end.contains("No space left on device"), "{end}");
    let _ = std::fs::remove_file(&deck);
}
