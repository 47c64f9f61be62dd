//! The instructor's view, on the terminal that runs `serve`: where to connect, the class code
//! and the host key's fingerprint; who has joined and where each is; in lockstep the message
//! on every screen, the room's vote filling in (the presenter's bar chart, counted from the
//! learners' own answers) and the scenario's notes, for the instructor's eyes only, before the
//! reveal; self-paced, the messages that fool most people. `--plain` (or no terminal) prints
//! a line per event instead and reads commands as lines.

use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::i18n::{Arg, Locale};
use crate::text_safety::{sanitize_line, terminal_line};
use crate::ui::Doc;
use crate::ui::Theme;

use super::room::{ClassMode, Room};

/// What the instructor gives out.
pub struct Info {
    pub listen: SocketAddr,
    pub code: String,
    pub fingerprint: String,
    pub title: String,
    pub mode: ClassMode,
    pub exam: bool,
    /// The class's words (`--lang`): the dashboard's and every learner's.
    pub locale: Locale,
}

impl Info {
    /// The lines to read out or project: how to join, the code, the fingerprint.
    pub fn header(&self) -> Vec<String> {
        let t = &self.locale;
        let kind = match (self.mode, self.exam) {
            (_, true) => t.text("serve.kind_exam"),
            (ClassMode::Lockstep, _) => t.text("serve.kind_lockstep"),
            (ClassMode::SelfPaced, _) => t.text("serve.kind_self_paced"),
        };
        let host = if self.listen.ip().is_loopback() { "localhost".to_string() } else { self.listen.ip().to_string() };
        let command = format!("ssh -p {} NAME@{host}", self.listen.port());
        let (listen, title) = (self.listen.to_string(), terminal_line(&self.title));
        vec![
            t.fmt("serve.title", &[("title", Arg::Str(&title)), ("kind", Arg::Str(&kind))]),
            t.fmt("serve.join", &[("command", Arg::Str(&command)), ("code", Arg::Str(&self.code))]),
            t.fmt("serve.host_key", &[("fingerprint", Arg::Str(&self.fingerprint)), ("listen", Arg::Str(&listen))]),
        ]
    }
}

/// Runs the dashboard until the instructor ends the class (q, Ctrl-C) or `stop` is set (an
/// ending signal: see `serve::run`).
pub fn run(room: &Arc<Room>, info: &Info, plain: bool, stop: &Arc<AtomicBool>) -> std::io::Result<()> {
    let plain = plain || !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal();
    if plain { run_plain(room, info, stop) } else { crate::terminal::with_screen(|t| run_screen(t, room, info, stop)) }
}

fn run_plain(room: &Arc<Room>, info: &Info, stop: &Arc<AtomicBool>) -> std::io::Result<()> {
    let mut lines = info.header();
    if info.mode == ClassMode::Lockstep {
        lines.push(info.locale.text("serve.plain_lockstep_keys").into_owned());
    } else {
        lines.push(info.locale.text("serve.plain_keys").into_owned());
    }
    crate::commands::print_lines(lines);
    let commands = Arc::clone(room);
    let ended = Arc::clone(stop);
    let lockstep = info.mode == ClassMode::Lockstep;
    std::thread::spawn(move || {
        // End of input (no terminal, `< /dev/null`) leaves the class running until a signal.
        for line in std::io::stdin().lock().lines().map_while(Result::ok) {
            match line.trim() {
                "n" | "next" | "" if lockstep => drop(commands.advance()),
                "r" | "reveal" if lockstep => drop(commands.reveal()),
                "q" | "quit" | "end" => {
                    ended.store(true, Ordering::SeqCst);
                    return;
                }
                _ => {}
            }
        }
    });
    let mut seen = 0;
    while !stop.load(Ordering::SeqCst) {
        let (events, next) = room.events_since(seen);
        seen = next;
        crate::commands::print_lines(events.into_iter().map(|e| format!("smishdrill: {}", e.say(&info.locale))));
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

fn run_screen(
    terminal: &mut ratatui::DefaultTerminal,
    room: &Arc<Room>,
    info: &Info,
    stop: &Arc<AtomicBool>,
) -> std::io::Result<()> {
    let theme = Theme::choose(crate::ui::ThemeName::Default, Theme::no_color_env());
    let mut drawn = None;
    while !stop.load(Ordering::SeqCst) {
        let version = room.version();
        if drawn != Some(version) {
            terminal.draw(|f| {
                let area = f.area();
                let lines = page(room, info, &theme, usize::from(area.width.saturating_sub(2)));
                f.render_widget(Paragraph::new(lines).style(theme.base).wrap(Wrap { trim: false }), area);
            })?;
            drawn = Some(version);
        }
        if !event::poll(Duration::from_millis(100))? {
            continue;
        }
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
                match key.code {
                    _ if ctrl_c => return Ok(()),
                    KeyCode::Char('q') | KeyCode::Char('Q') => return Ok(()),
                    KeyCode::Char('n') | KeyCode::Enter | KeyCode::Char(' ') if info.mode == ClassMode::Lockstep => {
                        room.advance();
                    }
                    KeyCode::Char('r') if info.mode == ClassMode::Lockstep => {
                        room.reveal();
                    }
                    _ => {}
                }
            }
            Event::Resize(..) => drawn = None,
            _ => {}
        }
    }
    Ok(())
}

