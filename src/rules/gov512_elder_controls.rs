//! GOV512: every page offers the 适老化 controls for larger text and high contrast,
//! as buttons marked by the documented `data-gs` contract.

use super::{html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV512",
    name: "elder-controls-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "页面缺少适老化控件（放大文字、高对比度按钮）",
    explanation: include_str!("docs/gov512.md"),
    default_off: false,
};

pub struct ElderControls;

/// The `data-gs` values that must be present, with the control's name for messages.
const REQUIRED: &[(&str, &str)] = &[("font", "放大文字（大字）"), ("contrast", "高对比度")];

impl Rule for ElderControls {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let buttons: Vec<(String, bool)> = page
            .named("button")
            .filter_map(|b| {
                let action = html::attr(b, "data-gs")?.trim().to_string();
                Some((action, html::attr(b, "aria-pressed").is_some()))
            })
            .collect();
        let mut problems = Vec::new();
        for (action, label) in REQUIRED {
            match buttons.iter().find(|(a, _)| a == action) {
                None => problems.push(format!("{label}按钮 <button data-gs=\"{action}\">")),
                Some((_, false)) if *action == "contrast" => {
                    problems.push(format!("{label}按钮的 aria-pressed 状态"));
                }
                Some(_) => {}
            }
        }
        if problems.is_empty() {
            return;
        }
        out.push(
            page.diag(&META, format!("页面缺少适老化控件：{}", problems.join("、")))
                .with_help(
                    "使用默认主题的 partials/a11y-toolbar.html；自定义主题须在页头提供 <button type=\"button\" data-gs=\"font\"> 和 <button type=\"button\" data-gs=\"contrast\" aria-pressed=\"false\">，并加载默认主题的 prefs.js 与 site.js 或等效脚本（见 govsite rules GOV512）",
                ),
        );
    }
}
