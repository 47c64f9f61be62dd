//! `smishdrill report`: exam records from the machine's `completions.jsonl` as a table or an
//! export, or (`--merge`) many exported files as a class view.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::learning::completion::CompletionRecord;
use crate::learning::completion_store::CompletionStore;
use crate::learning::progress::default_data_dir;
use crate::report::export;
use crate::report::history::{history_lines, many_learners};
use crate::report::merge::{ClassView, class_csv, class_lines, read_records};
use crate::report::xapi::{self, XapiOptions};

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
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
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
pub fn report(args: &ReportArgs, data_dir: Option<&Path>, xapi: &XapiOptions) -> u8 {
    match run(args, data_dir, xapi) {
        Ok(code) => code,
        Err((code, message)) => {
            eprintln!("smishdrill: {message}");
            code
        }
    }
}

type Failure = (u8, String);

fn run(args: &ReportArgs, data_dir: Option<&Path>, base: &XapiOptions) -> Result<u8, Failure> {
    for iri in [&args.xapi_homepage, &args.xapi_base].into_iter().flatten() {
        xapi::check_iri(iri).map_err(|e| (EXIT_USAGE, e))?;
    }
    if args.answers && args.format != ReportFormat::Xapi {
        return Err((EXIT_USAGE, "--answers goes with --format xapi".to_string()));
    }
    if !args.merge.is_empty() {
        return merged(args);
    }
    let dir = match data_dir {
        Some(d) => d.to_path_buf(),
        None => default_data_dir().map_err(|e| (1, e.to_string()))?,
    };
    let store = CompletionStore::open(&dir).map_err(|e| (1, e.to_string()))?;
    if let Some(out) = &args.output {
        refuse_overwriting(out, store.path())?;
    }
    let loaded = store.load().map_err(|e| (1, e.to_string()))?;
    if let Some(notice) = &loaded.notice {
        eprintln!("smishdrill: {notice}");
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
    emit(args.output.as_deref(), &text)?;
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
fn merged(args: &ReportArgs) -> Result<u8, Failure> {
    if let Some(out) = &args.output {
        args.merge.iter().try_for_each(|input| refuse_overwriting(out, input))?;
    }
    let mut records = Vec::new();
    let mut failed = false;
    for path in &args.merge {
        match read_records(path) {
            Ok(r) => records.extend(r),
            Err(e) => {
                eprintln!("smishdrill: {e}");
                failed = true;
            }
        }
    }
    let records = filter(records, args.learner.as_deref());
    let view = ClassView::build(&records);
    let text = match args.format {
        ReportFormat::Text => lines_text(class_lines(&view, 80, TOP_SCENARIOS)),
        ReportFormat::Csv => class_csv(&view),
        other => {
            let name = format!("{other:?}").to_lowercase();
            return Err((EXIT_USAGE, format!("--merge makes a class view as text or csv, not {name}")));
        }
    };
    emit(args.output.as_deref(), &text)?;
    Ok(u8::from(failed))
}

fn lines_text(lines: Vec<String>) -> String {
    lines.into_iter().map(|l| l + "\n").collect()
}

/// `--output` must not name the records read: writing a report there would lose them.
fn refuse_overwriting(out: &Path, records: &Path) -> Result<(), Failure> {
    let same = match (out.canonicalize(), records.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err((
            EXIT_USAGE,
            format!("--output {} is a file of records being read; choose another file", out.display()),
        ));
    }
    Ok(())
}

/// Writes to the file, or to stdout (a closed pipe ends quietly).
fn emit(output: Option<&Path>, text: &str) -> Result<(), Failure> {
    use std::io::Write;
    match output {
        Some(path) => std::fs::write(path, text).map_err(|e| (1, format!("{}: {e}", path.display()))),
        None => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
            Ok(())
        }
    }
}
