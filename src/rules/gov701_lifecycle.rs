//! GOV701: `lifecycle:` names everything a move needs — target, the three dates in order.

use super::{Rule, RuleMeta};
use crate::config::SITE_FILE;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV701",
    name: "lifecycle-incomplete",
    severity: Severity::Error,
    waivable: false,
    summary: "网站整合迁移或下线的 lifecycle 缺少去向或日期，或日期先后不对",
    explanation: include_str!("docs/gov701.md"),
    default_off: false,
};

pub struct LifecycleIncomplete;

impl Rule for LifecycleIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let Some(l) = &site.config.lifecycle else {
            return;
        };
        let spans = &site.config.spans;
        let mut push = |key: &str, message: String, help: &str| {
            out.push(
                META.diag(message)
                    .at(
                        SITE_FILE,
                        Some(crate::notices::locate(spans, &format!("lifecycle.{key}"))),
                    )
                    .with_help(help.to_string()),
            );
        };
        let parts = [
            ("target.name", l.target_name.is_some(), "内容去向的网站名称"),
            ("target.url", l.target_url.is_some(), "内容去向的网址"),
            ("announced", l.announced.is_some(), "公告发布日期"),
            ("effective", l.effective.is_some(), "迁移或下线生效日期"),
            ("until", l.until.is_some(), "公告保留截止日期"),
        ];
        for (key, present, what) in parts {
            if !present {
                push(
                    key,
                    format!("lifecycle 缺少 {key}（{what}）"),
                    "整合迁移和永久下线都要写明内容去向（target.name、target.url）和 announced、effective、until 三个日期",
                );
            }
        }
        if let Some(url) = &l.target_url {
            if !url.contains("://") || crate::notices::redirects::check_new(url).is_err() {
                push(
                    "target.url",
                    format!("lifecycle.target.url `{url}` 不是完整网址"),
                    "写作 https://www.example.gov.cn/sjj/，旧网址将跳转到该地址下的同名路径",
                );
            }
        }
        if let (Some(effective), Some(until)) = (l.effective, l.until) {
            if until < effective {
                push(
                    "until",
                    format!(
                        "公告保留截止日期 {} 早于生效日期 {}",
                        until.ymd(),
                        effective.ymd()
                    ),
                    "until 是公告至少保留到的日期，应不早于 effective",
                );
            }
        }
        if let (Some(announced), Some(effective)) = (l.announced, l.effective) {
            if effective < announced {
                push(
                    "effective",
                    format!(
                        "生效日期 {} 早于公告发布日期 {}",
                        effective.ymd(),
                        announced.ymd()
                    ),
                    "先发布公告（announced），再迁移或下线（effective）",
                );
            }
        }
    }
}
