//! One completion record read the quick way: parsed in place from the text into a
//! [`RecordView`], or `None` for anything this parser is not sure of, which then goes to
//! `serde_json` (the careful reader) exactly as before.
//!
//! Why: after session 12 what was left of `report --merge` over parsing the files once was
//! serde_json's typed parse of each record — matching 30 field names through visitors, scanning
//! 150 strings, building the view. This parser reads the record shapes the merge meets (the
//! export pretty-printed, `completions.jsonl` compact, `jq .`'s records; whitespace anywhere
//! JSON allows it; the known fields in any order, the next one tried first as fixed bytes) and
//! takes only what it is sure `serde_json`'s stream of `RecordView`s reads to the same view at
//! the same length: an unknown or repeated field, a missing required one, a number with a
//! sign, fraction or exponent where an integer is wanted, or with a leading zero, or out of
//! range, `null` where the field is not an `Option`, a struct written as an array, a string
//! escape it does not know or a surrogate not in a pair, a control character, a text cut short
//! — any of these gives `None`, never a guess. Escapes it does know are decoded as serde_json
//! decodes them. Floating-point numbers are handed to serde_json itself (its own rounding, to
//! the bit). `quick_tests.rs` holds the two side by side over hostile records.

mod tokens;

use super::view::{AnyCategories, ItemView, RecordView};
use tokens::Parser;

/// The record at the start of `text` and the bytes it took (up to its closing brace), or
/// `None`: ask the careful reader.
pub fn record(text: &str) -> Option<(RecordView<'_>, usize)> {
    let mut p = Parser { text, at: 0 };
    let view = p.record()?;
    Some((view, p.at))
}

/// A struct's field names in the order they are written, as `$list`, and `$next(parser, n)`:
/// whether field `n`, quoted, comes next (then it is read). Each arm compares a fixed number of
/// bytes, which the compiler does in place (a comparison against a name from a table was a
/// call to `memcmp` per field).
macro_rules! fields {
    ($list:ident, $next:ident: $($n:literal $name:literal),* $(,)?) => {
        pub(super) const $list: &[&str] = &[$($name),*];

        fn $next(p: &mut Parser<'_>, n: usize) -> bool {
            match n {
                $($n => p.starts(concat!("\"", $name, "\"")),)*
                _ => false,
            }
        }
    };
}

fields!(RECORD, next_record_field:
    0 "learner", 1 "mode", 2 "deck", 3 "deck_title", 4 "deck_checksum", 5 "started", 6 "finished",
    7 "seconds", 8 "status", 9 "pass_mark", 10 "asked", 11 "answered", 12 "correct", 13 "score",
    14 "d_prime", 15 "criterion", 16 "by_category", 17 "items", 18 "version", 19 "seed",
);
fields!(ITEM, next_item_field:
    0 "scenario", 1 "title", 2 "category", 3 "truth", 4 "said", 5 "correct", 6 "confidence",
    7 "seconds", 8 "timed_out",
);
fields!(TALLY, next_tally_field: 0 "asked", 1 "correct");

