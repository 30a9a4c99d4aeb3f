//! GOV401: no commercial advertising — nothing loaded from or linked to a known ad or
//! affiliate network (`schemas/ad-hosts.yaml`), no ad markup, no block labelled 广告/推广.

use super::landmark_memo::{LandmarkMemo, Part};
use super::link_check::page_finding;
use super::urls::Target;
use super::{ads_data, html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};
use std::cell::RefCell;
use std::collections::HashSet;

pub static META: RuleMeta = RuleMeta {
    code: "GOV401",
    name: "commercial-ads",
    severity: Severity::Error,
    waivable: false,
    summary: "页面含有商业广告：广告联盟的资源或链接、广告标记或“广告”“推广”字样的区块",
    explanation: include_str!("docs/gov401.md"),
    default_off: false,
};

pub struct Ads;

const HELP: &str = "政府网站不得刊登商业广告：删除广告代码、广告联盟链接和广告位";

/// Class and id tokens that name an ad slot.
const AD_TOKENS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertisements",
    "advertising",
    "adsbygoogle",
    "guanggao",
];

/// Labels that mark a block as advertising when they are its whole text.
const AD_LABELS: &[&str] = &["广告", "推广", "广告位", "推广链接", "赞助商链接"];

/// Attributes only ad code writes (Google AdSense slots).
const AD_ATTRIBUTES: &[&str] = &["data-ad-client", "data-ad-slot"];

/// Whether a class or id token names an ad slot: one of [`AD_TOKENS`], or `ad-…`,
/// `ads_…`, `…-ad`, `…_guanggao` and the like. `header`, `download`, `shadow` are not.
pub fn is_ad_token(token: &str) -> bool {
    // Called for every class and id token of every page: compare without allocating, and
    // first rule out the tokens that hold neither `ad` nor `guanggao`, which is most.
    let token = token.as_bytes();
    let holds = |word: &[u8]| {
        token
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    if !holds(b"ad") && !holds(b"guanggao") {
        return false;
    }
    if AD_TOKENS
        .iter()
        .any(|t| token.eq_ignore_ascii_case(t.as_bytes()))
    {
        return true;
    }
    ["ad", "ads", "advert", "guanggao"].iter().any(|word| {
        let word = word.as_bytes();
        let n = word.len();
        let separated = |at: usize| matches!(token.get(at), Some(b'-' | b'_'));
        let starts = token.len() > n && separated(n) && token[..n].eq_ignore_ascii_case(word);
        let ends = token.len() > n
            && separated(token.len() - n - 1)
            && token[token.len() - n..].eq_ignore_ascii_case(word);
        starts || ends
    })
}

impl Rule for Ads {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let mut seen = HashSet::new();
        for link in page.links {
            let Target::External { host, .. } = &link.target else {
                continue;
            };
            if let Some(network) = ads_data::network_of(host) {
                if seen.insert(link.url.clone()) {
                    let message = format!("引用了商业广告网络（{network}）的地址：{}", link.url);
                    out.push(
                        page_finding(page, &META, message, link.source_span.clone())
                            .with_help(HELP),
                    );
                }
            }
        }
        if let Some(what) = ad_markup(page) {
            out.push(
                page.diag(&META, format!("页面含有广告标记：{what}"))
                    .with_help(HELP),
            );
        }
    }
}

/// The first piece of ad markup on the page, described.
fn ad_markup(page: &PageView) -> Option<String> {
    let found = page.parts().into_iter().find_map(|part| match part {
        Part::Page(elements) => first_ad_markup(page, elements),
        // What a landmark holds is found in its own bytes.
        Part::Landmark(source, elements) => {
            LANDMARKS.with_borrow_mut(|memo| memo.get(source, || first_ad_markup(page, elements)))
        }
    });
    debug_assert_eq!(
        found,
        first_ad_markup(page, page.elements),
        "{}",
        page.job.output
    );
    found
}

thread_local! {
    /// The first ad markup of each landmark this thread has seen.
    static LANDMARKS: RefCell<LandmarkMemo<Option<String>>> = RefCell::new(LandmarkMemo::default());
}

/// The first ad markup among `elements`, described.
fn first_ad_markup(page: &PageView, elements: &[html::Element]) -> Option<String> {
    let parser = page.dom.parser();
    for html::Element { name, tag, .. } in elements {
        let (found, aria_label) = ad_attribute(tag);
        if found.is_some() {
            return found;
        }
        if name == "script" {
            if script_mentions(tag, parser, "adsbygoogle") {
                return Some("adsbygoogle 广告脚本".to_string());
            }
            if let Some((host, network)) = script_ad_host(tag, parser) {
                return Some(format!("加载 {network} 广告的脚本（{host}）"));
            }
        }
        if let Some(label) = ad_label(page, tag, aria_label) {
            return Some(format!("标为“{label}”的区块（<{name}>）"));
        }
    }
    None
}

/// An ad class or id token, or else an AdSense attribute, of one element, described; and
/// its `aria-label`, for [`ad_label`]. It runs for every element of every page, so it
/// looks up the few attributes it needs (tl lowercases names as it parses: `ID=` and
/// `data-AD-slot=` are found) and allocates nothing unless there is a finding.
fn ad_attribute<'a>(tag: &'a tl::HTMLTag) -> (Option<String>, Option<&'a [u8]>) {
    let ad_token = |attribute: &str, value: &[u8]| {
        let value = html::str_of(value);
        let token = value.split_ascii_whitespace().find(|t| is_ad_token(t))?;
        Some(format!("{attribute}=\"{token}\""))
    };
    let attributes = tag.attributes();
    for (attribute, value) in [("class", attributes.class()), ("id", attributes.id())] {
        if let Some(found) = value.and_then(|v| ad_token(attribute, v.as_bytes())) {
            return (Some(found), None);
        }
    }
    if attributes.unstable_raw().is_empty() {
        return (None, None);
    }
    let bytes = |value: Option<&'a tl::Bytes>| value.map_or(&[][..], tl::Bytes::as_bytes);
    let aria_label = attributes.get("aria-label").map(bytes);
    let found = AD_ATTRIBUTES
        .iter()
        .find(|a| attributes.get(**a).is_some())
        .map(|a| format!("{a} 属性（Google AdSense 广告位）"));
    (found, aria_label)
}

