//! The onboarding course: lessons from `assets/course/`, each followed by a few practice
//! messages, then an exam deck. The course file (`course.toml`) only names things; lesson text
//! lives in its own files so writers never touch code.
//!
//! ```toml
//! title = "Smishing awareness for new staff"
//! exam = "onboarding-exam"
//!
//! [[step]]
//! lesson = "01-what-is-smishing.txt"
//! practice = ["toll-ezpass-ny-unpaid-foreign-number", "postage-usps-out-for-delivery"]
//! ```

mod lesson;

pub use lesson::{Block, Lesson, LessonError};

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::scenario::problem::SourceMap;
use crate::scenario::{Problem, ProblemKind, Scenario};

/// The lesson shown before the exam; `{count}`, `{pass_mark}` and `{time_limit}` are filled in.
pub const EXAM_INTRO: &str = "exam-intro.txt";
/// The course file's name inside the course folder.
pub use crate::source::COURSE_FILE;

/// Every file of `assets/course/`, embedded at build time: (file name, contents).
const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_course.rs"));

#[derive(Clone, Debug, PartialEq)]
pub struct Course {
    pub title: String,
    /// Name of the deck taken at the end.
    pub exam: String,
    pub steps: Vec<Step>,
    /// Shown before the exam.
    pub exam_intro: Lesson,
    /// SHA-256 of the course file and every lesson file it uses: saved progress through the
    /// course is kept per course and version, since a changed course may have other steps.
    pub checksum: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub lesson: Lesson,
    /// Indices into the scenario pool.
    pub practice: Vec<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCourse {
    title: Option<Spanned<String>>,
    exam: Option<Spanned<String>>,
    #[serde(default)]
    step: Vec<Spanned<RawStep>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    lesson: Option<Spanned<String>>,
    #[serde(default)]
    practice: Vec<Spanned<String>>,
}

/// The course built into the program, checked against `pool`.
pub fn embedded(pool: &[Scenario]) -> Result<Course, Vec<Problem>> {
    let file = |name: &str| EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, text)| *text);
    let path = format!("assets/course/{COURSE_FILE}");
    let src = file(COURSE_FILE).unwrap_or_default();
    parse_course(&path, src, &file, pool)
}

/// Is `path` a course file? A course is always named `course.toml`; the scenario loader skips
/// it and `check` checks it as a course, with its lessons from the same folder.
pub fn is_course_path(path: &std::path::Path) -> bool {
    crate::source::FileKind::of(path) == crate::source::FileKind::Course
}

/// Most files a course folder may hold; a folder with more is not a course.
const MAX_COURSE_FILES: usize = 500;

/// A course of one's own: `course.toml` in `dir` with its lesson files beside it (and
/// `exam-intro.txt`), checked against `pool`. Files are read by the one bounded reader
/// ([`crate::source::files::read_text`]): regular files only (symlinks followed, so a link to
/// `/dev/zero` or a named pipe is refused at once), at most 1 MiB, UTF-8 (a bad byte is reported
/// at its place).
pub fn from_dir(dir: &std::path::Path, pool: &[Scenario]) -> Result<Course, Vec<Problem>> {
    let course_path = dir.join(COURSE_FILE);
    let shown = course_path.display().to_string();
    let src = crate::source::files::read_text(&course_path, "a course file").map_err(|p| vec![p.into()])?;
    let mut files: Vec<(String, String)> = Vec::new();
    let mut problems = Vec::new();
    let entries = std::fs::read_dir(dir).map(|d| d.flatten().take(MAX_COURSE_FILES).collect::<Vec<_>>());
    for entry in entries.unwrap_or_default() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        // Not filtered by type: a `.txt` that is a folder, a pipe or a link to a device is
        // reported by the reader rather than silently missing.
        if name == COURSE_FILE || !name.ends_with(".txt") {
            continue;
        }
        match crate::source::files::read_text(&path, "a lesson") {
            Ok(text) => files.push((name, text)),
            Err(p) => problems.push(p.into()),
        }
    }
    let lookup = |name: &str| files.iter().find(|(n, _)| n == name).map(|(_, t)| t.as_str());
    let course = parse_course(&shown, &src, &lookup, pool);
    match (course, problems.is_empty()) {
        (Ok(course), true) => Ok(course),
        (Ok(_), false) => Err(problems),
        (Err(more), _) => {
            problems.extend(more);
            Err(problems)
        }
    }
}

