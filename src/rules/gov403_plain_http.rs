//! GOV403: nothing is loaded over plain `http://` (mixed content is blocked or flagged by
//! browsers and can be tampered with), and the site does not link to itself over `http://`.

use super::link_check::{page_finding, resource_name};
use super::urls::{self, Target};
use super::{PageView, Rule, RuleMeta, SiteFacts};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};
use std::collections::HashSet;

pub static META: RuleMeta = RuleMeta {
    code: "GOV403",
    name: "plain-http",
    severity: Severity::Error,
    waivable: false,
    summary: "页面通过不加密的 http:// 加载资源，或用 http:// 链接本网站",
    explanation: include_str!("docs/gov403.md"),
    default_off: false,
};

pub struct PlainHttp;

const HELP: &str =
    "改用 https:// 地址；本网站的页面和文件用站内相对地址（如 /zwdt/）引用，不要写 http://";

fn is_http(url: &str) -> bool {
    urls::scheme(url.trim()).as_deref() == Some("http")
}

impl Rule for PlainHttp {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let mut seen = HashSet::new();
        for link in page.links {
            if !is_http(&link.url) {
                continue;
            }
            let message = if link.resource {
                format!("通过 http:// 加载{}：{}", resource_name(link.tag), link.url)
            } else if matches!(link.target, Target::Internal { .. }) {
                format!("用 http:// 链接本网站：{}", link.url)
            } else {
                continue;
            };
            if seen.insert(link.url.clone()) {
                out.push(
                    page_finding(page, &META, message, link.source_span.clone()).with_help(HELP),
                );
            }
        }
    }

    fn check_site(&self, _site: &Site, facts: &SiteFacts, out: &mut Vec<Diagnostic>) {
        for sheet in &facts.stylesheets {
            let mut seen = HashSet::new();
            for url in sheet.urls.iter().filter(|u| is_http(u)) {
                if seen.insert(url) {
                    out.push(
                        META.diag(format!("样式表通过 http:// 加载文件：{url}"))
                            .at_page(sheet.output.clone())
                            .with_help(HELP),
                    );
                }
            }
        }
    }
}
