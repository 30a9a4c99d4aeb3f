//! Fuzz target: the HTML scanner the rendered rules share (tl plus govsite's helpers) on
//! arbitrary text, as if a theme or raw HTML in Markdown produced it.
#![no_main]

use govsite::rules::{facts, html};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|page: &str| {
    let _ = html::decode_entities(page);
    let Ok(dom) = tl::parse(page, tl::ParserOptions::default()) else {
        return;
    };
    for tag in html::tags(&dom) {
        let _ = html::name(tag);
        let _ = html::text(tag, &dom);
        for name in ["href", "src", "id", "style", "content"] {
            if let Some(value) = html::attr(tag, name) {
                let _ = html::decode_entities(&value);
            }
        }
        let _ = facts::tag_references(tag, &dom);
    }
    let _ = html::meta_tags(&dom);
    let _ = facts::links(&dom, page, None, None);
});
