//! Finding a page's facts in its rendered HTML, in the rule pass's one parse: its ids, its
//! title and every URL it refers to (links, resources, `srcset`, CSS `url()`s), each link
//! resolved once and shared between pages (`LinkInterner`), the ones written in the
//! Markdown body located in the source file (`locate`). The theme's landmarks (header,
//! navigation, footer) are the same on page after page: their facts are found once per run
//! and thread (`landmark_memo`).

use super::locate::SourceLocator;
use super::{LinkInterner, LinkKey, PageFacts, PageLink};
use crate::content::SourceFile;
use crate::markdown::Rendered;
use crate::render::PageJob;
use crate::rules::html::{self, Element, Landmark};
use crate::rules::landmark_memo::{parts, LandmarkMemo, Part};
use crate::rules::urls;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// Attributes that hold URLs, by tag, and whether the page loads what they name.
const URL_ATTRIBUTES: &[(&str, &str, bool)] = &[
    ("a", "href", false),
    ("area", "href", false),
    ("link", "href", false),
    ("img", "src", true),
    ("script", "src", true),
    ("iframe", "src", true),
    ("frame", "src", true),
    ("source", "src", true),
    ("video", "src", true),
    ("video", "poster", true),
    ("audio", "src", true),
    ("track", "src", true),
    ("embed", "src", true),
    ("object", "data", true),
    ("input", "src", true),
    ("image", "href", true),
    ("form", "action", false),
];

/// The tag names links are told apart by, as static strings.
const LINK_TAGS: &[&str] = &[
    "a", "area", "link", "img", "script", "iframe", "frame", "source", "video", "audio", "track",
    "embed", "object", "input", "image", "form", "style", "picture",
];

fn static_name(name: &str) -> &'static str {
    LINK_TAGS
        .iter()
        .find(|t| **t == name)
        .copied()
        .unwrap_or("element")
}

/// `<link rel>` values whose target the browser fetches.
const LOADING_RELS: &[&str] = &[
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "apple-touch-icon-precomposed",
    "mask-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "prerender",
    "manifest",
];

/// Whether a `<link>` tag loads its `href`.
pub fn link_loads(tag: &tl::HTMLTag) -> bool {
    html::attr(tag, "rel").is_some_and(|rel| {
        rel.split_ascii_whitespace()
            .any(|r| LOADING_RELS.iter().any(|l| r.eq_ignore_ascii_case(l)))
    })
}

/// Every URL a tag refers to: its URL attribute, `srcset` candidates and CSS `url()`s in
/// its `style` attribute (or its text, for `<style>`), with whether each is loaded.
pub fn tag_references(element: &Element, dom: &tl::VDom) -> Vec<(String, bool)> {
    let (name, tag) = (&*element.name, element.tag);
    let mut out = Vec::new();
    // One pass over the attributes (`id` and `class`, kept apart by tl, hold no URLs):
    // this runs for every element of every page. tl lowercases names as it parses.
    for (key, value) in tag.attributes().unstable_raw().iter() {
        let key = key.as_bytes();
        let value = html::str_of(value.as_ref().map_or(&[][..], |v| v.as_bytes()));
        let is = |wanted: &str| key == wanted.as_bytes();
        let url_attribute = URL_ATTRIBUTES
            .iter()
            .find(|(tag_name, attribute, _)| name == *tag_name && is(attribute));
        if let Some((_, _, loads)) = url_attribute {
            let loads = *loads || (name == "link" && link_loads(tag));
            out.push((html::decode_entities(&value).into_owned(), loads));
        } else if is("srcset") || is("imagesrcset") {
            for candidate in html::decode_entities(&value).split(',') {
                if let Some(url) = candidate.split_whitespace().next() {
                    out.push((url.to_string(), true));
                }
            }
        } else if is("style") {
            let css = html::decode_entities(&value);
            out.extend(urls::css_urls(&css).into_iter().map(|u| (u, true)));
        }
    }
    if name == "style" {
        let css = tag.inner_text(dom.parser());
        out.extend(urls::css_urls(&css).into_iter().map(|u| (u, true)));
    }
    out
}

