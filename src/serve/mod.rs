//! `smishdrill serve`: a classroom over SSH. Learners run `ssh -p 2222 NAME@HOST`, type the
//! class code and get the trainer in their own terminal; the instructor's terminal shows the
//! room (`dashboard`). Built on russh (its ratatui examples: one app per client); tokio only
//! because russh runs on it. Each learner is a `runtime::Session` in a task of its own
//! (`learner`), drawn into memory and written to the channel without ever blocking another
//! (`output`); keys are parsed from raw bytes (`keys`); lockstep is decided outside the app
//! (`lockstep`). Records are written on the server only, in the data folder.

pub mod dashboard;
mod handler;
pub mod hostkey;
pub mod keys;
mod learner;
pub mod limits;
mod lockstep;
pub mod names;
mod output;
pub mod results;
pub mod room;

use crate::i18n::Arg;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::mpsc;

use crate::app::App;
use crate::runtime::{FileSink, Session};
use crate::scenario::Scenario;
use crate::store::completions::CompletionStore;
use crate::store::progress::ProgressStore;
use crate::ui::Theme;

pub use room::ClassMode;

/// Builds a learner's app, given their name (the class's deck, mode and seed are inside).
pub type AppFactory = Box<dyn Fn(&str) -> Result<App, String> + Send + Sync>;

/// Everything `serve` needs, from the command line.
pub struct Config {
    pub listen: SocketAddr,
    pub code: String,
    pub mode: ClassMode,
    pub max_sessions: usize,
    /// New connections per address per minute.
    pub per_address: usize,
    pub data_dir: PathBuf,
    pub idle: Duration,
    pub plain: bool,
    pub exam: bool,
    pub title: String,
    /// The class's messages, in order (the dashboard's view of the deck).
    pub items: Vec<Scenario>,
    pub factory: AppFactory,
    /// The class's words (`--lang`): the dashboard's, the login prompt's and each learner's
    /// (the factory builds each App with it).
    pub locale: crate::i18n::Locale,
}

/// What every connection shares.
pub struct Shared {
    pub room: Arc<Room>,
    code: String,
    limiter: limits::AddressLimiter,
    sessions: AtomicUsize,
    max_sessions: usize,
    factory: AppFactory,
    data_dir: PathBuf,
    idle: Duration,
    /// The port listened on, for the messages that say how to connect.
    port: u16,
    /// The words of the login prompt and of the refusals.
    locale: crate::i18n::Locale,
}

use room::Room;

/// Runs the class until the instructor ends it. Returns the exit code.
pub fn run(config: Config) -> u8 {
    let key = match hostkey::load_or_create(&config.data_dir) {
        Ok(key) => key,
        Err(e) => {
            crate::commands::complain(&e);
            return 1;
        }
    };
    let fingerprint = hostkey::fingerprint(&key);
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            crate::commands::complain(&format!("cannot start the server: {e}"));
            return 1;
        }
    };
    let listener = match runtime.block_on(tokio::net::TcpListener::bind(config.listen)) {
        Ok(l) => l,
        Err(e) => {
            crate::commands::complain(&format!("cannot listen on {}: {e}", config.listen));
            return 1;
        }
    };
    let listen = listener.local_addr().unwrap_or(config.listen);
    let room = Arc::new(Room::new(config.mode, config.items));
    let shared = Arc::new(Shared {
        room: Arc::clone(&room),
        code: config.code.clone(),
        limiter: limits::AddressLimiter::new(limits::AddressRules {
            connections_per_minute: config.per_address,
            ..limits::AddressRules::default()
        }),
        sessions: AtomicUsize::new(0),
        max_sessions: config.max_sessions,
        factory: config.factory,
        data_dir: config.data_dir.clone(),
        idle: config.idle,
        port: listen.port(),
        locale: config.locale.clone(),
    });
    let ssh = Arc::new(russh_config(key));
    // One server for the life of the process: leaked so russh's accept loop can borrow it.
    let server: &'static mut Server = Box::leak(Box::new(Server { shared: Arc::clone(&shared) }));
    let listener: &'static tokio::net::TcpListener = Box::leak(Box::new(listener));
    let running = {
        use russh::server::Server as _;
        let _guard = runtime.enter();
        server.run_on_socket(ssh, listener)
    };
    let stop = running.handle();
    runtime.spawn(running);
    let info = dashboard::Info {
        listen,
        code: config.code,
        fingerprint,
        title: config.title,
        locale: config.locale,
        mode: config.mode,
        exam: config.exam,
    };
    let outcome = instructor(Arc::clone(&room), info, config.plain);
    room.end();
    // Learners see their summary; then every connection is closed (an exam under way is
    // recorded as incomplete as each task ends).
    runtime.block_on(async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        stop.shutdown("the class is over".to_string());
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        while shared.sessions.load(Ordering::SeqCst) > 0 && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    runtime.shutdown_timeout(Duration::from_secs(2));
    let saved = results::save(&room, &config.data_dir);
    let t = &shared.locale;
    let shown = |p: &std::path::Path| crate::text_safety::terminal_line(&p.display().to_string()).into_owned();
    let said = |key: &str, name: &str, value: &str| format!("smishdrill: {}", t.fmt(key, &[(name, Arg::Str(value))]));
    let mut lines = Vec::new();
    match saved {
        Ok(paths) => {
            lines.extend(paths.iter().map(|p| said(crate::i18n::key("serve.results_saved"), "file", &shown(p))))
        }
        Err(e) => lines.push(said(crate::i18n::key("serve.results_not_saved"), "error", &e.to_string())),
    }
    lines.push(said(crate::i18n::key("serve.export_hint"), "dir", &shown(&config.data_dir)));
    crate::commands::eprint_text(&lines.join("\n"));
    match outcome {
        Ok(()) => 0,
        Err(e) => {
            crate::commands::complain(&format!("dashboard: {e}"));
            1
        }
    }
}

