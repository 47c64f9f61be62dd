use super::*;

#[test]
fn the_english_catalogue_parses() {
    let c = Catalogue::parse("en", "assets/locales/en.toml", ENGLISH_SOURCE).unwrap();
    assert!(!c.entries().is_empty());
}

#[test]
fn placeholders_and_plurals_are_filled() {
    let en = Locale::english();
    assert_eq!(en.fmt("lesson.practise_on", &[("count", Arg::Num(1))]), "practise on 1 message");
    assert_eq!(en.fmt("lesson.practise_on", &[("count", Arg::Num(3))]), "practise on 3 messages");
    assert_eq!(fill("{a} and {{b}} {missing}", &[("a", Arg::Str("x"))]), "x and {b} {missing}");
    assert_eq!(en.text("no.such.key"), "[no.such.key]");
}

#[test]
fn the_pseudo_locale_is_accented_longer_and_keeps_placeholders_and_keys() {
    let xa = Locale::get("en-XA").unwrap();
    assert_eq!(xa.tag(), "en-XA");
    let one = xa.fmt("lesson.practise_on", &[("count", Arg::Num(1))]);
    assert!(one.starts_with('[') && one.contains('1') && !one.contains("message"), "{one}");
    let p = pseudo::pseudo("Press ‹s› for {what}");
    assert!(p.contains("‹s›") && p.contains("{what}") && p.contains("Þŕéšš"), "{p}");
    assert!(p.chars().count() as f64 >= "Press ‹s› for {what}".chars().count() as f64 * 1.2, "{p}");
    assert!(Locale::get("fr").is_none());
    assert_eq!(Locale::get("en-US").unwrap().tag(), "en");
}

#[test]
fn plural_categories_follow_cldr_for_the_languages_we_ship() {
    assert_eq!(PluralCategory::of("en", 1), PluralCategory::One);
    assert_eq!(PluralCategory::of("en", 0), PluralCategory::Other);
    assert_eq!(PluralCategory::of("es", 1_000_000), PluralCategory::Many);
    assert_eq!(PluralCategory::of("es", 2), PluralCategory::Other);
}