/// A run of styled text for [`Doc::para`].
fn text(text: impl Into<String>, style: ratatui::style::Style) -> (String, ratatui::style::Style) {
    (text.into(), style)
}

/// The dashboard's lines at `width`.
pub fn page(room: &Room, info: &Info, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut doc = Doc::new(width);
    for (i, line) in info.header().into_iter().enumerate() {
        doc.para(vec![text(line, if i == 0 { theme.heading } else { theme.base })]);
    }
    doc.blank();
    if info.mode == ClassMode::Lockstep && !info.exam {
        lockstep_part(&mut doc, room, &info.locale, theme);
    } else {
        fooled_part(&mut doc, room, &info.locale, theme);
    }
    doc.blank();
    learners_part(&mut doc, room, &info.locale, theme);
    doc.lines()
}

fn num(n: usize) -> Arg<'static> {
    Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
}

fn lockstep_part(doc: &mut Doc, room: &Room, t: &Locale, theme: &Theme) {
    let step = room.step();
    let total = room.items.len();
    let keys = if !step.started {
        doc.para(vec![text(t.fmt("serve.lobby", &[("count", num(total))]), theme.heading)]);
        t.text("serve.lobby_keys")
    } else if step.ended {
        doc.para(vec![text(t.text("serve.over"), theme.heading)]);
        t.text("serve.end_keys")
    } else {
        let Some(scenario) = room.items.get(step.position) else { return };
        let state = if step.revealed { t.text("serve.revealed") } else { t.text("serve.voting") };
        let title = sanitize_line(&scenario.title);
        let args = [
            ("number", num(step.position + 1)),
            ("total", num(total)),
            ("state", Arg::Str(&state)),
            ("title", Arg::Str(&title)),
        ];
        doc.para(vec![text(t.fmt("serve.message", &args), theme.heading)]);
        let truth = step.revealed.then_some(scenario.verdict);
        crate::ui::room_chart_in(doc, t, room.tally(step.position), truth, theme);
        if !step.revealed
            && let Some(notes) = &scenario.notes
        {
            doc.blank();
            doc.para(vec![text(t.text("serve.notes"), theme.heading)]);
            for para in notes.split("\n\n") {
                doc.para(vec![text(sanitize_line(para), theme.base)]);
            }
        }
        if step.revealed { t.text("serve.revealed_keys") } else { t.text("serve.voting_keys") }
    };
    doc.para(vec![text(keys, theme.key)]);
}

fn fooled_part(doc: &mut Doc, room: &Room, t: &Locale, theme: &Theme) {
    let state = room.lock();
    let mut rows: Vec<(usize, usize, usize)> = (0..room.items.len())
        .map(|i| {
            let answers = state.answers.iter().filter(|a| a.position == i);
            let (n, wrong) = answers.fold((0, 0), |(n, w), a| (n + 1, w + usize::from(!a.right)));
            (i, wrong, n)
        })
        .filter(|(_, wrong, _)| *wrong > 0)
        .collect();
    drop(state);
    rows.sort_by(|a, b| (b.1 * a.2.max(1)).cmp(&(a.1 * b.2.max(1))).then(b.1.cmp(&a.1)));
    doc.para(vec![text(t.text("serve.fooled"), theme.heading)]);
    if rows.is_empty() {
        doc.para(vec![text(format!("  {}", t.text("serve.nobody_fooled")), theme.base)]);
    }
    for (i, wrong, n) in rows.into_iter().take(5) {
        let title = sanitize_line(&room.items[i].title);
        let args = [("wrong", num(wrong)), ("count", num(n)), ("number", num(i + 1)), ("title", Arg::Str(&title))];
        doc.para(vec![text(format!("  {}", t.fmt("serve.fooled_row", &args)), theme.base)]);
    }
    doc.para(vec![text(t.text("serve.end_keys"), theme.key)]);
}

