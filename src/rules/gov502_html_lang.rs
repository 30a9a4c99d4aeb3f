//! GOV502: the `<html>` element declares the page language.

use super::{html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV502",
    name: "html-lang-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "页面 <html> 元素没有声明语言（lang 属性）",
    explanation: include_str!("docs/gov502.md"),
    default_off: false,
};

pub struct HtmlLang;

impl Rule for HtmlLang {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let lang = page
            .named("html")
            .next()
            .and_then(|h| html::attr(h, "lang").map(|v| v.trim().to_string()));
        if lang.as_deref().is_some_and(|l| !l.is_empty()) {
            return;
        }
        out.push(
            page.diag(&META, "页面的 <html> 元素没有 lang 属性，读屏软件无法确定朗读语言")
                .with_help(
                    "在主题 base.html 中写 <html lang=\"{{ site.language }}\">，并在 site.yaml 中设置 language: zh-CN",
                ),
        );
    }
}
