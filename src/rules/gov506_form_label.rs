//! GOV506: form controls (text inputs, selects, text areas) have a label.

use super::a11y;
use super::{html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};
use std::collections::HashSet;

pub static META: RuleMeta = RuleMeta {
    code: "GOV506",
    name: "form-label-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "表单控件（输入框、下拉框、文本框）没有标签",
    explanation: include_str!("docs/gov506.md"),
    default_off: false,
};

pub struct FormLabel;

/// Input types that carry their own name or are not shown.
const SELF_NAMED: &[&str] = &["hidden", "submit", "button", "image", "reset"];

impl Rule for FormLabel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let tree = page.tree();
        let labelled: HashSet<String> = tree
            .named("label")
            .filter_map(|(_, l)| html::attr(l, "for").map(|f| f.trim().to_string()))
            .collect();
        let mut missing = Vec::new();
        for (i, tag) in tree.tags() {
            let name = tree.name(i);
            let is_control = match name {
                "select" | "textarea" => true,
                "input" => {
                    let kind = html::attr(tag, "type").unwrap_or_default().to_lowercase();
                    !SELF_NAMED.contains(&kind.trim())
                }
                _ => false,
            };
            if !is_control {
                continue;
            }
            let by_for = html::attr(tag, "id").is_some_and(|id| labelled.contains(id.trim()));
            let named = |key: &str| html::attr(tag, key).is_some_and(|v| !v.trim().is_empty());
            let labelledby = named("aria-labelledby") && !tree.accessible_name(i).is_empty();
            if by_for
                || tree.inside(i, "label")
                || named("aria-label")
                || labelledby
                || named("title")
            {
                continue;
            }
            missing.push(a11y::describe(tag));
        }
        if missing.is_empty() {
            return;
        }
        out.push(
            page.diag(&META, format!("表单控件没有标签：{}", a11y::list(&missing, 5)))
                .with_help(
                    "为控件写 <label for=\"控件id\">说明文字</label>，或把控件放在 <label> 内；界面上不显示文字时用 aria-label。placeholder 不能代替标签",
                ),
        );
    }
}
