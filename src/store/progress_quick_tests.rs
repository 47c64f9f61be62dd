//! The quick reading of a log against serde_json alone, over whatever bytes a log may hold:
//! the same summary, the same lines set aside, the same files left behind.

use super::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

fn careful(line: &str) -> Option<AnswerView<'_>> {
    serde_json::from_str(line).ok()
}

/// Strings as a log may hold them: plain names, and hostile ones (quotes, escapes, control and
/// bidi characters, non-ASCII, empty).
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec!["r1", "r2", "bank", "toll", "sender", "urgency", "sure", "guessing"]).prop_map(String::from),
        1 => "[a-z\"\\\\\u{1b}\u{202e}\u{feff}é\n\t ]{0,6}",
    ]
}

fn record() -> impl Strategy<Value = AnswerRecord> {
    let verdict = || prop::sample::select(vec!["scam", "legit", "Scam"]).prop_map(String::from);
    (
        (any::<u64>(), name(), name(), name(), verdict(), verdict()),
        (prop::option::of(name()), prop::option::of(any::<u8>()), prop::collection::vec(name(), 0..3)),
        (prop::collection::vec(name(), 0..3), any::<u32>(), any::<bool>(), prop::option::of(any::<bool>())),
        prop::option::of(any::<u32>()),
    )
        .prop_map(
            |((time, round, scenario, category, truth, said), (confidence, difficulty, found), rest, choice)| {
                let (missed, false_marks, spotted, question) = rest;
                AnswerRecord {
                    time,
                    round,
                    scenario,
                    category,
                    truth,
                    said,
                    confidence,
                    difficulty,
                    flags_found: found,
                    flags_missed: missed,
                    false_marks,
                    spotted,
                    question,
                    choice,
                }
            },
        )
}

/// One line of a log: a record as written, or as written with a byte changed, text put in or
/// a piece cut out; a BOM, CRLF, blank and Unicode-blank lines, bytes that are not UTF-8, other
/// JSON.
fn line() -> impl Strategy<Value = Vec<u8>> {
    let edit = prop::sample::select(vec![
        "",
        " ",
        "\\",
        "\"",
        ",",
        "null",
        "0",
        "01",
        "-1",
        "1.5",
        "[",
        "}",
        "\t",
        "\r",
        "\u{feff}",
        "\"x\":1,",
        "\"time\":2,",
    ]);
    prop_oneof![
        6 => record().prop_map(|r| serde_json::to_string(&r).unwrap().into_bytes()),
        3 => (record(), any::<prop::sample::Index>(), any::<prop::sample::Index>(), edit, any::<bool>()).prop_map(
            |(r, a, b, piece, cut)| {
                let text = serde_json::to_string(&r).unwrap().into_bytes();
                let (a, b) = (a.index(text.len() + 1), b.index(text.len() + 1));
                let (a, b) = (a.min(b), if cut { a.max(b) } else { a.min(b) });
                [&text[..a], piece.as_bytes(), &text[b..]].concat()
            }
        ),
        1 => prop::sample::select(vec![
            b"\xef\xbb\xbf{\"round\":\"r\",\"scenario\":\"s\",\"category\":\"c\",\"truth\":\"scam\",\"said\":\"scam\"}".to_vec(),
            b"{\"round\":\"r\xff\",\"scenario\":\"s\",\"category\":\"c\",\"truth\":\"scam\",\"said\":\"scam\"}".to_vec(),
            b"".to_vec(),
            b"   ".to_vec(),
            "\u{3000}".as_bytes().to_vec(),
            b"[1,2]".to_vec(),
            b"{\"round\":\"r\"}".to_vec(),
        ]),
    ]
}

/// A log: lines ending in LF or CRLF, the last maybe cut short (a torn write).
fn log() -> impl Strategy<Value = Vec<u8>> {
    (prop::collection::vec((line(), any::<bool>()), 0..12), 0..40usize).prop_map(|(lines, cut)| {
        let mut bytes = Vec::new();
        for (l, crlf) in lines {
            bytes.extend_from_slice(&l);
            bytes.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
        }
        bytes.truncate(bytes.len().saturating_sub(cut % 3 * cut));
        bytes
    })
}

