//! GOV204: every item, loose page and column has a title (ArticleTitle, ColumnName).
//! A folder under content/ without `_index.md` is a column too, and has none.

use super::{Rule, RuleMeta};
use crate::content::{Column, Item, Site};
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV204",
    name: "title-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "信息条目或栏目缺少标题",
    explanation: include_str!("docs/gov204.md"),
    default_off: false,
};

pub struct Title;

fn item_finding(item: &Item) -> Option<Diagnostic> {
    if item.front.title.is_some() {
        return None;
    }
    let (what, tag) = if item.is_loose() {
        ("页面", "<title>")
    } else {
        ("信息条目", "ArticleTitle")
    };
    Some(
        META.diag(format!("{what}缺少标题（title）"))
            .at(item.source.file.clone(), Some(item.source.spans().best("title")))
            .with_help(format!(
                "在 front matter 中写 title，例如 title: 关于做好2026年冬季安全生产工作的通知；标题用于 {tag} 和列表"
            )),
    )
}

fn column_finding(column: &Column) -> Option<Diagnostic> {
    if !column.has_index {
        return Some(
            META.diag(format!(
                "文件夹 content/{} 是一个栏目，但没有 _index.md，栏目缺少名称和类型",
                column.path
            ))
            .at(column.source.file.clone(), None)
            .with_help(format!(
                "新建 content/{}/_index.md，写明 title（栏目名称）和 type（栏目类型）；附件请放在 static/ 下",
                column.path
            )),
        );
    }
    if column.front.title.is_some() {
        return None;
    }
    Some(
        META.diag("栏目缺少栏目名称（title）")
            .at(column.source.file.clone(), Some(column.source.spans().best("title")))
            .with_help("在 _index.md 的 front matter 中写 title，例如 title: 政务动态；它是 ColumnName 网页标签和导航中的名称"),
    )
}

impl Rule for Title {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        out.extend(site.items.iter().filter_map(item_finding));
        out.extend(site.columns.iter().filter_map(column_finding));
    }
}
