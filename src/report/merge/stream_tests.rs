//! The streamed class view against the view of records read whole, and the fold at scale.

use std::path::{Path, PathBuf};

use super::*;
use crate::report::samples;

fn dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smishdrill-merge-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/records");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    assert!(paths.len() >= 4, "{paths:?}");
    paths
}

/// What the view looked like when files were read whole with serde_json and collected.
fn whole(paths: &[PathBuf]) -> ClassView {
    let mut records: Vec<CompletionRecord> = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(p).unwrap();
        match serde_json::from_str::<Vec<CompletionRecord>>(&text) {
            Ok(r) => records.extend(r),
            Err(_) => records.extend(text.lines().map(|l| serde_json::from_str::<CompletionRecord>(l).unwrap())),
        }
    }
    ClassView::build(&records)
}

fn same(a: &ClassView, b: &ClassView) {
    assert_eq!(class_csv(a), class_csv(b));
    assert_eq!(class_lines(a, 80, 50), class_lines(b, 80, 50));
    assert_eq!((a.duplicates, a.average_score), (b.duplicates, b.average_score));
}

fn merged(paths: &[PathBuf]) -> ClassView {
    let (view, all_read) = merge_files(paths, None, |e| panic!("{e}"));
    assert!(all_read);
    view
}

#[test]
fn the_streamed_view_of_the_fixtures_equals_the_view_of_them_read_whole() {
    let paths = fixtures();
    let view = merged(&paths);
    assert!(view.attempts > 0 && !view.fooled.is_empty());
    same(&view, &whole(&paths));
    // Each file twice: every attempt counted once.
    let twice: Vec<PathBuf> = paths.iter().chain(&paths).cloned().collect();
    let view2 = merged(&twice);
    assert_eq!((view2.attempts, view2.duplicates), (view.attempts, view.attempts));
}

#[test]
fn an_array_json_lines_and_a_pretty_record_stream_to_the_same_view() {
    let d = dir("formats");
    let records = samples();
    let array = d.join("class.json");
    std::fs::write(&array, format!("\n\n  {}", serde_json::to_string_pretty(&records).unwrap())).unwrap();
    let lines = d.join("completions.jsonl");
    let text: String = records.iter().map(|r| serde_json::to_string(r).unwrap() + "\n\n").collect();
    std::fs::write(&lines, text).unwrap();
    let pretty: Vec<PathBuf> = (0..records.len()).map(|i| d.join(format!("one-{i}.json"))).collect();
    for (p, r) in pretty.iter().zip(&records) {
        std::fs::write(p, serde_json::to_string_pretty(r).unwrap()).unwrap();
    }
    // Several pretty records one after the other are a stream of them.
    let concatenated = d.join("concatenated.json");
    let text: String = records.iter().map(|r| serde_json::to_string_pretty(r).unwrap() + "\n").collect();
    std::fs::write(&concatenated, text).unwrap();

    let expected = ClassView::build(&records);
    for paths in [vec![array.clone()], vec![lines.clone()], pretty.clone(), vec![concatenated.clone()]] {
        same(&merged(&paths), &expected);
    }
    assert_eq!(read_records(&array).unwrap(), records);
    assert_eq!(read_records(&lines).unwrap(), records);
    assert_eq!(read_records(&pretty[0]).unwrap(), records[..1]);
    assert_eq!(read_records(&concatenated).unwrap(), records);
    std::fs::remove_dir_all(&d).unwrap();
}

/// serde_json's location for the error in `text` read whole — the location the command gave.
fn whole_error(text: &str) -> (usize, usize) {
    let e = serde_json::from_str::<Vec<CompletionRecord>>(text).unwrap_err();
    (e.line(), e.column())
}

