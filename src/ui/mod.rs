//! Drawing. `view` turns the state into a frame and reports back only what the state needs to
//! know about the layout (how far the page can scroll). No state changes here.

mod bubbles;
mod doc;
mod help;
pub mod inspect;
mod judge;
mod lesson;
pub mod page;
mod present;
pub mod prompt;
mod reveal;
mod stats_screen;
pub(crate) mod summary;
pub mod theme;
mod words;
pub mod wrap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

pub use theme::{Theme, ThemeName};
// For `serve`'s dashboard: the presenter's bar chart of the room's vote, on a page of its own.
pub use doc::Doc;
pub use present::room_chart_in;

use crate::app::{App, Mode, Screen};
use crate::i18n::{Arg, Locale};
use page::{Block, Page};

/// A count as a placeholder's value.
fn num(n: usize) -> Arg<'static> {
    Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Below this the screen shows a request to enlarge the window instead of a garbled layout.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// Wider than this, text is centred in a column: long lines are hard to read.
const MAX_COLUMN: u16 = 84;

/// What drawing learned that the state needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct ViewReport {
    pub max_scroll: u16,
    pub body_height: u16,
    /// The body line of the spot cursor, to keep in view.
    pub focus: Option<u16>,
}

impl ViewReport {
    /// The message that tells `update` about the layout.
    pub fn msg(self) -> crate::app::Msg {
        crate::app::Msg::Viewport { max_scroll: self.max_scroll, body_height: self.body_height, focus: self.focus }
    }
}

pub fn view(frame: &mut Frame, app: &App, theme: &Theme) -> ViewReport {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, &app.locale, theme);
        return ViewReport::default();
    }
    let width = area.width.min(MAX_COLUMN);
    let column = Rect { x: area.x + (area.width - width) / 2, width, ..area };
    let inner_width = usize::from(width.saturating_sub(2));

    let page = page(app, inner_width, theme);
    let body = page::lines(&page.body, inner_width);
    let panel = page::lines(&page.panel, usize::from(width));
    let panel_height = (panel.len() as u16).min(area.height / 2);
    let [header_area, body_area, rule_area, panel_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(panel_height),
    ])
    .areas(column);

    frame.render_widget(Paragraph::new(page.header), header_area);
    let focus = (app.screen == Screen::Spot)
        .then(|| bubbles::line_with_style(&body, theme.selected))
        .flatten()
        .map(|l| l as u16);
    let body_area = Rect { x: body_area.x + 1, width: body_area.width.saturating_sub(2), ..body_area };
    let body = if matches!(app.screen, Screen::Present | Screen::Tally | Screen::Vote) {
        centre_vertically(body, body_area.height)
    } else {
        body
    };
    let max_scroll = (body.len() as u16).saturating_sub(body_area.height);
    let scroll = app.view.scroll.min(max_scroll);
    frame.render_widget(Paragraph::new(body.clone()).scroll((scroll, 0)), body_area);
    if max_scroll > 0 {
        let mut state = ScrollbarState::new(usize::from(max_scroll) + 1).position(usize::from(scroll));
        let bar_area = Rect { x: body_area.right(), width: 1, ..body_area };
        frame.render_stateful_widget(Scrollbar::new(ScrollbarOrientation::VerticalRight), bar_area, &mut state);
    }
    frame.render_widget(rule(app, max_scroll > scroll, width, theme), rule_area);
    frame.render_widget(Paragraph::new(panel).wrap(ratatui::widgets::Wrap { trim: false }), panel_area);

    if app.view.show_help {
        help::draw(frame, area, theme, app.view.help_scroll, &app.locale);
    }
    ViewReport { max_scroll, body_height: body_area.height, focus }
}

/// The current screen as a page: its header `width + 2` columns wide (the frame's), and the
/// body and panel built for `width` columns. Each screen's view builds its blocks; this is the
/// one place that says which view draws which screen.
pub fn page(app: &App, width: usize, theme: &Theme) -> Page {
    let (body, panel) = blocks(app, width, theme);
    Page { header: header_line(app, width + 2, theme), body, panel }
}

/// Lines laid out by a view, as blocks.
fn as_blocks(lines: Vec<Line<'static>>) -> Vec<Block> {
    lines.into_iter().map(Block::Line).collect()
}

