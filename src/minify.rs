//! Page minification. Every page goes through minify-html's one-pass minifier, which took
//! about a sixth of a build's time; much of each page is the theme's header, navigation
//! and footer, the same bytes page after page. Those landmarks are minified once per
//! thread and spliced back into the minified rest of the page.
//!
//! Why the splice gives the same bytes as minifying the whole page: a `<header>`, `<nav>`,
//! `<footer>` or `<aside>` that is a child of `<body>` has no optional end tag, so the
//! minifier writes it out the same wherever it stands; its neighbours see only an element
//! of that name, so a placeholder element of the same name stands in for it. Debug builds
//! (and so every test that builds a site) check the result against the whole-page
//! minification. (The rule pass takes the same landmarks once per thread too:
//! `rules::landmark_memo`.)

use crate::rules::html::Landmark;
use crate::rules::landmark_memo::LandmarkMemo;
use std::cell::RefCell;
use std::rc::Rc;

/// Minifies a page. The one-pass minifier (same rules as minify-html, about twice as
/// fast, no allocation) handles everything the theme and Markdown produce; it refuses
/// malformed markup, which only hand-written raw HTML in content can bring, and such a
/// page goes through the forgiving full minifier instead.
pub fn minify(html: &[u8]) -> Vec<u8> {
    one_pass(html).unwrap_or_else(|| {
        let mut cfg = minify_html::Cfg::new();
        cfg.keep_html_and_head_opening_tags = true;
        // Its defaults keep spaces between attributes and quote values that need it. It
        // writes an empty value bare (`alt`), which means the same; only a page the
        // one-pass minifier refuses (malformed raw HTML in content) comes this way.
        cfg.minify_css = true;
        minify_html::minify(html, &cfg)
    })
}

fn one_pass(html: &[u8]) -> Option<Vec<u8>> {
    // The three compliance settings (govsite's patch, vendor/README.md) keep the output
    // valid HTML: the W3C checker rejects `title="a"href=b` and `href=/a?b=c`, and
    // html-proofer reads a bare `alt` as a missing one.
    let cfg = minify_html_onepass::Cfg {
        minify_css: true,
        minify_js: false,
        keep_spaces_between_attributes: true,
        ensure_spec_compliant_unquoted_attribute_values: true,
        keep_empty_attribute_values: true,
    };
    minify_html_onepass::copy(html, &cfg).ok()
}

/// Minifies `html`, taking its `landmarks` (see [`crate::rules::html::landmarks`]) from
/// this thread's memo.
pub fn minify_page(html: &str, landmarks: &[Landmark]) -> Vec<u8> {
    let spliced = splice(html, landmarks);
    debug_assert!(
        spliced
            .as_ref()
            .is_none_or(|s| *s == minify(html.as_bytes())),
        "landmark minification differs from the whole page's"
    );
    spliced.unwrap_or_else(|| minify(html.as_bytes()))
}

/// Marks where a landmark was taken out; no page contains it (else nothing is taken out).
const SLOT: &str = "data-govsite-slot";

fn placeholder(landmark: &Landmark, slot: usize) -> String {
    // Written as the minifier writes it, so that it comes out unchanged.
    format!("<{0} {SLOT}={slot}></{0}>", landmark.name)
}

/// The page minified with its landmarks minified apart, or `None` if that cannot be done
/// (no landmarks, a landmark the one-pass minifier refuses, a placeholder not found).
fn splice(html: &str, landmarks: &[Landmark]) -> Option<Vec<u8>> {
    if landmarks.is_empty() || html.contains(SLOT) {
        return None;
    }
    let mut rest = String::with_capacity(html.len());
    let mut at = 0;
    for (slot, landmark) in landmarks.iter().enumerate() {
        rest.push_str(html.get(at..landmark.span.start)?);
        rest.push_str(&placeholder(landmark, slot));
        at = landmark.span.end;
    }
    rest.push_str(html.get(at..)?);
    let minified_rest = one_pass(rest.as_bytes())?;

    let mut out = Vec::with_capacity(html.len());
    let mut unspliced = &minified_rest[..];
    for (slot, landmark) in landmarks.iter().enumerate() {
        let mark = placeholder(landmark, slot);
        let i = memchr::memmem::find(unspliced, mark.as_bytes())?;
        out.extend_from_slice(&unspliced[..i]);
        let source = html.get(landmark.span.clone())?;
        let minified = MEMO.with_borrow_mut(|memo| {
            memo.get(source, || one_pass(source.as_bytes()).map(Rc::from))
        })?;
        out.extend_from_slice(&minified);
        unspliced = &unspliced[i + mark.len()..];
    }
    out.extend_from_slice(unspliced);
    Some(out)
}

