//! Fuzz target: Markdown rendering, then the HTML helpers and link gathering the rendered
//! rules run on every page.
#![no_main]

use govsite::content::SourceFile;
use govsite::rules::{facts, html};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &str| {
    let rendered = govsite::markdown::render(body);
    let _ = govsite::rules::text_scan::markdown_segments(body, 0);
    let Ok(dom) = tl::parse(&rendered.html, tl::ParserOptions::default()) else {
        return;
    };
    for tag in html::tags(&dom) {
        let _ = html::text(tag, &dom);
        let _ = html::attr(tag, "href");
    }
    let _ = html::meta_tags(&dom);
    let source = SourceFile::default();
    let _ = facts::links(&dom, &rendered.html, Some(&rendered), Some(&source));
});
