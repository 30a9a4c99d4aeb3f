//! GOV703: in the notice period every page shows the banner that links to the notice.

use super::{html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};
use crate::notices::{self, Phase, NOTICE_URL};
use crate::render::PageKind;

pub static META: RuleMeta = RuleMeta {
    code: "GOV703",
    name: "notice-banner-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "公告期内的页面没有指向迁移或下线公告的横幅",
    explanation: include_str!("docs/gov703.md"),
    default_off: false,
};

pub struct NoticeBanner;

/// Whether `href` points at the notice page (relative, site-absolute or absolute).
pub fn is_notice_link(href: &str, base_url: &str) -> bool {
    let href = href.trim();
    let path = href
        .strip_prefix(base_url.trim_end_matches('/'))
        .unwrap_or(href);
    let path = path.split(['#', '?']).next().unwrap_or(path);
    let bare = NOTICE_URL.trim_end_matches('/');
    path == NOTICE_URL || path == bare || path == format!("{NOTICE_URL}index.html")
}

impl Rule for NoticeBanner {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        if notices::phase(page.site) == Phase::Normal {
            return;
        }
        // The notice itself needs no banner; a redirect page is left at once.
        if matches!(page.job.kind, PageKind::Notice | PageKind::Redirect { .. }) {
            return;
        }
        // A banner is at the top: a link to the notice before the main content (a footer
        // link alone is not prominent).
        let base = &page.site.config.base_url;
        let linked = page
            .tags()
            .take_while(|e| e.name != "main")
            .filter(|e| e.name == "a")
            .any(|a| {
                html::attr(a.tag, "href")
                    .is_some_and(|h| is_notice_link(&html::decode_entities(&h), base))
            });
        if !linked {
            out.push(
                page.diag(&META, format!("公告期内的页面顶部没有链接到公告页 {NOTICE_URL} 的公告横幅"))
                    .with_help("在 base.html 中保留 {% include \"partials/notice-banner.html\" %}；自定义横幅须包含 <a href=\"{{ notice.url }}\">{{ notice.title }}</a>"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_notice_link;

    #[test]
    fn recognises_the_forms_of_the_notice_url() {
        let base = "https://sjj.example.gov.cn/";
        for good in [
            "/notice/",
            "/notice",
            "/notice/index.html",
            "https://sjj.example.gov.cn/notice/",
            "/notice/#top",
        ] {
            assert!(is_notice_link(good, base), "{good}");
        }
        for bad in ["/notices/", "/", "https://other.gov.cn/notice/", "notice"] {
            assert!(!is_notice_link(bad, base), "{bad}");
        }
    }
}
