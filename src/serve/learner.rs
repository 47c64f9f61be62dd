//! One learner's session over SSH: a `runtime::Session` drawn into a ratatui terminal whose
//! backend writes to memory, fed by the bytes of the channel (through `keys`), the clock and
//! (lockstep) the room's step. A task of its own per learner; nothing here blocks: input comes
//! through a bounded inbox, output goes through [`Output`], records go to the server's files.

use crate::i18n::{Arg, Locale, key};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tokio::sync::mpsc;

use crate::app::{App, Input, Screen};
use crate::learning::completion::CompletionRecord;
use crate::learning::record::AnswerRecord;
use crate::runtime::{FileSink, Session, Sink};
use crate::scenario::Verdict;

use super::keys::KeyParser;
use super::limits::{Bucket, INPUT_RATE};
use super::lockstep::{self, Hold};
use super::output::{ENTER, FrameBuf, LEAVE, Output};
use super::room::{ClassMode, Room};

/// What the connection hands the learner's task.
#[derive(Debug)]
pub enum ToLearner {
    Data(Vec<u8>),
    Resize(u16, u16),
}

/// How many chunks of input may wait; past that the peer is sending faster than anyone types
/// and the rest is dropped.
pub const INBOX: usize = 64;

/// The most output kept for a reader that is not reading (only resizes write while it stalls).
const MAX_PENDING: usize = 64 * 1024;

/// A pause after which a lone ESC is the Esc key.
const ESC_WAIT: Duration = Duration::from_millis(40);

/// The learner's records go to the server's files, and the room hears of each.
pub struct LearnerSink {
    pub file: FileSink,
    pub room: Arc<Room>,
    pub id: u64,
}

impl Sink for LearnerSink {
    fn as_dyn(&mut self) -> &mut dyn Sink {
        self
    }
    fn answer(&mut self, record: &AnswerRecord) -> Result<(), String> {
        let saved = self.file.answer(record);
        self.room.answered(self.id, &record.scenario, Verdict::parse(&record.said));
        saved
    }
    fn completion(&mut self, record: &CompletionRecord) -> Result<(), String> {
        let saved = self.file.completion(record);
        let key = if saved.is_ok() { key("serve.event_exam_recorded") } else { key("serve.event_exam_not_recorded") };
        let name = crate::text_safety::terminal_line(&record.learner).into_owned();
        let event = crate::i18n::Phrase::new(key)
            .with("name", name)
            .with("status", record.status.name())
            .with("right", i64::from(record.correct))
            .with("count", i64::from(record.asked));
        self.room.event(event);
        saved
    }
    fn step(&mut self, app: &App, pending: Option<&CompletionRecord>) {
        self.file.step(app, pending);
        self.room.place(self.id, app.position, place(app.screen));
    }
}

/// A word for the dashboard: where the learner is.
fn place(screen: Screen) -> &'static str {
    match screen {
        Screen::Judge | Screen::Confidence | Screen::Spot | Screen::Question => key("serve.place_answering"),
        Screen::Reveal => key("serve.place_explanation"),
        Screen::Summary | Screen::Stats => key("serve.place_finished"),
        Screen::Lesson => key("serve.place_introduction"),
        Screen::Present | Screen::Tally | Screen::Vote => key("serve.place_presenting"),
    }
}

/// Everything a learner's task starts with.
pub struct Learner {
    pub name: String,
    pub session: Session,
    pub sink: LearnerSink,
    pub size: (u16, u16),
    pub idle: Duration,
}

type Screenful = Terminal<CrosstermBackend<FrameBuf>>;

fn area((cols, rows): (u16, u16)) -> Rect {
    Rect { x: 0, y: 0, width: cols, height: rows }
}

/// Runs the learner until they quit, the connection ends or they stay idle too long. However
/// it ends, an exam under way is recorded as incomplete.
pub async fn run(learner: Learner, inbox: mpsc::Receiver<ToLearner>, output: Output) {
    let Learner { name, mut session, mut sink, size, idle } = learner;
    let room = Arc::clone(&sink.room);
    let options = TerminalOptions { viewport: Viewport::Fixed(area(size)) };
    // The backend only writes into memory: no size is ever asked of a local terminal.
    let frames = FrameBuf::default();
    let terminal = Terminal::with_options(CrosstermBackend::new(frames.clone()), options);
    let t = session.app.locale.clone();
    let error = |key: &str, e: &dyn std::fmt::Display| {
        format!("smishdrill: {}", t.fmt(key, &[("error", Arg::Str(&e.to_string()))]))
    };
    let goodbye = match terminal {
        Ok(mut terminal) => {
            let _ = output.send(ENTER.to_vec());
            let outcome = drive(&name, &mut session, &mut sink, (&mut terminal, &frames), inbox, &output, idle).await;
            outcome.unwrap_or_else(|e| error(key("serve.session_stopped"), &e))
        }
        Err(e) => error(key("serve.could_not_start"), &e),
    };
    session.hang_up(&mut sink);
    room.left(sink.id);
    let mut last = LEAVE.to_vec();
    last.extend_from_slice(format!("{}\r\n", crate::text_safety::terminal_line(&goodbye)).as_bytes());
    output.finish(last).await;
}

