//! Running what the command line asked for: the settings resolved, the scenarios loaded, the
//! subcommand dispatched to `commands`, and the session's stores opened.

use super::*;

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(), // --help, --version
        Err(e) => usage_error(e),
    };
    let settings = match crate::config::settings(&cli.overrides()) {
        Ok(s) => s,
        Err(e) => {
            commands::complain_lines(&e.to_string());
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let (added, only) = (cli.scenarios().cloned(), cli.only_scenarios().cloned());
    // A folder to check or audit on its own: `--only-scenarios`, else `--scenarios`.
    let scenarios = only.clone().or_else(|| added.clone());
    // What lists or serves the scenarios holds each one drawn; a session's rounds draw only
    // what they show (`Corpus::for_rounds`).
    let load_as = |drawn: bool| match (&added, &only, drawn) {
        (_, Some(dir), _) => Corpus::from_paths(std::slice::from_ref(dir)),
        (Some(dir), None, true) => Corpus::embedded_and(std::slice::from_ref(dir)),
        (Some(dir), None, false) => Corpus::for_rounds_and(std::slice::from_ref(dir)),
        (None, None, true) => Corpus::embedded(),
        (None, None, false) => Corpus::for_rounds(),
    };
    let load = || load_as(false);
    let deck_or_default =
        |deck: &DeckArg| deck.deck.clone().or_else(|| settings.deck.as_ref().map(|d| d.value.clone()));
    let code = match &cli.command {
        Some(Command::Check { paths, audit: true, seed, .. }) if !paths.is_empty() => {
            commands::audit_paths(paths, scenarios.as_deref(), seed.seed.or(cli.draw.seed.seed))
        }
        Some(Command::Check { audit: true, seed, .. }) => match &scenarios {
            Some(dir) => commands::audit_paths(std::slice::from_ref(dir), None, seed.seed.or(cli.draw.seed.seed)),
            None => commands::audit_builtin(seed.seed.or(cli.draw.seed.seed)),
        },
        Some(Command::Check { paths, .. }) if !paths.is_empty() => {
            commands::check_paths(paths, scenarios.as_deref(), &settings.locale())
        }
        Some(Command::Check { .. }) => match &scenarios {
            Some(dir) => commands::check_paths(std::slice::from_ref(dir), None, &settings.locale()),
            None => commands::check_builtin(&settings.locale()),
        },
        Some(Command::Decks) => commands::decks(&settings.locale()),
        Some(Command::List(args)) => {
            let filter = commands::ListFilter {
                categories: args.category.clone(),
                verdict: args.verdict,
                difficulties: args.difficulty.clone(),
            };
            let mode = match (&args.render, args.summary) {
                (Some(id), _) => commands::ListMode::Render { id: id.clone(), seed: args.seed },
                (None, true) => commands::ListMode::Summary,
                (None, false) => commands::ListMode::Lines,
            };
            commands::list(&load_as(true), &filter, &mode)
        }
        Some(Command::Stats { .. }) => stats(&settings),
        Some(Command::Practice { deck: None, .. }) | None => {
            session(&cli, &settings, load(), |_| Ok(Plan::Practice { deck: None }))
        }
        Some(Command::Practice { deck: Some(name), .. }) => {
            session(&cli, &settings, load(), |pool| Ok(Plan::Practice { deck: Some(find_deck(name, pool)?) }))
        }
        Some(Command::Exam { deck, learner, .. }) => {
            let Some(deck) = deck_or_default(deck) else { return missing_deck("exam") };
            session(&cli, &settings, load(), |pool| {
                Ok(Plan::Exam { deck: find_deck(&deck, pool)?, learner: learner_name(&settings, learner) })
            })
        }
        Some(Command::Present { deck, from, .. }) => {
            let Some(deck) = deck_or_default(deck) else { return missing_deck("present") };
            session(&cli, &settings, load(), |pool| {
                Ok(Plan::Present { deck: find_deck(&deck, pool)?, from: usize::from(*from) })
            })
        }
        Some(Command::Course { learner, course, start_again, .. }) => session(&cli, &settings, load(), |pool| {
            let loaded = match course {
                Some(dir) => crate::course::from_dir(dir, pool),
                None => crate::course::embedded(pool),
            };
            let course =
                loaded.map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))?;
            let exam = find_deck(&course.exam, pool)?;
            Ok(Plan::Course { course, exam, learner: learner_name(&settings, learner), start_again: *start_again })
        }),
        Some(Command::Report { args, .. }) => {
            let dir = settings.data_dir.as_ref().map(|d| d.value.as_path());
            commands::report(args, dir, &settings.xapi(), &settings.locale())
        }
        Some(Command::Send { answers, dry_run, .. }) => {
            crate::send::run(&settings, &crate::send::SendOptions { answers: *answers, dry_run: *dry_run })
        }
        Some(Command::Config { .. }) => crate::commands::config::show(&settings),
        Some(Command::Completions { shell }) => {
            let mut out = std::io::stdout();
            clap_complete::generate(*shell, &mut Cli::command(), "smishdrill", &mut out);
            0
        }
        Some(Command::Man) => crate::commands::config::man(Cli::command()),
        Some(Command::Serve(args)) => {
            let data = args.data_dir.clone().or_else(|| settings.data_dir.as_ref().map(|d| d.value.clone()));
            let deck = args.deck.clone().or_else(|| settings.deck.as_ref().map(|d| d.value.clone()));
            commands::serve::run(args, deck, data, load_as(true), settings.locale())
        }
        Some(Command::Inspect { args, view }) => commands::inspect::run(
            args,
            view.plain || cli.view.plain,
            view.theme.unwrap_or(settings.theme.value),
            &settings.locale(),
        ),
    };
    ExitCode::from(code)
}

