//! Fuzz target: the redirect CSV reader of a moving site.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let hosts = vec!["www.example.gov.cn".to_string()];
    let (map, _errors) = govsite::notices::redirects::parse(text, "redirects.csv", &hosts);
    for entry in map.entries.values() {
        let _ = map.get(&entry.old);
    }
});
