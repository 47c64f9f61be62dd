//! The runtime: one session loop for every terminal. A [`Session`] holds the app and is driven
//! by inputs and the clock; [`run`] drives it on any ratatui backend from any [`InputSource`];
//! effects go to a [`Sink`]. The local terminal (`terminal.rs`), tests (a script into a
//! `TestBackend`) and `serve` (an SSH channel) are hosts around it.

mod effects;
mod file_sink;
mod session;
mod sink;

pub use effects::{carry_out, finish_interrupted, now, pending_record, report_step};
pub use file_sink::{FileSink, Place};
pub use session::{Session, TICK};
pub use sink::{MemorySink, NullSink, Shared, Sink};

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::Input;

/// What an input source has for the loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Input(Input),
    /// Nothing arrived in the time allowed.
    Idle,
    /// The screen may have been overwritten (the program was suspended and resumed): clear
    /// and draw it all again.
    Redraw,
    /// Stop now with this exit code (a signal, a closed connection): an exam under way is
    /// recorded as incomplete.
    End(u8),
}

/// Where inputs come from: the local terminal, a script, a network channel.
pub trait InputSource {
    /// The next event, waiting at most `wait`.
    fn next(&mut self, wait: Duration) -> std::io::Result<Event>;
}

/// A fixed list of inputs, then the end (exit code 0): drives whole sessions in tests.
pub struct Script(std::collections::VecDeque<Input>);

impl Script {
    pub fn new(inputs: impl IntoIterator<Item = Input>) -> Script {
        Script(inputs.into_iter().collect())
    }

    /// Keys from a compact text: each character a key, with `<Enter>`, `<Esc>`, `<Tab>`,
    /// `<Up>`, `<Down>`, `<Left>`, `<Right>`, `<Space>` and `<C-x>` for the others.
    pub fn keys(text: &str) -> Script {
        Script::new(crate::app::parse_key_script(text).into_iter().map(Input::Key))
    }
}

impl InputSource for Script {
    fn next(&mut self, _wait: Duration) -> std::io::Result<Event> {
        Ok(self.0.pop_front().map_or(Event::End(0), Event::Input))
    }
}

/// How often the loop wakes without input, at most (to notice a signal or a tick).
pub const WAKE: Duration = Duration::from_millis(100);

/// Runs `session` on `terminal` until it quits or the input ends. Returns the exit code.
/// However it ends, an exam still running is recorded as incomplete.
pub fn run<B, I>(
    terminal: &mut Terminal<B>,
    session: &mut Session,
    input: &mut I,
    sink: &mut dyn Sink,
) -> std::io::Result<u8>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    I: InputSource,
{
    let code = drive(terminal, session, input, sink);
    session.hang_up(sink);
    code
}

fn drive<B, I>(
    terminal: &mut Terminal<B>,
    session: &mut Session,
    input: &mut I,
    sink: &mut dyn Sink,
) -> std::io::Result<u8>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    I: InputSource,
{
    loop {
        session.draw(terminal, sink).map_err(std::io::Error::other)?;
        let code = match input.next(WAKE.min(session.until_tick()))? {
            Event::Input(i) => session.input(i, sink),
            Event::Idle => None,
            Event::Redraw => {
                terminal.clear().map_err(std::io::Error::other)?;
                session.resumed();
                None
            }
            Event::End(code) => Some(code),
        };
        if let Some(code) = code.or_else(|| session.tick(sink)) {
            return Ok(code);
        }
    }
}

#[cfg(test)]
mod tests;
