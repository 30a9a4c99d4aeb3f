//! GOV401: no commercial advertising — nothing loaded from or linked to a known ad or
//! affiliate network (`schemas/ad-hosts.yaml`), no ad markup, no block labelled 广告/推广.

use super::link_check::page_finding;
use super::urls::{self, Target};
use super::{ads_data, html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};
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
    let token = token.to_ascii_lowercase();
    if AD_TOKENS.contains(&token.as_str()) {
        return true;
    }
    ["ad", "ads", "advert", "guanggao"].iter().any(|word| {
        ['-', '_'].iter().any(|sep| {
            token.starts_with(&format!("{word}{sep}")) || token.ends_with(&format!("{sep}{word}"))
        })
    })
}

impl Rule for Ads {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let own = urls::own_hosts(&page.site.config);
        let mut seen = HashSet::new();
        for link in page.links {
            let Target::External { host, .. } = urls::resolve(&link.url, &page.job.url, &own)
            else {
                continue;
            };
            if let Some(network) = ads_data::network_of(&host) {
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
    let parser = page.dom.parser();
    for tag in html::tags(page.dom) {
        for attribute in ["class", "id"] {
            if let Some(value) = html::attr(tag, attribute) {
                if let Some(token) = value.split_ascii_whitespace().find(|t| is_ad_token(t)) {
                    return Some(format!("{attribute}=\"{token}\""));
                }
            }
        }
        if let Some(attribute) = AD_ATTRIBUTES.iter().find(|a| html::attr(tag, a).is_some()) {
            return Some(format!("{attribute} 属性（Google AdSense 广告位）"));
        }
        let name = html::name(tag);
        if name == "script" && tag.inner_text(parser).contains("adsbygoogle") {
            return Some("adsbygoogle 广告脚本".to_string());
        }
        if let Some(label) = ad_label(page, tag) {
            return Some(format!("标为“{label}”的区块（<{name}>）"));
        }
    }
    None
}

/// The ad label of an element whose whole text (or `aria-label`) is one of [`AD_LABELS`].
fn ad_label(page: &PageView, tag: &tl::HTMLTag) -> Option<&'static str> {
    let matches = |text: &str| AD_LABELS.iter().copied().find(|l| *l == text.trim());
    if let Some(found) = html::attr(tag, "aria-label").and_then(|a| matches(&a)) {
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
    let raw = top[0].get(parser)?.as_raw()?.as_utf8_str();
    if raw.len() > 24 {
        return None;
    }
    matches(&html::decode_entities(&raw))
}

#[cfg(test)]
mod tests {
    use super::*;

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
