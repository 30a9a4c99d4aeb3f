//! GOV806: an attachment that still carries its document properties — author, last
//! editor, comments, tracked changes — which often name a staff member or hold text that
//! was deleted before publication.

use super::{Rule, RuleMeta};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV806",
    name: "document-metadata",
    severity: Severity::Warning,
    waivable: false,
    summary: "附件带有作者、批注或修订记录等文档属性",
    explanation: include_str!("docs/gov806.md"),
    default_off: false,
};

pub struct DocumentMetadata;

/// At most this many characters of a value are quoted, so a long comment stays one line.
const QUOTE: usize = 30;

fn quoted(value: &str) -> String {
    let mut out: String = value.chars().take(QUOTE).collect();
    if value.chars().count() > QUOTE {
        out.push('…');
    }
    out
}

impl Rule for DocumentMetadata {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        for attachment in site.attachments().iter().filter(|a| !a.metadata.is_empty()) {
            let found: Vec<String> = attachment
                .metadata
                .iter()
                .map(|(what, value)| format!("{what}“{}”", quoted(value)))
                .collect();
            out.push(
                META.diag(format!("附件带有文档属性：{}", found.join("，")))
                    .at(attachment.source.clone(), None)
                    .with_help("发布前清除文档属性：Word/WPS 用“文件 → 检查文档 → 全部删除”，接受或拒绝全部修订并删除批注；PDF 在导出时去掉作者信息"),
            );
        }
    }
}
