//! GOV504: one `<h1>` per page; heading levels do not skip (h2 → h4 is a warning).

use super::{html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV504",
    name: "heading-structure",
    severity: Severity::Error,
    waivable: false,
    summary: "页面没有一级标题 <h1> 或有多个；标题跳级时警告",
    explanation: include_str!("docs/gov504.md"),
    default_off: false,
};

pub struct Headings;

/// The level of a heading element name (`h3` → 3).
fn level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

impl Rule for Headings {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let headings: Vec<(u8, String)> = page
            .tags()
            .filter_map(|e| level(&e.name).map(|l| (l, html::text(e.tag, page.dom))))
            .collect();
        let h1 = headings.iter().filter(|(l, _)| *l == 1).count();
        if h1 != 1 {
            let message = if h1 == 0 {
                "页面没有一级标题 <h1>".to_string()
            } else {
                format!("页面有 {h1} 个一级标题 <h1>，应只有一个")
            };
            out.push(page.diag(&META, message).with_help(
                "页面标题用一个 <h1>；正文中的标题从二级（Markdown 的 ##）开始，不要再写 # 一级标题",
            ));
        }
        let mut previous = 0;
        for (l, text) in &headings {
            if previous > 0 && *l > previous + 1 {
                out.push(
                    page.diag(
                        &META,
                        format!("标题跳级：h{previous} 之后直接出现 h{l}“{text}”"),
                    )
                    .with_severity(Severity::Warning)
                    .with_help(format!(
                        "把“{text}”改为 h{}（Markdown 中用 {} 个 #），标题层级逐级递进",
                        previous + 1,
                        previous + 1
                    )),
                );
                break;
            }
            previous = *l;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_levels() {
        assert_eq!(super::level("h1"), Some(1));
        assert_eq!(super::level("h6"), Some(6));
        assert_eq!(super::level("h7"), None);
        assert_eq!(super::level("hr"), None);
    }
}