fn missing_deck(command: &str) -> ExitCode {
    commands::complain(&format!(
        "{command} needs a deck: give --deck NAME|FILE (see `smishdrill decks`), or set `deck` in the config file"
    ));
    ExitCode::from(EXIT_USAGE)
}

/// A wrong command line. clap's message repeats what was typed, so when an argument holds a
/// line break or an unsafe character the message is made from the arguments as the output rule
/// shows them (`␤`, `␛`, …): what was typed cannot forge a line or send a control sequence.
fn usage_error(e: clap::Error) -> ! {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let shown: Vec<String> =
        args.iter().map(|a| crate::text_safety::terminal_line(&a.to_string_lossy()).into_owned()).collect();
    if args.iter().zip(&shown).all(|(a, s)| a.to_str() == Some(s.as_str())) {
        e.exit();
    }
    match Cli::try_parse_from(&shown) {
        Err(e) if e.use_stderr() => e.exit(),
        _ => {
            let bad = shown.iter().zip(&args).find(|(s, a)| a.to_str() != Some(s.as_str())).map(|(s, _)| s.as_str());
            commands::complain(&format!(
                "the argument `{}` holds a line break, control or invisible character",
                bad.unwrap_or_default()
            ));
            std::process::exit(i32::from(EXIT_USAGE));
        }
    }
}

/// The data folder from the settings (`--data-dir`, environment, config, platform).
fn data_dir(settings: &Settings) -> Result<PathBuf, StoreError> {
    settings.data_dir.as_ref().map(|d| d.value.clone()).ok_or(StoreError::NoDataDir)
}

/// The learner's progress store, from the settings' data folder and profile.
fn progress_store(settings: &Settings) -> Result<ProgressStore, StoreError> {
    let profile = &settings.profile.value;
    if !valid_profile(profile) {
        // The error repeats what was given: one safe line, whatever it held.
        return Err(StoreError::BadProfile(crate::text_safety::terminal_line(profile).into_owned()));
    }
    ProgressStore::open(&data_dir(settings)?, profile)
}

/// Without a profile given (command line, environment or config) and without a usable login
/// name (`$USER`, `%USERNAME%`), progress goes to the profile `default`: say so, so nobody's
/// answers land in a shared profile unnoticed.
fn profile_notice(settings: &Settings) -> Option<Phrase> {
    let login = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_default();
    let built_in = matches!(settings.profile.origin, crate::config::Origin::BuiltIn);
    (built_in && !valid_profile(&login))
        .then(|| Phrase::new("notice.default_profile").with("profile", settings.profile.value.as_str()))
}

fn stats(settings: &Settings) -> u8 {
    if let Some(notice) = profile_notice(settings) {
        commands::complain(&notice.say(&settings.locale()));
    }
    let loaded = match progress_store(settings).and_then(|store| store.load_summary()) {
        Ok(loaded) => loaded,
        Err(e) => {
            commands::complain(&e.to_string());
            return 1;
        }
    };
    if let Some(notice) = &loaded.notice {
        commands::complain(&notice.say(&settings.locale()));
    }
    let lines = crate::learning::stats::worded(&report(&loaded.summary, 80), &settings.locale());
    commands::print_lines(lines.into_iter().map(|(_, line)| line));
    0
}

