//! Fuzz target: front matter split and typed parse of item, column and homepage front
//! matter. Any input must give a value or a diagnostic, never a panic.
#![no_main]

use govsite::config::yaml;
use govsite::content::{front, ColumnFront, HomeFront, ItemFront};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = govsite::content::decode(data.to_vec(), "fuzz.md") else {
        return;
    };
    let Ok(split) = front::split(&text, "fuzz.md") else {
        return;
    };
    let _ = yaml::parse::<ItemFront>("fuzz.md", split.yaml, split.yaml_offset);
    let _ = yaml::parse::<ColumnFront>("fuzz.md", split.yaml, split.yaml_offset);
    let _ = yaml::parse::<HomeFront>("fuzz.md", split.yaml, split.yaml_offset);
});