impl<'a> Parser<'a> {
    /// `{ "name": { "asked": n, "correct": n }, … }`: each key a string, each value a tally
    /// with exactly its two fields (a repeated key is what the careful reader accepts too).
    fn categories(&mut self) -> Option<AnyCategories> {
        self.eat(b'{')?;
        self.ws();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(AnyCategories);
        }
        loop {
            self.ws();
            self.any_str()?;
            self.eat(b':')?;
            self.tally()?;
            if !self.more(b'}')? {
                return Some(AnyCategories);
            }
        }
    }

    fn tally(&mut self) -> Option<()> {
        self.eat(b'{')?;
        let mut seen = 0u8;
        let mut expected = 0;
        loop {
            let field = self.key(TALLY, next_tally_field, expected)?;
            if seen & (1 << field) != 0 {
                return None;
            }
            seen |= 1 << field;
            expected = field + 1;
            self.u32()?;
            if !self.more(b'}')? {
                return (seen == 0b11).then_some(());
            }
        }
    }

    fn items(&mut self) -> Option<Vec<ItemView<'a>>> {
        self.eat(b'[')?;
        self.ws();
        let mut items = Vec::new();
        if self.peek()? == b']' {
            self.at += 1;
            return Some(items);
        }
        loop {
            self.ws();
            items.push(self.item()?);
            if !self.more(b']')? {
                return Some(items);
            }
        }
    }

    fn item(&mut self) -> Option<ItemView<'a>> {
        self.eat(b'{')?;
        let mut seen = 0u16;
        let (mut scenario, mut title, mut category, mut truth, mut correct) = (None, None, None, None, None);
        let (mut said, mut confidence, mut seconds, mut timed_out) = (None, None, 0, false);
        let mut expected = 0;
        self.ws();
        if self.peek()? == b'}' {
            return None; // every required field is missing
        }
        loop {
            let field = self.key(ITEM, next_item_field, expected)?;
            if seen & (1 << field) != 0 {
                return None; // serde: "duplicate field"
            }
            seen |= 1 << field;
            expected = field + 1;
            match field {
                0 => scenario = Some(self.string()?),
                1 => title = Some(self.string()?),
                2 => category = Some(self.any_str()?),
                3 => truth = Some(self.any_str()?),
                4 => said = self.optional(Self::any_str)?,
                5 => correct = Some(self.boolean()?),
                6 => confidence = self.optional(Self::any_str)?,
                7 => seconds = self.integer(u64::MAX)?,
                _ => timed_out = self.boolean()?,
            }
            if !self.more(b'}')? {
                break;
            }
        }
        Some(ItemView {
            scenario: scenario?,
            title: title?,
            category: category?,
            truth: truth?,
            said,
            correct: correct?,
            confidence,
            seconds,
            timed_out,
        })
    }

    fn record(&mut self) -> Option<RecordView<'a>> {
        self.eat(b'{')?;
        let mut seen = 0u32;
        let (mut learner, mut mode, mut deck, mut deck_title, mut deck_checksum) = (None, None, None, None, None);
        let (mut started, mut finished, mut seconds, mut status, mut pass_mark) = (None, None, None, None, None);
        let (mut asked, mut answered, mut correct, mut score) = (None, None, None, None);
        let (mut d_prime, mut criterion, mut by_category, mut items, mut version, mut seed) =
            (None, None, None, None, None, None);
        let mut expected = 0;
        self.ws();
        if self.peek()? == b'}' {
            return None;
        }
        loop {
            let field = self.key(RECORD, next_record_field, expected)?;
            if seen & (1 << field) != 0 {
                return None;
            }
            seen |= 1 << field;
            expected = field + 1;
            match field {
                0 => learner = Some(self.string()?),
                1 => mode = Some(self.any_str()?),
                2 => deck = Some(self.string()?),
                3 => deck_title = Some(self.any_str()?),
                4 => deck_checksum = Some(self.any_str()?),
                5 => started = Some(self.integer(u64::MAX)?),
                6 => finished = Some(self.integer(u64::MAX)?),
                7 => seconds = Some(self.integer(u64::MAX)?),
                8 => status = Some(self.status()?),
                9 => pass_mark = Some(self.integer(u8::MAX.into())? as u8),
                10 => asked = Some(self.u32()?),
                11 => answered = Some(self.u32()?),
                12 => correct = Some(self.u32()?),
                13 => score = Some(self.float()?),
                14 => d_prime = self.optional(Self::float)?,
                15 => criterion = self.optional(Self::float)?,
                16 => by_category = Some(self.categories()?),
                17 => items = Some(self.items()?),
                18 => version = Some(self.any_str()?),
                _ => seed = Some(self.integer(u64::MAX)?),
            }
            if !self.more(b'}')? {
                break;
            }
        }
        Some(RecordView {
            learner: learner?,
            mode: mode?,
            deck: deck?,
            deck_title: deck_title?,
            deck_checksum: deck_checksum?,
            started: started?,
            finished: finished?,
            seconds: seconds?,
            status: status?,
            pass_mark: pass_mark?,
            asked: asked?,
            answered: answered?,
            correct: correct?,
            score: score?,
            d_prime,
            criterion,
            by_category: by_category?,
            items: items?,
            version: version?,
            seed: seed?,
        })
    }
}

#[cfg(test)]
#[path = "quick_tests.rs"]
mod tests;
