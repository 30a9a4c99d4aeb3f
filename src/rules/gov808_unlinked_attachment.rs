//! GOV808: an attachment that no page links to. It is still published — anyone who
//! guesses or finds its address can download it — but nobody reviewed it as part of a page.

use super::facts::SiteFacts;
use super::{urls, Rule, RuleMeta};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV808",
    name: "unlinked-attachment",
    severity: Severity::Warning,
    waivable: false,
    summary: "附件没有任何页面链接，但仍会发布",
    explanation: include_str!("docs/gov808.md"),
    default_off: false,
};

pub struct UnlinkedAttachment;

impl Rule for UnlinkedAttachment {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_site(&self, site: &Site, facts: &SiteFacts, out: &mut Vec<Diagnostic>) {
        let attachments: Vec<_> = site.attachment_files().collect();
        // The referenced files take a pass over every link: only when there is an attachment.
        if attachments.is_empty() {
            return;
        }
        let referenced = facts.referenced(&urls::own_hosts(&site.config));
        for file in attachments {
            if referenced.contains(&file.output) {
                continue;
            }
            out.push(
                META.diag(format!("附件 {} 没有任何页面链接，但仍会发布", file.source))
                    .at(file.source.clone(), None)
                    .with_help(
                        "在相关信息的正文中链接该附件；不再需要的文件从 static/ 或 content/ 中删除",
                    ),
            );
        }
    }
}
