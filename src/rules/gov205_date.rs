//! GOV205: every item in a column has a publication date, and no date lies after the
//! check day (`--as-of`): an undated item counts as not updated, and a forged date is a
//! veto item of the national inspection (国办秘函〔2019〕19号).

use super::{Rule, RuleMeta};
use crate::content::{Item, Site};
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV205",
    name: "date-missing-or-future",
    severity: Severity::Error,
    waivable: false,
    summary: "信息条目缺少发布日期，或发布日期晚于检查日期",
    explanation: include_str!("docs/gov205.md"),
    default_off: false,
};

pub struct PubDate;

fn finding(site: &Site, item: &Item) -> Option<Diagnostic> {
    let source = &item.source;
    let Some(date) = item.date else {
        // Loose pages (关于我们, 联系我们) are not dated news.
        if item.is_loose() {
            return None;
        }
        return Some(
            META.diag("信息条目缺少发布日期（date）")
                .at(source.file.clone(), Some(source.spans().best("date")))
                .with_help("在 front matter 中写实际发布日期，例如 date: 2026-11-20 09:30（北京时间）；没有日期的信息在检查中按未更新处理"),
        );
    };
    if date.day() <= site.as_of.day() {
        return None;
    }
    Some(
        META.diag(format!(
            "发布日期 {date} 晚于检查日期 {}（--as-of）：伪造发布日期是单项否决项",
            site.as_of.ymd()
        ))
        .at(source.file.clone(), source.spans().value("date"))
        .with_label("晚于检查日期")
        .with_help(
            "写实际发布日期；预先写好的稿件先设 draft: true，到发布当天再改为 false 并写当天日期",
        ),
    )
}

impl Rule for PubDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        out.extend(site.items.iter().filter_map(|item| finding(site, item)));
    }
}
