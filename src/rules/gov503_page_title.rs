//! GOV503: every page has a non-empty `<title>`; two pages sharing a title is a warning.

use super::{html, PageFacts, PageView, Rule, RuleMeta, SiteFacts};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};
use rustc_hash::FxHashMap;

pub static META: RuleMeta = RuleMeta {
    code: "GOV503",
    name: "page-title",
    severity: Severity::Error,
    waivable: false,
    summary: "页面缺少 <title> 标题或标题为空；多个页面标题相同时警告",
    explanation: include_str!("docs/gov503.md"),
    default_off: false,
};

pub struct PageTitle;

impl Rule for PageTitle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let title = page.named("title").next().map(|t| html::text(t, page.dom));
        let message = match title {
            None => "页面没有 <title> 标题",
            Some(text) if text.is_empty() => "页面的 <title> 标题为空",
            Some(_) => return,
        };
        out.push(page.diag(&META, message).with_help(
            "主题 base.html 的 <head> 中应有 <title>{{ title }}</title>；条目须在前置信息中填写 title",
        ));
    }

    fn check_site(&self, _site: &Site, facts: &SiteFacts, out: &mut Vec<Diagnostic>) {
        let pages = &facts.pages;
        // Redirect pages are not meant to be found, and a moved site's homepage is its
        // notice: their titles may repeat.
        let mut by_title: FxHashMap<&str, Vec<&PageFacts>> = FxHashMap::default();
        for page in pages {
            if !page.title.is_empty() && page.kind != "redirect" && page.kind != "notice" {
                by_title.entry(page.title.as_str()).or_default().push(page);
            }
        }
        // Reported in title order; only the few repeated titles are sorted.
        let mut repeated: Vec<_> = by_title.into_iter().filter(|(_, g)| g.len() > 1).collect();
        repeated.sort_unstable_by_key(|&(title, _)| title);
        for (title, group) in repeated {
            let urls: Vec<&str> = group.iter().map(|p| p.url.as_str()).collect();
            out.push(
                META.diag(format!(
                    "{} 个页面的标题都是“{title}”：{}",
                    group.len(),
                    urls.join("、")
                ))
                .with_severity(Severity::Warning)
                .at_page(group[0].output.clone())
                .with_help(
                    "修改其中的条目标题，使每个页面的标题能区分其内容，便于读屏用户和搜索引擎辨认",
                ),
            );
        }
    }
}
