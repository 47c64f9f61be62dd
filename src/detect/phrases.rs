//! What the wording asks and how it pushes: "reply Y and reopen" tricks, requests for payment,
//! card details or a code, deadlines, threats and fees. One table of patterns (English and
//! Spanish, matched ignoring case), each with the finding it makes and why it matters.

use regex::Regex;

use super::{Finding, Kind, Level, Place, clip};

/// One row: what the pattern finds, and the reason shown (`{}` is the words found).
struct Rule {
    kind: Kind,
    pattern: &'static str,
    why: &'static str,
}

const ADVICE_WHY: &str = "\"{}\": the text's own advice, and it is right: whoever asks you for this code, by phone, text or on a web page, is not the organisation.";

const REPLY_WHY: &str = "\"{}\": your phone switches off links in texts from unknown senders until you reply. Asking for a reply first is how scammers get around that, and a reply tells them your number is live.";
const PAY_WHY: &str = "\"{}\": the organisations the trainer covers don't ask for payment by text. Pay only through the site or number you look up yourself.";
const CARD_WHY: &str = "\"{}\": never give card or account details through a link in a text. A real organisation can ask you to sign in to its own app or site, which you open yourself.";
const CODE_WHY: &str = "\"{}\": never share a code, password or PIN that you did not ask for. No bank, agency or company asks for them by text or on the phone.";
const URGENT_WHY: &str = "\"{}\": a deadline or 'act now' is there to make you act before you check.";
const THREAT_WHY: &str = "\"{}\": threats of suspension, legal action, a locked account or a report are meant to frighten you into acting before you check. Check the account yourself, through the site or number you already know.";
const MONEY_WHY: &str = "\"{}\": a request for money by text. Call the person or the company on a number you already have before sending anything: gift cards, wires, crypto and payment apps can't be taken back.";
const FEE_WHY: &str = "\"{}\": a fee, fine or penalty is the bait of most smishing texts. Check any amount you owe at the organisation's own site or on your bill.";

