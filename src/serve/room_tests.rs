use super::*;
use crate::corpus::Corpus;

fn room(mode: ClassMode) -> Room {
    let items: Vec<Scenario> = Corpus::embedded().scenarios.into_iter().take(2).collect();
    Room::new(mode, items)
}

#[test]
fn the_instructor_moves_the_room_message_by_message() {
    let room = room(ClassMode::Lockstep);
    let mut seen = room.watch();
    assert_eq!(room.step(), Step::default());
    assert_eq!(room.reveal(), Step::default(), "nothing to reveal before the start");
    let s = room.advance();
    assert!(s.started && !s.revealed && s.position == 0);
    assert!(seen.has_changed().unwrap(), "learners are told");
    seen.mark_unchanged();
    assert!(room.reveal().revealed);
    assert_eq!(room.reveal(), room.step(), "revealing twice changes nothing");
    let s = room.advance();
    assert_eq!((s.position, s.revealed), (1, false));
    room.advance();
    assert!(room.advance().ended, "after the last reveal: the end");
    assert!(room.advance().ended);
}

#[test]
fn names_are_unique_and_votes_are_counted_from_answers() {
    let room = room(ClassMode::Lockstep);
    let (a, name_a) = room.join("ada", None);
    let (b, name_b) = room.join("ada", None);
    assert_eq!((name_a.as_str(), name_b.as_str()), ("ada", "ada-2"));
    room.left(b);
    assert_eq!(room.join("ada-2", None), (b, "ada-2".to_string()), "a learner who left joins again as themselves");
    let first = room.items[0].clone();
    room.answered(a, &first.id, Some(first.verdict));
    room.answered(b, &first.id, Some(Verdict::Scam));
    room.answered(b, "not-in-the-class", Some(Verdict::Scam));
    let tally = room.tally(0);
    assert_eq!(tally.scam + tally.legit, 2);
    let state = room.lock();
    assert_eq!(state.learners[0].right, 1);
    assert_eq!(state.answers.len(), 2, "an answer for another message is not counted");
    drop(state);
    let (events, next) = room.events_since(0);
    let said: Vec<String> = events.iter().map(|e| e.say(&crate::i18n::Locale::english())).collect();
    assert!(said.iter().any(|e| e == "ada-2 joined"), "{said:?}");
    assert_eq!(room.events_since(next).0.len(), 0);
}
