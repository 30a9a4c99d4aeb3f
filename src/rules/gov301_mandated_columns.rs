//! GOV301: every column type mandated for the site's kind exists.

use super::structure_data::DATA;
use super::{Rule, RuleMeta};
use crate::config::SITE_FILE;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV301",
    name: "mandated-column-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "缺少必须开设的栏目",
    explanation: include_str!("docs/gov301.md"),
    default_off: false,
};

pub struct MandatedColumns;

impl Rule for MandatedColumns {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let kind = site.config.kind;
        let span = site.config.spans.best("kind");
        for wanted in DATA.mandated_for(kind) {
            // A column served by a unified platform (`link:`) is present too.
            let present = site
                .columns
                .iter()
                .any(|c| c.column_type() == Some(wanted.as_str()));
            if !present {
                out.push(
                    META.diag(format!("{}缺少必须开设的“{wanted}”栏目", kind.chinese()))
                        .at(SITE_FILE, Some(span.clone()))
                        .with_label(format!("kind: {}", kind.as_str()))
                        .with_help(format!(
                            "在 content/ 下新建栏目文件夹，其 _index.md 写 `type: {wanted}`；由统一平台提供的栏目可加 `link:` 指向平台地址"
                        )),
                );
            }
        }
    }
}
