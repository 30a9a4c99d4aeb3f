//! GOV702: the notice stays up at least 30 days (`until` >= `announced` + 30 days).

use super::{Rule, RuleMeta};
use crate::config::SITE_FILE;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV702",
    name: "notice-period-too-short",
    severity: Severity::Error,
    waivable: false,
    summary: "迁移或下线公告的保留期少于 30 天",
    explanation: include_str!("docs/gov702.md"),
    default_off: false,
};

/// The minimum notice period in days (regulations.md, merging and closing).
pub const MIN_DAYS: i64 = 30;

pub struct NoticePeriod;

impl Rule for NoticePeriod {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let Some(l) = &site.config.lifecycle else {
            return;
        };
        let (Some(announced), Some(until)) = (l.announced, l.until) else {
            return;
        };
        let days = announced.days_until(&until);
        if days < MIN_DAYS {
            let earliest = announced.plus_days(MIN_DAYS).ymd();
            out.push(
                META.diag(format!("公告保留期只有 {days} 天，少于 {MIN_DAYS} 天"))
                    .at(SITE_FILE, Some(site.config.spans.best("lifecycle.until")))
                    .with_label(format!("应不早于 {earliest}"))
                    .with_help(format!(
                        "迁移或下线公告应至少保留 {MIN_DAYS} 天：把 until 改为 {earliest} 或更晚"
                    )),
            );
        }
    }
}
