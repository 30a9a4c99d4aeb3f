//! GOV111: every rendered page's `<header>` shows the site's standard name (指引 名称规范),
//! as text or as the alt text of a logo image. A missing `name:` is reported here too,
//! since no header can show it.

use super::{html, PageView, Rule, RuleMeta};
use crate::config::SITE_FILE;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV111",
    name: "header-site-name-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "页头未显示网站名称",
    explanation: include_str!("docs/gov111.md"),
    default_off: false,
};

pub struct Header;

/// Whitespace collapsed, as [`html::text`] returns text.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a header element shows `name` in its text or in an image's alt text.
fn shows_name(header: &tl::HTMLTag, dom: &tl::VDom, name: &str) -> bool {
    if html::text(header, dom).contains(name) {
        return true;
    }
    let parser = dom.parser();
    let Some(images) = header.query_selector(parser, "img") else {
        return false;
    };
    images
        .filter_map(|handle| handle.get(parser)?.as_tag())
        .filter_map(|img| html::attr(img, "alt"))
        .any(|alt| collapse(&html::decode_entities(&alt)).contains(name))
}

impl Rule for Header {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let config = &site.config;
        if config.name().is_empty() {
            out.push(
                META.diag("缺少网站名称（name）")
                    .at(SITE_FILE, Some(config.spans.best("name")))
                    .with_help("填写网站的规范名称，例如 name: 示例市人民政府门户网站；它显示在每个页面的页头和 SiteName 网页标签中"),
            );
        }
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let name = collapse(page.site.config.name());
        if name.is_empty() {
            return;
        }
        let dom = page.dom;
        let mut headers = page.named("header").peekable();
        if headers.peek().is_none() {
            out.push(
                page.diag(&META, "页面没有 <header> 页头")
                    .with_help("主题的 base.html 需要包含 <header>，并在其中显示 {{ site.name }}"),
            );
            return;
        }
        if !headers.any(|h| shows_name(h, dom, &name)) {
            out.push(
                page.diag(&META, format!("页头 <header> 未显示网站名称“{name}”"))
                    .with_help("在主题的页头中输出 {{ site.name }}（文字，或 alt 为网站名称的标志图片），不要写死其他名称"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shows(html: &str, name: &str) -> bool {
        let dom = tl::parse(html, tl::ParserOptions::default()).unwrap();
        let header = html::by_name(&dom, "header").next().unwrap();
        shows_name(header, &dom, name)
    }

    #[test]
    fn finds_the_name_as_text_or_logo_alt() {
        assert!(shows(
            "<header><p><a href=/>示例市 人民政府</a></p></header>",
            "示例市 人民政府"
        ));
        assert!(shows(
            r#"<header><img src="/logo.png" alt="示例市人民政府门户网站"></header>"#,
            "示例市人民政府门户网站"
        ));
        assert!(!shows(
            r#"<header><img src="/logo.png" alt="标志"></header>"#,
            "示例市人民政府门户网站"
        ));
        assert!(!shows(
            "<header><p>欢迎</p></header>",
            "示例市人民政府门户网站"
        ));
    }
}
