//! Small helpers over the `tl` DOM that every rendered rule uses: iterate tags, read an
//! attribute, get text. One parse per page is shared by all rules.

use std::borrow::Cow;
use std::ops::{Range, RangeInclusive};
use tl::{HTMLTag, Node, VDom};

/// Every element of the page, in document order.
pub fn tags<'a>(dom: &'a VDom<'a>) -> impl Iterator<Item = &'a HTMLTag<'a>> + 'a {
    dom.nodes().iter().filter_map(Node::as_tag)
}

/// One element of a page with its lowercase name, read once for all rules.
pub struct Element<'a> {
    /// Its index among the page's nodes (see [`super::a11y::Tree`]).
    pub index: usize,
    pub name: Cow<'a, str>,
    pub tag: &'a HTMLTag<'a>,
}

/// Every element of the page with its name, in document order. Each of the fifty rules
/// goes over the elements of every page, so the names are read here once per page rather
/// than by every rule.
pub fn elements<'a>(dom: &'a VDom<'a>) -> Vec<Element<'a>> {
    dom.nodes()
        .iter()
        .enumerate()
        .filter_map(|(index, node)| {
            let tag = node.as_tag()?;
            Some(Element {
                index,
                name: name(tag),
                tag,
            })
        })
        .collect()
}

/// The lowercased tag name.
pub fn name<'a>(tag: &'a HTMLTag) -> Cow<'a, str> {
    let raw = tag.name();
    // Names from templates and Markdown are already lowercase: borrow, don't allocate.
    if raw.as_bytes().iter().any(u8::is_ascii_uppercase) {
        Cow::Owned(str_of(raw.as_bytes()).to_ascii_lowercase())
    } else {
        str_of(raw.as_bytes())
    }
}

/// Bytes of the page as text. The page is a Rust string and tl cuts it at ASCII
/// delimiters, so this is valid UTF-8 and borrowed; `from_utf8` checks that far faster
/// than tl's own lossy conversion, which every attribute read of every rule would pay.
pub fn str_of(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// A landmark of the page's `<body>`: the theme's header, navigation, footer or aside, the
/// same bytes page after page, which the minifier (`crate::minify`) and the rule pass
/// (`super::landmark_memo`) each take once per thread rather than once per page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Landmark {
    pub name: &'static str,
    /// Where it is in the page, from `<` to the `>` of its end tag.
    pub span: Range<usize>,
    /// Its node and its last descendant's, by index among the page's nodes.
    pub nodes: RangeInclusive<usize>,
}

/// The landmark elements: ones whose minified form does not depend on where they stand
/// (see `crate::minify`).
const LANDMARKS: [&str; 4] = ["header", "nav", "footer", "aside"];

/// The landmarks among the children of `<body>` in the parsed page `html`, whose elements
/// are `elements`.
pub fn landmarks(html: &str, dom: &VDom, elements: &[Element]) -> Vec<Landmark> {
    let parser = dom.parser();
    let Some(body) = elements.iter().find(|e| e.name == "body").map(|e| e.tag) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for child in body.children().top().iter() {
        let Some(tag) = child.get(parser).and_then(Node::as_tag) else {
            continue;
        };
        let raw_name = tag.name().as_bytes();
        let Some(name) = LANDMARKS.into_iter().find(|n| raw_name == n.as_bytes()) else {
            continue;
        };
        let (start, end) = tag.boundaries(parser);
        let span = start..end + 1;
        // Only a whole element as written: `<footer …>…</footer>`.
        let whole = html
            .get(span.clone())
            .is_some_and(|text| text.starts_with('<') && text.ends_with(&format!("</{name}>")));
        if whole {
            let first = child.get_inner() as usize;
            let last = tag
                .children()
                .end(parser)
                .map_or(first, |e| (e as usize).max(first));
            found.push(Landmark {
                name,
                span,
                nodes: first..=last,
            });
        }
    }
    found
}

/// Elements with the given (lowercase) name.
pub fn by_name<'a>(
    dom: &'a VDom<'a>,
    wanted: &'a str,
) -> impl Iterator<Item = &'a HTMLTag<'a>> + 'a {
    tags(dom).filter(move |t| t.name().as_bytes().eq_ignore_ascii_case(wanted.as_bytes()))
}

