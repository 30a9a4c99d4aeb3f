//! GOV510: a `<main>` landmark, a skip link to it among the first focusable elements, and
//! navigation link lists of the page header inside `<nav>`.

use super::a11y::Tree;
use super::{html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV510",
    name: "landmarks",
    severity: Severity::Error,
    waivable: false,
    summary: "页面缺少 <main> 主体区域、跳转到主要内容的链接，或页头导航不在 <nav> 内",
    explanation: include_str!("docs/gov510.md"),
    default_off: false,
};

pub struct Landmarks;

/// How many focusable elements from the top of the page may precede the skip link.
const SKIP_LINK_WITHIN: usize = 3;

/// A link list with at least this many links in the header is navigation.
const NAV_LINKS: usize = 3;

/// Whether Tab stops at this element.
fn focusable(name: &str, tag: &tl::HTMLTag) -> bool {
    if let Some(index) = html::attr(tag, "tabindex") {
        return index.trim().parse::<i32>().is_ok_and(|i| i >= 0);
    }
    if html::attr(tag, "disabled").is_some() {
        return false;
    }
    match name {
        "a" | "area" => html::attr(tag, "href").is_some(),
        "input" => html::attr(tag, "type").is_none_or(|t| !t.eq_ignore_ascii_case("hidden")),
        "button" | "select" | "textarea" | "summary" | "iframe" => true,
        _ => false,
    }
}

fn in_nav(tree: &Tree, i: usize) -> bool {
    tree.ancestors(i).any(|(j, t)| {
        tree.name(j) == "nav" || html::attr(t, "role").is_some_and(|r| r == "navigation")
    })
}

/// Link lists in the page header that are not inside navigation.
fn stray_nav_lists(tree: &Tree) -> usize {
    tree.tags()
        .filter(|(i, _)| {
            let name = tree.name(*i);
            (name == "ul" || name == "ol")
                && tree.inside(*i, "header")
                && !in_nav(tree, *i)
                && tree
                    .descendants(*i)
                    .filter(|(j, d)| tree.name(*j) == "a" && html::attr(d, "href").is_some())
                    .count()
                    >= NAV_LINKS
        })
        .count()
}

impl Rule for Landmarks {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let tree = page.tree();
        let main = tree.tags().find(|(i, t)| {
            tree.name(*i) == "main" || html::attr(t, "role").is_some_and(|r| r.trim() == "main")
        });
        match main {
            None => out.push(
                page.diag(&META, "页面没有 <main> 主体区域")
                    .with_help("主题 base.html 中用 <main id=\"main\"> 包住页面的主要内容"),
            ),
            Some((_, main)) => {
                let id = html::attr(main, "id").map(|v| v.trim().to_string());
                if !has_skip_link(tree, id.as_deref()) {
                    out.push(
                        page.diag(&META, "页面开头没有跳转到主要内容（<main>）的链接")
                            .with_help(format!(
                                "在 <body> 开头写 <a class=\"skip-link\" href=\"#{0}\">跳转到主要内容</a>，并给 <main> 加 id=\"{0}\"，键盘用户可跳过页头和导航",
                                id.as_deref().filter(|i| !i.is_empty()).unwrap_or("main")
                            )),
                    );
                }
            }
        }
        let stray = stray_nav_lists(tree);
        if stray > 0 {
            out.push(
                page.diag(&META, format!("页头中有 {stray} 组导航链接不在 <nav> 内"))
                    .with_help(
                        "把页头的链接列表放进 <nav aria-label=\"…\">，读屏用户才能按导航区域跳转",
                    ),
            );
        }
    }
}

/// Whether one of the first focusable elements is a link to `#<main id>`.
fn has_skip_link(tree: &Tree, main_id: Option<&str>) -> bool {
    let Some(target) = main_id
        .filter(|id| !id.is_empty())
        .map(|id| format!("#{id}"))
    else {
        return false;
    };
    tree.tags()
        .filter(|(i, t)| focusable(tree.name(*i), t))
        .take(SKIP_LINK_WITHIN)
        .any(|(i, t)| {
            tree.name(i) == "a" && html::attr(t, "href").is_some_and(|h| h.trim() == target)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(html: &str) -> tl::VDom<'_> {
        tl::parse(html, tl::ParserOptions::default()).unwrap()
    }

    #[test]
    fn knows_what_tab_stops_at() {
        let dom = parse(
            r#"<a href="/">x</a><a name="n">y</a><input type="hidden"><input><div tabindex="0"></div><main tabindex="-1"></main><button disabled></button>"#,
        );
        let stops: Vec<String> = html::elements(&dom)
            .into_iter()
            .filter(|e| focusable(&e.name, e.tag))
            .map(|e| e.name.into_owned())
            .collect();
        assert_eq!(stops, ["a", "input", "div"]);
    }

    #[test]
    fn finds_header_link_lists_outside_nav() {
        let links = r#"<li><a href="/a/">a</a></li><li><a href="/b/">b</a></li><li><a href="/c/">c</a></li>"#;
        let bare = format!("<header><ul>{links}</ul></header><footer><ul>{links}</ul></footer>");
        let dom = parse(&bare);
        let elements = html::elements(&dom);
        assert_eq!(stray_nav_lists(&Tree::new(&dom, &elements)), 1);
        let wrapped = format!("<header><div role=\"navigation\"><ul>{links}</ul></div></header>");
        let dom = parse(&wrapped);
        let elements = html::elements(&dom);
        assert_eq!(stray_nav_lists(&Tree::new(&dom, &elements)), 0);
    }
}
