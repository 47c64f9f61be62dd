//! The rules added when the corpus grew: a generic word is no one's name, the opening name
//! with words added is a lookalike when the text pushes, more shapes of asking for payment,
//! and a payment asked on the named organisation's own site is a note.

use super::{Kind, Level, inspect};

/// (kind, level, words) of the link findings of `text`.
fn link_findings(text: &str) -> Vec<(Kind, Level, String)> {
    inspect(text, None)
        .findings
        .into_iter()
        .filter(|f| f.kind.is_link())
        .map(|f| (f.kind, f.level, text[f.span].to_string()))
        .collect()
}

fn kinds_of(text: &str) -> Vec<(Kind, Level, String)> {
    inspect(text, None).findings.into_iter().map(|f| (f.kind, f.level, text[f.span].to_string())).collect()
}

#[test]
fn a_generic_word_in_an_address_is_no_organisations_name() {
    // `dmv` is in dmv.ca.gov, but every state has a DMV: it does not point at California.
    let found = link_findings("Texas DMV: Your registration renewal is ready at https://www.txdmv.gov/renew");
    assert!(found.iter().all(|(k, l, _)| *l == Level::Note && *k != Kind::BrandInFront), "{found:?}");
    let va = link_findings("Virginia DMV: You can renew online at https://www.dmv.virginia.gov.");
    assert_eq!(va[0].0, Kind::OwnDomain, "{va:?}");
    // The California DMV's whole name in someone else's address is still found.
    let ca = link_findings("DMV Notice: Pay your fine now at https://dmvca-payment.top");
    assert!(ca.iter().any(|(k, l, _)| *k == Kind::NameInDomain && *l == Level::Warning), "{ca:?}");
}

#[test]
fn the_opening_name_with_words_added_is_a_lookalike_when_the_text_pushes() {
    for text in [
        "CityBox: Pay the storage fee ($2.99) to receive a new pickup code: https://citybox-pickup.icu/fee",
        "Harborview Bank: Your card is locked. Verify your identity within 24 hours at https://harborview-fraudcenter.com",
        "Mackinac Bridge: Please pay the $4.00 balance at mackinacbridgefare.com/pay",
    ] {
        let found = link_findings(text);
        assert!(found.iter().any(|(k, l, _)| *k == Kind::NameInDomain && *l == Level::Warning), "{text}: {found:?}");
    }
}

#[test]
fn the_opening_name_alone_or_a_text_that_asks_nothing_stays_a_note() {
    for text in [
        // The organisation's own plain name, even with a payment asked.
        "Harborview Bank: Your statement is ready. Pay by the due date at https://www.harborviewbank.example",
        "Pinecrest Savings: To pay more, make a payment at https://www.pinecrest-savings.example/autopay",
        // Words added, but nothing asked and no pressure.
        "CityBox: Your parcel is in locker 14. Details: https://citybox-pickup.icu",
    ] {
        let found = link_findings(text);
        assert!(found.iter().all(|(_, l, _)| *l == Level::Note), "{text}: {found:?}");
    }
}

#[test]
fn more_shapes_of_asking_for_money_and_card_details() {
    for (text, kind) in [
        ("Reply Y to receive your secure payment link.", Kind::ReplyTrick),
        ("Reply YES to receive the link.", Kind::ReplyTrick),
        ("A customs clearance fee of $2.54 is due.", Kind::Payment),
        ("Unless the non-appearance fine of $371.98 is paid today, a warrant follows.", Kind::Payment),
        ("A rescheduling fee is required.", Kind::Payment),
        ("Please have your card ready for the redelivery charge.", Kind::Payment),
        ("Charge up $419.23 in USDT to finish the set.", Kind::Payment),
        ("You can start with just $500 and see returns.", Kind::Payment),
        ("If not, block your card here: https://example.top", Kind::CardDetails),
    ] {
        let found = kinds_of(text);
        assert!(found.iter().any(|(k, l, _)| *k == kind && *l == Level::Warning), "{text}: {found:?}");
    }
    // Not requests: a reply that asks for alerts, a direct deposit received.
    for text in [
        "Reply YES to receive delivery alerts.",
        "Direct deposit $1,234.00 received.",
        "Your card payment is due on the 5th. No action needed if you have AutoPay.",
    ] {
        let found = kinds_of(text);
        assert!(found.iter().all(|(k, _, _)| !matches!(k, Kind::ReplyTrick | Kind::Payment)), "{text}: {found:?}");
    }
}

#[test]
fn a_payment_asked_on_the_named_organisations_own_site_is_a_note() {
    let text = "DHL Express: Shipment 1234567890 has cleared customs. Please pay the import duties with On Demand Delivery: https://www.dhl.com/us-en/home/tracking.html";
    let found = kinds_of(text);
    let pay = found.iter().find(|(k, _, _)| *k == Kind::Payment).expect("the payment is still marked");
    assert_eq!(pay.1, Level::Note, "{found:?}");
    // Any other link, or none, and the payment stays a warning.
    for text in [
        "DHL Express: Please pay the import duties at https://dhl-duties.top/pay",
        "DHL Express: Please pay the import duties by calling 1-888-555-0100.",
    ] {
        let found = kinds_of(text);
        assert!(found.iter().any(|(k, l, _)| *k == Kind::Payment && *l == Level::Warning), "{text}: {found:?}");
    }
}
