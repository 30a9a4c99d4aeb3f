//! GOV312: every page's header has a 站内搜索 entry, and the site has the search page
//! (/search/) and its index (/search/manifest.json and its shards).

use super::site_links::{resolve, site_path};
use super::{html, PageView, Rule, RuleMeta, SiteFacts};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};
use crate::render::PageKind;

pub static META: RuleMeta = RuleMeta {
    code: "GOV312",
    name: "site-search-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "页头没有站内搜索入口，或缺少搜索页面及其索引",
    explanation: include_str!("docs/gov312.md"),
    default_off: false,
};

pub struct Search;

const SEARCH_URL: &str = "/search/";
const SEARCH_INDEX: &str = "search/manifest.json";

/// Whether a `<header>` of the page holds a search form (`role="search"`, or an action
/// that leads to the search page).
fn header_has_search(page: &PageView) -> bool {
    let parser = page.dom.parser();
    page.named("header").any(|header| {
        header
            .children()
            .all(parser)
            .iter()
            .filter_map(|n| n.as_tag())
            .filter(|t| t.name().as_bytes().eq_ignore_ascii_case(b"form"))
            .any(|form| {
                html::attr(form, "role").is_some_and(|r| r.eq_ignore_ascii_case("search"))
                    || html::attr(form, "action").is_some_and(|a| {
                        let action = html::decode_entities(&a);
                        resolve(&page.site.config, &page.job.url, &action).as_deref()
                            == Some(SEARCH_URL)
                    })
            })
    })
}

impl Rule for Search {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        // A redirect page only forwards the visitor; it is not a page of the site.
        if matches!(page.job.kind, PageKind::Redirect { .. }) || header_has_search(page) {
            return;
        }
        out.push(
            page.diag(&META, "页头 <header> 中没有站内搜索入口")
                .with_help("在主题 partials/header.html 的 <header> 内放置 <form role=\"search\" action=\"/search/\">"),
        );
    }

    fn check_site(&self, _site: &Site, facts: &SiteFacts, out: &mut Vec<Diagnostic>) {
        let pages = &facts.pages;
        if !pages.iter().any(|p| site_path(&p.url) == SEARCH_URL) {
            out.push(
                META.diag("没有站内搜索页面（/search/）")
                    .at_page("search/index.html")
                    .with_help("使用默认主题的 search.html，或在自定义主题中提供该模板"),
            );
        }
        if !facts.outputs.contains(SEARCH_INDEX) {
            out.push(
                META.diag("没有站内搜索索引（/search/manifest.json）")
                    .at_page(SEARCH_INDEX)
                    .with_help(
                        "站内搜索页面依赖 govsite 生成的 /search/ 索引（manifest.json 和分片）",
                    ),
            );
        }
    }
}
