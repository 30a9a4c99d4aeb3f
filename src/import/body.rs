//! The article body of an old page: found by the containers CMSs use (TRS, 大汉, govsite's
//! own), else the largest block of text that is not header, navigation or footer; then
//! its links rewritten to the new site and converted to Markdown with htmd.

use super::page::{sel, text_of};
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Known body containers, most specific first: (selector, name for the report).
const CONTAINERS: &[(&str, &str)] = &[
    ("main > article div.prose.article-body", "govsite 正文"),
    ("section.letter-answer .prose", "govsite 答复内容"),
    (".TRS_Editor", "TRS .TRS_Editor"),
    (".TRS_UEDITOR", "TRS .TRS_UEDITOR"),
    ("#zoom", "#zoom"),
    (".bt_content", "大汉 .bt_content"),
    (".article-content", ".article-content"),
    ("#UCAP-CONTENT", "#UCAP-CONTENT"),
    (".pages_content", ".pages_content"),
];

static CONTAINER_SELECTORS: LazyLock<Vec<(Selector, &'static str)>> = LazyLock::new(|| {
    CONTAINERS
        .iter()
        .map(|(css, name)| (sel(css), *name))
        .collect()
});

/// Words in a class or id that mark page furniture rather than content.
const FURNITURE: &[&str] = &[
    "header",
    "footer",
    "nav",
    "menu",
    "foot",
    "top",
    "breadcrumb",
    "crumb",
    "sidebar",
    "share",
    "toolbar",
    "prev-next",
    "related",
    "position",
    "location",
];

/// The body found on a page: its HTML and how it was found.
#[derive(Debug, Clone)]
pub struct Body {
    pub html: String,
    pub found_by: &'static str,
}

/// The page's main content, or `None` when the page has no text worth keeping.
pub fn find(doc: &Html) -> Option<Body> {
    for (selector, name) in CONTAINER_SELECTORS.iter() {
        if let Some(el) = doc.select(selector).next() {
            return Some(Body {
                html: el.inner_html(),
                found_by: name,
            });
        }
    }
    let body = doc.select(&sel("body")).next()?;
    let el = largest_block(body);
    (score(el) > 0).then(|| Body {
        html: el.inner_html(),
        found_by: "最大文字块",
    })
}

/// The first element matching `css` (a built-in selector), as a body.
pub fn find_first(doc: &Html, css: &str, found_by: &'static str) -> Option<Body> {
    let el = doc.select(&sel(css)).next()?;
    Some(Body {
        html: el.inner_html(),
        found_by,
    })
}

/// Links (`a[href]`) in a body's HTML.
pub fn links(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    doc.select(&sel("a[href]"))
        .filter_map(|a| a.attr("href").map(str::to_string))
        .collect()
}

/// Walks down from `start` into the child holding most of the text while it holds at
/// least 60 % of its parent's, skipping page furniture.
fn largest_block(start: ElementRef) -> ElementRef {
    let scores = scores(start);
    let score = |e: &ElementRef| scores.get(&e.id()).copied().unwrap_or(0);
    let mut current = start;
    loop {
        let total = score(&current);
        let best = current
            .child_elements()
            .filter(|c| is_container(*c) && !is_furniture(*c))
            .map(|c| (score(&c), c))
            .max_by_key(|(s, _)| *s);
        match best {
            Some((s, child)) if s * 10 >= total * 6 && s > 0 => current = child,
            _ => return current,
        }
    }
}

/// Elements that group blocks; a paragraph or a heading is never the body by itself.
fn is_container(el: ElementRef) -> bool {
    matches!(
        el.value().name(),
        "div" | "td" | "table" | "tbody" | "tr" | "article" | "section" | "main" | "center"
    )
}

