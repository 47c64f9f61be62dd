//! Lockstep from outside the app: the server decides which keys reach a learner's `update`
//! (nobody runs ahead of the room or replays the deck), holds the explanation back until the
//! instructor reveals it (drawing a waiting screen of its own instead), and moves each
//! learner's app to the room's message (`app::class`).

use crate::i18n::Arg;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Key, Msg, Screen, msg_for_key};
use crate::runtime::{Session, Sink, carry_out, report_step};
use crate::ui::Theme;

use super::room::Step;

/// What the server draws instead of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hold {
    /// Before the instructor shows the first message.
    Lobby,
    /// Answered; the explanation comes when the instructor reveals it.
    Waiting,
}

/// Whether the learner's screen is held, and how.
pub fn held(app: &App, step: Step) -> Option<Hold> {
    if !step.started {
        return Some(Hold::Lobby);
    }
    let waiting = !step.ended
        && !step.revealed
        && !app.reviewing
        && app.position == step.position
        && app.screen == Screen::Reveal;
    waiting.then_some(Hold::Waiting)
}

/// Whether a key may reach `update` now. Help, scrolling and leaving always may; nothing may
/// move past the room's message, and a finished class is not played again.
pub fn allows(app: &App, step: Step, key: Key) -> bool {
    // A key that means nothing reaches `update` only to be answered with a hint, which is for
    // a screen the learner can act on.
    let Some(msg) = msg_for_key(app.screen, key) else { return held(app, step).is_none() };
    if matches!(
        msg,
        Msg::Quit
            | Msg::Interrupt
            | Msg::ToggleHelp
            | Msg::CloseHelp
            | Msg::ScrollBy(_)
            | Msg::ScrollToTop
            | Msg::ScrollToEnd
    ) {
        return true;
    }
    match held(app, step) {
        Some(_) => false,
        None => match (app.screen, msg) {
            // On the explanation, Enter opens an after-reveal question; going on is the room's.
            (Screen::Reveal, Msg::Next | Msg::Confirm) if !app.reviewing => app.after_question,
            (Screen::Summary | Screen::Stats, Msg::PlayAgain) => false,
            _ => true,
        },
    }
}

/// Brings the learner's app to where the room is: closes the answer when the message is
/// revealed, moves to the room's message, or to the summary at the end. Effects (records) go
/// to `sink`. Returns whether anything changed.
pub fn sync(session: &mut Session, step: Step, sink: &mut dyn Sink) -> bool {
    if !step.started {
        return false;
    }
    let target = if step.ended { session.app.round.len() } else { step.position };
    let mut effects = Vec::new();
    if session.app.position < target || (step.ended && session.app.screen != Screen::Summary) {
        effects.extend(crate::app::class::advance_to(&mut session.app, target));
    }
    if step.revealed && !step.ended && session.app.position == step.position {
        effects.extend(crate::app::class::close_answer(&mut session.app));
    }
    let changed = !effects.is_empty();
    let Session { app, errors, .. } = session;
    for effect in effects {
        let _ = carry_out(app, effect, sink, errors);
    }
    report_step(app, sink);
    session.invalidate();
    changed
}

/// Draws a held screen: a few plain lines, nothing from the message's answer.
pub fn draw_hold(frame: &mut Frame, hold: Hold, app: &App, theme: &Theme, name: &str) {
    let area = frame.area();
    let t = &app.locale;
    let total = Arg::Num(app.round.len() as i64);
    let keys = format!("? {}   q {}", t.text("serve.keys"), t.text("serve.leave"));
    let lines: Vec<Line> = match hold {
        Hold::Lobby => vec![
            Line::styled(t.fmt("serve.welcome", &[("name", Arg::Str(name))]), theme.heading),
            Line::raw(""),
            Line::raw(t.fmt("serve.class_has", &[("count", total)])),
            Line::raw(t.text("serve.each_message").into_owned()),
            Line::raw(""),
            Line::styled(keys, theme.key),
        ],
        Hold::Waiting => vec![
            Line::styled(
                t.fmt("serve.answer_is_in", &[("number", Arg::Num(app.position as i64 + 1)), ("total", total)]),
                theme.heading,
            ),
            Line::raw(""),
            Line::raw(t.text("serve.wait_for_reveal").into_owned()),
            Line::raw(""),
            Line::styled(keys, theme.key),
        ],
    };
    let inner = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(1),
    };
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(Paragraph::new(lines).style(theme.base).wrap(Wrap { trim: false }), inner);
}

#[cfg(test)]
#[path = "lockstep_tests.rs"]
mod tests;
