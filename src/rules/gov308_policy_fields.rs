//! GOV308: a policy document (政策文件) carries its 发文字号 and 发文机关 (errors) and its
//! 索引号 (warning).

use super::{Rule, RuleMeta};
use crate::config::Text;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV308",
    name: "policy-fields-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "政策文件缺少发文字号、发文机关或索引号",
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
            let fields: [(&str, &str, &Option<Text>, Severity, &str); 3] = [
                (
                    "doc_number",
                    "发文字号",
                    &front.doc_number,
                    Severity::Error,
                    "示政办发〔2026〕12号",
                ),
                (
                    "issuer",
                    "发文机关",
                    &front.issuer,
                    Severity::Error,
                    "示例市人民政府办公室",
                ),
                (
                    "index_no",
                    "索引号",
                    &front.index_no,
                    Severity::Warning,
                    "11530100MB0000000X/2026-00012",
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
