//! GOV501: every `<img>` has an `alt` attribute (empty for decoration).

use super::{a11y, html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV501",
    name: "img-alt-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "图片缺少替代文本（alt 属性）",
    explanation: include_str!("docs/gov501.md"),
    default_off: false,
};

pub struct ImgAlt;

impl Rule for ImgAlt {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let missing: Vec<String> = page
            .named("img")
            .filter(|img| html::attr(img, "alt").is_none())
            .map(|img| a11y::describe(img))
            .collect();
        if missing.is_empty() {
            return;
        }
        out.push(
            page.diag(
                &META,
                format!("图片没有 alt 替代文本：{}", a11y::list(&missing, 5)),
            )
            .with_help(
                "在 Markdown 中写 ![图片内容的简要说明](图片地址)；纯装饰的图片写 alt=\"\"（空值）",
            ),
        );
    }
}