/// Gathers the facts of one page. `body` is its rendered Markdown, located in `source`;
/// `own` are the site's hosts (`urls::own_hosts`); `landmarks` are the page's
/// ([`html::landmarks`]), whose facts this thread may know from an earlier page.
#[allow(clippy::too_many_arguments)]
pub fn gather(
    job: &PageJob,
    own: &[String],
    interner: &LinkInterner,
    dom: &tl::VDom,
    elements: &[Element],
    page_html: &str,
    body: Option<&Rendered>,
    source: Option<&SourceFile>,
    landmarks: &[Landmark],
) -> PageFacts {
    let mut scan = Scan {
        interner,
        dom,
        page_url: &job.url,
        own,
        locator: SourceLocator::new(page_html, body, source),
    };
    let found = scan.page(elements, page_html, landmarks);
    debug_assert!(
        {
            let locator = SourceLocator::new(page_html, body, source);
            let plain = Scan { locator, ..scan }.page(elements, page_html, &[]);
            plain == found
        },
        "the facts of {} differ when its landmarks are taken from the memo",
        job.output
    );
    PageFacts {
        url: job.url.clone(),
        output: job.output.clone(),
        kind: job.kind_name(),
        source: source.map(|s| s.file.clone()),
        title: found.title,
        ids: found.ids.into_iter().collect(),
        links: found.links,
    }
}

/// What the gathering finds in some elements of a page: ids and anchor names, the first
/// `<title>`'s text, and every reference in document order.
#[derive(Debug, Default, PartialEq)]
struct Found {
    ids: Vec<String>,
    title: String,
    links: Vec<Arc<PageLink>>,
}

/// One page's gathering.
struct Scan<'a> {
    interner: &'a LinkInterner,
    dom: &'a tl::VDom<'a>,
    page_url: &'a str,
    own: &'a [String],
    locator: SourceLocator<'a>,
}

impl Scan<'_> {
    /// The facts of the page's `elements`, the `landmarks`' from this thread's memo.
    fn page(&mut self, elements: &[Element], page_html: &str, landmarks: &[Landmark]) -> Found {
        let mut found = Found::default();
        for part in parts(page_html, elements, landmarks) {
            match part {
                Part::Page(elements) => self.elements(elements, &mut found, &mut true),
                Part::Landmark(source, elements) => self.landmark(source, elements, &mut found),
            }
        }
        found
    }

    /// The facts of the landmark `source` (whose elements are `elements`), from the memo
    /// or found now and kept when they hold on every page.
    fn landmark(&mut self, source: &str, elements: &[Element], found: &mut Found) {
        let mut found_now = None;
        let kept = LANDMARKS.with_borrow_mut(|memo| {
            memo.in_run(self.interner.run).get(source, || {
                let mut own = Found::default();
                let mut same_everywhere = true;
                self.elements(elements, &mut own, &mut same_everywhere);
                // A `<title>` in a landmark (an icon's) would be the page's only on a page
                // whose head has none.
                let kept = (same_everywhere && own.title.is_empty()).then(|| {
                    Rc::new(Found {
                        ids: own.ids.clone(),
                        title: String::new(),
                        links: own.links.clone(),
                    })
                });
                found_now = Some(own);
                kept
            })
        });
        match (found_now, kept) {
            (Some(own), _) => {
                if found.title.is_empty() {
                    found.title = own.title;
                }
                found.ids.extend(own.ids);
                found.links.extend(own.links);
            }
            (None, Some(kept)) => {
                found.ids.extend(kept.ids.iter().cloned());
                found.links.extend(kept.links.iter().cloned());
            }
            (None, None) => self.elements(elements, found, &mut true),
        }
    }

    /// The facts of `elements`, added to `found`; `same_everywhere` is cleared if any of
    /// them depends on the page (a link relative to it, a place in the Markdown body, a
    /// `<style>`, whose text tl may read past the element's end tag).
    fn elements(&mut self, elements: &[Element], found: &mut Found, same_everywhere: &mut bool) {
        let parser = self.dom.parser();
        for element in elements {
            let (name, tag) = (&*element.name, element.tag);
            if let Some(id) = html::attr(tag, "id") {
                found.ids.push(html::decode_entities(&id).into_owned());
            }
            if name == "a" {
                if let Some(anchor) = html::attr(tag, "name") {
                    found.ids.push(html::decode_entities(&anchor).into_owned());
                }
            }
            if name == "title" && found.title.is_empty() {
                found.title = tag.inner_text(parser).trim().to_string();
            }
            if name == "style" {
                *same_everywhere = false;
            }
            let references = tag_references(element, self.dom);
            if references.is_empty() {
                continue;
            }
            let in_body = self.locator.contains(tag.boundaries(parser).0);
            let tag = static_name(name);
            for (url, resource) in references {
                let source_span = if in_body {
                    self.locator.find(&url)
                } else {
                    None
                };
                let make = |(tag, resource, url): LinkKey| PageLink {
                    tag,
                    target: urls::resolve(&url, self.page_url, self.own),
                    url,
                    resource,
                    source_span,
                };
                let key = (tag, resource, url);
                found.links.push(if !in_body && page_independent(&key.2) {
                    self.interner.same_on_every_page(key, make)
                } else {
                    *same_everywhere = false;
                    self.interner.intern(make(key))
                });
            }
        }
    }
}

