//! A lesson screen's text: a deliberately tiny format (title, paragraphs, bullets, sub-headings,
//! quoted example texts) so that writers edit plain files in `assets/course/` and the trainer
//! can re-wrap every paragraph to any terminal width.

/// One block of a lesson, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// `## Heading`
    Heading(String),
    /// Lines joined into one paragraph; the view wraps it.
    Paragraph(String),
    /// `- item`
    Bullet(String),
    /// `> text`: an example message or link, shown as written.
    Quote(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// Why a lesson file was refused, with the 1-based line it concerns.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LessonError {
    #[error("line 1: a lesson starts with its title, as `# Title`")]
    NoTitle,
    /// `col` counts characters from 1; `reason` is the output rule's (`text_safety`).
    #[error("line {line}, column {col}: U+{code:04X}: {reason} (lessons are plain text)")]
    Control { line: usize, col: usize, code: u32, reason: &'static str },
    #[error("line 1: the lesson has a title but no text")]
    Empty,
}

impl Lesson {
    /// Parses a lesson file. Continuation lines of a bullet or paragraph join it, so writers
    /// may wrap their text at any width.
    pub fn parse(text: &str) -> Result<Lesson, LessonError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (i, line) in text.lines().enumerate() {
            if let Some((at, c, why)) = crate::text_safety::first_unsafe(line) {
                let col = line[..at].chars().count() + 1;
                return Err(LessonError::Control { line: i + 1, col, code: u32::from(c), reason: why.reason() });
            }
        }
        let mut lines = text.lines().map(str::trim_end);
        let title = lines
            .by_ref()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| l.strip_prefix("# "))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .ok_or(LessonError::NoTitle)?;
        let mut blocks: Vec<Block> = Vec::new();
        let mut open = false; // whether the last block may take a continuation line
        for line in lines {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                open = false;
            } else if let Some(h) = trimmed.strip_prefix("## ") {
                blocks.push(Block::Heading(h.trim().to_string()));
                open = false;
            } else if let Some(b) = trimmed.strip_prefix("- ") {
                blocks.push(Block::Bullet(b.trim().to_string()));
                open = true;
            } else if let Some(q) = line.trim_start().strip_prefix('>') {
                blocks.push(Block::Quote(q.strip_prefix(' ').unwrap_or(q).to_string()));
                open = false;
            } else if open {
                if let Some(Block::Paragraph(p) | Block::Bullet(p)) = blocks.last_mut() {
                    p.push(' ');
                    p.push_str(trimmed);
                }
            } else {
                blocks.push(Block::Paragraph(trimmed.to_string()));
                open = true;
            }
        }
        if blocks.is_empty() {
            return Err(LessonError::Empty);
        }
        Ok(Lesson { title, blocks })
    }

    /// Replaces `{name}` placeholders (used by the exam introduction for counts and marks).
    pub fn fill(mut self, values: &[(&str, String)]) -> Lesson {
        let fill = |s: &mut String| {
            for (name, value) in values {
                *s = s.replace(&format!("{{{name}}}"), value);
            }
        };
        fill(&mut self.title);
        for block in &mut self.blocks {
            match block {
                Block::Heading(s) | Block::Paragraph(s) | Block::Bullet(s) | Block::Quote(s) => fill(s),
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_in_order_with_continuations_joined() {
        let lesson = Lesson::parse(
            "# What smishing is\n\nSmishing is phishing\nby text.\n\n## Signs\n- Urgent\n  deadlines\n- Links\n> Pay now: https://toll.example\n",
        )
        .unwrap();
        assert_eq!(lesson.title, "What smishing is");
        assert_eq!(
            lesson.blocks,
            vec![
                Block::Paragraph("Smishing is phishing by text.".into()),
                Block::Heading("Signs".into()),
                Block::Bullet("Urgent deadlines".into()),
                Block::Bullet("Links".into()),
                Block::Quote("Pay now: https://toll.example".into()),
            ]
        );
    }

    #[test]
    fn refuses_files_without_a_title_or_text_or_with_controls() {
        assert_eq!(Lesson::parse("Hello\n"), Err(LessonError::NoTitle));
        assert_eq!(Lesson::parse("# \nText"), Err(LessonError::NoTitle));
        assert_eq!(Lesson::parse("# Title\n\n"), Err(LessonError::Empty));
        let at = |text: &str| match Lesson::parse(text) {
            Err(LessonError::Control { line, col, code, .. }) => Some((line, col, code)),
            _ => None,
        };
        assert_eq!(at("# T\nok\nbad\u{1b}[31m"), Some((3, 4, 0x1b)));
        assert_eq!(at("# T\n\u{202e}x"), Some((2, 1, 0x202e)));
        // Characters the old deny-list let through: tag characters, a line separator, fillers.
        assert_eq!(at("# T\nab\u{E0041}"), Some((2, 3, 0xE0041)));
        assert_eq!(at("# T\u{2028}x\nok"), Some((1, 4, 0x2028)));
        assert_eq!(at("# T\nß\u{3164}"), Some((2, 2, 0x3164)));
        assert_eq!(at("# T\nOK 👩\u{200D}💻 ❤\u{FE0F}"), None, "emoji sequences are text");
    }

    #[test]
    fn placeholders_are_filled() {
        let lesson = Lesson::parse("# The exam\n{count} messages, pass mark {pass_mark} %.").unwrap();
        let lesson = lesson.fill(&[("count", "20".into()), ("pass_mark", "80".into())]);
        assert_eq!(lesson.blocks, vec![Block::Paragraph("20 messages, pass mark 80 %.".into())]);
    }
}
