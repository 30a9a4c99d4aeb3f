//! GOV311: the site has a 网站地图 page at /sitemap/ that links to every column.

use super::site_links::{anchors, resolve, site_path};
use super::{Rule, RuleMeta, SiteFacts};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV311",
    name: "sitemap-incomplete",
    severity: Severity::Error,
    waivable: false,
    summary: "没有网站地图，或网站地图未列出全部栏目",
    explanation: include_str!("docs/gov311.md"),
    default_off: false,
};

pub struct Sitemap;

const SITEMAP_URL: &str = "/sitemap/";

impl Rule for Sitemap {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_site(&self, site: &Site, facts: &SiteFacts, out: &mut Vec<Diagnostic>) {
        let pages = &facts.pages;
        let Some(page) = pages.iter().find(|p| site_path(&p.url) == SITEMAP_URL) else {
            out.push(
                META.diag("没有网站地图页面（/sitemap/）")
                    .at_page("sitemap/index.html")
                    .with_help("使用默认主题的 sitemap.html，或在自定义主题中提供该模板"),
            );
            return;
        };
        let linked = anchors(&site.config, page);
        let mut missing = Vec::new();
        for column in site.columns.iter().filter(|c| c.has_index) {
            // A platform column may be listed by its own page or by the platform address.
            let platform = column.front.link.as_ref().map(|l| l.as_str());
            let listed = linked.contains(&*site_path(&column.url))
                || platform.is_some_and(|l| {
                    page.links.iter().any(|p| p.url.trim() == l)
                        || resolve(&site.config, SITEMAP_URL, l)
                            .is_some_and(|r| linked.contains(&r))
                });
            if !listed {
                missing.push(format!("“{}”（{}）", column.title(), column.url));
            }
        }
        if !missing.is_empty() {
            out.push(
                META.diag(format!("网站地图没有列出栏目：{}", missing.join("、")))
                    .at_page(page.output.clone())
                    .with_help("网站地图须链接到每个栏目；使用默认主题的 sitemap.html，它按栏目树列出全部栏目"),
            );
        }
    }
}