/// How long the dashboard gets to wind down after an ending signal before the class is ended
/// without it (a closed terminal can leave it stuck reading, as `terminal.rs` explains).
const SIGNAL_GRACE: Duration = Duration::from_secs(1);

/// Runs the dashboard on a thread of its own until the instructor ends the class, or an
/// ending signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT) arrives.
fn instructor(room: Arc<Room>, info: dashboard::Info, plain: bool) -> std::io::Result<()> {
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (done, ended) = std::sync::mpsc::channel::<std::io::Result<()>>();
    let (told, flag) = (done.clone(), Arc::clone(&stop));
    std::thread::spawn(move || {
        let outcome = dashboard::run(&room, &info, plain, &flag);
        let _ = told.send(outcome);
    });
    if let Ok(mut signals) = signal_hook::iterator::Signals::new(crate::terminal::ENDING_SIGNALS) {
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                stop.store(true, Ordering::SeqCst);
                std::thread::sleep(SIGNAL_GRACE);
                let _ = done.send(Ok(()));
            }
        });
    }
    ended.recv().unwrap_or(Ok(()))
}

fn russh_config(key: russh::keys::PrivateKey) -> russh::server::Config {
    russh::server::Config {
        keys: vec![key],
        methods: russh::MethodSet::from(&[russh::MethodKind::KeyboardInteractive, russh::MethodKind::Password][..]),
        // A wrong code costs a second (russh makes every rejection take as long); the first
        // `none` probe is answered at once.
        auth_rejection_time: Duration::from_secs(1),
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: 6,
        // A connection that says nothing (not even a keepalive) for this long is dropped; the
        // learner's own idle limit is on keys.
        inactivity_timeout: Some(Duration::from_secs(3600)),
        keepalive_interval: Some(Duration::from_secs(30)),
        nodelay: true,
        ..russh::server::Config::default()
    }
}

/// Makes a connection handler for each client.
struct Server {
    shared: Arc<Shared>,
}

impl russh::server::Server for Server {
    type Handler = handler::Connection;

    fn new_client(&mut self, addr: Option<SocketAddr>) -> handler::Connection {
        let allowed = addr.is_none_or(|a| self.shared.limiter.connect(a.ip()));
        if !allowed && let Some(a) = addr {
            let event = crate::i18n::Phrase::new("serve.event_too_many").with("from", a.ip().to_string());
            self.shared.room.event(event);
        }
        handler::Connection::new(Arc::clone(&self.shared), addr, !allowed)
    }
}

/// Counts a running learner; the count goes down however the task ends (a panic too).
struct Seat(Arc<Shared>);

impl Drop for Seat {
    fn drop(&mut self) {
        self.0.sessions.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Starts a learner's session: a seat in the class, a unique name, their app and files, their
/// task. `Err` is the reason to tell them.
fn start_learner(
    shared: &Arc<Shared>,
    user: &str,
    addr: Option<SocketAddr>,
    size: (u16, u16),
    write: russh::ChannelWriteHalf<russh::server::Msg>,
    handle: russh::server::Handle,
    inbox: mpsc::Receiver<learner::ToLearner>,
) -> Result<(), String> {
    if shared.sessions.fetch_add(1, Ordering::SeqCst) >= shared.max_sessions {
        shared.sessions.fetch_sub(1, Ordering::SeqCst);
        let count = crate::i18n::Arg::Num(i64::try_from(shared.max_sessions).unwrap_or(i64::MAX));
        return Err(shared.locale.fmt("serve.class_full", &[("count", count)]));
    }
    let seat = Seat(Arc::clone(shared));
    let login = names::login(user);
    let (id, name) = shared.room.join(&login.name, addr);
    let app = match (shared.factory)(&name) {
        Ok(app) => app,
        Err(e) => {
            shared.room.left(id);
            return Err(e);
        }
    };
    let progress = ProgressStore::open(&shared.data_dir, &name).ok();
    let completions = CompletionStore::open(&shared.data_dir).ok();
    let sink = learner::LearnerSink { file: FileSink::new(progress, completions), room: Arc::clone(&shared.room), id };
    let session = Session::new(app, Theme::choose(login.theme, false));
    let output = output::Output::start(write, handle);
    let learner = learner::Learner { name, session, sink, size, idle: shared.idle };
    tokio::spawn(async move {
        let _seat = seat;
        learner::run(learner, inbox, output).await;
    });
    Ok(())
}
