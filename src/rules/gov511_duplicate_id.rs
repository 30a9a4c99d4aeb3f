//! GOV511: no two elements of a page share an `id`.

use super::{a11y, html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};
use std::borrow::Cow;
use std::collections::BTreeMap;

pub static META: RuleMeta = RuleMeta {
    code: "GOV511",
    name: "duplicate-id",
    severity: Severity::Error,
    waivable: false,
    summary: "同一页面中有重复的 id",
    explanation: include_str!("docs/gov511.md"),
    default_off: false,
};

pub struct DuplicateId;

impl Rule for DuplicateId {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        // Ids borrowed from the page: this runs for every element of every page.
        let mut counts: BTreeMap<Cow<str>, usize> = BTreeMap::new();
        for element in page.tags() {
            if let Some(id) = html::attr(element.tag, "id") {
                *counts.entry(id).or_default() += 1;
            }
        }
        let repeated: Vec<String> = counts
            .into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|(id, n)| format!("“{id}”（{n} 次）"))
            .collect();
        if repeated.is_empty() {
            return;
        }
        out.push(
            page.diag(&META, format!("页面中的 id 重复：{}", a11y::list(&repeated, 5)))
                .with_help(
                    "每个 id 在页面中只能出现一次；检查模板中重复输出的片段，以及正文 HTML 中与主题相同的 id（如 main）",
                ),
        );
    }
}