/// The rules, in the order their findings are preferred where two overlap.
const RULES: &[Rule] = &[
    // The text's own advice about a code: a note, and never read as a request.
    Rule {
        kind: Kind::Advice,
        pattern: r"(?i)\b(?:do\s+not|don't|never)\s+(?:share|give|tell|read)\b[^.\n]{0,30}?\bcode\b[^.\n]{0,40}|\b(?:will\s+)?never\s+(?:ask|call|text|e-?mail)\b[^.\n]{0,40}?\bcode\b|\bno\s+(?:comparta|compartas)\b[^.\n]{0,30}?c[oó]digo",
        why: ADVICE_WHY,
    },
    // Reply Y, then reopen: the phrase from "reply" to the reopening or activation it asks for.
    Rule {
        kind: Kind::ReplyTrick,
        pattern: r#"(?i)\b(?:please\s+)?reply\s+(?:with\s+)?["“'‘]?y(?:es)?["”'’]?\b[^.\n]{0,80}?\b(?:re-?open|open\s+(?:it|the\s+\w+|this\s+\w+)\s+again|activate|new\s+link|get\s+the\s+link|access\s+the\s+link|receive\s+(?:your|the|a)\s+(?:[\w-]+\s+){0,3}?link)\w*(?:\s+(?:this|the|it)(?:\s+(?:message|sms|text|link))?)?"#,
        why: REPLY_WHY,
    },
    Rule {
        kind: Kind::ReplyTrick,
        pattern: r#"(?i)\bresponda\s+(?:con\s+)?["“']?(?:y|s[ií])["”']?(?:[^.\n]{0,80}?\b(?:vuelva\s+a\s+abrir|abra\s+(?:de\s+nuevo|otra\s+vez)|activar?|nuevo\s+enlace)[\wáéíóú ]{0,30}?\b(?:mensaje|enlace)?)?"#,
        why: REPLY_WHY,
    },
    Rule {
        kind: Kind::ReplyTrick,
        pattern: r"(?i)\b(?:exit|close)\s+(?:and|then)\s+re-?open\b[^.\n]{0,40}",
        why: REPLY_WHY,
    },
    // Requests for a code or secrets.
    Rule {
        kind: Kind::CodeRequest,
        pattern: r"(?i)\b(?:send|share|give|tell|read|forward|reply\s+with|text\s+(?:back|us))\b[^.\n]{0,30}?\b(?:code|passcode|pin|password|one-time|otp)\b",
        why: CODE_WHY,
    },
    Rule {
        kind: Kind::CodeRequest,
        pattern: r"(?i)\b(?:social\s+security(?:\s+number)?|ssn|date\s+of\s+birth|online\s+banking\s+password|c[oó]digo\s+de\s+verificaci[oó]n)\b",
        why: CODE_WHY,
    },
    // Card and account details.
    Rule {
        kind: Kind::CardDetails,
        pattern: r"(?i)\b(?:update|confirm|verify|enter|re-?enter|provide)\s+(?:your\s+)?(?:payment\s+(?:card|method|details|information|info)|card(?:\s+(?:details|number|information|info))?|billing\s+(?:details|information|info)|bank\s+details|account\s+(?:details|information|info)|identity|information|details|datos)\b",
        why: CARD_WHY,
    },
    // Acting on a card or account through the text: "block your card here: https://…".
    Rule {
        kind: Kind::CardDetails,
        pattern: r"(?i)\b(?:block|freeze|lock|unlock|unfreeze|secure|protect|reactivate|restore)\s+your\s+(?:card|account)\s+(?:here|at|via|through)\b",
        why: CARD_WHY,
    },
    Rule {
        kind: Kind::CardDetails,
        pattern: r"(?i)\b(?:card\s+number|cvv|cvc|security\s+code\s+on\s+(?:the\s+)?(?:back|card)|expiration\s+date|verifique\s+sus\s+datos|actualice\s+su\s+tarjeta)\b",
        why: CARD_WHY,
    },
    // Payment.
    Rule {
        kind: Kind::Payment,
        pattern: r"(?i)\b(?:pay(?:\s+(?:now|here|online|today|it|the\s+\$?[\d.,]+(?:\s+\w+)?|your\s+\w+))?|make\s+(?:a\s+)?payment|settle\s+(?:your|the)\s+(?:balance|bill|account|fee|amount)|submit\s+payment|remit|pague(?:\s+(?:ahora|aqu[ií]))?|pagar|realice\s+el\s+pago)\b",
        why: PAY_WHY,
    },
    // Payment asked in other words: an amount owed ("a clearance fee of $2.54", "the fine of
    // $88 is paid today"), a fee said to be required, a payment link, a card to have ready
    // for a call. Not "payment due": genuine statement reminders say that.
    Rule {
        kind: Kind::Payment,
        pattern: r"(?i)\b(?:fee|fine|charge|toll|balance|amount|duty|duties)\s+of\s+\$[\d,.]+(?:\s+(?:is|must\s+be)\s+paid\b(?:\s+(?:today|now|immediately))?)?|\b(?:fee|charge)\s+(?:is\s+)?(?:required|due|needed)\b|\bpayment\s+(?:is\s+)?required\b|\b(?:secure\s+)?payment\s+link\b|\bhave\s+your\s+(?:credit\s+|debit\s+|bank\s+)?card\s+ready\b(?:\s+for\s+the\s+(?:\w+\s+)?(?:fee|charge|payment))?",
        why: PAY_WHY,
    },
    // Money by other means: "send me $300", gift cards, wires, payment apps, crypto.
    Rule {
        kind: Kind::Payment,
        pattern: r"(?i)\b(?:send|wire|transfer|lend)\s+(?:me|us)\s+\$[\d,.]+|\bgift\s+cards?\b|\b(?:bitcoin|crypto(?:currency)?|usdt|usdc|tether|cash\s*app|zelle|venmo|western\s+union|wire\s+transfer)\b|\b(?:charge\s+up|top\s+up|invest|start\s+with)\s+(?:just\s+|only\s+)?\$[\d,.]+",
        why: MONEY_WHY,
    },
    // Urgency.
    Rule {
        kind: Kind::Urgency,
        pattern: r"(?i)\b(?:within\s+(?:the\s+next\s+)?\d+\s*(?:hours?|hrs?|minutes?|mins?|days?)|in\s+\d+\s*(?:hours?|minutes?)|dentro\s+de\s+(?:las\s+pr[oó]ximas\s+)?\d+\s+horas|en\s+las\s+pr[oó]ximas\s+\d+\s+horas|immediately|right\s+away|act\s+now|final\s+(?:notice|reminder|warning)|last\s+(?:notice|chance|reminder)|before\s+11:59\s*(?:pm)?|by\s+(?:today|tonight|tomorrow)|(?:pay|settle|respond|act)\s+today|urgent(?:e|ly)?|inmediatamente|aviso\s+final)\b",
        why: URGENT_WHY,
    },
    // Dated deadlines and times: "pay by Dec 3", "after 11:59 PM tonight", "closed after 24 hours".
    Rule {
        kind: Kind::Urgency,
        pattern: r"(?i)\b(?:by|before|antes\s+del?)\s+(?:(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}\b|\d{1,2}/\d{1,2}(?:/\d{2,4})?\b)|\b(?:after|before|by)\s+11:59\s*(?:pm)?(?:\s+tonight)?|\bafter\s+\d+\s*(?:hours?|hrs?|days?)\b|\bantes\s+de\s+las\s+\d{1,2}:\d{2}(?:\s+de\s+hoy)?",
        why: URGENT_WHY,
    },
    // Threats.
    Rule {
        kind: Kind::Threat,
        pattern: r"(?i)\b(?:suspen(?:d|ded|sion|sión|der)\w*(?:\s+(?:of\s+)?your\s+[\w\s]{0,30}?(?:privileges|registration|licen[cs]e|account|card))?|legal\s+(?:action|proceedings)|prosecut\w+|warrant(?:\s+for\s+your\s+arrest)?|arrest|credit\s+score|collections?\s+agency|sent\s+to\s+collections|report(?:ed)?\s+to\s+the\s+dmv|a\s+report\s+to\s+the\s+dmv|permanent(?:ly)?\s+(?:closure|closed|blocked)|account\s+(?:is\s+)?(?:locked|closed|blocked)|returned?\s+to\s+(?:the\s+)?sender|will\s+be\s+returned|bloquead[ao]|embargo|(?:temporarily\s+)?restricted|a\s+hold\s+on\s+your\s+(?:registration|account|licen[cs]e)|impound\w*|(?:will\s+be\s+|be\s+)closed|closed\s+after|acciones\s+legales|(?:a\s+report\s+may\s+be\s+filed|report(?:ed)?)\s+(?:with|to)\s+the\s+(?:\w+\s+)?(?:dmv|department\s+of\s+motor\s+vehicles))\b",
        why: THREAT_WHY,
    },
    // Fees, fines and penalties.
    Rule {
        kind: Kind::Fee,
        pattern: r"(?i)\b(?:(?:late|service|redelivery|re-delivery|rescheduling|reschedule|storage|processing|handling|import|customs|clearance|release|pickup|delivery|violation|convenience|admin(?:istrative)?|shipping)\s+(?:fees?|charges?)|(?:excessive\s+)?late\s+fees?|fees?|fines?|penalt(?:y|ies)|surcharge|multas?|cargos?|recargos?|tarifa)\b",
        why: FEE_WHY,
    },
];

