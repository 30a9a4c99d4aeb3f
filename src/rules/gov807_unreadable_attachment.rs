//! GOV807: an attachment govsite could not read (corrupt, encrypted, too large, too slow),
//! so its content was not checked for personal data or markings.

use super::{Rule, RuleMeta};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV807",
    name: "unreadable-attachment",
    severity: Severity::Warning,
    waivable: false,
    summary: "附件无法读取（损坏、加密或过大），未能检查其内容",
    explanation: include_str!("docs/gov807.md"),
    default_off: false,
};

pub struct UnreadableAttachment;

impl Rule for UnreadableAttachment {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        for attachment in site.attachments() {
            if let Some(problem) = &attachment.problem {
                out.push(
                    META.diag(format!("附件 {}：{problem}", attachment.source))
                        .at(attachment.source.clone(), None)
                        .with_help("用办公软件打开确认文件完好；加密的附件去掉密码后再发布，过大的附件拆分或压缩"),
                );
            }
        }
    }
}