fn is_furniture(el: ElementRef) -> bool {
    let name = el.value().name();
    if matches!(
        name,
        "header" | "nav" | "footer" | "script" | "style" | "form" | "aside"
    ) {
        return true;
    }
    let marks = format!(
        "{} {}",
        el.value().attr("class").unwrap_or(""),
        el.value().attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    marks
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .any(|w| FURNITURE.contains(&w))
}

/// For every element under `root`, the characters of text outside links, scripts and
/// furniture: what a reader reads. One pass over the tree, so deep or huge pages stay
/// linear.
fn scores(root: ElementRef) -> HashMap<NodeId, usize> {
    let mut scores = HashMap::new();
    // (element, its text so far, whether its text is skipped)
    let mut stack: Vec<(NodeId, usize, bool)> = Vec::new();
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(_) => {
                    let inherited = stack.last().is_some_and(|t| t.2);
                    let skip = inherited || ElementRef::wrap(node).is_some_and(skipped);
                    stack.push((node.id(), 0, skip));
                }
                Node::Text(text) => {
                    if let Some(top) = stack.last_mut().filter(|t| !t.2) {
                        top.1 += text.chars().filter(|c| !c.is_whitespace()).count();
                    }
                }
                _ => {}
            },
            Edge::Close(node) if node.value().is_element() => {
                if let Some((id, n, _)) = stack.pop() {
                    scores.insert(id, n);
                    if let Some(parent) = stack.last_mut() {
                        parent.1 += n;
                    }
                }
            }
            Edge::Close(_) => {}
        }
    }
    scores
}

/// Elements whose text a reader does not read as the article.
fn skipped(e: ElementRef) -> bool {
    matches!(e.value().name(), "a" | "script" | "style" | "noscript") || is_furniture(e)
}

/// Whether the page has any readable text under `el`.
fn score(el: ElementRef) -> usize {
    scores(el).get(&el.id()).copied().unwrap_or(0)
}

/// The body converted to Markdown, every `href` and `src` passed through `rewrite`
/// (which returns the new address, or `None` to keep it).
pub fn to_markdown(html: &str, rewrite: &mut dyn FnMut(&str) -> Option<String>) -> String {
    let mut doc = Html::parse_fragment(html);
    let ids: Vec<_> = doc.tree.nodes().map(|n| n.id()).collect();
    for id in ids {
        let Some(mut node) = doc.tree.get_mut(id) else {
            continue;
        };
        if let Node::Element(el) = node.value() {
            for (name, value) in el.attrs.iter_mut() {
                if matches!(&*name.local, "href" | "src") {
                    if let Some(new) = rewrite(value) {
                        *value = new.into();
                    }
                }
            }
        }
    }
    let aligns = table_alignments(&doc);
    let html = doc.root_element().inner_html();
    let converter = htmd::HtmlToMarkdown::builder()
        .skip_tags(vec![
            "script", "style", "form", "button", "input", "select", "noscript", "iframe",
        ])
        .build();
    let markdown = converter
        .convert(&html)
        .unwrap_or_else(|_| text_only(&html));
    tidy(&with_alignments(&markdown, &aligns))
}

/// Each table's column alignment from its first row (`style="text-align: right"` or
/// `align=right`): htmd drops it.
fn table_alignments(doc: &Html) -> Vec<Vec<&'static str>> {
    let mut tables = Vec::new();
    for table in doc.select(&sel("table")) {
        let Some(row) = table.select(&sel("tr")).next() else {
            continue;
        };
        let cells = row
            .child_elements()
            .filter(|c| matches!(c.value().name(), "th" | "td"))
            .map(|c| {
                let style = c.attr("style").unwrap_or("").replace(' ', "");
                let align = c.attr("align").unwrap_or("");
                let is = |a: &str| style.contains(&format!("text-align:{a}")) || align == a;
                match () {
                    _ if is("right") => "--:",
                    _ if is("center") => ":-:",
                    _ => "---",
                }
            })
            .collect();
        tables.push(cells);
    }
    tables
}

