//! GOV305: the homepage is updated — at least one item dated within the homepage cycle
//! (14 days) of as-of in the columns the homepage lists.

use super::structure_data::DATA;
use super::{Rule, RuleMeta};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV305",
    name: "homepage-not-updated",
    severity: Severity::Error,
    waivable: false,
    summary: "首页栏目超过2周没有更新",
    explanation: include_str!("docs/gov305.md"),
    default_off: false,
};

pub struct HomepageStale;

/// The columns the homepage shows: `columns:` of `content/_index.md`, or every top-level
/// column.
pub fn homepage_columns(site: &Site) -> Vec<usize> {
    let listed = &site.home.front.columns;
    if listed.is_empty() {
        return site.top_columns();
    }
    listed
        .iter()
        .filter_map(|p| {
            let path = p.as_str().trim_matches('/');
            site.columns.iter().position(|c| c.path == path)
        })
        .collect()
}

impl Rule for HomepageStale {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let cycle = DATA.homepage_update;
        let Some(since) = cycle.before(site.as_of.day()) else {
            return;
        };
        let columns = homepage_columns(site);
        let newest = columns
            .iter()
            .flat_map(|&c| site.items_under(c))
            .filter_map(|i| site.items[i].date)
            .max();
        if newest.is_some_and(|d| d.day() >= since) {
            return;
        }
        let detail = newest.map_or(
            "首页栏目中没有注明日期的信息".to_string(),
            |d| format!("首页栏目中最新的信息发布于 {}", d.ymd()),
        );
        let (file, span) = match &site.home.source {
            Some(s) => (s.file.clone(), Some(s.spans().best("columns"))),
            None => ("content".to_string(), None),
        };
        out.push(
            META.diag(format!(
                "首页超过{}未更新：{detail}（截至 {}）",
                cycle.chinese(),
                site.as_of.ymd()
            ))
            .at(file, span)
            .with_help("在首页展示的栏目（content/_index.md 的 `columns:`，默认全部一级栏目）中发布新的信息"),
        );
    }
}
