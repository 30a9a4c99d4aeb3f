//! GOV405 (warning): a link opening a new window (`target="_blank"`) says
//! `rel="noopener"` (or `noreferrer`), so the opened page cannot steer the portal's tab.

use super::link_check::page_finding;
use super::{html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};
use std::collections::HashSet;

pub static META: RuleMeta = RuleMeta {
    code: "GOV405",
    name: "blank-target-without-noopener",
    severity: Severity::Warning,
    waivable: false,
    summary: "在新窗口打开的链接（target=\"_blank\"）缺少 rel=\"noopener\"",
    explanation: include_str!("docs/gov405.md"),
    default_off: false,
};

pub struct BlankTarget;

const HELP: &str = "给链接加上 rel=\"noopener\"（或 rel=\"noopener noreferrer\"）";

/// Whether a tag opens a new browsing context without cutting `window.opener`.
fn opens_unprotected(tag: &tl::HTMLTag) -> bool {
    let blank = html::attr(tag, "target").is_some_and(|t| t.trim().eq_ignore_ascii_case("_blank"));
    let protected = html::attr(tag, "rel").is_some_and(|rel| {
        rel.split_ascii_whitespace()
            .any(|r| r.eq_ignore_ascii_case("noopener") || r.eq_ignore_ascii_case("noreferrer"))
    });
    blank && !protected
}

impl Rule for BlankTarget {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let mut unprotected = Vec::new();
        for html::Element { name, tag, .. } in page.tags() {
            let attribute = match name.as_ref() {
                "a" | "area" => "href",
                "form" => "action",
                _ => continue,
            };
            if opens_unprotected(tag) {
                let url =
                    html::attr(tag, attribute).map(|u| html::decode_entities(&u).into_owned());
                unprotected.push((name, url.unwrap_or_default()));
            }
        }
        if unprotected.is_empty() {
            return;
        }
        let mut seen = HashSet::new();
        for (name, url) in unprotected {
            if !seen.insert(url.clone()) {
                continue;
            }
            let span = page
                .links
                .iter()
                .find(|l| l.tag == name && l.url == url)
                .and_then(|l| l.source_span.clone());
            let message = format!("<{name}> 在新窗口打开 {url}，但缺少 rel=\"noopener\"");
            out.push(page_finding(page, &META, message, span).with_help(HELP));
        }
    }
}
