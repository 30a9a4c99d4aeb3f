//! GOV201: every page carries the SiteName, SiteDomain and SiteIDCode meta tags.

use super::{PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV201",
    name: "site-meta-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "页面缺少 SiteName、SiteDomain 或 SiteIDCode 网页标签，或与 site.yaml 不一致",
    explanation: include_str!("docs/gov201.md"),
    default_off: false,
};

pub struct SiteMeta;

impl Rule for SiteMeta {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let config = &page.site.config;
        let tags = page.meta_tags();
        let expected = [
            ("SiteName", config.name()),
            ("SiteDomain", config.domain()),
            ("SiteIDCode", config.id_code()),
        ];
        for (name, want) in expected {
            match tags.iter().find(|(n, _)| n == name) {
                None => out.push(
                    page.diag(&META, format!("缺少网页标签 <meta name=\"{name}\">"))
                        .with_help("在主题 <head> 中输出 meta 列表：{% for m in meta %}<meta name=\"{{ m.name }}\" content=\"{{ m.content }}\">{% endfor %}"),
                ),
                Some((_, got)) if got != want => out.push(
                    page.diag(&META, format!("网页标签 {name} 为“{got}”，与 site.yaml 的“{want}”不一致"))
                        .with_help("不要在模板中写死网页标签，使用渲染器提供的 meta 列表"),
                ),
                Some(_) => {}
            }
        }
    }
}
