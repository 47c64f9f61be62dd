//! `smishdrill report`: exam records from the machine's `completions.jsonl` as a table or an
//! export, or (`--merge`) many exported files as a class view.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::learning::completion::CompletionRecord;
use crate::report::export;
use crate::report::history::{history_lines, many_learners};
use crate::report::merge::{class_csv, class_lines, merge_files};
use crate::report::xapi::{self, XapiOptions};
use crate::store::completions::CompletionStore;
use crate::store::default_data_dir;

/// Exit code for wrong usage.
const EXIT_USAGE: u8 = 2;
/// How many scenarios the class view lists.
const TOP_SCENARIOS: usize = 10;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only this learner's attempts (default: every learner in the records).
    #[arg(long, value_name = "NAME")]
    pub learner: Option<String>,
    /// text (a table), csv, json (the records), md (Markdown) or xapi (xAPI 1.0.3 statements).
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// With --format xapi: also one `answered` statement per answered item.
    #[arg(long)]
    pub answers: bool,
    /// Write to this file instead of standard output. An existing file is refused unless
    /// --force is given; a file of records (completions.jsonl, answers.jsonl, a --merge input)
    /// is always refused, whatever name, hard link or symbolic link leads to it.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With --output: replace the file if it exists (never a file of records).
    #[arg(long, requires = "output")]
    pub force: bool,
    /// With --format xapi: the account homepage for learners without an email address
    /// (default: `homepage` in the config's [xapi], else https://smishdrill.example).
    #[arg(long, value_name = "URL")]
    pub xapi_homepage: Option<String>,
    /// With --format xapi: the base IRI of activity ids and extensions (default: `base` in the
    /// config's [xapi], else https://smishdrill.example/xapi).
    #[arg(long, value_name = "IRI")]
    pub xapi_base: Option<String>,
    /// Combine these exported files (`--format json` exports or completions.jsonl files) into a
    /// class view: pass rate, average score, the scenarios that fooled most people.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub merge: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Csv,
    Json,
    Md,
    Xapi,
}

/// Runs `report`; `data_dir` is the global `--data-dir`, `xapi` the config's statement options
/// (what `send` uses too, so an export and a delivery give the same statements).
pub fn report(args: &ReportArgs, data_dir: Option<&Path>, xapi: &XapiOptions, locale: &crate::i18n::Locale) -> u8 {
    match run(args, data_dir, xapi, locale) {
        Ok(code) => code,
        Err((code, message)) => {
            super::complain(&message);
            code
        }
    }
}

type Failure = (u8, String);

fn run(
    args: &ReportArgs,
    data_dir: Option<&Path>,
    base: &XapiOptions,
    locale: &crate::i18n::Locale,
) -> Result<u8, Failure> {
    for iri in [&args.xapi_homepage, &args.xapi_base].into_iter().flatten() {
        xapi::check_iri(iri).map_err(|e| (EXIT_USAGE, e))?;
    }
    if args.answers && args.format != ReportFormat::Xapi {
        return Err((EXIT_USAGE, "--answers goes with --format xapi".to_string()));
    }
    if !args.merge.is_empty() {
        return merged(args, data_dir);
    }
    let dir = match data_dir {
        Some(d) => d.to_path_buf(),
        None => default_data_dir().map_err(|e| (1, e.to_string()))?,
    };
    let store = CompletionStore::open(&dir).map_err(|e| (1, e.to_string()))?;
    let protected = records_of(&dir, &[]);
    if let Some(out) = &args.output {
        refuse_overwriting(out, &protected, args.force)?;
    }
    let loaded = store.load().map_err(|e| (1, e.to_string()))?;
    if let Some(notice) = &loaded.notice {
        super::complain(&notice.say(locale));
    }
    let records = filter(loaded.records, args.learner.as_deref());
    let text = match args.format {
        ReportFormat::Text if records.is_empty() => match &args.learner {
            Some(name) => format!("no exam records for {} yet\n", crate::text_safety::sanitize_line(name)),
            None => "no exam records yet\n".to_string(),
        },
        ReportFormat::Text => lines_text(history_lines(&records, args.learner.is_none() && many_learners(&records))),
        ReportFormat::Csv => export::csv(&records),
        ReportFormat::Json => export::json(&records),
        ReportFormat::Md => export::markdown(&records),
        ReportFormat::Xapi => xapi::document(&records, &xapi_options(args, base)),
    };
    emit(args.output.as_deref(), &text, &protected, args.force)?;
    Ok(0)
}

fn xapi_options(args: &ReportArgs, base: &XapiOptions) -> XapiOptions {
    XapiOptions {
        homepage: args.xapi_homepage.clone().unwrap_or_else(|| base.homepage.clone()),
        base: args.xapi_base.clone().unwrap_or_else(|| base.base.clone()),
        answers: args.answers,
        ..base.clone()
    }
}