/// An attribute's value (`Some("")` for a bare attribute), entities not decoded. `name`
/// is lowercase: tl lowercases attribute names as it parses (`ID=` is found as `id`).
///
/// Every rendered rule calls this for every element: tl's own lookup (kept `id` and
/// `class`, then the other attributes by key) costs less than going over the attributes,
/// and only the value returned is checked as text.
pub fn attr<'a, 'p>(tag: &'a HTMLTag<'p>, name: &'p str) -> Option<Cow<'a, str>> {
    debug_assert!(!name.bytes().any(|b| b.is_ascii_uppercase()), "{name}");
    tag.attributes().get(name).map(value)
}

fn value<'a>(bytes: Option<&'a tl::Bytes<'_>>) -> Cow<'a, str> {
    bytes.map_or(Cow::Borrowed(""), |b| str_of(b.as_bytes()))
}

/// The text inside an element, entities decoded, whitespace collapsed.
pub fn text(tag: &HTMLTag, dom: &VDom) -> String {
    let raw = tag.inner_text(dom.parser());
    super::a11y::collapse(&decode_entities(&raw))
}

/// The `<meta name=… content=…>` values of the page, in order.
pub fn meta_tags(elements: &[Element]) -> Vec<(String, String)> {
    elements
        .iter()
        .filter(|e| e.name == "meta")
        .filter_map(|e| {
            let t = e.tag;
            let name = attr(t, "name")?;
            let content = attr(t, "content").unwrap_or_default();
            Some((name.to_string(), decode_entities(&content).into_owned()))
        })
        .collect()
}

/// Decodes the entities templates and Markdown produce (`&amp;` `&lt;` `&gt;` `&quot;`
/// `&#39;` `&#x27;` and numeric ones). Most texts hold none: those are borrowed.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    push_decoded(&mut out, text);
    Cow::Owned(out)
}

/// Appends `text` to `out` with its entities decoded (see [`decode_entities`]).
pub fn push_decoded(out: &mut String, text: &str) {
    if !text.contains('&') {
        out.push_str(text);
        return;
    }
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Entities are ASCII: look for `;` in the first 12 bytes without slicing the
        // text (the 12th byte may fall inside a Chinese character).
        let Some(end) = rest.bytes().take(12).position(|b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_common_entities() {
        assert_eq!(
            decode_entities("a &amp; b &#39;c&#x27; &lt;"),
            "a & b 'c' <"
        );
        assert_eq!(decode_entities("AT&T"), "AT&T");
    }

    #[test]
    fn reads_attributes_and_text() {
        let html = r#"<footer><p>主办单位：<b>示例</b></p><img SRC="/a.png" alt></footer>"#;
        let dom = tl::parse(html, tl::ParserOptions::default()).unwrap();
        let img = by_name(&dom, "img").next().unwrap();
        assert_eq!(attr(img, "src").as_deref(), Some("/a.png"));
        assert_eq!(attr(img, "alt").as_deref(), Some(""));
        let footer = by_name(&dom, "footer").next().unwrap();
        assert_eq!(text(footer, &dom), "主办单位：示例");
    }

    #[test]
    fn finds_attributes_written_in_any_case() {
        // Past tl's two inline attributes it keeps them in a hash map: both are looked up.
        for html in [
            r#"<a ID="i" CLASS="c" HREF="/h" Title>"#,
            r#"<a data-x="1" ID="i" data-y="2" CLASS="c" HREF="/h" rel="r" Title>"#,
        ] {
            let dom = tl::parse(html, tl::ParserOptions::default()).unwrap();
            let a = by_name(&dom, "a").next().unwrap();
            let found = ["id", "class", "href", "title", "lang"].map(|n| attr(a, n));
            let found = found.iter().map(Option::as_deref).collect::<Vec<_>>();
            assert_eq!(
                found,
                [Some("i"), Some("c"), Some("/h"), Some(""), None],
                "{html}"
            );
        }
    }
}

#[cfg(test)]
mod fuzz_regressions {
    use super::*;

    #[test]
    fn entity_window_inside_a_multibyte_character() {
        assert_eq!(decode_entities("&amp;b=中文"), "&b=中文");
        assert_eq!(decode_entities("A&amp;B 中文合作"), "A&B 中文合作");
        assert_eq!(decode_entities("&中文中文中文;"), "&中文中文中文;");
    }
}