/// Writes the alignments into the Markdown tables' separator rows, when there is one
/// separator row for each table (else the tables are left as htmd wrote them).
fn with_alignments(markdown: &str, aligns: &[Vec<&'static str>]) -> String {
    let is_separator = |line: &str| {
        let t = line.trim();
        t.starts_with('|')
            && t.contains('-')
            && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
    };
    let count = markdown.lines().filter(|l| is_separator(l)).count();
    if count != aligns.len() || aligns.iter().all(|a| a.iter().all(|c| *c == "---")) {
        return markdown.to_string();
    }
    let mut tables = aligns.iter();
    let mut out: Vec<String> = Vec::new();
    for line in markdown.lines() {
        match (is_separator(line), tables.clone().next()) {
            (true, Some(cells)) if line.matches('|').count() == cells.len() + 1 => {
                tables.next();
                out.push(format!("| {} |", cells.join(" | ")));
            }
            (true, _) => {
                tables.next();
                out.push(line.to_string());
            }
            _ => out.push(line.to_string()),
        }
    }
    out.join("\n")
}

fn text_only(html: &str) -> String {
    text_of(Html::parse_fragment(html).root_element(), "\n")
}

/// At most one blank line in a row, a final newline.
fn tidy(markdown: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in markdown.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> Body {
        find(&Html::parse_document(html)).expect("a body")
    }

    #[test]
    fn known_containers_win() {
        let b = body("<div class=nav>首页 新闻</div><div class=TRS_Editor><p>正文一段</p></div>");
        assert_eq!(b.found_by, "TRS .TRS_Editor");
        assert!(b.html.contains("正文一段"));
        let b = body("<div id=zoom><p>大汉正文</p></div>");
        assert_eq!(b.found_by, "#zoom");
    }

    #[test]
    fn else_the_largest_text_block_outside_furniture() {
        let html = "<body><div class=header>示例市人民政府门户网站 首页 政务公开 办事服务 互动交流</div>\
            <table><tr><td class=left><a href=/a>栏目一</a><a href=/b>栏目二</a></td>\
            <td><h1>标题</h1><div class=text><p>这是一段足够长的正文内容，讲述本市冬季安全生产工作的部署。</p>\
            <p>第二段正文，继续说明有关要求和措施。</p></div></td></tr></table>\
            <div class=footer>主办单位：示例市人民政府办公室 版权所有 京ICP备12345678号</div></body>";
        let b = body(html);
        assert_eq!(b.found_by, "最大文字块");
        assert!(b.html.contains("第二段正文"));
        assert!(!b.html.contains("主办单位"));
        assert!(!b.html.contains("政务公开"));
    }

    #[test]
    fn document_write_headers_stay_out() {
        let html = "<body><script>document.write('<div>示例网站页头导航很长很长很长很长很长很长很长很长</div>')</script>\
            <div><p>正文在这里，只有这一段。</p></div></body>";
        let b = body(html);
        let md = to_markdown(&b.html, &mut |_| None);
        assert!(md.contains("正文在这里"), "{md}");
        assert!(!md.contains("document.write"), "{md}");
    }

    #[test]
    fn table_alignment_survives() {
        let html = "<table><thead><tr><th>县区</th><th style=\"text-align: right\">面积</th></tr></thead>\
            <tbody><tr><td>明湖区</td><td style=\"text-align: right\">386</td></tr></tbody></table>";
        let md = to_markdown(html, &mut |_| None);
        assert!(md.contains("| --- | --: |"), "{md}");
    }

    #[test]
    fn markdown_keeps_tables_images_and_links_rewritten() {
        let html = "<p>见<a href=\"./P020220417.pdf\">附件</a></p><img src=\"W0.jpg\" alt=\"图\">\
            <table><thead><tr><th>类别</th><th>要求</th></tr></thead><tbody><tr><td>甲</td><td>乙</td></tr></tbody></table>";
        let md = to_markdown(html, &mut |u| {
            Some(format!("/x/{}", u.trim_start_matches("./")))
        });
        assert!(md.contains("[附件](/x/P020220417.pdf)"), "{md}");
        assert!(md.contains("![图](/x/W0.jpg)"), "{md}");
        assert!(md.contains("| 类别 | 要求 |"), "{md}");
        assert!(md.contains("| 甲") && md.contains("| 乙"), "{md}");
    }
}
