//! Helpers of the accessibility rules (GOV5xx) over the shared `tl` parse: a tree view
//! with parents and subtree ranges (tl keeps nodes in document order, so an element's
//! descendants are the contiguous nodes after it), and the accessible name of a control.

use super::html::{self, Element};
use tl::{HTMLTag, Node, VDom};

/// The page as a tree: for each node its parent and the index of its last descendant.
pub struct Tree<'a> {
    pub dom: &'a VDom<'a>,
    elements: &'a [Element<'a>],
    /// Each node's element name ("" for text and comments).
    names: Vec<&'a str>,
    parent: Vec<Option<usize>>,
    last: Vec<usize>,
}

impl<'a> Tree<'a> {
    /// Indexes the parsed page, whose elements are `elements` ([`html::elements`]).
    pub fn new(dom: &'a VDom<'a>, elements: &'a [Element<'a>]) -> Self {
        let nodes = dom.nodes();
        let mut names = vec![""; nodes.len()];
        let mut parent = vec![None; nodes.len()];
        let mut last: Vec<usize> = (0..nodes.len()).collect();
        for element in elements {
            let i = element.index;
            names[i] = &element.name;
            for child in element.tag.children().top().iter() {
                if let Some(slot) = parent.get_mut(child.get_inner() as usize) {
                    *slot = Some(i);
                }
            }
            if let Some(end) = element.tag.children().end(dom.parser()) {
                last[i] = (end as usize).max(i);
            }
        }
        Tree {
            dom,
            elements,
            names,
            parent,
            last,
        }
    }

    /// The element at index `i`, if that node is an element.
    pub fn tag(&self, i: usize) -> Option<&'a HTMLTag<'a>> {
        self.dom.nodes().get(i).and_then(Node::as_tag)
    }

    /// The lowercase name of node `i` ("" if it is not an element).
    pub fn name(&self, i: usize) -> &'a str {
        self.names.get(i).copied().unwrap_or("")
    }

    /// Every element with its index, in document order.
    pub fn tags(&self) -> impl Iterator<Item = (usize, &'a HTMLTag<'a>)> + 'a {
        self.elements.iter().map(|e| (e.index, e.tag))
    }

    /// Elements with the given (lowercase) name, with their indexes.
    pub fn named(&self, wanted: &'a str) -> impl Iterator<Item = (usize, &'a HTMLTag<'a>)> + 'a {
        self.elements
            .iter()
            .filter(move |e| e.name == wanted)
            .map(|e| (e.index, e.tag))
    }

    /// The ancestors of node `i`, nearest first.
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = (usize, &'a HTMLTag<'a>)> + '_ {
        let mut at = self.parent.get(i).copied().flatten();
        std::iter::from_fn(move || {
            let here = at?;
            at = self.parent.get(here).copied().flatten();
            Some(here)
        })
        .filter_map(|j| self.tag(j).map(|t| (j, t)))
    }

    /// Whether node `i` is inside an element named `name`.
    pub fn inside(&self, i: usize, name: &str) -> bool {
        self.ancestors(i).any(|(j, _)| self.name(j) == name)
    }

    /// The element descendants of node `i`, in document order.
    pub fn descendants(&self, i: usize) -> impl Iterator<Item = (usize, &'a HTMLTag<'a>)> + '_ {
        let end = self.last.get(i).copied().unwrap_or(i);
        (i + 1..=end).filter_map(|j| self.tag(j).map(|t| (j, t)))
    }

    /// The first element whose `id` is `id`.
    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.tags()
            .find(|(_, t)| html::attr(t, "id").is_some_and(|v| v == id))
            .map(|(i, _)| i)
    }

    /// The accessible name of element `i`, simplified from the W3C algorithm:
    /// `aria-labelledby`, `aria-label`, then the content (text and the `alt` of images,
    /// skipping `aria-hidden` parts), then `title`.
    pub fn accessible_name(&self, i: usize) -> String {
        let Some(tag) = self.tag(i) else {
            return String::new();
        };
        if let Some(ids) = html::attr(tag, "aria-labelledby") {
            let name = ids
                .split_whitespace()
                .filter_map(|id| self.by_id(id))
                .map(|j| self.content_name(j))
                .collect::<Vec<_>>()
                .join(" ");
            if !name.trim().is_empty() {
                return collapse(&name);
            }
        }
        let label = html::attr(tag, "aria-label").unwrap_or_default();
        if !label.trim().is_empty() {
            return collapse(&html::decode_entities(&label));
        }
        let content = self.content_name(i);
        if !content.is_empty() {
            return content;
        }
        collapse(&html::decode_entities(
            &html::attr(tag, "title").unwrap_or_default(),
        ))
    }

    /// Text and image `alt` inside element `i`, whitespace collapsed.
    fn content_name(&self, i: usize) -> String {
        let end = self.last.get(i).copied().unwrap_or(i);
        let nodes = self.dom.nodes();
        let mut out = String::new();
        let mut j = i + 1;
        while j <= end && j < nodes.len() {
            match &nodes[j] {
                Node::Raw(text) => html::push_decoded(&mut out, &html::str_of(text.as_bytes())),
                Node::Tag(tag) => {
                    if html::attr(tag, "aria-hidden").as_deref() == Some("true") {
                        j = self.last.get(j).copied().unwrap_or(j) + 1;
                        continue;
                    }
                    let name = self.name(j);
                    if name == "img" || name == "area" {
                        out.push(' ');
                        out.push_str(&html::attr(tag, "alt").unwrap_or_default());
                        out.push(' ');
                    } else if let Some(label) = html::attr(tag, "aria-label") {
                        // A labelled child (an icon <svg aria-label>) names its parent.
                        out.push(' ');
                        out.push_str(&label);
                        j = self.last.get(j).copied().unwrap_or(j) + 1;
                        continue;
                    }
                }
                Node::Comment(_) => {}
            }
            j += 1;
        }
        collapse(&out)
    }
}

