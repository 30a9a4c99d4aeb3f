//! GOV803: an item with an empty body and no attachment (a title with nothing behind it).

use super::{Rule, RuleMeta};
use crate::content::{Item, Site};
use crate::diagnostics::{Diagnostic, Severity};
use std::collections::HashSet;

pub static META: RuleMeta = RuleMeta {
    code: "GOV803",
    name: "empty-item",
    severity: Severity::Warning,
    waivable: false,
    summary: "信息正文为空且没有附件",
    explanation: include_str!("docs/gov803.md"),
    default_off: false,
};

pub struct EmptyItem;

/// Whether the item has content: body text, a link or image in the body (an attachment),
/// a letter's answer, or a service guide.
fn has_content(item: &Item) -> bool {
    if item.front.answer.is_some() || item.front.service.is_some() {
        return true;
    }
    // Known without reading the body where the build cache knows the file (`Body`).
    item.body.has_text()
}

impl Rule for EmptyItem {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        // Files beside an item with the same name (`a.md` + `a.pdf`) are its attachments.
        let stems: HashSet<&str> = site
            .statics
            .iter()
            .filter_map(|s| s.source.strip_prefix("content/"))
            .filter_map(|p| p.rsplit_once('.').map(|(stem, _)| stem))
            .collect();
        for item in site.items.iter().filter(|i| !i.is_loose()) {
            if has_content(item) || stems.contains(item.path.as_str()) {
                continue;
            }
            out.push(
                META.diag(format!("信息“{}”正文为空，也没有附件", item.title()))
                    .at(item.source.file.clone(), Some(item.source.spans().best("title")))
                    .with_help("补充正文，或在正文中链接附件（如 [下载原文](/files/a.pdf)）；尚未完成的信息设 `draft: true`"),
            );
        }
    }
}
