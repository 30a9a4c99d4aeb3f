//! GOV308: a policy document (政策文件) carries its 发文字号 and 发文机关 (errors) and its
//! 索引号 (warning).

use super::{Rule, RuleMeta};
use crate::config::Text;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};
use chrono::Datelike;

pub static META: RuleMeta = RuleMeta {
    code: "GOV308",
    name: "policy-fields-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "政策文件缺少发文字号或发文机关（错误），或缺少索引号（警告）",
    explanation: include_str!("docs/gov308.md"),
    default_off: false,
};

pub struct PolicyFields;

impl Rule for PolicyFields {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        for (i, item) in site.items.iter().enumerate() {
            if site.item_type(i) != Some("政策文件") {
                continue;
            }
            let front = &item.front;
            // The examples carry the document's own year: a 2017 document gets a 2017
            // number, not this year's.
            let year = item
                .written
                .or(item.date)
                .map_or_else(|| "2026".to_string(), |d| d.at.year().to_string());
            let fields: [(&str, &str, &Option<Text>, Severity, String); 3] = [
                (
                    "doc_number",
                    "发文字号",
                    &front.doc_number,
                    Severity::Error,
                    format!("示政办发〔{year}〕12号"),
                ),
                (
                    "issuer",
                    "发文机关",
                    &front.issuer,
                    Severity::Error,
                    "示例市人民政府办公室".to_string(),
                ),
                (
                    "index_no",
                    "索引号",
                    &front.index_no,
                    Severity::Warning,
                    format!("11530100MB0000000X/{year}-00012"),
                ),
            ];
            for (key, name, value, severity, example) in fields {
                if value.is_some() {
                    continue;
                }
                out.push(
                    META.diag(format!("政策文件“{}”缺少{name}（{key}）", item.title()))
                        .with_severity(severity)
                        .at(
                            item.source.file.clone(),
                            Some(item.source.spans().best(key)),
                        )
                        .with_help(format!(
                            "在 front matter 中加 `{key}: {example}`，按文件原件填写"
                        )),
                );
            }
        }
    }
}
