//! The loader's tests: order, duplicates, broken files, folders, the baked corpus, variants.

use super::*;
use crate::scenario::Draw;
use crate::scenario::dates::Date;
use std::fs;

mod loading {
    use super::*;

    fn scam(id: &str) -> String {
        format!(
            "id = \"{id}\"\nverdict = \"scam\"\ncategory = \"toll\"\ntitle = \"T\"\n[[thread]]\nsender = \"x@y.example\"\ntext = \"pay a b\"\n[[flag]]\nkind = \"sender\"\nquote = \"x@y.example\"\nwhy = \"w\"\n[[flag]]\nkind = \"urgency\"\nquote = \"pay\"\nwhy = \"w\"\nverify = [\"v\"]\nsources = [\"https://example.org\"]\n"
        )
    }

    #[test]
    fn duplicate_ids_point_at_both_places() {
        let c = Corpus::from_sources([
            ("a.toml".to_string(), Ok(scam("toll-a"))),
            ("b.toml".to_string(), Ok(scam("toll-a"))),
        ]);
        assert_eq!(c.scenarios.len(), 1);
        assert_eq!(c.problems.len(), 1);
        assert_eq!(c.problems[0].to_string(), "b.toml:1:6: duplicate id `toll-a` (first used at a.toml:1:6)");
    }

    #[test]
    fn a_broken_file_does_not_stop_the_others() {
        let c = Corpus::from_sources([
            ("a.toml".to_string(), Ok("id = ".to_string())),
            ("b.toml".to_string(), Ok(scam("toll-b"))),
        ]);
        assert_eq!(c.scenarios.len(), 1);
        assert_eq!(c.problems.len(), 1);
        assert_eq!(c.files, 2);
    }

