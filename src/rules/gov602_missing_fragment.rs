//! GOV602: a `#fragment` link lands on an element that exists on its target page (the
//! same page too): heading ids from the Markdown and ids and anchors from the templates.

use super::link_check::Grouped;
use super::urls::{self, Target};
use super::{PageFacts, Rule, RuleMeta, SiteFacts};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};
use rustc_hash::FxHashMap;

pub static META: RuleMeta = RuleMeta {
    code: "GOV602",
    name: "missing-fragment",
    severity: Severity::Error,
    waivable: false,
    summary: "链接中的 #锚点 在目标页面上不存在",
    explanation: include_str!("docs/gov602.md"),
    default_off: false,
};

pub struct MissingFragment;

const HELP: &str = "锚点要与目标页面的标题或元素 id 一致：Markdown 标题的 id 由标题文字生成（如 “## 一、总体要求” 为 #一总体要求），也可写 {#自定义id}";

impl Rule for MissingFragment {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_site(&self, _site: &Site, facts: &SiteFacts, out: &mut Vec<Diagnostic>) {
        let by_output: FxHashMap<&str, &PageFacts> =
            facts.pages.iter().map(|p| (p.output.as_str(), p)).collect();
        let mut grouped = Grouped::default();
        for page in &facts.pages {
            for link in page.links.iter().filter(|l| !l.resource) {
                let Target::Internal {
                    path,
                    fragment: Some(fragment),
                } = &link.target
                else {
                    continue;
                };
                // `#` and `#top` scroll to the top of any page (HTML standard).
                if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
                    continue;
                }
                let target = urls::output_candidates(path)
                    .iter()
                    .find_map(|c| by_output.get(c.as_str()).copied());
                // Missing pages are GOV601; a redirect page forwards to another page.
                let Some(target) = target.filter(|t| t.kind != "redirect") else {
                    continue;
                };
                if !target.ids.contains(fragment) {
                    let message = if link.url.trim_start().starts_with('#') {
                        format!("锚点不存在：页面上没有 #{fragment}")
                    } else {
                        format!(
                            "锚点不存在：{} 的 #{fragment} 在页面 {} 上找不到",
                            urls::decode(&link.url),
                            target.url
                        )
                    };
                    grouped.add(page, link, message);
                }
            }
        }
        grouped.emit(&META, HELP, out);
    }
}