fn find_deck(name: &str, pool: &[crate::scenario::Scenario]) -> Result<crate::deck::Deck, String> {
    crate::deck::find(name, pool).map_err(|e| e.to_string())
}

/// `--learner`, or else the profile name (the login name by default).
fn learner_name(settings: &Settings, learner: &LearnerArg) -> String {
    learner.learner.clone().unwrap_or_else(|| settings.profile.value.clone())
}

/// `--scenarios DIR` gave no scenario at all: every problem, as `check` prints it, then what
/// to do.
fn nothing_usable(dir: &std::path::Path, corpus: &Corpus, t: &crate::i18n::Locale) -> u8 {
    let shown = crate::text_safety::terminal_line(&dir.display().to_string()).into_owned();
    let mut lines = commands::problem_lines(&corpus.problems);
    if corpus.files == 0 && corpus.problems.is_empty() {
        lines.push(format!("smishdrill: no scenario files (*.toml) in {shown}: nothing to practise."));
        lines.push(
            "To go on: put scenario files there (see docs/scenario-format.md), or use --scenarios (which adds to the built-in scenarios) instead of --only-scenarios."
                .to_string(),
        );
    } else {
        let problems = t.fmt("check.problems", &[("count", crate::i18n::Arg::Num(corpus.problems.len() as i64))]);
        let args = [
            ("count", crate::i18n::Arg::Num(corpus.files as i64)),
            ("dir", crate::i18n::Arg::Str(&shown)),
            ("problems", crate::i18n::Arg::Str(&problems)),
        ];
        lines.push(t.fmt("check.nothing_usable", &args));
        lines.push(format!(
            "To go on: fix the files (`smishdrill check {shown}` lists every problem again, see docs/scenario-format.md), or use --scenarios (which adds to the built-in scenarios) instead of --only-scenarios."
        ));
    }
    commands::eprint_text(&lines.join("\n"));
    EXIT_USAGE
}

/// Opens the stores, builds the plan against the loaded scenarios, and runs the session.
fn session(
    cli: &Cli,
    settings: &Settings,
    corpus: Corpus,
    plan: impl FnOnce(&[crate::scenario::Scenario]) -> Result<Plan, String>,
) -> u8 {
    if let Some(dir) = cli.only_scenarios().or(cli.scenarios()).filter(|_| corpus.scenarios.is_empty()) {
        return nothing_usable(dir, &corpus, &settings.locale());
    }
    let plan = match plan(&corpus.scenarios) {
        Ok(plan) => plan,
        Err(e) => {
            commands::complain_lines(&e);
            // The plan may have failed for want of the files that were skipped: show them.
            commands::eprint_text(&commands::problem_lines(&corpus.problems).join("\n"));
            return EXIT_USAGE;
        }
    };
    let args = cli.picked();
    let opts = Options {
        count: usize::from(args.count.unwrap_or(DEFAULT_COUNT)),
        categories: args.categories,
        seed: args.seed,
        no_spot: args.no_spot,
        theme: settings.theme.value,
        plain: args.plain,
        locale: settings.locale(),
    };
    let mut stores = Stores { progress: None, completions: None, notices: Vec::new(), history: Default::default() };
    stores.notices.extend(profile_notice(settings));
    // The summary cache, when one is written, is written while the first frame is drawn;
    // `_cache` waits for it when the session ends.
    let mut _cache = None;
    match progress_store(settings).and_then(|store| store.load_summary_then_cache().map(|l| (store, l))) {
        Ok((store, loaded)) => {
            stores.notices.extend(loaded.notice);
            stores.progress = Some(store);
            stores.history = loaded.summary;
            _cache = Some(loaded.cache);
        }
        Err(e) => stores.notices.push(Phrase::new("notice.progress_will_not_be_saved").with("error", e.to_string())),
    }
    if matches!(plan, Plan::Exam { .. } | Plan::Course { .. }) {
        match data_dir(settings).and_then(|dir| CompletionStore::open(&dir)) {
            Ok(store) => stores.completions = Some(store),
            Err(e) => stores.notices.push(Phrase::new("notice.exam_store_error").with("error", e.to_string())),
        }
    }
    commands::run_session(plan, corpus, &opts, stores)
}
