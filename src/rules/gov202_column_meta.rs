//! GOV202: the homepage, column and item pages carry the ColumnName, ColumnDescription,
//! ColumnKeywords and ColumnType meta tags (指引 网页标签), the homepage's ColumnType is
//! 首页, and every ColumnType is an allowed value (schemas/column-types.yaml). The source
//! check points at a column's `type:` key; the rendered check catches templates that drop
//! or rewrite the tags.

use super::{data, PageView, Rule, RuleMeta};
use crate::content::{Column, Site};
use crate::diagnostics::{Diagnostic, Severity};
use crate::render::PageKind;

pub static META: RuleMeta = RuleMeta {
    code: "GOV202",
    name: "column-meta-invalid",
    severity: Severity::Error,
    waivable: false,
    summary: "页面缺少栏目网页标签（ColumnName 等），或栏目类型 ColumnType 不是规定的取值",
    explanation: include_str!("docs/gov202.md"),
    default_off: false,
};

pub struct ColumnMeta;

const TAGS: [&str; 4] = [
    "ColumnName",
    "ColumnDescription",
    "ColumnKeywords",
    "ColumnType",
];

const META_HELP: &str = "在主题 <head> 中输出 meta 列表：{% for m in meta %}<meta name=\"{{ m.name }}\" content=\"{{ m.content }}\">{% endfor %}，不要删改栏目标签";

/// The allowed values, for help texts.
fn allowed_list() -> String {
    data::COLUMN_TYPES.allowed.join(" ")
}

/// Help for a ColumnType that is not allowed: the nearest allowed value, or the list.
fn type_help(value: &str) -> String {
    let allowed: Vec<&str> = data::COLUMN_TYPES
        .allowed
        .iter()
        .map(String::as_str)
        .collect();
    // yaml::nearest measures its threshold in bytes, far too loose for CJK words: here
    // one wrong character in four is a typo, two are another word.
    let nearest = allowed
        .iter()
        .map(|a| (strsim::levenshtein(value, a), *a))
        .filter(|(d, a)| *d <= 1.max(a.chars().count() / 3))
        .min();
    match nearest.map(|(_, a)| a) {
        Some(best) => format!("是否应为“{best}”？允许的栏目类型：{}", allowed_list()),
        None => format!("允许的栏目类型：{}", allowed_list()),
    }
}

/// The source finding for one column's `type:`, if any.
fn check_column(site: &Site, id: usize, column: &Column) -> Option<Diagnostic> {
    let source = &column.source;
    let Some(value) = column.column_type() else {
        // A sub-column inherits its parent's type; a folder without _index.md is GOV204's.
        if !column.has_index || site.column_type_of(id).is_some() {
            return None;
        }
        return Some(
            META.diag(format!("栏目“{}”缺少栏目类型（type）", column.title()))
                .at(source.file.clone(), Some(source.spans().best("type")))
                .with_help(format!(
                    "在 _index.md 的 front matter 中写 type，例如 type: 工作动态。{}",
                    type_help("")
                )),
        );
    };
    let message = if value == "首页" {
        "栏目类型“首页”只用于网站首页".to_string()
    } else if !data::COLUMN_TYPES.is_allowed(value) {
        format!("栏目类型“{value}”不是规定的取值")
    } else {
        return None;
    };
    Some(
        META.diag(message)
            .at(source.file.clone(), source.spans().value("type"))
            .with_label("栏目类型")
            .with_help(type_help(value)),
    )
}

/// What a page's ColumnType must be: 首页 on the homepage, the column's own type elsewhere
/// (`None` when the source is wrong, which the source check reports once, not per page).
fn expected_type<'a>(page: &PageView<'a>) -> Option<Option<&'a str>> {
    let site = page.site;
    let column = match &page.job.kind {
        PageKind::Home => return Some(Some("首页")),
        PageKind::Column { column, .. } => *column,
        PageKind::Item(id) => site.items[*id].column?,
        _ => return None,
    };
    let declared = site
        .column_type_of(column)
        .filter(|t| data::COLUMN_TYPES.is_allowed(t) && *t != "首页");
    Some(declared)
}

impl Rule for ColumnMeta {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        for (id, column) in site.columns.iter().enumerate() {
            out.extend(check_column(site, id, column));
        }
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let Some(expected) = expected_type(page) else {
            return;
        };
        let tags = page.meta_tags();
        let value = |name: &str| tags.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim());
        let missing: Vec<&str> = TAGS
            .into_iter()
            .filter(|name| value(name).is_none_or(str::is_empty))
            .filter(|name| *name != "ColumnType" || expected.is_some())
            .collect();
        if !missing.is_empty() {
            out.push(
                page.diag(
                    &META,
                    format!("缺少网页标签或内容为空：{}", missing.join("、")),
                )
                .with_help(META_HELP),
            );
        }
        let (Some(want), Some(got)) = (expected, value("ColumnType")) else {
            return;
        };
        if !got.is_empty() && got != want {
            let what = if data::COLUMN_TYPES.is_allowed(got) {
                format!("网页标签 ColumnType 为“{got}”，应为“{want}”")
            } else {
                format!("网页标签 ColumnType 为“{got}”，不是规定的取值（应为“{want}”）")
            };
            out.push(page.diag(&META, what).with_help(META_HELP));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::type_help;

    #[test]
    fn suggests_the_nearest_allowed_type() {
        assert!(type_help("工作动太").contains("是否应为“工作动态”"));
        assert!(type_help("新闻中心").starts_with("允许的栏目类型"));
    }
}