    #[test]
    #[cfg(unix)]
    fn a_symlink_loop_ends_and_oversized_files_are_refused() {
        let dir = std::env::temp_dir().join(format!("smishdrill-loop-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("a")).unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("a/back")).unwrap();
        fs::write(dir.join("a/good.toml"), scam("toll-loop")).unwrap();
        fs::write(dir.join("big.toml"), vec![b'#'; (MAX_FILE_BYTES + 1) as usize]).unwrap();
        let c = Corpus::from_paths(std::slice::from_ref(&dir));
        assert_eq!(c.scenarios.len(), 1, "the looped folder is read once");
        assert_eq!(c.problems.len(), 1);
        assert!(c.problems[0].to_string().contains("larger than the 1048576-byte limit"), "{}", c.problems[0]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn many_files_are_read_on_every_core_and_merged_in_order() {
        assert_eq!(on_every_core((0..1000).collect(), |x: u32| x * 2), (0..1000).map(|x| x * 2).collect::<Vec<_>>());
        let dir = std::env::temp_dir().join(format!("smishdrill-corpus-many-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let n = PARALLEL_FROM + 44;
        for i in 0..n {
            // Every 7th file is broken; every 11th repeats the id of the file before it.
            let text = match i {
                _ if i % 7 == 3 => "id = ".to_string(),
                _ if i % 11 == 5 => scam(&format!("toll-{}", i - 1)),
                _ => scam(&format!("toll-{i}")),
            };
            fs::write(dir.join(format!("f{i:04}.toml")), text).unwrap();
        }
        let c = Corpus::from_paths(std::slice::from_ref(&dir));
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(c.files, n);
        let ids: Vec<&str> = c.scenarios.iter().map(|s| s.id.as_str()).collect();
        let expected: Vec<String> = (0..n)
            .filter(|i| i % 7 != 3 && !(i % 11 == 5 && (i - 1) % 7 != 3))
            .map(|i| if i % 11 == 5 { format!("toll-{}", i - 1) } else { format!("toll-{i}") })
            .collect();
        assert_eq!(ids, expected);
        // Problems in file order: syntax errors and duplicates alike.
        let files: Vec<&str> = c.problems.iter().map(|p| p.at.path.rsplit('/').next().unwrap()).collect();
        let mut sorted = files.clone();
        sorted.sort();
        assert_eq!(files, sorted);
        assert!(c.problems.iter().any(|p| p.to_string().contains("duplicate id")));
    }

    #[test]
    fn deck_files_are_not_read_as_scenarios() {
        let dir = std::env::temp_dir().join(format!("smishdrill-corpus-decks-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("decks")).unwrap();
        fs::write(dir.join("good.toml"), scam("toll-good")).unwrap();
        fs::write(dir.join("decks/quick.toml"), "title = \"T\"\n").unwrap();
        fs::write(dir.join("team.deck.toml"), "title = \"T\"\n").unwrap();
        let c = Corpus::from_paths(std::slice::from_ref(&dir));
        assert_eq!((c.files, c.scenarios.len()), (1, 1), "{:?}", c.problems);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let (all, _) = files_under(std::slice::from_ref(&dir));
        assert_eq!(all.len(), 3, "check still finds the decks");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn files_on_disk_load_and_invalid_utf8_is_located() {
        let dir = std::env::temp_dir().join(format!("smishdrill-corpus-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("sub/good.toml"), scam("toll-good")).unwrap();
        fs::write(dir.join("bad.toml"), b"id = \"x\"\ntitle = \"\xff\"\n").unwrap();
        fs::write(dir.join("notes.txt"), "ignored").unwrap();
        let c = Corpus::from_paths(std::slice::from_ref(&dir));
        assert_eq!(c.scenarios.len(), 1);
        assert_eq!(c.files, 2);
        let p = c.problems[0].to_string();
        assert!(p.ends_with("bad.toml:2:10: cannot read file: not valid UTF-8 text"), "{p}");
        let missing = Corpus::from_paths(&[dir.join("nope")]);
        assert!(missing.problems[0].to_string().contains("cannot read file"));
        fs::remove_dir_all(&dir).unwrap();
    }
}

mod baked_tests {
    use super::*;

    /// Start-up builds the bundled scenarios from their baked form without the scanning rules;
    /// `check` parses their text and runs every rule: both give the very same scenarios.
    #[test]
    fn the_baked_corpus_is_the_checked_corpus() {
        assert_eq!(crate::scenario::baked::count(), EMBEDDED.len());
        let baked = Corpus::embedded();
        let checked = Corpus::embedded_checked();
        assert!(baked.problems.is_empty() && checked.problems.is_empty(), "{:?}", checked.problems);
        assert_eq!(baked.files, checked.files);
        assert_eq!(baked.scenarios.len(), EMBEDDED.len());
        assert_eq!(baked.scenarios, checked.scenarios);
    }

    /// A round's variants of a bundled scenario come from its baked form, checked in full:
    /// the same scenarios as parsing its text gives.
    #[test]
    fn round_variants_from_the_baked_form_are_those_of_the_text() {
        let pool = Corpus::embedded().scenarios;
        for s in pool.iter().filter(|s| s.template.is_some()) {
            for seed in [1, 7, 123_456] {
                let draw = Draw { seed, today: 20_782 };
                let from_text = crate::scenario::parse_variant(&s.origin, s.template.as_deref().unwrap(), draw)
                    .expect("bundled variants pass")
                    .scenario;
                assert_eq!(Scenario { template: None, ..s.variant(draw) }, from_text, "{} seed {seed}", s.origin);
            }
        }
    }
}

mod undrawn_tests {
    use super::*;

    /// What a round weighs and picks by, without drawing anything.
    fn summed_up(s: &Scenario) -> (String, crate::scenario::Verdict, crate::scenario::Category, Option<u8>, Vec<&str>) {
        let kinds = s.flags.iter().map(|f| f.kind.name()).collect();
        (s.id.clone(), s.verdict, s.category, s.difficulty, kinds)
    }

    /// A round's pool sums up each bundled file with variables as build.rs read it; the summary
    /// says what the first variant, drawn and checked, says of it.
    #[test]
    fn a_rounds_pool_sums_up_each_bundled_file_as_its_drawn_form_does() {
        let (rounds, drawn) = (Corpus::for_rounds(), Corpus::embedded());
        assert!(rounds.problems.is_empty(), "{:?}", rounds.problems);
        assert_eq!((rounds.files, rounds.scenarios.len()), (drawn.files, drawn.scenarios.len()));
        let mut undrawn = 0;
        for (r, d) in rounds.scenarios.iter().zip(&drawn.scenarios) {
            assert_eq!(summed_up(r), summed_up(d), "{}", d.origin);
            assert_eq!((&r.origin, &r.template), (&d.origin, &d.template));
            if r.undrawn {
                undrawn += 1;
                assert!(r.title.is_empty() && r.thread.is_empty() && r.question.is_none(), "{}", r.origin);
            } else {
                assert_eq!(r, d, "a file without variables is built whole");
            }
        }
        let with_vars = drawn.scenarios.iter().filter(|s| s.template.is_some()).count();
        assert_eq!(undrawn, with_vars);
        assert!(undrawn > 200, "{undrawn} of {} bundled files undrawn", drawn.files);
    }

    /// Drawing an undrawn entry gives what drawing the drawn one gives, seed 0 included (the
    /// drawn pool's own first variant).
    #[test]
    fn an_undrawn_entry_draws_the_variants_of_the_drawn_one() {
        let (rounds, drawn) = (Corpus::for_rounds().scenarios, Corpus::embedded().scenarios);
        for (r, d) in rounds.iter().zip(&drawn).filter(|(r, _)| r.undrawn) {
            assert_eq!(&r.variant(Draw { seed: 0, today: Date::today_days() }), d, "{}", d.origin);
            for seed in [3, 99_999] {
                let draw = Draw { seed, today: 20_782 };
                assert_eq!(r.variant(draw), d.variant(draw), "{} seed {seed}", d.origin);
            }
        }
    }

    /// An added file with a built-in id is reported against the built-in file's id, undrawn
    /// or not, and the built-in one stays (located by build.rs, as the checker locates it).
    #[test]
    fn an_added_file_with_a_built_in_id_is_reported_as_against_the_drawn_corpus() {
        let dir = std::env::temp_dir().join(format!("smishdrill-corpus-dup-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let (path, text) = EMBEDDED.iter().find(|(_, t)| t.contains("[vars]")).unwrap();
        fs::write(dir.join("copy.toml"), text).unwrap();
        let (rounds, drawn) =
            (Corpus::for_rounds_and(std::slice::from_ref(&dir)), Corpus::embedded_and(std::slice::from_ref(&dir)));
        let shown = |c: &Corpus| c.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        assert_eq!(shown(&rounds), shown(&drawn));
        assert_eq!(rounds.problems.len(), 1);
        assert!(shown(&rounds)[0].contains(&format!("{path}:")), "{:?}", shown(&rounds));
        assert_eq!(rounds.scenarios.len(), EMBEDDED.len());
        assert!(rounds.scenarios.iter().all(|s| s.origin != dir.join("copy.toml").display().to_string()));
        let _ = fs::remove_dir_all(&dir);
    }

    /// A draw that breaks a rule falls back on the first variant: held by a drawn entry, drawn
    /// then for an undrawn one, so what is shown is never an undrawn entry's empty text.
    #[test]
    fn a_draw_that_breaks_a_rule_falls_back_on_the_first_variant_that_passes() {
        // Only the first variant is checked at a round's load, and the quote is in half the
        // draws: quoting the name seed 0 draws, the file loads.
        let quoting = |name: &str| variant_tests::FRAGILE.replace("quote = \"SunPass:", &format!("quote = \"{name}:"));
        let (half, loaded) = ["SunPass", "E-ZPass"]
            .into_iter()
            .map(quoting)
            .map(|text| (text.clone(), Corpus::load([("f.toml".to_string(), Ok(text))], false)))
            .find(|(_, c)| !c.scenarios.is_empty())
            .expect("seed 0 draws one of the two names");
        let first = &loaded.scenarios[0];
        let today = Date::today_days();
        let broken = (1..200)
            .map(|seed| Draw { seed, today })
            .find(|&draw| crate::scenario::parse_variant("f.toml", &half, draw).is_err())
            .expect("some seed draws the name the quote lacks");
        assert_eq!(&first.variant(broken), first);
        let undrawn = Scenario { title: String::new(), thread: Vec::new(), undrawn: true, ..first.clone() };
        assert_eq!(&undrawn.variant(broken), first);

        // The other quote: now seed 0 breaks the rule too, and a further seed `check` draws
        // is shown instead of the undrawn entry's empty text.
        let other = if half.contains("SunPass: pay") { quoting("E-ZPass") } else { quoting("SunPass") };
        let template = Some(crate::scenario::model::TemplateText::Loaded(other.as_str().into()));
        let undrawn = Scenario { template, ..undrawn };
        let seed_zero = Draw { seed: 0, today };
        assert!(crate::scenario::parse_variant("f.toml", &other, seed_zero).is_err());
        let shown = undrawn.variant(seed_zero);
        assert!(!shown.undrawn && !shown.thread.is_empty(), "{shown:?}");
        assert!(shown.flags.iter().any(|f| f.quote.as_deref().is_some_and(|q| shown.thread[0].text.contains(q))));
    }
}

mod variant_tests {
    use super::*;

    /// A quote that only some variants contain: every variant must pass, so this must fail.
    pub(super) const FRAGILE: &str = r#"id = "toll-fragile"
verdict = "scam"
category = "toll"
title = "T"
verify = ["v"]
sources = ["https://example.org"]
[vars]
who = { pick = ["E-ZPass", "SunPass"] }
[[thread]]
sender = "x@y.example"
text = "{who}: pay now"
[[flag]]
kind = "sender"
quote = "x@y.example"
why = "w"
[[flag]]
kind = "urgency"
quote = "SunPass: pay now"
why = "w"
"#;

    #[test]
    fn a_variant_that_breaks_a_rule_is_reported_with_its_seed_or_at_once() {
        let c = Corpus::from_sources([("f.toml".to_string(), Ok(FRAGILE.to_string()))]);
        assert!(c.scenarios.is_empty());
        let p = c.problems[0].to_string();
        assert!(p.contains("quote `SunPass: pay now` appears in no sender or text"), "{p}");
    }

    #[test]
    fn a_scenario_with_variables_keeps_its_template() {
        let ok = FRAGILE.replace("quote = \"SunPass: pay now\"", "quote = \"{who}: pay now\"");
        let c = Corpus::from_sources([("f.toml".to_string(), Ok(ok))]);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert!(c.scenarios[0].template.is_some());
    }
}