/// Whether the text of a `<script>` (tl keeps it as raw text children) contains `word`.
fn script_mentions(tag: &tl::HTMLTag, parser: &tl::Parser, word: &str) -> bool {
    tag.children().top().iter().any(|child| {
        child
            .get(parser)
            .and_then(tl::Node::as_raw)
            .is_some_and(|raw| html::str_of(raw.as_bytes()).contains(word))
    })
}

/// An ad network's host named in the text of an inline `<script>` (ad loaders build the
/// `<script src>` in code, so no link shows it), with the network's name.
fn script_ad_host(tag: &tl::HTMLTag, parser: &tl::Parser) -> Option<(String, &'static str)> {
    tag.children().top().iter().find_map(|child| {
        let raw = child.get(parser)?.as_raw()?;
        let text = html::str_of(raw.as_bytes());
        let found =
            hosts_in(&text).find_map(|host| Some((host.to_string(), ads_data::network_of(host)?)));
        found
    })
}

/// The words of `text` shaped like host names: letters, digits, `-` and at least one `.`,
/// lowercased hosts only (as in a URL).
fn hosts_in(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-'))
        .map(|word| word.trim_matches('.'))
        .filter(|word| word.contains('.') && word.len() > 3)
}

/// The ad label of an element whose whole text (or `aria-label`) is one of [`AD_LABELS`].
fn ad_label(page: &PageView, tag: &tl::HTMLTag, aria_label: Option<&[u8]>) -> Option<&'static str> {
    let matches = |text: &str| {
        let text = text.trim();
        AD_LABELS.iter().copied().find(|l| *l == text)
    };
    if let Some(found) = aria_label.and_then(|a| matches(&html::str_of(a))) {
        return Some(found);
    }
    let parser = page.dom.parser();
    let children = tag.children();
    let top = children.top();
    // Only elements holding nothing but a short text: a parent of a labelled element
    // would repeat the same finding.
    if top.len() != 1 {
        return None;
    }
    // Length first: most such texts are whole paragraphs, not worth decoding.
    let raw = top[0].get(parser)?.as_raw()?.as_bytes();
    if raw.len() > 24 {
        return None;
    }
    matches(&html::decode_entities(&html::str_of(raw)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_adsense_call_in_a_script() {
        let page = "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>\
                    <script src=\"/assets/site.js\"></script>";
        let dom = tl::parse(page, tl::ParserOptions::default()).unwrap();
        let found: Vec<bool> = html::by_name(&dom, "script")
            .map(|s| script_mentions(s, dom.parser(), "adsbygoogle"))
            .collect();
        assert_eq!(found, [true, false]);
    }

    #[test]
    fn finds_an_ad_host_an_inline_script_loads() {
        let page = "<script>var s=document.createElement('script');\
                    s.src='https://pagead2.googlesyndication.com/pagead/js/x.js';</script>\
                    <script>var site='www.example.gov.cn';</script>";
        let dom = tl::parse(page, tl::ParserOptions::default()).unwrap();
        let found: Vec<Option<&str>> = html::by_name(&dom, "script")
            .map(|s| script_ad_host(s, dom.parser()).map(|(_, network)| network))
            .collect();
        assert!(found[0].is_some(), "{found:?}");
        assert_eq!(found[1], None);
    }

    #[test]
    fn one_pass_over_the_attributes_finds_each_kind() {
        let cases = [
            // Class and id tokens come before AdSense attributes, whatever the order.
            (
                "<ins data-ad-client=\"ca-pub-1\" class=\"x ad\">",
                Some("class=\"ad\""),
                None,
            ),
            ("<div ID=\"top-ad\">", Some("id=\"top-ad\""), None),
            (
                "<div CLASS=\"banner\" data-AD-slot=\"1\">",
                Some("data-ad-slot 属性（Google AdSense 广告位）"),
                None,
            ),
            (
                "<div aria-label=\" 广告 \" class=\"box\">",
                None,
                Some(" 广告 "),
            ),
            ("<div class=\"header\" aria-label>", None, Some("")),
        ];
        for (markup, finding, label) in cases {
            let dom = tl::parse(markup, tl::ParserOptions::default()).unwrap();
            let tag = dom.nodes()[0].as_tag().unwrap();
            let (found, aria_label) = ad_attribute(tag);
            assert_eq!(found.as_deref(), finding, "{markup}");
            assert_eq!(
                aria_label.map(|a| std::str::from_utf8(a).unwrap()),
                label,
                "{markup}"
            );
        }
    }

    #[test]
    fn ad_tokens_are_whole_tokens() {
        for token in [
            "ad",
            "ADS",
            "advert",
            "ad-banner",
            "ad_top",
            "banner-ad",
            "guanggao",
            "adsbygoogle",
        ] {
            assert!(is_ad_token(token), "{token}");
        }
        for token in [
            "header", "load", "shadow", "download", "add-item", "road", "badge", "admin", "adapt",
        ] {
            assert!(!is_ad_token(token), "{token}");
        }
    }
}
