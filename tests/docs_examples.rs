//! The complete examples in docs/scenario-format.md pass the checker, so the documentation
//! cannot drift from the program.

use smishdrill::scenario::parse_scenario;

#[test]
fn the_complete_examples_in_the_format_docs_are_valid() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/scenario-format.md")).unwrap();
    let blocks: Vec<&str> = doc.split("```toml\n").skip(1).filter_map(|b| b.split("\n```").next()).collect();
    // A complete example has its own id and verdict; fragments (one key, one table) are skipped.
    let complete: Vec<&str> =
        blocks.into_iter().filter(|b| b.contains("\nverdict = ") && b.contains("id = \"")).collect();
    assert!(complete.len() >= 3, "expected the scam, genuine and variables examples, found {}", complete.len());
    let mut valid = 0;
    for (i, block) in complete.iter().enumerate() {
        let parsed = parse_scenario("example.toml", block);
        if let Ok(p) = &parsed {
            // A good example follows the teaching rules too (section 6.8).
            let findings: Vec<String> = p.findings.iter().map(ToString::to_string).collect();
            assert!(findings.is_empty(), "docs example {}:\n{}", i + 1, findings.join("\n"));
        }
        if let Err(problems) = parsed {
            // A deliberately broken example: the doc must show exactly what `check` says of it.
            for p in &problems {
                let shown = format!("{}:{}: {}", p.at.line, p.at.col, p.kind);
                assert!(doc.contains(&shown), "docs example {} reports {shown:?}, which the doc does not show", i + 1);
            }
        } else {
            valid += 1;
        }
    }
    assert!(valid >= 3, "only {valid} examples are valid");
}
