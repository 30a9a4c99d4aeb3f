//! GOV404: no script in content — `<script>`, `on…=` event handlers and `javascript:`
//! URLs in the Markdown (raw HTML or links). The theme's script files are not content and
//! are not checked here; findings point at the line of the Markdown file.

use super::link_check::page_finding;
use super::{html, urls, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};
use crate::markdown::Rendered;
use std::ops::Range;

pub static META: RuleMeta = RuleMeta {
    code: "GOV404",
    name: "script-in-content",
    severity: Severity::Error,
    waivable: false,
    summary: "正文中含有脚本：<script>、on… 事件属性或 javascript: 地址",
    explanation: include_str!("docs/gov404.md"),
    default_off: false,
};

pub struct ContentScript;

const HELP: &str =
    "正文只写文字、链接、图片和表格；需要交互的功能由主题实现，不要在 Markdown 中写脚本";

/// Attributes whose value is a URL that a `javascript:` scheme would run.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "action", "formaction", "data", "xlink:href"];

/// One piece of script found in the rendered Markdown, with the text to look for in the
/// Markdown source.
struct Found {
    what: String,
    needle: String,
}

impl Rule for ContentScript {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let Some(body) = page.body else {
            return;
        };
        // Markdown writes scripts only through raw HTML or a link's address: without
        // either, there is nothing to parse for (most pages).
        let script_link = body.links.iter().any(|l| script_scheme(&l.url).is_some());
        if body.html.is_empty() || (body.raw_html.is_empty() && !script_link) {
            return;
        }
        let Ok(dom) = tl::parse(&body.html, tl::ParserOptions::default()) else {
            return;
        };
        let mut finder = SourceFinder::new(body);
        for found in scripts(&dom) {
            let span = finder.next(&found.needle).and_then(|range| {
                let shift = page.source?.body_offset;
                Some(range.start + shift..range.end + shift)
            });
            out.push(page_finding(page, &META, found.what, span).with_help(HELP));
        }
    }
}

/// Every script in a piece of rendered Markdown, in document order.
fn scripts(dom: &tl::VDom) -> Vec<Found> {
    let mut found = Vec::new();
    for tag in html::tags(dom) {
        let name = html::name(tag);
        if name == "script" {
            found.push(Found {
                what: "正文中有 <script> 脚本".to_string(),
                needle: "<script".to_string(),
            });
        }
        for (key, _) in tag.attributes().iter() {
            let key = key.to_ascii_lowercase();
            if key.len() > 2
                && key.starts_with("on")
                && key.chars().all(|c| c.is_ascii_alphabetic())
            {
                found.push(Found {
                    what: format!("正文中 <{name}> 有事件处理属性 {key}="),
                    needle: key,
                });
            }
        }
        for attribute in URL_ATTRIBUTES {
            let Some(value) = html::attr(tag, attribute) else {
                continue;
            };
            if let Some(scheme) = script_scheme(&html::decode_entities(&value)) {
                found.push(Found {
                    what: format!("正文中 <{name} {attribute}> 是 {scheme}: 地址"),
                    needle: format!("{scheme}:"),
                });
            }
        }
    }
    found
}

/// `javascript` or `vbscript` when a URL runs script.
fn script_scheme(url: &str) -> Option<&'static str> {
    // Browsers ignore control characters and whitespace inside the scheme.
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    match urls::scheme(&squeezed).as_deref() {
        Some("javascript") => Some("javascript"),
        Some("vbscript") => Some("vbscript"),
        _ => None,
    }
}

/// A piece of the Markdown that can hold script: raw HTML (verbatim in the file) or a
/// link target (not verbatim: the finding points at the link's `[`).
struct Piece {
    offset: usize,
    lowercase: String,
    raw: bool,
}

/// Finds successive occurrences of a text in the Markdown's raw HTML and link targets.
struct SourceFinder {
    pieces: Vec<Piece>,
    /// Per needle, how many occurrences were already used.
    used: Vec<(String, usize)>,
}

impl SourceFinder {
    fn new(body: &Rendered) -> Self {
        let raw = body.raw_html.iter().map(|r| Piece {
            offset: r.offset,
            lowercase: r.text.to_ascii_lowercase(),
            raw: true,
        });
        let links = body.links.iter().map(|l| Piece {
            offset: l.offset,
            lowercase: l.url.to_ascii_lowercase(),
            raw: false,
        });
        let mut pieces: Vec<Piece> = raw.chain(links).collect();
        pieces.sort_by_key(|p| p.offset);
        SourceFinder {
            pieces,
            used: Vec::new(),
        }
    }

    /// The body range of the next unused occurrence of `needle`.
    fn next(&mut self, needle: &str) -> Option<Range<usize>> {
        let skip = match self.used.iter_mut().find(|(n, _)| n == needle) {
            Some((_, count)) => {
                *count += 1;
                *count - 1
            }
            None => {
                self.used.push((needle.to_string(), 1));
                0
            }
        };
        self.pieces
            .iter()
            .flat_map(|piece| {
                piece
                    .lowercase
                    .match_indices(needle)
                    .map(move |(i, _)| match piece.raw {
                        true => piece.offset + i..piece.offset + i + needle.len(),
                        false => piece.offset..piece.offset + 1,
                    })
            })
            .nth(skip)
    }
}
