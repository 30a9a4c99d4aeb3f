//! GOV302: empty columns (空白栏目) — a column with no item and no platform `link`.

use super::structure_data::DATA;
use super::{Rule, RuleMeta};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV302",
    name: "empty-column",
    severity: Severity::Warning,
    waivable: false,
    summary: "空白栏目：栏目下没有任何信息（5个及以上为错误）",
    explanation: include_str!("docs/gov302.md"),
    default_off: false,
};

pub struct EmptyColumn;

/// Columns with an `_index.md` and no sub-columns that have no item and no `link`.
/// A parent column is judged by its sub-columns, which are reported themselves.
pub fn empty_columns(site: &Site) -> Vec<usize> {
    (0..site.columns.len())
        .filter(|&c| {
            let column = &site.columns[c];
            column.has_index
                && column.children.is_empty()
                && column.items.is_empty()
                && column.front.link.is_none()
        })
        .collect()
}

impl Rule for EmptyColumn {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let empty = empty_columns(site);
        let threshold = DATA.empty_columns_error_at;
        let severity = if empty.len() >= threshold {
            Severity::Error
        } else {
            Severity::Warning
        };
        for &c in &empty {
            let column = &site.columns[c];
            let mut message = format!("栏目“{}”是空白栏目：没有任何信息", column.title());
            if severity == Severity::Error {
                message.push_str(&format!(
                    "（全站共 {} 个空白栏目，达到单项否决的 {threshold} 个）",
                    empty.len()
                ));
            }
            out.push(
                META.diag(message)
                    .with_severity(severity)
                    .at(column.source.file.clone(), Some(column.source.spans().best("title")))
                    .with_help("发布该栏目的信息；由统一平台提供的栏目加 `link:` 指向平台地址；不再维护的栏目应撤销（删除文件夹或设 `draft: true`）"),
            );
        }
    }
}