thread_local! {
    /// Landmarks minified by this thread, by their source (`None`: the one-pass minifier
    /// refuses it).
    static MEMO: RefCell<LandmarkMemo<Option<Rc<[u8]>>>> = RefCell::new(LandmarkMemo::default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::html::landmarks;

    fn both_ways(html: &str) -> (Vec<u8>, Vec<u8>, usize) {
        let dom = tl::parse(html, tl::ParserOptions::default()).unwrap();
        let found = landmarks(html, &dom, &crate::rules::html::elements(&dom));
        let spliced = splice(html, &found).unwrap_or_else(|| minify(html.as_bytes()));
        (spliced, minify(html.as_bytes()), found.len())
    }

    #[test]
    fn splicing_gives_the_whole_page_minification() {
        let pages = [
            // The theme's shape.
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<title>t</title>\n</head>\n<body class=\"page-item\">\n<a class=\"skip-link\" href=\"#main\">跳转</a>\n<header class=\"site-header\">\n  <p class=\"site-name\"><a href=\"/\">示例</a></p>\n</header>\n<nav class=\"main-nav\" aria-label=\"主导航\">\n  <ul>\n    <li><a href=\"/\" aria-current=\"page\">首页</a></li>\n    <li><a href=\"/zwgk/\">政务公开</a></li>\n  </ul>\n</nav>\n<div class=\"page-body\"><main id=\"main\"><p>正文 &amp; 内容</p></main></div>\n<footer class=\"site-footer\">\n  <p><span>主办单位：示例</span> <span style=\"color: #333333\">联系</span></p>\n</footer>\n</body>\n</html>\n",
            // An open paragraph before the footer, text around the landmarks, no end tags.
            "<body><p>段落<footer><p>页脚</footer>尾 <nav> <a href=x>x</a> </nav> <p>after",
            // Uppercase names and a landmark inside another element (not a body child).
            "<BODY><HEADER><p>a</HEADER><div><header><p>b</header></div><aside>c</aside></BODY>",
            // Whitespace only between landmarks.
            "<html><body>\n\n<header> h </header>\n \n<footer>\tf\t</footer>\n</body></html>",
        ];
        for page in pages {
            let (spliced, whole, _) = both_ways(page);
            assert_eq!(
                String::from_utf8_lossy(&spliced),
                String::from_utf8_lossy(&whole),
                "{page}"
            );
        }
        assert_eq!(both_ways(pages[0]).2, 3);
    }

    #[test]
    fn text_and_attribute_values_are_minified_as_upstream_does() {
        let cases = [
            // Entities, quotes and whitespace in text and attribute values.
            (
                "<p title=\"a &amp; b\" class='x y'>甲 &lt;乙&gt; &amp;amp;  丙\n丁</p>",
                "<p title=\"a & b\" class=\"x y\">甲 <乙> &ampamp; 丙 丁",
            ),
            // The compliance settings: a space after a quoted value, a value holding `=`
            // stays quoted, an empty `alt` keeps its value, a plain value is unquoted.
            (
                "<a title=\"甲 乙\" href=\"https://beian.mps.gov.cn/#/query?code=1\">x</a><img alt=\"\" src=\"/a.png\">",
                "<a title=\"甲 乙\" href=\"https://beian.mps.gov.cn/#/query?code=1\">x</a><img alt=\"\" src=/a.png>",
            ),
            // No room for the space the input left out: the full minifier takes the page (it
            // also orders the attributes).
            ("<p title=\"a b\"class=\"c d\">x</p>", "<p class=\"c d\" title=\"a b\">x"),
            // Upstream minify-html-onepass 0.16.5 panicked here (vendor/README.md).
            (
                "<p><a title=';\"&apos;/>'>链接</a></p>",
                "<p><a title=\";&#34'/>\">链接</a>",
            ),
        ];
        for (page, minified) in cases {
            assert_eq!(String::from_utf8_lossy(&minify(page.as_bytes())), minified);
        }
    }

    #[test]
    fn a_page_naming_the_placeholder_is_minified_whole() {
        let page = format!("<body><header>h</header><p>{SLOT}</p></body>");
        let dom = tl::parse(&page, tl::ParserOptions::default()).unwrap();
        let found = landmarks(&page, &dom, &crate::rules::html::elements(&dom));
        assert_eq!(found.len(), 1);
        assert_eq!(splice(&page, &found), None);
        assert_eq!(minify_page(&page, &found), minify(page.as_bytes()));
    }
}