/// Every file of the profile's folder (a kept copy's time stamp taken out of its name).
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let name = name.split(".corrupt-").next().unwrap().to_string()
                + if name.contains(".corrupt-") { ".corrupt" } else { "" };
            (name, fs::read(e.path()).unwrap())
        })
        .collect();
    all.sort();
    all
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smishdrill-quick-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_quick_fold_gives_exactly_the_careful_folds_summary_and_sets_aside_the_same(bytes in log()) {
        let (a, b) = (temp("a"), temp("b"));
        let quick = ProgressStore::open(&a, "ana").unwrap();
        let slow = ProgressStore::open(&b, "ana").unwrap();
        fs::write(quick.path(), &bytes).unwrap();
        fs::write(slow.path(), &bytes).unwrap();
        let q = quick.load_summary_by(read_answer).unwrap();
        let s = slow.load_summary_by(careful).unwrap();
        prop_assert_eq!(&q.summary, &s.summary);
        let say = |n: &Option<crate::i18n::Phrase>, dir: &Path| {
            n.as_ref().map(|n| n.say(&crate::i18n::Locale::english()).replace(&dir.display().to_string(), "DIR"))
        };
        let said = say(&q.notice, &a);
        prop_assert_eq!(said.as_ref().map(|s| s.split(".corrupt-").next().unwrap().to_string()),
            say(&s.notice, &b).as_ref().map(|s| s.split(".corrupt-").next().unwrap().to_string()));
        prop_assert_eq!(files(quick.path().parent().unwrap()), files(slow.path().parent().unwrap()));
        fs::remove_dir_all(&a).unwrap();
        fs::remove_dir_all(&b).unwrap();
    }

    #[test]
    fn the_fold_on_reading_threads_gives_exactly_the_careful_folds_summary_and_sets_aside_the_same(
        bytes in log(), window in 1..64usize, threads in 0..4usize,
    ) {
        // Windows of a few bytes: cut inside lines, inside multi-byte characters and bad
        // bytes (a window grows to its next line break), on 0 to 3 reading threads.
        let (a, b) = (temp("par-a"), temp("par-b"));
        let par = ProgressStore::open(&a, "ana").unwrap();
        let slow = ProgressStore::open(&b, "ana").unwrap();
        fs::write(par.path(), &bytes).unwrap();
        fs::write(slow.path(), &bytes).unwrap();
        let p = par.load_summary_split(par::Split { window, threads, alone: 0 }, false).unwrap();
        let s = slow.load_summary_by(careful).unwrap();
        prop_assert_eq!(&p.summary, &s.summary);
        let say = |n: &Option<crate::i18n::Phrase>, dir: &Path| {
            n.as_ref().map(|n| n.say(&crate::i18n::Locale::english()).replace(&dir.display().to_string(), "DIR"))
        };
        let cut = |s: Option<String>| s.map(|s| s.split(".corrupt-").next().unwrap().to_string());
        prop_assert_eq!(cut(say(&p.notice, &a)), cut(say(&s.notice, &b)));
        prop_assert_eq!(files(par.path().parent().unwrap()), files(slow.path().parent().unwrap()));
        fs::remove_dir_all(&a).unwrap();
        fs::remove_dir_all(&b).unwrap();
    }
}

#[test]
fn a_long_log_read_on_threads_in_small_windows_is_the_careful_folds_summary_and_cache() {
    // Thousands of lines (the cache is written past a thousand), windows of 512 bytes on three
    // threads: the same summary as serde_json alone, the same cache, then read back the same.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut bytes = Vec::new();
    for _ in 0..3000 {
        bytes.extend(serde_json::to_vec(&record().new_tree(&mut runner).unwrap().current()).unwrap());
        bytes.push(b'\n');
    }
    let (a, b) = (temp("long-a"), temp("long-b"));
    let par = ProgressStore::open(&a, "ana").unwrap();
    let slow = ProgressStore::open(&b, "ana").unwrap();
    fs::write(par.path(), &bytes).unwrap();
    fs::write(slow.path(), &bytes).unwrap();
    let p = par.load_summary_split(par::Split { window: 512, threads: 3, alone: 0 }, true).unwrap();
    let s = slow.load_summary_by(careful).unwrap();
    assert_eq!(p.summary.len(), 3000);
    assert_eq!(p.summary, s.summary);
    drop(p.cache); // written on a thread of its own: this waits for it
    // As JSON values (objects compare as sorted maps: the hash maps' orders may differ),
    // but for the log's inode (two files).
    let cache = |dir: &Path| {
        let text = fs::read(dir.join("profiles/ana/answers.summary.json")).unwrap();
        let mut cache: serde_json::Value = serde_json::from_slice(&text).unwrap();
        cache["resume"].as_object_mut().unwrap().remove("ino");
        cache
    };
    assert_eq!(cache(&a), cache(&b));
    assert_eq!(par.load_summary().unwrap().summary, s.summary);
    fs::remove_dir_all(&a).unwrap();
    fs::remove_dir_all(&b).unwrap();
}

#[test]
fn the_logs_written_here_take_the_quick_way_and_have_damaged_lines_too() {
    // The property above is only worth something if its logs reach both readers: check that
    // the lines it writes are often read quickly, and often left to serde_json.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut quick_lines, mut careful_only, mut bad) = (0, 0, 0);
    for _ in 0..300 {
        let l = line().new_tree(&mut runner).unwrap().current();
        let Ok(text) = std::str::from_utf8(&l) else { continue };
        match (super::super::answer_line::quick(text).is_some(), careful(text).is_some()) {
            (true, _) => quick_lines += 1,
            (false, true) => careful_only += 1,
            (false, false) => bad += 1,
        }
    }
    assert!(quick_lines > 50 && careful_only > 20 && bad > 20, "{quick_lines} {careful_only} {bad}");
}