/// Parses a course file; `file` gives the text of a lesson file by name (None if missing).
/// Every problem is reported with its place; lesson problems point at the `lesson` key.
pub fn parse_course<'a>(
    path: &str,
    src: &str,
    file: &dyn Fn(&str) -> Option<&'a str>,
    pool: &[Scenario],
) -> Result<Course, Vec<Problem>> {
    let map = SourceMap::new(path, src);
    let raw: RawCourse = match toml::from_str(src) {
        Ok(raw) => raw,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            return Err(vec![map.problem(span, ProblemKind::Syntax(e.message().trim().to_string()))]);
        }
    };
    let mut problems = Vec::new();
    // Problems inside lesson files, at the lesson's own path:line:col.
    let mut in_lessons = Vec::new();
    // Every string of the course file obeys the one rule (`check` reports where).
    for (at, kind) in unsafe_strings(src) {
        problems.push(map.problem(at..at, kind));
    }
    let mut say = |span: Range<usize>, message: String| problems.push(map.problem(span, ProblemKind::Syntax(message)));
    let text = |value: Option<Spanned<String>>, key: &str, say: &mut dyn FnMut(Range<usize>, String)| match value {
        Some(v) if !v.get_ref().trim().is_empty() => Some(v.into_inner()),
        Some(v) => {
            say(v.span(), format!("`{key}` must not be empty"));
            None
        }
        None => {
            say(0..0, format!("missing required key `{key}`"));
            None
        }
    };
    let title = text(raw.title, "title", &mut say);
    let exam = text(raw.exam, "exam", &mut say);
    if raw.step.is_empty() {
        say(0..0, "a course needs at least one [[step]]".to_string());
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut steps = Vec::new();
    for step in &raw.step {
        let lesson = match &step.get_ref().lesson {
            None => {
                say(step.span(), "missing required key `lesson`".to_string());
                None
            }
            Some(name) => load_lesson(path, name, file, &mut say, &mut in_lessons),
        };
        let mut practice = Vec::new();
        for id in &step.get_ref().practice {
            let id_text = id.get_ref().as_str();
            match pool.iter().position(|s| s.id == id_text) {
                None => say(id.span(), format!("unknown scenario id `{id_text}`")),
                Some(_) if seen.contains(&id_text) => say(id.span(), format!("`{id_text}` is practised twice")),
                Some(i) => {
                    seen.push(id_text);
                    practice.push(i);
                }
            }
        }
        if let Some(lesson) = lesson {
            steps.push(Step { lesson, practice });
        }
    }
    let exam_intro = match file(EXAM_INTRO).map(Lesson::parse) {
        Some(Ok(lesson)) => Some(lesson),
        Some(Err(e)) => {
            say(0..0, format!("{EXAM_INTRO}: {e}"));
            None
        }
        None => {
            say(0..0, format!("the exam introduction `{EXAM_INTRO}` is missing beside the course file"));
            None
        }
    };
    problems.extend(in_lessons);
    let mut hashed = src.to_string();
    let lesson_names = raw.step.iter().filter_map(|s| s.get_ref().lesson.as_ref().map(|n| n.get_ref().as_str()));
    for name in lesson_names.chain([EXAM_INTRO]) {
        hashed.push_str(&format!("\n\u{0}{name}\u{0}\n{}", file(name).unwrap_or_default()));
    }
    let checksum = crate::deck::checksum(hashed.as_bytes());
    match (title, exam, exam_intro) {
        (Some(title), Some(exam), Some(exam_intro)) if problems.is_empty() => {
            Ok(Course { title, exam, steps, exam_intro, checksum })
        }
        _ => Err(problems),
    }
}

