//! The design.md invariant "every rule has a firing and a quiet fixture", enforced over the
//! fixture sources: each rule in the registry needs at least one `#[test]` function here
//! whose name contains its lowercase code as a word (`gov101_…`, `…_fails_gov201_gov202_…`)
//! and whose body names the code (`"GOV101"`), i.e. a fixture test dedicated to it. The
//! "quiet" half is the starter site itself, which every rule must leave alone:
//! `build::starter_site_builds_clean_with_every_mandated_element_on_every_page`.

use super::common::repo;
use govsite::rules::registry::RULES;
use std::collections::BTreeMap;

/// Test function name → body, for every `#[test]` in tests/integration.
fn fixture_tests() -> BTreeMap<String, String> {
    let mut tests = BTreeMap::new();
    let dir = repo().join("tests/integration");
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for chunk in text.split("#[test]\n").skip(1) {
            let Some(rest) = chunk.split_once("fn ").map(|(_, r)| r) else {
                continue;
            };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // The body ends at the first closing brace in column 0.
            let body = rest.split("\n}\n").next().unwrap_or(rest);
            tests.insert(name, body.to_string());
        }
    }
    tests
}

#[test]
fn every_rule_has_a_fixture_test_named_after_it() {
    let tests = fixture_tests();
    assert!(tests.len() > 100, "found only {} tests", tests.len());
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.meta().code)
        .filter(|code| {
            let word = code.to_ascii_lowercase();
            !tests.iter().any(|(name, body)| {
                name.split('_').any(|w| w == word) && body.contains(&format!("\"{code}\""))
            })
        })
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a fixture test named after them (tests/integration/**/*.rs, \
         `fn govNNN_…` asserting \"GOVNNN\"): {missing:?}"
    );
}

#[test]
fn the_quiet_fixture_for_every_rule_is_the_clean_starter_site() {
    let tests = fixture_tests();
    let body = tests
        .get("starter_site_builds_clean_with_every_mandated_element_on_every_page")
        .expect("the starter-site-is-clean test was renamed: update coverage.rs");
    assert!(
        body.contains("0 个错误，0 个警告"),
        "it must assert no findings at all"
    );
}