/// The scrolling body and the fixed panel under it, for the current screen.
fn blocks(app: &App, width: usize, theme: &Theme) -> (Vec<Block>, Vec<Block>) {
    if app.screen == Screen::Stats {
        return (stats_screen::body(app, width, theme).blocks, as_blocks(stats_screen::panel(app, theme)));
    }
    if let Some(lesson) = app.lesson() {
        let body = notice_blocks(app, theme).into_iter().chain(lesson::body(app, lesson, width, theme).blocks);
        return (body.collect(), as_blocks(lesson::panel(app, theme)));
    }
    let summary = || match app.session.mode {
        Mode::Present => (present::summary_body(app, width, theme).blocks, as_blocks(summary::panel(app, theme))),
        _ => (summary::body(app, width, theme).blocks, as_blocks(summary::panel(app, theme))),
    };
    let Some(scenario) = app.current() else { return summary() };
    let plain = || judge::body(app, scenario, width, bubbles::Marks::None, theme).blocks;
    match app.screen {
        Screen::Judge => (plain(), as_blocks(judge::verdict_panel(app, theme))),
        Screen::Confidence => (plain(), as_blocks(judge::confidence_panel(app, theme))),
        Screen::Spot => {
            let pieces = crate::learning::spot::pieces(scenario);
            let marks = bubbles::Marks::Spot { pieces: &pieces, cursor: app.piece_cursor(), marked: app.marks() };
            (judge::body(app, scenario, width, marks, theme).blocks, as_blocks(judge::spot_panel(app, theme)))
        }
        Screen::Question => (plain(), judge::question_panel(app, scenario, width, theme)),
        Screen::Present => (present::body(app, scenario, width, theme).blocks, as_blocks(present::panel(app, theme))),
        Screen::Tally => {
            (present::body(app, scenario, width, theme).blocks, as_blocks(present::tally_panel(app, theme)))
        }
        Screen::Vote => {
            (present::vote_body(app, scenario, width, theme).blocks, as_blocks(present::vote_panel(app, theme)))
        }
        Screen::Reveal if app.session.mode == Mode::Present => {
            (present::reveal_body(app, scenario, width, theme).blocks, as_blocks(reveal::panel(app, theme)))
        }
        Screen::Reveal => match app.current_answer() {
            Some(answer) => {
                let body = notice_blocks(app, theme)
                    .into_iter()
                    .chain(reveal::body(&app.locale, scenario, answer, !app.after_question, width, theme).blocks);
                (body.collect(), as_blocks(reveal::panel(app, theme)))
            }
            None => (Vec::new(), Vec::new()),
        },
        Screen::Summary | Screen::Stats | Screen::Lesson => summary(),
    }
}

/// A notice (e.g. that saving failed) above the explanation or a lesson: it arrives as the answer
/// is saved (or at the start, before a course's first lesson), and the next message clears it,
/// so this is where the learner sees it.
fn notice_blocks(app: &App, theme: &Theme) -> Vec<Block> {
    let Some(notice) = notice_text(app).filter(|_| !app.reviewing) else { return Vec::new() };
    let text = format!("! {}", crate::text_safety::sanitize_line(&notice));
    vec![Block::Para(vec![doc::run(text, theme.notice)]), Block::Blank]
}

/// The notices of the page worded in the session's locale, one after the other; `None` when
/// there are none.
fn notice_text(app: &App) -> Option<String> {
    let said: Vec<String> = app.notice.iter().map(|p| p.say(&app.locale)).collect();
    (!said.is_empty()).then(|| said.join(" "))
}

/// The current screen as plain text lines `width` columns wide — the header, the whole body
/// (no scrolling) and then its panel — for `--plain` mode, screen readers and dumb terminals:
/// the page's blocks read by the plain renderer.
pub fn page_text(app: &App, width: usize) -> Vec<String> {
    let page = page(app, width, &Theme::mono());
    std::iter::once(page.header.to_string().trim_end().to_string())
        .chain(page::text(&page.body, width))
        .chain(std::iter::once(String::new()))
        .chain(page::text(&page.panel, width))
        .collect()
}

/// Only the panel of the current screen, as plain text.
pub fn panel_text(app: &App, width: usize) -> Vec<String> {
    page::text(&page(app, width, &Theme::mono()).panel, width)
}

