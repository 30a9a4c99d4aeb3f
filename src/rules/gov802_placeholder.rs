//! GOV802: placeholder text in a published page (Lorem ipsum, 待补充, 此处填写, TODO, XXX
//! as a name). The patterns are data in `schemas/structure.yaml`.

use super::structure_data::DATA;
use super::text_scan::{attachment_parts, inside_url, url_ranges, Segment, Texts};
use super::{Rule, RuleMeta};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};
use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use std::ops::Range;
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    code: "GOV802",
    name: "placeholder-text",
    severity: Severity::Error,
    waivable: false,
    summary: "已发布页面中含有占位文字",
    explanation: include_str!("docs/gov802.md"),
    default_off: false,
};

pub struct Placeholder;

/// Every placeholder, case-insensitive: a quick test of which files need a closer look.
static PREFILTER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    let data = &DATA.placeholders;
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(data.phrases.iter().chain(&data.words))
        .ok()
});

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Placeholder hits in `text`: (byte range, the placeholder as listed).
pub fn find_placeholders(text: &str) -> Vec<(Range<usize>, &'static str)> {
    let data = &DATA.placeholders;
    let mut hits = Vec::new();
    let lower = text.to_ascii_lowercase(); // same byte offsets as `text`
    for phrase in &data.phrases {
        let wanted = phrase.to_ascii_lowercase();
        for (i, _) in lower.match_indices(wanted.as_str()) {
            hits.push((i..i + wanted.len(), phrase.as_str()));
        }
    }
    for word in &data.words {
        for (i, _) in text.match_indices(word.as_str()) {
            let before = text[..i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            if !is_word_char(before) && !is_word_char(after) {
                hits.push((i..i + word.len(), word.as_str()));
            }
        }
    }
    hits.sort_by_key(|h| h.0.start);
    hits
}

/// Placeholders in `text` outside the URLs written in it.
fn outside_urls(text: &str) -> Vec<(Range<usize>, &'static str)> {
    let urls = url_ranges(text);
    find_placeholders(text)
        .into_iter()
        .filter(|(range, _)| !inside_url(&urls, range))
        .collect()
}

fn scan(file: &str, segment: &Segment) -> Vec<Diagnostic> {
    outside_urls(&segment.text)
        .into_iter()
        .map(|(range, placeholder)| {
            let start = segment.offset_of(range.start);
            let end = if segment.exact {
                start + range.len()
            } else {
                start
            };
            META.diag(format!("页面含有占位文字“{placeholder}”"))
                .at(file, Some(start..end))
                .with_label("占位文字")
                .with_help("用正式内容替换占位文字；内容尚未定稿的页面设 `draft: true`，不要发布")
        })
        .collect()
}

/// Whether `text` may hold a placeholder (the quick test before a closer look).
fn may_hold(text: &str) -> bool {
    PREFILTER.as_ref().is_none_or(|p| p.is_match(text))
}

impl Rule for Placeholder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_texts(&self, site: &Site, texts: &Texts, out: &mut Vec<Diagnostic>) {
        let found: Vec<Diagnostic> = texts
            .sources(site, META.code, may_hold)
            .par_iter()
            .flat_map_iter(|s| {
                s.segments
                    .iter()
                    .flat_map(|seg| scan(&s.source.file, seg))
                    .collect::<Vec<_>>()
            })
            .collect();
        out.extend(found);
        out.extend(scan_attachments(site));
    }
}

/// Placeholders in the text of attachments. A warning there, not an error: a blank form
/// for download (办事表格) may leave "XXX" or "此处填写" on purpose.
fn scan_attachments(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (attachment, part) in attachment_parts(site, may_hold) {
        for (_, placeholder) in outside_urls(&part.text) {
            out.push(
                META.diag(format!("附件{}含有占位文字“{placeholder}”", part.locator))
                    .with_severity(Severity::Warning)
                    .at(attachment.source.clone(), None)
                    .with_help("用正式内容替换占位文字后重新上传；供下载填写的空白表格可保留"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::find_placeholders;

    #[test]
    fn finds_placeholders_but_not_words_that_contain_them() {
        let names =
            |t: &str| -> Vec<&str> { find_placeholders(t).into_iter().map(|h| h.1).collect() };
        assert_eq!(names("联系人：XXX，电话待补充"), vec!["XXX", "待补充"]);
        assert_eq!(names("lorem Ipsum dolor"), vec!["Lorem ipsum"]);
        assert_eq!(names("TODO: 写正文"), vec!["TODO"]);
        assert!(names("TODOS XXXL xxx.jpg 待补充材料清单已公布").len() == 1);
    }
}
