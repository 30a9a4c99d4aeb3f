//! Facts gathered from each rendered page in the one pass over it, for checks that need
//! every page at once (links and fragments between pages, duplicate titles).

use super::html;
use crate::render::PageJob;
use std::collections::HashSet;

/// A link or resource reference on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    /// The tag it came from (`a`, `img`, `script`, `link` …).
    pub tag: String,
    pub url: String,
}

/// What cross-page rules need to know of one page.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    pub url: String,
    pub output: String,
    pub kind: &'static str,
    pub title: String,
    pub ids: HashSet<String>,
    pub links: Vec<PageLink>,
    /// The Markdown source of the page, for pointing at the line a link came from.
    pub source: Option<String>,
}

/// Attributes that hold URLs, by tag.
const URL_ATTRIBUTES: &[(&str, &str)] = &[
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("form", "action"),
];

/// Gathers the facts of one page.
pub fn gather(job: &PageJob, dom: &tl::VDom, source: Option<&str>) -> PageFacts {
    let mut facts = PageFacts {
        url: job.url.clone(),
        output: job.output.clone(),
        kind: job.kind_name(),
        source: source.map(str::to_string),
        ..Default::default()
    };
    let parser = dom.parser();
    for tag in html::tags(dom) {
        let name = html::name(tag);
        if let Some(id) = html::attr(tag, "id") {
            facts.ids.insert(id.to_string());
        }
        if name == "a" {
            if let Some(anchor) = html::attr(tag, "name") {
                facts.ids.insert(anchor.to_string());
            }
        }
        if name == "title" && facts.title.is_empty() {
            facts.title = tag.inner_text(parser).trim().to_string();
        }
        for (tag_name, attribute) in URL_ATTRIBUTES {
            if name == *tag_name {
                if let Some(url) = html::attr(tag, attribute) {
                    facts.links.push(PageLink {
                        tag: name.clone(),
                        url: html::decode_entities(&url),
                    });
                }
            }
        }
        if let Some(srcset) = html::attr(tag, "srcset") {
            for candidate in srcset.split(',') {
                if let Some(url) = candidate.split_whitespace().next() {
                    facts.links.push(PageLink {
                        tag: name.clone(),
                        url: html::decode_entities(url),
                    });
                }
            }
        }
    }
    facts
}
