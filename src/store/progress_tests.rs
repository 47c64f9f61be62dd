use super::*;
use crate::fixtures;
use crate::scenario::Verdict;
use std::io::Write;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smishdrill-progress-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn record(n: usize) -> AnswerRecord {
    let s = fixtures::scenario(fixtures::TOLL_SCAM);
    let mut r = AnswerRecord::new(format!("r{n}"), &s, Verdict::Scam, Some("sure"), None, Some(true));
    r.time = n as u64;
    r
}

#[test]
fn answers_round_trip() {
    let dir = temp_dir("roundtrip");
    let store = ProgressStore::open(&dir, "ana").unwrap();
    assert!(store.load().unwrap().history.is_empty());
    store.append(&record(1)).unwrap();
    store.append(&record(2)).unwrap();
    let loaded = store.load().unwrap();
    assert_eq!(loaded.history, [record(1), record(2)]);
    assert!(loaded.notice.is_none());
    assert!(store.path().ends_with("profiles/ana/answers.jsonl"));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_corrupt_file_is_kept_aside_and_the_readable_answers_survive() {
    let dir = temp_dir("corrupt");
    let store = ProgressStore::open(&dir, "ana").unwrap();
    store.append(&record(1)).unwrap();
    let mut text = fs::read_to_string(store.path()).unwrap();
    text.push_str("{not json\n");
    text.push_str(&serde_json::to_string(&record(2)).unwrap());
    text.push('\n');
    text.push_str("{\"half\": "); // a torn last line, as after kill -9 mid-write
    fs::write(store.path(), &text).unwrap();

    let loaded = store.load().unwrap();
    assert_eq!(loaded.history, [record(1), record(2)]);
    let notice = loaded.notice.expect("the learner is told").say(&crate::i18n::Locale::english());
    assert!(notice.contains("2 unreadable lines"), "{notice}");
    let kept: Vec<_> = fs::read_dir(store.path().parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read_to_string(kept[0].path()).unwrap(), text, "the original is kept byte for byte");
    // The file itself now holds only readable lines, and loads cleanly.
    let again = store.load().unwrap();
    assert_eq!(again.history.len(), 2);
    assert!(again.notice.is_none());
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn two_writers_at_once_lose_nothing() {
    let dir = temp_dir("concurrent");
    let store = ProgressStore::open(&dir, "ana").unwrap();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let store = store.clone();
            std::thread::spawn(move || {
                for i in 0..150 {
                    store.append(&record(w * 1000 + i)).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let loaded = store.load().unwrap();
    assert!(loaded.notice.is_none(), "no line was torn");
    assert_eq!(loaded.history.len(), 300);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_profile_names_are_refused() {
    let dir = temp_dir("names");
    assert!(matches!(ProgressStore::open(&dir, "../evil"), Err(StoreError::BadProfile(_))));
    assert!(matches!(ProgressStore::open(&dir, ""), Err(StoreError::BadProfile(_))));
    assert!(ProgressStore::open(&dir, "ana.b-c_1").is_ok());
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unwritable_folder_is_a_clear_error() {
    let err = ProgressStore::open(Path::new("/proc/smishdrill-cannot-exist"), "ana").unwrap_err();
    assert!(err.to_string().starts_with("/proc/smishdrill-cannot-exist/profiles/ana:"), "{err}");
}

#[test]
fn an_answer_after_a_torn_line_is_kept_whole() {
    let dir = temp_dir("torn");
    let store = ProgressStore::open(&dir, "ana").unwrap();
    store.append(&record(1)).unwrap();
    let mut text = fs::read_to_string(store.path()).unwrap();
    text.push_str("{\"round\": \"half"); // killed mid-write
    fs::write(store.path(), &text).unwrap();
    store.append(&record(2)).unwrap();
    let loaded = store.load().unwrap();
    assert_eq!(loaded.history, [record(1), record(2)], "only the torn answer is lost");
    assert!(loaded.notice.is_some());
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
#[cfg(unix)]
fn a_full_disk_is_a_clear_error_and_devices_are_not_read() {
    let dir = temp_dir("full");
    let store = ProgressStore::open(&dir, "ana").unwrap();
    std::os::unix::fs::symlink("/dev/full", store.path()).unwrap();
    let err = store.append(&record(1)).unwrap_err().to_string();
    assert!(err.contains("answers.jsonl") && err.to_lowercase().contains("no space left"), "{err}");
    let err = store.load().unwrap_err().to_string();
    assert!(err.contains("not a regular file"), "{err}");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_summary_streams_what_load_reads() {
    let dir = temp_dir("summary");
    let store = ProgressStore::open(&dir, "ana").unwrap();
    assert!(store.load_summary().unwrap().summary.is_empty(), "no file: empty");
    let records: Vec<AnswerRecord> = (0..50).map(record).collect();
    records.iter().for_each(|r| store.append(r).unwrap());
    let loaded = store.load_summary().unwrap();
    assert!(loaded.notice.is_none());
    assert_eq!(loaded.summary, crate::learning::summary::Summary::of(&records));
    assert_eq!(loaded.summary.len(), 50);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_summary_of_a_damaged_file_sets_it_aside_and_keeps_the_readable_answers() {
    let dir = temp_dir("summary-corrupt");
    let store = ProgressStore::open(&dir, "ana").unwrap();
    store.append(&record(1)).unwrap();
    let mut text = fs::read_to_string(store.path()).unwrap();
    text.push_str("{not json\n");
    text.push_str(&serde_json::to_string(&record(2)).unwrap());
    text.push('\n');
    fs::write(store.path(), &text).unwrap();

    let loaded = store.load_summary().unwrap();
    assert_eq!(loaded.summary, crate::learning::summary::Summary::of(&[record(1), record(2)]));
    let notice = loaded.notice.expect("the learner is told").say(&crate::i18n::Locale::english());
    assert!(notice.contains("1 unreadable line"), "{notice}");
    let kept = fs::read_dir(dir.join("profiles/ana")).unwrap().flatten();
    let kept: Vec<_> = kept.filter(|e| e.file_name().to_string_lossy().contains(".corrupt-")).collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read_to_string(kept[0].path()).unwrap(), text, "nothing is lost");
    assert_eq!(store.load().unwrap().history, [record(1), record(2)], "the file holds the readable lines");
    assert!(store.load_summary().unwrap().notice.is_none());
    fs::remove_dir_all(&dir).unwrap();
}

fn many(range: std::ops::Range<usize>) -> Vec<AnswerRecord> {
    let s = fixtures::scenario(fixtures::TOLL_SCAM);
    range
        .map(|n| {
            let said = if n % 3 == 0 { Verdict::Legit } else { Verdict::Scam };
            let mut r = AnswerRecord::new(format!("r{}", n / 10), &s, said, Some("sure"), None, Some(n % 2 == 0));
            r.scenario = format!("s{}", n % 37);
            r.time = n as u64;
            r
        })
        .collect()
}

fn summary_of(records: &[AnswerRecord]) -> crate::learning::summary::Summary {
    crate::learning::summary::Summary::of(records)
}

fn write_all(store: &ProgressStore, records: &[AnswerRecord]) {
    let text: String = records.iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect();
    fs::write(store.path(), text).unwrap();
}

#[test]
fn a_long_history_is_cached_and_only_the_new_answers_read_next_time() {
    let dir = temp_dir("cache");
    let store = ProgressStore::open(&dir, "ana").unwrap();
    let first = many(0..1_500);
    write_all(&store, &first);
    assert_eq!(store.load_summary().unwrap().summary, summary_of(&first));
    let cache = store.path().with_file_name("answers.summary.json");
    assert!(cache.exists(), "cached after 1 500 answers");
    // Answers appended since: the cache plus the new lines is the whole log.
    let all = many(0..1_600);
    for r in &all[1_500..] {
        store.append(r).unwrap();
    }
    let loaded = store.load_summary().unwrap();
    assert_eq!(loaded.summary, summary_of(&all));
    assert!(loaded.notice.is_none());
    // The cache is what it says: make it claim no right answers in the category, and it shows.
    let mut value: serde_json::Value = serde_json::from_str(&fs::read_to_string(&cache).unwrap()).unwrap();
    value["summary"]["categories"]["toll"][0] = 0.into();
    fs::write(&cache, value.to_string()).unwrap();
    let loaded = store.load_summary().unwrap().summary;
    let (right, seen) = summary_of(&all).category("toll").unwrap();
    let new_right = summary_of(&all[1_500..]).category("toll").unwrap().0;
    assert_eq!(loaded.category("toll"), Some((new_right, seen)), "the cache was used");
    assert_ne!(new_right, right);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_cache_that_does_not_fit_the_log_is_ignored() {
    let dir = temp_dir("cache-stale");
    let store = ProgressStore::open(&dir, "ana").unwrap();
    let cache = store.path().with_file_name("answers.summary.json");
    write_all(&store, &many(0..1_200));
    store.load_summary().unwrap();
    assert!(cache.exists());
    // The same length, other answers, written in place: the bytes before the resume point differ.
    let mut other = many(0..1_200);
    for r in &mut other[1_100..] {
        r.time += 5_000; // as many digits: the same length
    }
    let text: String = other.iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect();
    assert_eq!(text.len() as u64, fs::metadata(store.path()).unwrap().len());
    std::fs::OpenOptions::new().write(true).open(store.path()).unwrap().write_all(text.as_bytes()).unwrap();
    assert_eq!(store.load_summary().unwrap().summary, summary_of(&other));
    // Another file in its place (as a repair makes), longer than the cache's point.
    let replaced = many(5_000..6_300);
    let tmp = dir.join("new");
    fs::write(&tmp, replaced.iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect::<String>()).unwrap();
    fs::rename(&tmp, store.path()).unwrap();
    assert_eq!(store.load_summary().unwrap().summary, summary_of(&replaced));
    // A cache that is not one, or of another shape.
    fs::write(&cache, "{not json").unwrap();
    assert_eq!(store.load_summary().unwrap().summary, summary_of(&replaced));
    let text = fs::read_to_string(&cache).unwrap().replacen("\"format\":1", "\"format\":999", 1);
    fs::write(&cache, text.replacen("\"answers\":1300", "\"answers\":7", 1)).unwrap();
    assert_eq!(store.load_summary().unwrap().summary, summary_of(&replaced), "another shape: not read");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_damaged_line_after_the_cached_part_is_set_aside_as_ever() {
    let dir = temp_dir("cache-damaged");
    let store = ProgressStore::open(&dir, "ana").unwrap();
    let first = many(0..1_100);
    write_all(&store, &first);
    store.load_summary().unwrap();
    let mut text = fs::read_to_string(store.path()).unwrap();
    text.push_str("{broken\n");
    let more = many(1_100..1_110);
    text.extend(more.iter().map(|r| serde_json::to_string(r).unwrap() + "\n"));
    fs::write(store.path(), &text).unwrap();
    let loaded = store.load_summary().unwrap();
    let readable: Vec<AnswerRecord> = first.iter().chain(&more).cloned().collect();
    assert_eq!(loaded.summary, summary_of(&readable));
    assert!(loaded.notice.is_some(), "the learner is told");
    assert_eq!(store.load().unwrap().history, readable, "the file holds the readable answers");
    assert_eq!(store.load_summary().unwrap().summary, summary_of(&readable));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_cache_that_does_not_hold_together_is_not_used() {
    let dir = temp_dir("cache-forged");
    let store = ProgressStore::open(&dir, "ana").unwrap();
    let records = many(0..1_050);
    write_all(&store, &records);
    store.load_summary().unwrap();
    let cache = store.path().with_file_name("answers.summary.json");
    let good = fs::read_to_string(&cache).unwrap();
    // A box that is no box, a round index out of range: each would panic the schedule.
    for (from, to) in [("\"box\":", "\"box\":0,\"x\":"), ("\"r0\":0", "\"r0\":999999")] {
        let forged = good.replacen(from, to, 1);
        assert_ne!(forged, good, "{from}");
        fs::write(&cache, forged).unwrap();
        let loaded = store.load_summary().unwrap();
        assert_eq!(loaded.summary, summary_of(&records), "{from}: the log was read instead");
        let pool = fixtures::pool();
        crate::learning::schedule::weights(&pool, &loaded.summary);
        fs::write(&cache, &good).unwrap();
    }
    fs::remove_dir_all(&dir).unwrap();
}
