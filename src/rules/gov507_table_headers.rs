//! GOV507: data tables have header cells.

use super::{html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV507",
    name: "table-headers-missing",
    severity: Severity::Warning,
    waivable: true,
    summary: "数据表格没有表头单元格（<th>）",
    explanation: include_str!("docs/gov507.md"),
    default_off: false,
};

pub struct TableHeaders;

impl Rule for TableHeaders {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        if page.named("table").next().is_none() {
            return;
        }
        let tree = page.tree();
        let mut bare = 0;
        for (i, table) in tree.named("table") {
            // Layout tables say so; they are not read as data.
            let role = html::attr(table, "role").unwrap_or_default().to_lowercase();
            if role == "presentation" || role == "none" {
                continue;
            }
            if !tree.descendants(i).any(|(j, _)| tree.name(j) == "th") {
                bare += 1;
            }
        }
        if bare == 0 {
            return;
        }
        out.push(
            page.diag(&META, format!("{bare} 个数据表格没有表头单元格 <th>"))
                .with_help(
                    "在 Markdown 表格中第一行写表头并用 |---| 分隔；HTML 表格用 <th scope=\"col\"> 标出表头",
                ),
        );
    }
}