fn compiled() -> &'static [(Kind, Regex, &'static str)] {
    static RULES_RE: std::sync::OnceLock<Vec<(Kind, Regex, &'static str)>> = std::sync::OnceLock::new();
    RULES_RE
        .get_or_init(|| RULES.iter().filter_map(|r| Regex::new(r.pattern).ok().map(|re| (r.kind, re, r.why))).collect())
}

/// Words that, earlier in the same sentence, turn a request into advice ("Never share this
/// code", "We will not ask for your card number").
const NEGATIONS: &[&str] = &["not ", "never", "n't", "no one", "nobody", "nunca", "no le", "no comparta"];

/// Words that make a deadline a code's lifetime, not pressure ("expires in 10 minutes").
const LIFETIME: &[&str] = &["expire", "valid for", "good for", "caduca", "vence", "válido"];

/// Actions that make a date a deadline: "pay by Dec 3", not "arrives by Dec 3".
const ACTIONS: &[&str] =
    &["pay", "settle", "avoid", "update", "renew", "respond", "verify", "complete", "confirm", "pague", "pagar"];

/// Wallets whose name ends in "Pay": "Apple Pay" is not a request to pay.
const WALLETS: &[&str] = &["apple", "google", "samsung"];

/// Whether the words before the match, in its clause, turn it into something else. A comma
/// ends the clause: in "If you did not ask, reply with the code" the request stands.
fn excused(kind: Kind, text: &str, start: usize) -> bool {
    let sentence_start = text[..start].rfind(['.', '!', '?', '\n', ',', ';', ':']).map_or(0, |i| i + 1);
    let before = text[sentence_start..start].to_lowercase();
    match kind {
        Kind::CodeRequest | Kind::CardDetails => NEGATIONS.iter().any(|n| before.contains(n)),
        Kind::Payment => {
            NEGATIONS.iter().any(|n| before.contains(n)) || WALLETS.iter().any(|w| before.trim_end().ends_with(w))
        }
        Kind::Urgency => {
            let dated = text[start..].to_lowercase();
            let is_date = ["by ", "before "].iter().any(|p| dated.starts_with(p));
            LIFETIME.iter().any(|w| before.contains(w)) || (is_date && !ACTIONS.iter().any(|a| before.contains(a)))
        }
        _ => false,
    }
}

/// Every phrase the rules find, without overlaps (an earlier rule wins where two overlap).
pub fn find(text: &str) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for (kind, re, why) in compiled() {
        for m in re.find_iter(text) {
            if out.iter().any(|f| f.span.start < m.end() && m.start() < f.span.end) || excused(*kind, text, m.start()) {
                continue;
            }
            let words = clip(&m.as_str().replace('\n', " "), 80);
            out.push(Finding {
                kind: *kind,
                level: if *kind == Kind::Advice { Level::Note } else { Level::Warning },
                place: Place::Text,
                span: m.range(),
                reason: why.replacen("{}", &words, 1),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        find(text).into_iter().map(|f| (f.kind, text[f.span].to_string())).collect()
    }

    #[test]
    fn every_rule_compiles() {
        assert_eq!(compiled().len(), RULES.len());
    }

    #[test]
    fn reply_tricks_are_found_in_english_and_spanish() {
        let found = kinds("(Please reply Y, then exit and reopen this message to activate the link.)");
        assert_eq!(found[0].0, Kind::ReplyTrick, "{found:?}");
        assert!(found[0].1.starts_with("Please reply Y"), "{found:?}");
        let es = kinds("Responda con \"Y\" y vuelva a abrir este mensaje para activar el enlace.");
        assert_eq!(es[0].0, Kind::ReplyTrick, "{es:?}");
    }

    #[test]
    fn a_plain_yes_no_reply_is_not_a_reply_trick() {
        let found = kinds("Harborview Bank: Did you attempt a $12.00 purchase? Reply YES or NO.");
        assert!(found.iter().all(|(k, _)| *k != Kind::ReplyTrick), "{found:?}");
    }

    #[test]
    fn advice_not_to_share_is_not_a_request() {
        for text in [
            "Never share this code with anyone.",
            "We will never ask for your card number by text.",
            "This code expires in 10 minutes.",
            "Your card was added to Apple Pay.",
        ] {
            let requests = [Kind::CodeRequest, Kind::CardDetails, Kind::Payment, Kind::Urgency];
            assert!(kinds(text).iter().all(|(k, _)| !requests.contains(k)), "{text}: {:?}", kinds(text));
        }
        assert_eq!(kinds("Share this code with our agent.")[0].0, Kind::CodeRequest);
        assert_eq!(kinds("Do not share this code.")[0].0, Kind::Advice);
        assert_eq!(kinds("If you did not ask for it, reply with the code to cancel.")[0].0, Kind::CodeRequest);
    }

    #[test]
    fn requests_deadlines_threats_and_fees() {
        let found =
            kinds("Pay within 12 hours to avoid late fees and a report to the DMV. Update your payment card now.");
        let ks: Vec<Kind> = found.iter().map(|(k, _)| *k).collect();
        for k in [Kind::Payment, Kind::Urgency, Kind::Fee, Kind::Threat, Kind::CardDetails] {
            assert!(ks.contains(&k), "{k:?} in {found:?}");
        }
    }
}
