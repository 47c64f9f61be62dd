use super::*;
use serde::Deserialize;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Line {
    n: u32,
}

fn temp_file(name: &str) -> (PathBuf, JsonlFile) {
    let dir = std::env::temp_dir().join(format!("smishdrill-jsonl-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let file = JsonlFile::new(dir.join("things.jsonl"));
    (dir, file)
}

#[test]
fn a_missing_file_is_empty_and_appends_come_back_in_order() {
    let (dir, file) = temp_file("order");
    let loaded = file.load::<Line>().unwrap();
    assert!(loaded.items.is_empty() && loaded.kept.is_none());
    for n in 0..3 {
        file.append(&Line { n }).unwrap();
    }
    let loaded = file.load::<Line>().unwrap();
    assert_eq!(loaded.items, [Line { n: 0 }, Line { n: 1 }, Line { n: 2 }]);
    assert_eq!(loaded.bad, 0);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn lines_of_another_shape_are_set_aside_under_the_full_file_name() {
    let (dir, file) = temp_file("shape");
    fs::write(file.path(), "{\"n\":1}\n{\"m\":2}\n\n{\"n\":3}\n").unwrap();
    let loaded = file.load::<Line>().unwrap();
    assert_eq!(loaded.items, [Line { n: 1 }, Line { n: 3 }]);
    assert_eq!(loaded.bad, 1);
    let kept = loaded.kept.unwrap();
    let name = kept.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("things.jsonl.corrupt-"), "{name}");
    assert_eq!(fs::read_to_string(file.path()).unwrap(), "{\"n\":1}\n{\"n\":3}\n");
    assert!(
        !fs::read_dir(&dir).unwrap().flatten().any(|e| e.file_name().to_string_lossy().contains(".tmp-")),
        "no temporary file is left behind"
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_that_grew_since_it_was_read_is_not_replaced() {
    let (dir, file) = temp_file("grew");
    let text = "{\"n\":1}\nbad\n{\"n\":2}\n";
    fs::write(file.path(), text).unwrap();
    // Read when it was one byte shorter: an append happened since, so nothing changes.
    let original = File::open(file.path()).unwrap();
    let read = &text.as_bytes()[..text.len() - 1];
    assert!(file.replace_if_unchanged(&original, read, &[Line { n: 1 }]).unwrap().is_none());
    assert_eq!(fs::read_to_string(file.path()).unwrap(), text);
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no copy or temporary file is left behind");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_folder_in_place_of_the_file_is_refused() {
    let (dir, file) = temp_file("folder");
    fs::create_dir(file.path()).unwrap();
    let err = file.load::<Line>().unwrap_err().to_string();
    assert!(err.contains("things.jsonl") && err.contains("not a regular file"), "{err}");
    fs::remove_dir_all(&dir).unwrap();
}
#[test]
fn setting_a_file_aside_keeps_its_mode_and_never_widens_access() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, file) = temp_file("mode");
    fs::write(file.path(), "{\"n\":1}\nbad\n").unwrap();
    fs::set_permissions(file.path(), fs::Permissions::from_mode(0o600)).unwrap();
    let loaded = file.load::<Line>().unwrap();
    let kept = loaded.kept.unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(file.path()), 0o600, "the repaired file keeps 0600");
    assert_eq!(mode(&kept), 0o600, "so does the copy set aside");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_that_keeps_changing_is_still_read_and_left_as_it_is() {
    let (dir, file) = temp_file("busy");
    fs::write(file.path(), "{\"n\":1}\nbad\n").unwrap();
    // Every repair finds the file changed (as under continuous appends).
    let original = File::open(file.path()).unwrap();
    assert!(file.replace_if_unchanged(&original, b"{\"n\":1}\n", &[Line { n: 1 }]).unwrap().is_none());
    let loaded = LoadedLines { items: vec![Line { n: 1 }], bad: 1, kept: None, unrepaired: Some("busy".into()) };
    let notice = loaded.notice("store.progress_file").unwrap().say(&crate::i18n::Locale::english());
    assert!(notice.contains("left as it is (busy)"), "{notice}");
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no copy or temporary file is left behind");
    fs::remove_dir_all(&dir).unwrap();
}
