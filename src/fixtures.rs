//! Small, fixed scenarios for unit and snapshot tests, written in the real file format so the
//! tests also exercise the parser.

use crate::round::RoundSpec;
use crate::scenario::{Scenario, parse_scenario};

pub const TOLL_SCAM: &str = r#"id = "toll-fixture"
verdict = "scam"
category = "toll"
title = "E-ZPass: unpaid toll"
context = "You take the Thruway to work most days."
difficulty = 2

[[thread]]
sender = "+63 917 555 0142"
time = "Today 7:12 PM"
text = "E-ZPass: You have an unpaid toll of $4.35. Pay by Nov 26 to avoid a $50.00 late fee: https://e-zpassny.com-tollpay.top/ny"

[[flag]]
kind = "sender"
quote = "+63 917 555 0142"
why = "A US toll agency does not text from a number in the Philippines."

[[flag]]
kind = "lookalike-link"
quote = "e-zpassny.com-tollpay.top"
why = "Read an address from the right: this site is tollpay.top; 'e-zpassny.com' is only a prefix."

[[flag]]
kind = "small-amount"
quote = "$4.35"
why = "A tiny amount makes paying feel harmless; the prize is your card."

[[question]]
ask = "What should you do now?"
choices = ["Pay it: it's only $4.35", "Check your account at e-zpassny.com, typed by hand", "Reply STOP"]
answer = 2
why = "Go to the agency yourself; never through the text's link."

verify = ["Don't tap the link. Type e-zpassny.com yourself or call the number on your statement.",
          "Forward the text to 7726 (SPAM), then delete it."]
sources = ["https://www.ic3.gov/PSA/2024/PSA240412"]
"#;

pub const USPS_LEGIT: &str = r#"id = "postage-fixture"
verdict = "legit"
category = "postage"
title = "USPS Text Tracking: delivered"
context = "Yesterday you texted your parcel's tracking number to 28777."

[[thread]]
from_me = true
time = "Yesterday 6:02 PM"
text = "9400111202555842761093"

[[thread]]
sender = "28777"
time = "Today 11:10 AM"
text = "USPS 9400111202555842761093, Delivered 11/25 11:08am NORTH ANDOVER MA 01845. Reply HELP 4 info-STOP to cancel"

[[sign]]
kind = "expected"
why = "You asked for these updates yourself."

[[sign]]
kind = "official-sender"
quote = "28777"
why = "28777 (2USPS) is the USPS Text Tracking short code."

[[sign]]
kind = "no-link"
why = "Real USPS tracking texts carry no link and ask for nothing."

verify = ["Check the status at usps.com, typed by hand, or in the USPS app."]
sources = ["https://usps.com/text-tracking/index-mobile.htm"]
"#;

pub const WALLET_SCAM: &str = r#"id = "wallet-fixture"
verdict = "scam"
category = "wallet"
title = "Payment page asks for your bank's code"
difficulty = 3

[[thread]]
sender = "Harborview Bank"
time = "Today 7:20 PM"
text = "482913 is your code to add your card ending 4417 to Apple Pay. Do not share this code."

[[flag]]
kind = "unexpected"
quote = "add your card ending 4417 to Apple Pay"
why = "You were paying a toll, not adding a card to a wallet: someone else is."

[[flag]]
kind = "code-request"
quote = "Do not share this code."
why = "The toll page asking for this code is the scam."

verify = ["Call the number on the back of your card and remove unknown wallet cards."]
sources = ["https://krebsonsecurity.com/2025/02/how-phished-data-turns-into-apple-google-wallets"]
"#;

pub fn scenario(text: &str) -> Scenario {
    parse_scenario("fixture.toml", text).expect("fixture is valid").scenario
}

pub fn pool() -> Vec<Scenario> {
    vec![scenario(TOLL_SCAM), scenario(USPS_LEGIT), scenario(WALLET_SCAM)]
}

/// A round over the three fixtures in a fixed order: toll scam, USPS legit, wallet scam.
pub fn app() -> crate::app::App {
    app_in_order(&[0, 1, 2])
}

/// A round over the fixtures in the given order (0 toll scam, 1 USPS legit, 2 wallet scam).
pub fn app_in_order(order: &[usize]) -> crate::app::App {
    let mut app = crate::app::App::on_day(pool(), RoundSpec { count: 3, categories: vec![], seed: 1 }, 20_782);
    app.round = order.to_vec();
    app.shown = app.round.iter().map(|&i| app.pool[i].clone()).collect();
    app
}

/// The setup of an exam over the fixtures, pass mark 50 %.
pub fn exam_setup() -> crate::app::ExamSetup {
    crate::app::ExamSetup {
        learner: "ada@example.com".into(),
        deck: "fixture-exam".into(),
        deck_title: "Fixture exam".into(),
        deck_checksum: "sha256:abc".into(),
        pass_mark: 50,
    }
}

/// An exam over the three fixtures in order: feedback only at the end, 60 s per message.
pub fn exam_app() -> crate::app::App {
    use crate::app::{App, Mode, Stage};
    let stage = Stage::Messages { items: vec![0, 1, 2], at_end: true, graded: true, time_limit: Some(60) };
    let mut app = App::with_stages(pool(), Mode::Exam, vec![stage], 1, 20_782);
    app.session.exam = Some(exam_setup());
    app.session.spot_enabled = false;
    app.session.started = 1_000;
    app
}

/// Presenter mode over the three fixtures; the toll scam carries instructor notes.
pub fn present_app() -> crate::app::App {
    use crate::app::{App, Mode, Stage};
    let mut pool = pool();
    pool[0].notes = Some("Ask who pays tolls by text. Point at the +63 number.".into());
    let stage = Stage::Messages { items: vec![0, 1, 2], at_end: false, graded: false, time_limit: None };
    let mut app = App::with_stages(pool, Mode::Present, vec![stage], 1, 20_782);
    app.session.spot_enabled = false;
    app
}

/// A two-lesson course over the fixtures, then an exam of all three.
pub fn course_app() -> crate::app::App {
    use crate::app::{App, Mode, Stage};
    use crate::course::Lesson;
    let lesson = |text: &str| Lesson::parse(text).expect("fixture lesson");
    let stages = vec![
        Stage::Lesson(lesson("# What smishing is\n\nPhishing by text message.\n\n- Urgent\n- A link")),
        Stage::Messages { items: vec![0], at_end: false, graded: false, time_limit: None },
        Stage::Lesson(lesson("# The exam\n\nThree messages; no feedback until the end.")),
        Stage::Messages { items: vec![0, 1, 2], at_end: true, graded: true, time_limit: None },
    ];
    let mut app = App::with_stages(pool(), Mode::Course, stages, 1, 20_782);
    app.session.exam = Some(exam_setup());
    app.session.spot_enabled = false;
    app
}
