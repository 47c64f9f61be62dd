//! The quick reader against the careful one: it reads the big shapes itself (across chunk
//! boundaries), and whatever it is given — cut short, a byte changed, odd spacing — the merge
//! comes out exactly as the careful reader alone makes it, messages and all.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::*;
use crate::report::samples;

/// Counts what the quick reader hands on.
struct Count(usize);

impl fast::Sink for Count {
    type Item<'a> = RecordView<'a>;
    fn quick(text: &str) -> Option<(RecordView<'_>, usize)> {
        quick::record(text)
    }
    fn take(&mut self, _: RecordView<'_>) {
        self.0 += 1;
    }
}

fn dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smishdrill-fast-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `n` distinct records.
fn many(n: usize) -> Vec<CompletionRecord> {
    let base = samples();
    (0..n)
        .map(|i| {
            let mut r = base[i % base.len()].clone();
            r.learner = format!("learner-{}\"\\u{{e9}}", i / 3);
            r.started += i as u64;
            r
        })
        .collect()
}

/// The merge of `path` read only the careful way, with its complaints.
fn careful(path: &Path) -> (Vec<String>, Vec<String>, bool) {
    let mut class = ClassBuilder::new();
    let mut file = class.file();
    let read = fold_file(path, |r| file.add(&RecordView::of(&r)));
    let (complaints, ok) = match read {
        Ok(()) => {
            file.commit();
            (Vec::new(), true)
        }
        Err(e) => (vec![e.to_string()], false),
    };
    let view = class.finish();
    let mut lines = class_lines(&view, 80, 50);
    lines.push(class_csv(&view));
    (lines, complaints, ok)
}

/// The merge of `path` as the command makes it (quick first).
fn merged(path: &Path) -> (Vec<String>, Vec<String>, bool) {
    let mut complaints = Vec::new();
    let (view, ok) = merge_files(&[path.to_path_buf()], None, |e| complaints.push(e.to_string()));
    let mut lines = class_lines(&view, 80, 50);
    lines.push(class_csv(&view));
    (lines, complaints, ok)
}