/// Each unsafe character (by [`crate::text_safety::judge`]) or line break in a string of the
/// course file: its byte offset in the file and the problem. Only single-line values exist in a
/// course file. TOML escapes (`"\u2028"`) are caught by the parsed value, at the value's start.
fn unsafe_strings(src: &str) -> Vec<(usize, ProblemKind)> {
    let Ok(table) = toml::de::DeTable::parse(src) else { return Vec::new() };
    let mut found = Vec::new();
    let mut stack: Vec<(String, &Spanned<toml::de::DeValue<'_>>)> =
        table.get_ref().iter().map(|(k, v)| (k.get_ref().to_string(), v)).collect();
    while let Some((key, value)) = stack.pop() {
        match value.get_ref() {
            toml::de::DeValue::String(s) => {
                if let Some(hit) = crate::scenario::validate::forbidden_character(src, s, value.span(), &key, false) {
                    found.push(hit);
                }
            }
            toml::de::DeValue::Array(items) => stack.extend(items.iter().map(|v| (key.clone(), v))),
            toml::de::DeValue::Table(t) => stack.extend(t.iter().map(|(k, v)| (k.get_ref().to_string(), v))),
            _ => {}
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found
}

fn load_lesson<'a>(
    course_path: &str,
    name: &Spanned<String>,
    file: &dyn Fn(&str) -> Option<&'a str>,
    say: &mut dyn FnMut(Range<usize>, String),
    in_lessons: &mut Vec<Problem>,
) -> Option<Lesson> {
    let Some(text) = file(name.get_ref()) else {
        say(name.span(), format!("lesson file `{}` is not in the course folder", name.get_ref()));
        return None;
    };
    match Lesson::parse(text) {
        Ok(lesson) => Some(lesson),
        Err(LessonError::Control { line, col, code, reason }) => {
            let lesson_path = std::path::Path::new(course_path).with_file_name(name.get_ref());
            in_lessons.push(Problem {
                at: crate::scenario::Location { path: lesson_path.display().to_string(), line, col },
                kind: ProblemKind::ControlCharacter(format!("U+{code:04X}: {reason} (lessons are plain text)")),
            });
            None
        }
        Err(e) => {
            say(name.span(), format!("lesson `{}`: {e}", name.get_ref()));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn files(name: &str) -> Option<&'static str> {
        match name {
            "one.txt" => Some("# One\nText."),
            "bad.txt" => Some("no title"),
            "hidden.txt" => Some("# Hidden\nPay now\u{E0041}\u{E0042}."),
            EXAM_INTRO => Some("# The exam\n{count} messages."),
            _ => None,
        }
    }

    #[test]
    fn a_good_course_resolves_practice_ids() {
        let pool = fixtures::pool();
        let src = "title = \"C\"\nexam = \"quick-10\"\n[[step]]\nlesson = \"one.txt\"\npractice = [\"toll-fixture\"]\n";
        let course = parse_course("c.toml", src, &files, &pool).unwrap();
        assert_eq!(course.steps.len(), 1);
        assert_eq!(course.steps[0].practice, vec![0]);
        assert_eq!(course.steps[0].lesson.title, "One");
        assert_eq!(course.exam_intro.title, "The exam");
    }

    #[test]
    fn every_problem_is_located() {
        let pool = fixtures::pool();
        let src = "title = \"C\"\nexam = \"\"\n[[step]]\nlesson = \"bad.txt\"\npractice = [\"nope\", \"toll-fixture\", \"toll-fixture\"]\n[[step]]\nlesson = \"gone.txt\"\n";
        let problems = parse_course("c.toml", src, &files, &pool).unwrap_err();
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(text.contains(&"c.toml:2:8: `exam` must not be empty".to_string()), "{text:#?}");
        assert!(text.iter().any(|t| t.starts_with("c.toml:4:10: lesson `bad.txt`: line 1")), "{text:#?}");
        assert!(text.contains(&"c.toml:5:13: unknown scenario id `nope`".to_string()), "{text:#?}");
        assert!(text.contains(&"c.toml:5:37: `toll-fixture` is practised twice".to_string()), "{text:#?}");
        assert!(text.contains(&"c.toml:7:10: lesson file `gone.txt` is not in the course folder".to_string()));
    }

    #[test]
    fn syntax_errors_and_unknown_keys_are_located() {
        let pool = fixtures::pool();
        let problems = parse_course("c.toml", "title = \"C\"\ncolour = 1\n", &files, &pool).unwrap_err();
        assert_eq!(problems[0].at.line, 2, "{problems:?}");
    }

    #[test]
    fn invisible_characters_are_reported_where_they_are() {
        let pool = fixtures::pool();
        let src = "title = \"C\u{3164}\"\nexam = \"quick-10\"\n[[step]]\nlesson = \"hidden.txt\"\n";
        let problems = parse_course("dir/course.toml", src, &files, &pool).unwrap_err();
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            text.iter().any(|t| t.starts_with("dir/course.toml:1:11: `title` contains U+3164: an invisible filler")),
            "{text:#?}"
        );
        assert!(text.iter().any(|t| t.starts_with("dir/hidden.txt:2:8: U+E0041: a tag character")), "{text:#?}");
    }
}
