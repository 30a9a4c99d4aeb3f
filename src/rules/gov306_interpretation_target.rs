//! GOV306: every 政策解读 item names the policy document it interprets, and that document
//! exists in a 政策文件 column.

use super::{Rule, RuleMeta};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV306",
    name: "interpretation-target-invalid",
    severity: Severity::Error,
    waivable: false,
    summary: "政策解读未关联其解读的政策文件",
    explanation: include_str!("docs/gov306.md"),
    default_off: false,
};

pub struct InterpretationTarget;

impl Rule for InterpretationTarget {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        for (i, item) in site.items.iter().enumerate() {
            if site.item_type(i) != Some("政策解读") {
                continue;
            }
            let source = &item.source;
            let Some(target) = &item.front.interprets else {
                out.push(
                    META.diag(format!("政策解读“{}”没有注明所解读的政策文件（interprets）", item.title()))
                        .at(source.file.clone(), Some(source.spans().best("interprets")))
                        .with_help("在 front matter 中加 `interprets: zcwj/2026-11-18-winter`（政策文件的内容路径，不含 .md）"),
                );
                continue;
            };
            let problem = match site.find_item(target.as_str()) {
                None => format!("政策解读“{}”所解读的 `{target}` 不存在", item.title()),
                Some(t) if site.item_type(t) != Some("政策文件") => format!(
                    "政策解读“{}”所解读的“{}”不在政策文件栏目中",
                    item.title(),
                    site.items[t].title()
                ),
                Some(_) => continue,
            };
            out.push(
                META.diag(problem)
                    .at(source.file.clone(), source.spans().value("interprets"))
                    .with_label("interprets")
                    .with_help("写政策文件在 content/ 下的路径（不含 .md），该文件须位于 type 为 政策文件 的栏目中"),
            );
        }
    }
}