/// The top line, `width` columns at most: when the words are too long for it (a language
/// longer than English), the keys' words go first, then the mode — never the `?` key itself
/// or the progress.
fn header_line(app: &App, width: usize, theme: &Theme) -> Line<'static> {
    let t = &app.locale;
    let progress = match app.screen {
        Screen::Summary if app.session.exam.is_some() => t.text("header.exam_result").into_owned(),
        Screen::Summary if app.session.mode == Mode::Present => t.text("header.deck_in_review").into_owned(),
        Screen::Summary => t.text("header.round_summary").into_owned(),
        Screen::Stats => t.text("header.your_progress").into_owned(),
        Screen::Lesson if app.session.mode == Mode::Exam => t.text("header.exam").into_owned(),
        Screen::Lesson => t.text("header.course").into_owned(),
        _ => t.fmt(
            "header.message_of",
            &[("number", Arg::Num((app.position + 1).min(app.round.len()) as i64)), ("total", num(app.round.len()))],
        ),
    };
    let mode = match app.session.mode {
        Mode::Present => Some(t.text("header.mode_presenting")),
        _ if !app.screen.is_answering() => None,
        Mode::Exam => Some(t.text("header.mode_exam")),
        Mode::Course if app.in_graded_stage() => Some(t.text("header.mode_exam")),
        Mode::Course => Some(t.text("header.mode_practice")),
        Mode::Practice => None,
    };
    let mut spans = vec![Span::styled(" smishdrill ", theme.selected), Span::raw("  ")];
    let mode_at = spans.len();
    let has_mode = mode.is_some();
    if let Some(mode) = mode {
        spans.push(Span::styled(format!("{mode} · "), theme.heading));
    }
    spans.push(Span::styled(progress, theme.heading));
    // While the follow-up question is open, the newest verdict is not yet revealed: counting it
    // would give the answer away. In an exam nothing is counted until the end.
    // A question asked after the reveal comes once the verdict is shown, so that one counts.
    let open = matches!(app.screen, Screen::Confidence | Screen::Spot)
        || (app.screen == Screen::Question && !app.after_question);
    let pending = usize::from(open);
    let answered = app.answers.len().saturating_sub(pending);
    let right = app.answered().take(answered).filter(|(s, a)| a.is_right(s.verdict)).count();
    if answered > 0 && !app.session.feedback_at_end && app.session.mode != Mode::Present && app.screen != Screen::Lesson
    {
        let score = t.fmt("header.right_so_far", &[("right", num(right)), ("count", num(answered))]);
        spans.push(Span::styled(format!("  ·  {score}"), theme.dim));
    }
    if let (Some(limit), true) = (app.session.time_limit, app.screen.is_answering()) {
        let left = limit.saturating_sub(app.item_seconds);
        let style = if left <= 10 { theme.notice } else { theme.dim };
        let clock = format!("{}:{:02}", left / 60, left % 60);
        spans.push(Span::styled(format!("  ·  ⏱ {}", t.fmt("header.time_left", &[("time", Arg::Str(&clock))])), style));
    }
    spans.push(Span::styled(format!("   ? {}  q {}", t.text("header.help"), t.text("header.quit")), theme.dim));
    let too_wide = |spans: &[Span]| Line::from(spans.to_vec()).width() > width;
    if too_wide(&spans) {
        spans.pop();
        spans.push(Span::styled("   ?", theme.dim));
    }
    if too_wide(&spans) && has_mode {
        spans.remove(mode_at);
    }
    Line::from(spans)
}

/// For the projector: the message in the middle of the screen, not stuck to the top.
fn centre_vertically(body: Vec<Line<'static>>, height: u16) -> Vec<Line<'static>> {
    let pad = usize::from(height).saturating_sub(body.len()) / 2;
    std::iter::repeat_n(Line::default(), pad).chain(body).collect()
}

/// A rule between the page and the panel, saying when there is more to scroll to.
fn rule(app: &App, more_below: bool, width: u16, theme: &Theme) -> Paragraph<'static> {
    let label =
        if more_below { format!(" ↓ {} (↓/PgDn) ", app.locale.text("page.more_below")) } else { String::new() };
    let fill = usize::from(width).saturating_sub(label.chars().count() + 2);
    Paragraph::new(Line::from(vec![
        Span::styled("──", theme.dim),
        Span::styled(label, theme.key),
        Span::styled("─".repeat(fill), theme.dim),
    ]))
}

fn too_small(frame: &mut Frame, area: Rect, t: &Locale, theme: &Theme) {
    frame.render_widget(Clear, area);
    let least = format!("{MIN_WIDTH}×{MIN_HEIGHT}");
    let now = format!("{}×{}", area.width, area.height);
    let text = vec![
        Line::styled(t.text("page.enlarge").into_owned(), theme.heading),
        Line::raw(t.fmt("page.enlarge_sizes", &[("least", Arg::Str(&least)), ("now", Arg::Str(&now))])),
        Line::raw(format!("q {}", t.text("page.quits"))),
    ];
    frame.render_widget(Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }), area);
}

#[cfg(test)]
#[path = "snapshot_tests.rs"]
mod snapshot_tests;

#[cfg(test)]
#[path = "mode_snapshot_tests.rs"]
mod mode_snapshot_tests;

#[cfg(test)]
#[path = "locale_tests.rs"]
mod locale_tests;

#[cfg(test)]
#[path = "locale_check.rs"]
pub(crate) mod locale_check;