/// The loop; returns the line to leave the learner with.
async fn drive(
    name: &str,
    session: &mut Session,
    sink: &mut LearnerSink,
    (terminal, frames): (&mut Screenful, &FrameBuf),
    mut inbox: mpsc::Receiver<ToLearner>,
    output: &Output,
    idle: Duration,
) -> std::io::Result<String> {
    let room = Arc::clone(&sink.room);
    let lockstep = room.mode == ClassMode::Lockstep;
    let mut steps = room.watch();
    let mut step = *steps.borrow_and_update();
    if lockstep {
        lockstep::sync(session, step, sink);
    }
    let mut parser = KeyParser::new();
    let mut bucket = Bucket::new(INPUT_RATE.0, INPUT_RATE.1);
    let mut clock = tokio::time::interval(Duration::from_millis(250));
    clock.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut last_activity = Instant::now();
    let mut drawn_hold: Option<Hold> = None;
    let mut hold_dirty = true;
    let mut size = terminal.get_frame().area();
    let mut full_redraw = false;
    loop {
        if output.ready() {
            if full_redraw {
                // Bytes were dropped while the reader stalled: clear and draw everything.
                terminal.resize(size)?;
                session.invalidate();
                hold_dirty = true;
                full_redraw = false;
            }
            let hold = if lockstep { lockstep::held(&session.app, step) } else { None };
            match hold {
                Some(hold) if hold_dirty || drawn_hold != Some(hold) => {
                    let (app, theme) = (&session.app, &session.theme);
                    terminal.draw(|f| lockstep::draw_hold(f, hold, app, theme, name))?;
                    drawn_hold = Some(hold);
                    hold_dirty = false;
                    send_frame(frames, output);
                }
                Some(_) => {}
                None => {
                    if drawn_hold.take().is_some() {
                        session.invalidate();
                    }
                    if session.draw(terminal, sink)? {
                        send_frame(frames, output);
                    }
                }
            }
        }
        tokio::select! {
            received = inbox.recv() => {
                let inputs = match received {
                    None => return Ok(said(&session.app.locale, key("serve.connection_closed"))),
                    Some(ToLearner::Data(bytes)) => parser.feed(&bytes),
                    Some(ToLearner::Resize(cols, rows)) => {
                        size = area((cols, rows));
                        terminal.resize(size)?;
                        if frames.pending_bytes() > MAX_PENDING {
                            // A stalled reader resizing over and over: keep nothing, redraw later.
                            frames.take();
                            full_redraw = true;
                        }
                        vec![Input::Resize { cols, rows }]
                    }
                };
                last_activity = Instant::now();
                hold_dirty = true;
                if let Some(code) = feed(session, sink, step, lockstep, &mut bucket, inputs) {
                    return Ok(farewell(&session.app.locale, code));
                }
            }
            _ = tokio::time::sleep(ESC_WAIT), if parser.pending() => {
                let inputs = parser.flush();
                if let Some(code) = feed(session, sink, step, lockstep, &mut bucket, inputs) {
                    return Ok(farewell(&session.app.locale, code));
                }
            }
            _ = clock.tick() => {
                if let Some(code) = session.tick(sink) {
                    return Ok(farewell(&session.app.locale, code));
                }
                if last_activity.elapsed() >= idle {
                    let t = &session.app.locale;
                    let secs = i64::try_from(idle.as_secs()).unwrap_or(i64::MAX);
                    let time = if secs % 60 == 0 {
                        t.fmt("serve.minutes", &[("count", Arg::Num(secs / 60))])
                    } else {
                        t.fmt("serve.seconds", &[("count", Arg::Num(secs))])
                    };
                    return Ok(format!("smishdrill: {}", t.fmt("serve.idle", &[("time", Arg::Str(&time))])));
                }
            }
            changed = steps.changed(), if lockstep => {
                if changed.is_err() {
                    return Ok(said(&session.app.locale, key("serve.class_ended")));
                }
                step = *steps.borrow_and_update();
                last_activity = Instant::now();
                lockstep::sync(session, step, sink);
                hold_dirty = true;
            }
            () = output.drained.notified() => {}
        }
    }
}

/// Hands the drawn frame to the writer. It always has room: frames are drawn only when
/// `output.ready()`, and this task is the only sender.
fn send_frame(frames: &FrameBuf, output: &Output) {
    let _ = output.send(frames.take());
}

/// Passes inputs to the session, within the rate limit and (lockstep) what the room allows.
fn feed(
    session: &mut Session,
    sink: &mut LearnerSink,
    step: super::room::Step,
    lockstep: bool,
    bucket: &mut Bucket,
    inputs: Vec<Input>,
) -> Option<u8> {
    for input in inputs {
        if !bucket.take() {
            continue; // faster than anyone types: dropped
        }
        if let Input::Key(key) = input
            && lockstep
            && !lockstep::allows(&session.app, step, key)
        {
            continue;
        }
        if let Some(code) = session.input(input, sink) {
            return Some(code);
        }
    }
    None
}

/// What the learner's terminal is told as the session ends, in its words.
fn farewell(t: &Locale, code: u8) -> String {
    if code == 0 {
        said(t, key("serve.goodbye"))
    } else {
        format!("smishdrill: {}", t.fmt("serve.ended_with", &[("code", Arg::Num(i64::from(code)))]))
    }
}

/// One catalogue text as a line from the program.
fn said(t: &Locale, key: &str) -> String {
    format!("smishdrill: {}", t.text(key))
}