thread_local! {
    /// Each page thread's landmarks of this run (see [`html::Landmark`]), with their facts
    /// when those hold on every page that has them (`None`: they depend on the page).
    static LANDMARKS: RefCell<LandmarkMemo<Option<Rc<Found>>>> =
        RefCell::new(LandmarkMemo::default());
}

/// Whether `url` points to the same place from every page: an absolute path, or a URL
/// with a scheme and nothing relative to the page.
fn page_independent(url: &str) -> bool {
    let url = url.trim();
    match urls::scheme(url).as_deref() {
        Some("http" | "https") => url
            .split_once(':')
            .is_some_and(|(_, rest)| rest.starts_with("//")),
        Some(_) => true,
        None => url.starts_with('/'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::html;

    #[test]
    fn links_remembered_between_pages_resolve_as_on_each_page() {
        let interner = LinkInterner::default();
        // The navigation's links are relative to the page; the footer's are not.
        let page_html = r##"<body><nav><a href="/a/">a</a><a href="b/">b</a><a href="#top">t</a>
            <a href="http:c">c</a><a href="//www.gov.cn/x">x</a></nav><main id="m"></main>
            <footer id="f"><a href="mailto:a@b.cn">m</a><a name="end" href="/"><img src="/i.png"></a></footer></body>"##;
        let dom = tl::parse(page_html, tl::ParserOptions::default()).unwrap();
        let elements = html::elements(&dom);
        let landmarks = html::landmarks(page_html, &dom, &elements);
        assert_eq!(landmarks.len(), 2);
        let own = ["www.example.gov.cn".to_string()];
        for page in ["/one/", "/two/three/", "/one/"] {
            let mut scan = Scan {
                interner: &interner,
                dom: &dom,
                page_url: page,
                own: &own,
                locator: SourceLocator::new(page_html, None, None),
            };
            let found = scan.page(&elements, page_html, &landmarks);
            assert_eq!(found.links.len(), 8);
            for link in &found.links {
                let expected = urls::resolve(&link.url, page, &own);
                assert_eq!(link.target, expected, "{} on {page}", link.url);
            }
            assert_eq!(found.ids, ["m", "f", "end"]);
        }
        // The footer is remembered with its facts, the navigation as one to find again.
        let kept = |l: &Landmark| {
            let source = &page_html[l.span.clone()];
            let known =
                LANDMARKS.with_borrow_mut(|memo| memo.in_run(interner.run).known(source).cloned());
            known.map(|facts| facts.map(|f| (f.ids.len(), f.links.len())))
        };
        assert_eq!(kept(&landmarks[0]), Some(None));
        assert_eq!(kept(&landmarks[1]), Some(Some((2, 3))));
        assert!(page_independent("/a/") && page_independent(" //cdn.example.com/x.js"));
        assert!(page_independent("https://www.gov.cn/") && page_independent("mailto:a@b.cn"));
        assert!(!page_independent("b/") && !page_independent("#top"));
        assert!(!page_independent("http:c") && !page_independent("?page=2"));
    }
}
