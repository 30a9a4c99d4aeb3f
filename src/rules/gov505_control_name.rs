//! GOV505: links and buttons have an accessible name; vague link text (点击这里, 更多
//! alone, click here) is a warning.

use super::a11y;
use super::html::Element;
use super::landmark_memo::{LandmarkMemo, Part};
use super::{html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};
use std::cell::RefCell;
use std::rc::Rc;

pub static META: RuleMeta = RuleMeta {
    code: "GOV505",
    name: "control-name",
    severity: Severity::Error,
    waivable: false,
    summary: "链接或按钮没有可读名称；链接文字含义不明（点击这里、单独的“更多”）时警告",
    explanation: include_str!("docs/gov505.md"),
    default_off: false,
};

pub struct ControlName;

/// Names that say nothing about where a link goes, after trimming arrows and dots.
const VAGUE: &[&str] = &[
    "点击这里",
    "点击此处",
    "请点击这里",
    "请点击",
    "点击",
    "这里",
    "此处",
    "更多",
    "查看更多",
    "click here",
    "click",
    "here",
    "more",
    "read more",
];

/// Whether an accessible name is one of the vague phrases.
pub fn is_vague(name: &str) -> bool {
    let trimmed = name.trim_matches(|c: char| c.is_whitespace() || ">»›.。…:：→".contains(c));
    // Every link of every page comes here: most names are longer than any vague phrase.
    trimmed.len() <= "请点击这里".len() && VAGUE.iter().any(|v| v.eq_ignore_ascii_case(trimmed))
}

impl Rule for ControlName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let tree = page.tree();
        let mut found = Controls::default();
        for part in page.parts() {
            match part {
                Part::Page(elements) => found.add(tree, elements),
                Part::Landmark(source, elements) => {
                    let kept = LANDMARKS.with_borrow_mut(|memo| {
                        memo.get(source, || Controls::local(tree, elements))
                    });
                    match kept {
                        Some(kept) => found.extend(&kept),
                        None => found.add(tree, elements),
                    }
                }
            }
        }
        debug_assert!(
            {
                let mut plain = Controls::default();
                plain.add(tree, page.elements);
                plain == found
            },
            "GOV505 finds otherwise on {} with its landmarks from the memo",
            page.job.output
        );
        let Controls { unnamed, vague } = found;
        if !unnamed.is_empty() {
            out.push(
                page.diag(
                    &META,
                    format!("链接或按钮没有可读名称：{}", a11y::list(&unnamed, 5)),
                )
                .with_help(
                    "给链接或按钮写上文字；只有图标时，给图片写 alt，或给元素加 aria-label 说明用途",
                ),
            );
        }
        if !vague.is_empty() {
            out.push(
                page.diag(
                    &META,
                    format!("链接文字含义不明：{}", a11y::list(&vague, 5)),
                )
                .with_severity(Severity::Warning)
                .with_help("链接文字应说明去向，例如“更多政务动态”“查看《实施办法》全文”，不要只写“点击这里”或“更多”"),
            );
        }
    }
}

/// The links and buttons without an accessible name and the links with vague text,
/// described, in document order.
#[derive(Debug, Default, PartialEq)]
struct Controls {
    unnamed: Vec<String>,
    vague: Vec<String>,
}

thread_local! {
    /// The controls of each landmark this thread has seen (`None`: a name there may come
    /// from elsewhere on the page).
    static LANDMARKS: RefCell<LandmarkMemo<Option<Rc<Controls>>>> =
        RefCell::new(LandmarkMemo::default());
}

impl Controls {
    /// Adds the controls among `elements`.
    fn add(&mut self, tree: &a11y::Tree, elements: &[Element]) {
        for element in elements {
            let (i, tag, name) = (element.index, element.tag, &*element.name);
            let control = (name == "a" && html::attr(tag, "href").is_some()) || name == "button";
            if !control {
                continue;
            }
            let accessible = tree.accessible_name(i);
            if accessible.is_empty() {
                self.unnamed.push(a11y::describe(tag));
            } else if name == "a" && is_vague(&accessible) {
                self.vague
                    .push(format!("“{accessible}”（{}）", a11y::describe(tag)));
            }
        }
    }

    fn extend(&mut self, other: &Controls) {
        self.unnamed.extend(other.unnamed.iter().cloned());
        self.vague.extend(other.vague.iter().cloned());
    }

    /// The controls of a landmark, if none of its names can come from outside it: a name
    /// is the element's own text, `alt`s, `aria-label` or `title`, except through
    /// `aria-labelledby`.
    fn local(tree: &a11y::Tree, elements: &[Element]) -> Option<Rc<Controls>> {
        if elements
            .iter()
            .any(|e| html::attr(e.tag, "aria-labelledby").is_some())
        {
            return None;
        }
        let mut found = Controls::default();
        found.add(tree, elements);
        Some(Rc::new(found))
    }
}

#[cfg(test)]
mod tests {
    use super::is_vague;

    #[test]
    fn spots_vague_text() {
        assert!(is_vague("更多"));
        assert!(is_vague(" 更多>> "));
        assert!(is_vague("点击这里"));
        assert!(is_vague("Click here"));
        assert!(!is_vague("更多政务动态"));
        assert!(!is_vague("点击这里下载申请表"));
    }
}
