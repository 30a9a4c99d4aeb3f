//! GOV203: item pages carry the ArticleTitle, PubDate (`YYYY-MM-DD HH:MM`, Beijing time)
//! and ContentSource meta tags (指引 网页标签). Values missing in the source are reported
//! once by the source rules (GOV204, GOV205, GOV105), not here on every page.

use super::{PageView, Rule, RuleMeta};
use crate::config::Date;
use crate::diagnostics::{Diagnostic, Severity};
use crate::render::context::item_source;
use crate::render::PageKind;

pub static META: RuleMeta = RuleMeta {
    code: "GOV203",
    name: "article-meta-invalid",
    severity: Severity::Error,
    waivable: false,
    summary: "信息页面缺少 ArticleTitle、PubDate 或 ContentSource 网页标签，或 PubDate 格式不对",
    explanation: include_str!("docs/gov203.md"),
    default_off: false,
};

pub struct ArticleMeta;

const HELP: &str = "在主题 <head> 中输出 meta 列表：{% for m in meta %}<meta name=\"{{ m.name }}\" content=\"{{ m.content }}\">{% endfor %}，不要删改信息标签";

/// Whether `value` is exactly `YYYY-MM-DD HH:MM` and a real moment.
pub fn is_pub_date(value: &str) -> bool {
    let shape = value.len() == 16
        && value.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b' ',
            13 => b == b':',
            _ => b.is_ascii_digit(),
        });
    shape && Date::parse(value).is_some()
}

impl Rule for ArticleMeta {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let PageKind::Item(id) = page.job.kind else {
            return;
        };
        let site = page.site;
        let item = &site.items[id];
        // Whether the source has a value for each tag: an empty tag is only the template's
        // fault when it does.
        let expected = [
            ("ArticleTitle", !item.title().is_empty()),
            ("PubDate", item.date.is_some()),
            ("ContentSource", !item_source(site, item).is_empty()),
        ];
        let tags = page.meta_tags();
        let value = |name: &str| tags.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim());
        let missing: Vec<&str> = expected
            .iter()
            .filter(|(name, known)| match value(name) {
                None => true,
                Some(v) => v.is_empty() && *known,
            })
            .map(|(name, _)| *name)
            .collect();
        if !missing.is_empty() {
            out.push(
                page.diag(
                    &META,
                    format!("缺少网页标签或内容为空：{}", missing.join("、")),
                )
                .with_help(HELP),
            );
        }
        if let Some(date) = value("PubDate").filter(|v| !v.is_empty() && !is_pub_date(v)) {
            out.push(
                page.diag(&META, format!("网页标签 PubDate 为“{date}”，应为 YYYY-MM-DD HH:MM 格式"))
                    .with_help("PubDate 使用北京时间，精确到分钟，例如 2026-11-20 09:30；使用渲染器提供的 meta 列表即可"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_pub_date;

    #[test]
    fn pub_date_is_minute_precise() {
        assert!(is_pub_date("2026-11-20 09:30"));
        for bad in [
            "2026-11-20",
            "2026-11-20 09:30:00",
            "2026/11/20 09:30",
            "2026-11-20T09:30",
            "2026-02-30 09:30",
            "2026-11-20 9:30",
        ] {
            assert!(!is_pub_date(bad), "{bad}");
        }
    }
}