#[test]
fn errors_deep_in_a_stream_keep_their_line_and_column() {
    let mut records = samples();
    records.extend(samples());
    let good = serde_json::to_string_pretty(&records).unwrap();
    // A string for a number in the last record, far into the file, after blank lines.
    let at = good.rfind("\"seconds\": ").unwrap() + "\"seconds\": ".len();
    let broken = format!("\n\n{}\"x{}", &good[..at], &good[at..]);
    let (line, column) = whole_error(&broken);
    assert!(line > 100, "{line}");
    let err = parse_records(Path::new("c.json"), &broken).unwrap_err().to_string();
    assert!(err.starts_with(&format!("c.json:{line}:{column}: ")), "{err} vs {line}:{column}");
    // Cut short.
    let cut = &good[..good.len() / 2];
    let (line, column) = whole_error(cut);
    let err = parse_records(Path::new("c.json"), cut).unwrap_err().to_string();
    let whole = serde_json::from_str::<Vec<CompletionRecord>>(cut).unwrap_err().to_string();
    let message = whole.split(" at line ").next().unwrap();
    assert_eq!(err, format!("c.json:{line}:{column}: {message}"));
    // JSON Lines: the line's own error, on that line of the file.
    let mut text: String = samples().iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect();
    text.push_str("\n{\"learner\": 3}\n");
    let err = parse_records(Path::new("c.jsonl"), &text).unwrap_err().to_string();
    assert!(err.starts_with("c.jsonl:7:13: invalid type: integer `3`, expected a string"), "{err}");
    let bad_utf8 = [text.as_bytes().split(|&b| b == b'\n').next().unwrap(), b"\n{\xff}\n"].concat();
    let err = fold_reader(Path::new("c.jsonl"), &bad_utf8[..], |_| ()).unwrap_err().to_string();
    assert_eq!(err, "c.jsonl: not valid UTF-8 text");
}

#[test]
fn a_file_broken_half_way_is_left_out_entirely() {
    let d = dir("half");
    let records = samples();
    let half = d.join("half.jsonl");
    let good = serde_json::to_string(&records[0]).unwrap();
    std::fs::write(&half, format!("{good}\n{{oops\n")).unwrap();
    let ok = d.join("ok.json");
    std::fs::write(&ok, serde_json::to_string(&records[1..]).unwrap()).unwrap();
    let mut complaints = Vec::new();
    let (view, all_read) = merge_files(&[half.clone(), ok], None, |e| complaints.push(e.to_string()));
    assert!(!all_read);
    assert_eq!(complaints, [format!("{}:2:2: key must be a string", half.display())]);
    same(&view, &ClassView::build(&records[1..]));
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
#[cfg(unix)]
fn devices_pipes_and_folders_are_refused_as_before() {
    let d = dir("special");
    let fifo = d.join("fifo.json");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for (path, kind) in [(Path::new("/dev/zero"), "a device"), (&fifo, "a named pipe (FIFO)"), (&d, "a folder")] {
        let err = read_records(path).unwrap_err().to_string();
        assert_eq!(err, format!("{}: {kind}, not a regular file", path.display()));
    }
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn the_fold_counts_twenty_thousand_records_it_never_holds() {
    const N: usize = 20_000;
    let base = samples();
    let expected_one = ClassView::build(&base);
    // Each record is made, folded and dropped: the builder sees them one at a time.
    let generated = || {
        let base = &base;
        (0..N).map(move |i| {
            let mut r = base[i % base.len()].clone();
            r.learner = format!("learner-{}", i / 2);
            r.started += (i / base.len()) as u64 * 1_000_000;
            r
        })
    };
    let mut class = ClassBuilder::new();
    for r in generated() {
        class.add(&RecordView::of(&r));
    }
    // The same attempts again, from "another file": all duplicates.
    let mut file = class.file();
    for r in generated() {
        file.add(&RecordView::of(&r));
    }
    file.commit();
    // A file dropped before it is committed counts for nothing.
    let mut dropped = class.file();
    for r in generated().take(100) {
        let mut r = r;
        r.started += 1;
        dropped.add(&RecordView::of(&r));
    }
    drop(dropped);
    let view = class.finish();
    let copies = N / base.len();
    assert_eq!((view.attempts, view.duplicates, view.learners), (N, N, N / 2));
    assert_eq!((view.passed, view.failed, view.incomplete), (3 * copies, copies, copies));
    assert_eq!(view.pass_rate(), expected_one.pass_rate());
    assert!((view.average_score.unwrap() - expected_one.average_score.unwrap()).abs() < 1e-9);
    assert_eq!(view.fooled.len(), expected_one.fooled.len());
    for (t, one) in view.fooled.iter().zip(&expected_one.fooled) {
        assert_eq!((&t.id, t.asked, t.wrong), (&one.id, one.asked * copies as u32, one.wrong * copies as u32));
    }
}