/// Whitespace collapsed to single spaces, trimmed.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A short description of an element for messages: `<a href="/x/">`.
pub fn describe(tag: &HTMLTag) -> String {
    let name = html::name(tag);
    for key in ["id", "href", "src", "name", "type", "class"] {
        if let Some(value) = html::attr(tag, key) {
            let value: String = value.chars().take(60).collect();
            return format!("<{name} {key}=\"{value}\">");
        }
    }
    format!("<{name}>")
}

/// At most `n` items joined with `、`, with a count of the rest.
pub fn list(items: &[String], n: usize) -> String {
    let mut text = items.iter().take(n).cloned().collect::<Vec<_>>().join("、");
    if items.len() > n {
        text.push_str(&format!(" 等 {} 处", items.len()));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree_of(html: &str) -> tl::VDom<'_> {
        tl::parse(html, tl::ParserOptions::default()).unwrap()
    }

    #[test]
    fn knows_ancestors_and_descendants() {
        let dom = tree_of("<header><ul><li><a href=\"/\">首页</a></li></ul></header><p>x</p>");
        let elements = html::elements(&dom);
        let tree = Tree::new(&dom, &elements);
        let (a, _) = tree.named("a").next().unwrap();
        assert!(tree.inside(a, "header"));
        assert!(!tree.inside(a, "nav"));
        let (ul, _) = tree.named("ul").next().unwrap();
        assert_eq!(tree.descendants(ul).count(), 2);
        let (p, _) = tree.named("p").next().unwrap();
        assert!(!tree.inside(p, "header"));
    }

    #[test]
    fn computes_accessible_names() {
        let dom = tree_of(
            r#"<a id="a" href="/"><img src="x.png" alt="首页"></a>
            <button id="b" aria-label="关闭"></button>
            <a id="c" href="/x" title="说明"></a>
            <a id="d" href="/y"><span aria-hidden="true">★</span></a>
            <span id="lbl">搜索</span><button id="e" aria-labelledby="lbl"></button>
            <a id="f" href="/z"> 更多 &amp; </a>"#,
        );
        let elements = html::elements(&dom);
        let tree = Tree::new(&dom, &elements);
        let name = |id| tree.accessible_name(tree.by_id(id).unwrap());
        assert_eq!(name("a"), "首页");
        assert_eq!(name("b"), "关闭");
        assert_eq!(name("c"), "说明");
        assert_eq!(name("d"), "");
        assert_eq!(name("e"), "搜索");
        assert_eq!(name("f"), "更多 &");
    }
}