fn learners_part(doc: &mut Doc, room: &Room, t: &Locale, theme: &Theme) {
    let state = room.lock();
    let total = room.items.len();
    let here = state.learners.iter().filter(|l| l.connected).count();
    let joined = state.learners.len();
    doc.para(vec![text(t.fmt("serve.learners", &[("here", num(here)), ("joined", num(joined))]), theme.heading)]);
    for l in &state.learners {
        let from = l.addr.map(|a| a.ip().to_string()).unwrap_or_default();
        let status = if l.connected { String::new() } else { format!(" {}", t.text("serve.learner_left")) };
        let at =
            t.fmt("serve.learner_at", &[("number", num((l.position + 1).min(total.max(1)))), ("total", num(total))]);
        let score = t.fmt("serve.learner_score", &[("answered", num(l.answered)), ("right", num(l.right))]);
        let line =
            format!("  {:<20} {:<15} {at} {:<12} {score}{status}", sanitize_line(&l.name), from, t.text(l.place));
        doc.para(vec![text(line, theme.base)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Verdict;

    fn info(mode: ClassMode) -> Info {
        Info {
            listen: "127.0.0.1:2222".parse().unwrap(),
            code: "maple-otter-42".into(),
            fingerprint: "SHA256:abc".into(),
            title: "Quick ten".into(),
            mode,
            exam: false,
            locale: Locale::english(),
        }
    }

    fn text(room: &Room, info: &Info) -> String {
        let theme = Theme::choose(crate::ui::ThemeName::Mono, true);
        let lines = page(room, info, &theme, 100);
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_instructor_sees_the_vote_and_the_notes_before_the_reveal_only() {
        let pool = crate::corpus::Corpus::embedded().scenarios;
        let with_notes: Vec<_> = pool.into_iter().filter(|s| s.notes.is_some()).take(2).collect();
        let room = Room::new(ClassMode::Lockstep, with_notes);
        let info = info(ClassMode::Lockstep);
        let lobby = text(&room, &info);
        assert!(lobby.contains("ssh -p 2222 NAME@localhost") && lobby.contains("maple-otter-42"), "{lobby}");
        assert!(lobby.contains("SHA256:abc") && lobby.contains("in the lobby"), "{lobby}");
        let (ada, _) = room.join("ada", None);
        room.advance();
        let first = room.items[0].clone();
        room.answered(ada, &first.id, Some(Verdict::Scam));
        let voting = text(&room, &info);
        assert!(voting.contains("The room (1 answer)") && voting.contains("Your notes"), "{voting}");
        assert!(!voting.contains('✓'), "no answer marked before the reveal: {voting}");
        assert!(voting.contains("ada") && voting.contains("1 answered"), "{voting}");
        room.reveal();
        let revealed = text(&room, &info);
        assert!(revealed.contains('✓') && !revealed.contains("Your notes"), "{revealed}");
    }

    #[test]
    fn self_paced_shows_the_messages_that_fool_most_people() {
        let items: Vec<_> = crate::corpus::Corpus::embedded().scenarios.into_iter().take(3).collect();
        let room = Room::new(ClassMode::SelfPaced, items);
        let (a, _) = room.join("ada", None);
        let second = room.items[1].clone();
        let wrong = match second.verdict {
            Verdict::Scam => Verdict::Legit,
            Verdict::Legit => Verdict::Scam,
        };
        room.answered(a, &second.id, Some(wrong));
        let page = text(&room, &info(ClassMode::SelfPaced));
        assert!(page.contains("1 of 1 wrong — message 2"), "{page}");
    }

    #[test]
    fn the_dashboard_speaks_the_class_language() {
        use crate::ui::locale_check::{english_words, pseudo, words};
        let pool = crate::corpus::Corpus::embedded().scenarios;
        let items: Vec<_> = pool.into_iter().filter(|s| s.notes.is_some()).take(2).collect();
        let content: std::collections::BTreeSet<String> = items
            .iter()
            .flat_map(|s| words(&format!("{} {}", s.title, s.notes.as_deref().unwrap_or_default())).collect::<Vec<_>>())
            .collect();
        let english = english_words();
        let mut info = info(ClassMode::Lockstep);
        info.locale = pseudo();
        let room = Room::new(ClassMode::Lockstep, items);
        let mut pages = vec![text(&room, &info), info.header().join("\n")];
        let (ada, _) = room.join("ada", None);
        room.advance();
        let first = room.items[0].clone();
        room.answered(ada, &first.id, Some(Verdict::Scam));
        pages.push(text(&room, &info));
        room.reveal();
        pages.push(text(&room, &info));
        room.end();
        pages.push(text(&room, &info));
        info.mode = ClassMode::SelfPaced;
        pages.push(text(&room, &info));
        for page in pages {
            let left: Vec<String> =
                words(&page).filter(|w| english.contains(w) && !content.contains(w) && w != "ada").collect();
            assert!(left.is_empty(), "English on the dashboard under en-XA: {left:?}\n{page}");
        }
    }
}