#[test]
fn the_quick_reader_takes_arrays_and_json_lines_across_chunks() {
    let d = dir("chunks");
    let records = many(3_000);
    let array = d.join("class.json");
    std::fs::write(&array, serde_json::to_string_pretty(&records).unwrap()).unwrap();
    let lines = d.join("completions.jsonl");
    let text: String = records.iter().map(|r| serde_json::to_string(r).unwrap() + "\r\n\n").collect();
    std::fs::write(&lines, &text).unwrap();
    let unterminated = d.join("last-line-unterminated.jsonl");
    std::fs::write(&unterminated, text.trim_end()).unwrap();
    // Pretty-printed records one after the other, some on one line, none at the very end.
    let pretty = d.join("pretty.json");
    let text: String = records
        .iter()
        .enumerate()
        .map(
            |(i, r)| {
                if i % 7 == 3 { serde_json::to_string(r).unwrap() } else { serde_json::to_string_pretty(r).unwrap() }
            },
        )
        .collect::<Vec<_>>()
        .join("\n \r\n");
    std::fs::write(&pretty, format!("\n  {text}")).unwrap();
    for path in [&array, &lines, &unterminated, &pretty] {
        assert!(std::fs::metadata(path).unwrap().len() > 2 * (1 << 20), "more than two chunks");
        let mut count = Count(0);
        assert!(fast::fold_file(path, &mut count).is_ok(), "{}", path.display());
        assert_eq!(count.0, records.len());
        assert_eq!(merged(path), careful(path));
        assert!(merged(path).2);
    }
    let empty = d.join("empty.json");
    std::fs::write(&empty, " [ ]\n").unwrap();
    assert!(fast::fold_file(&empty, &mut Count(0)).is_ok());
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn the_quick_reader_leaves_other_shapes_to_the_careful_one() {
    let d = dir("shapes");
    let records = samples();
    let pretty_then_text = format!("{}\nx", serde_json::to_string_pretty(&records[0]).unwrap());
    let pretty_then_number = format!("{}1", serde_json::to_string_pretty(&records[0]).unwrap());
    let two_on_a_line =
        format!("{} {}\n", serde_json::to_string(&records[0]).unwrap(), serde_json::to_string(&records[1]).unwrap());
    let nbsp_line = format!(
        "{}\n\u{a0}\n{}\n",
        serde_json::to_string(&records[0]).unwrap(),
        serde_json::to_string(&records[1]).unwrap()
    );
    let one = serde_json::to_string(&records[0]).unwrap();
    let trailing_comma = format!("[{one},]");
    let trailing_text = format!("[{one}] x");
    for (name, text) in [
        ("pretty then text", pretty_then_text),
        ("pretty then a number", pretty_then_number),
        ("two", two_on_a_line),
        ("nbsp", nbsp_line),
        ("comma", trailing_comma),
        ("after", trailing_text),
    ] {
        let path = d.join(name);
        std::fs::write(&path, text).unwrap();
        assert!(fast::fold_file(&path, &mut Count(0)).is_err(), "{name}");
        assert_eq!(merged(&path), careful(&path), "{name}");
    }
    std::fs::remove_dir_all(&d).unwrap();
}

/// A file the test changes: the array, JSON Lines or pretty-printed stream form of a few records.
fn base_text(form: u8) -> String {
    let records = many(6);
    match form {
        0 => serde_json::to_string_pretty(&records).unwrap(),
        1 => records.iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect(),
        _ => records.iter().map(|r| serde_json::to_string_pretty(r).unwrap() + "\n").collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn whatever_the_bytes_the_merge_is_the_careful_readers(
        form in 0..3u8,
        cut in proptest::option::of(0.0f64..1.0),
        tail in proptest::collection::vec(prop::sample::select(b"x ]\n,{}".to_vec()), 0..3),
        edits in proptest::collection::vec((0.0f64..1.0, prop::sample::select(b"\",]}{[:0a.\n \\-9e\xff".to_vec())), 0..3),
    ) {
        let mut bytes = base_text(form).into_bytes();
        for (at, b) in edits {
            let i = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[i] = b;
        }
        if let Some(cut) = cut {
            bytes.truncate((bytes.len() as f64 * cut) as usize);
        }
        bytes.extend(tail);
        let d = dir("prop");
        let path = d.join("f.json");
        std::fs::write(&path, &bytes).unwrap();
        let (quick, slow) = (merged(&path), careful(&path));
        std::fs::remove_dir_all(&d).unwrap();
        prop_assert_eq!(quick, slow);
    }
}

#[test]
fn a_character_cut_by_the_end_of_a_chunk_is_read_whole() {
    let d = dir("cut-char");
    let mut records = many(3);
    records[0].learner = "é".to_string();
    let first = serde_json::to_string(&records[0]).unwrap();
    let at = first.find('é').unwrap();
    // Pad the learner's name so that the `é` starts on the last byte of the first chunk.
    records[0].learner = format!("{}é", "x".repeat((1 << 20) - 1 - at));
    let text: String = records.iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect();
    assert_eq!(text.find('é'), Some((1 << 20) - 1));
    let path = d.join("cut.jsonl");
    std::fs::write(&path, &text).unwrap();
    let mut count = Count(0);
    assert!(fast::fold_file(&path, &mut count).is_ok());
    assert_eq!(count.0, 3);
    assert_eq!(merged(&path), careful(&path));
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn bytes_that_are_not_utf8_across_a_chunk_end_or_at_the_files_end_make_it_give_up() {
    let d = dir("bad-utf8");
    let mut records = many(3);
    records[0].learner = "é".to_string();
    let first = serde_json::to_string(&records[0]).unwrap();
    let at = first.find('é').unwrap();
    records[0].learner = format!("{}é", "x".repeat((1 << 20) - 1 - at));
    let text: String = records.iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect();
    let mut broken = text.clone().into_bytes();
    // The `é` starts on the first chunk's last byte; its second byte, first of the next chunk, goes.
    broken[1 << 20] = b'x';
    let mut cut_at_end = text.into_bytes();
    cut_at_end.extend_from_slice("é".as_bytes().split_at(1).0);
    for (name, bytes) in [("across", broken), ("end", cut_at_end)] {
        let path = d.join(name);
        std::fs::write(&path, &bytes).unwrap();
        assert!(fast::fold_file(&path, &mut Count(0)).is_err(), "{name}");
        let (_, complaints, ok) = merged(&path);
        assert!(!ok && complaints[0].contains("not valid UTF-8"), "{name}: {complaints:?}");
        assert_eq!(merged(&path), careful(&path), "{name}");
    }
    std::fs::remove_dir_all(&d).unwrap();
}
