//! The room's results at the end of a class, for the instructor: per message (the room's
//! votes and right answers) and per learner, as CSV files in the server's data folder. The
//! learners' answers themselves are ordinary answer records (`profiles/NAME/answers.jsonl`)
//! and exam records (`completions.jsonl`) there, so `smishdrill report --data-dir` exports them
//! (csv, xAPI) like any other.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::scenario::Verdict;
use crate::text_safety::csv_cell;

use super::room::Room;

/// The per-message table: `message,scenario,title,truth,said_scam,said_genuine,right,answers`.
pub fn messages_csv(room: &Room) -> String {
    let state = room.lock();
    let mut out = String::from("message,scenario,title,truth,said_scam,said_genuine,right,answers\n");
    for (i, s) in room.items.iter().enumerate() {
        let answers: Vec<_> = state.answers.iter().filter(|a| a.position == i).collect();
        let scam = answers.iter().filter(|a| a.said == Some(Verdict::Scam)).count();
        let legit = answers.iter().filter(|a| a.said == Some(Verdict::Legit)).count();
        let right = answers.iter().filter(|a| a.right).count();
        let _ = writeln!(
            out,
            "{},{},{},{},{scam},{legit},{right},{}",
            i + 1,
            csv_cell(&s.id),
            csv_cell(&s.title),
            s.verdict.name(),
            answers.len()
        );
    }
    out
}

/// The per-learner table (for the instructor only): `learner,answered,right`.
pub fn learners_csv(room: &Room) -> String {
    let state = room.lock();
    let mut out = String::from("learner,answered,right\n");
    for l in &state.learners {
        let _ = writeln!(out, "{},{},{}", csv_cell(&l.name), l.answered, l.right);
    }
    out
}

/// Writes both tables under `DATA/serve/`, named by the time the class ended. Returns the
/// files written.
pub fn save(room: &Room, data_dir: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = data_dir.join("serve");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let stamp = crate::runtime::now();
    let mut written = Vec::new();
    for (name, text) in [("messages", messages_csv(room)), ("learners", learners_csv(room))] {
        let path = dir.join(format!("room-{stamp}-{name}.csv"));
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::room::ClassMode;

    #[test]
    fn the_room_tables_count_votes_and_right_answers() {
        let items: Vec<_> = crate::corpus::Corpus::embedded().scenarios.into_iter().take(2).collect();
        let truth = items[0].verdict;
        let room = Room::new(ClassMode::Lockstep, items);
        let (a, _) = room.join("ada", None);
        let (b, _) = room.join("=cmd", None);
        let id = room.items[0].id.clone();
        room.answered(a, &id, Some(truth));
        room.answered(b, &id, Some(Verdict::Scam));
        let table = messages_csv(&room);
        let first = table.lines().nth(1).unwrap();
        let right = 1 + usize::from(truth == Verdict::Scam);
        assert!(first.starts_with("1,") && first.ends_with(&format!(",{right},2")), "{table}");
        assert_eq!(table.lines().count(), 3);
        let learners = learners_csv(&room);
        assert!(learners.contains("ada,1,1"), "{learners}");
        assert!(
            learners.contains("'=cmd") || learners.contains("_cmd"),
            "no formula reaches a spreadsheet: {learners}"
        );
    }
}