fn filter(records: Vec<CompletionRecord>, learner: Option<&str>) -> Vec<CompletionRecord> {
    records.into_iter().filter(|r| learner.is_none_or(|name| r.learner == name)).collect()
}

/// The class view. Unreadable files are reported and left out; the rest are still merged,
/// and the exit code is 1 so a script notices.
fn merged(args: &ReportArgs, data_dir: Option<&Path>) -> Result<u8, Failure> {
    let dir = data_dir.map(Path::to_path_buf).or_else(|| default_data_dir().ok());
    let protected = match &dir {
        Some(dir) => records_of(dir, &args.merge),
        None => args.merge.iter().filter_map(|p| FileId::of(p)).collect(),
    };
    if let Some(out) = &args.output {
        refuse_overwriting(out, &protected, args.force)?;
    }
    // Streamed: one record in memory at a time, whatever the files' size.
    let (view, all_read) = merge_files(&args.merge, args.learner.as_deref(), |e| super::complain(&e.to_string()));
    let failed = !all_read;
    let text = match args.format {
        ReportFormat::Text => lines_text(class_lines(&view, 80, TOP_SCENARIOS)),
        ReportFormat::Csv => class_csv(&view),
        other => {
            let name = format!("{other:?}").to_lowercase();
            return Err((EXIT_USAGE, format!("--merge makes a class view as text or csv, not {name}")));
        }
    };
    emit(args.output.as_deref(), &text, &protected, args.force)?;
    Ok(u8::from(failed))
}

fn lines_text(lines: Vec<String>) -> String {
    lines.into_iter().map(|l| l + "\n").collect()
}

/// A file's identity: device and inode. Two paths name the same file exactly when these are
/// equal, whatever hard links or symbolic links lead there (comparing paths misses both).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    /// The identity of the file `path` leads to (following links); `None` if there is none.
    fn of(path: &Path) -> Option<FileId> {
        std::fs::metadata(path).ok().map(|m| FileId::from_metadata(&m))
    }

    fn from_metadata(m: &std::fs::Metadata) -> FileId {
        use std::os::unix::fs::MetadataExt;
        FileId { dev: m.dev(), ino: m.ino() }
    }
}

/// The files of records a report must never write over: the machine's completions.jsonl,
/// every profile's answers.jsonl under `data_dir`, and `inputs` (the --merge files).
fn records_of(data_dir: &Path, inputs: &[PathBuf]) -> Vec<FileId> {
    let mut paths: Vec<PathBuf> = inputs.to_vec();
    paths.push(data_dir.join(crate::store::completions::COMPLETIONS_FILE));
    let profiles = std::fs::read_dir(data_dir.join("profiles")).map(|d| d.flatten().collect::<Vec<_>>());
    paths.extend(profiles.unwrap_or_default().iter().map(|e| e.path().join("answers.jsonl")));
    paths.iter().filter_map(|p| FileId::of(p)).collect()
}

fn refused_records(out: &Path) -> Failure {
    (EXIT_USAGE, format!("--output {} is a file of records being read; choose another file", out.display()))
}

fn refused_existing(out: &Path) -> Failure {
    (EXIT_USAGE, format!("--output {} already exists; add --force to replace it", out.display()))
}

/// Refuses, before any work, an `--output` that is a file of records, or that exists when
/// `--force` is not given. `emit` checks again on the file it opens (the file may change in
/// between), so this is only for an early, clear error.
fn refuse_overwriting(out: &Path, records: &[FileId], force: bool) -> Result<(), Failure> {
    match FileId::of(out) {
        Some(id) if records.contains(&id) => Err(refused_records(out)),
        Some(_) if !force => Err(refused_existing(out)),
        _ if !force && std::fs::symlink_metadata(out).is_ok() => Err(refused_existing(out)), // a dangling link
        _ => Ok(()),
    }
}

/// Writes to the file, or to stdout (a closed pipe ends quietly). The file is opened without
/// truncating it, its identity checked against the records, and only then emptied and written:
/// so no name, hard link or symbolic link (or a swap after the early check) can make a report
/// overwrite records. Without `--force`, only a new file is created.
fn emit(output: Option<&Path>, text: &str, records: &[FileId], force: bool) -> Result<(), Failure> {
    use std::io::Write;
    let Some(path) = output else {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
        return Ok(());
    };
    let failed = |e: std::io::Error| (1, format!("{}: {e}", path.display()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true);
    } else {
        options.create_new(true);
    }
    let mut file = match options.open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(refused_existing(path)),
        other => other.map_err(failed)?,
    };
    let meta = file.metadata().map_err(failed)?;
    if records.contains(&FileId::from_metadata(&meta)) {
        return Err(refused_records(path));
    }
    if !meta.is_file() {
        return Err((EXIT_USAGE, format!("--output {} is not a regular file", path.display())));
    }
    file.set_len(0).map_err(failed)?;
    file.write_all(text.as_bytes()).and_then(|()| file.sync_all()).map_err(failed)
}
