//! The published text of the site as the text-quality rules (GOV801, GOV802, GOV804,
//! GOV805) see it: titles and Markdown text, and the text of attachments, cut into segments that remember their byte offset in the
//! source file, so that a hit can be reported at its line. Link targets, image sources and
//! tag names are never part of a segment; URLs written as plain text are found with
//! [`url_ranges`] so that rules can skip them.

use super::text_memo::TextMemo;
use crate::attachments::{AttachmentText, Part};
use crate::config::Text;
use crate::content::{Item, Site, SourceFile};
use pulldown_cmark::{Event, Options, Parser};
use rayon::prelude::*;
use std::ops::Range;

/// A run of text with its position in the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    /// Byte offset of the segment in the file.
    pub start: usize,
    /// Whether `text` is byte-for-byte the file's text at `start` (no escapes or
    /// entities), so that offsets inside it map 1:1 into the file.
    pub exact: bool,
}

impl Segment {
    /// The file offset of byte `k` of the segment's text.
    pub fn offset_of(&self, k: usize) -> usize {
        if self.exact {
            self.start + k
        } else {
            self.start
        }
    }
}

/// The text of one source file (an item, a column's `_index.md`, the homepage).
#[derive(Debug)]
pub struct TextSource<'a> {
    pub source: &'a SourceFile,
    pub segments: Vec<Segment>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The text segments of a Markdown body that starts at byte `base` of its file.
pub fn markdown_segments(body: &str, base: usize) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut last_end = usize::MAX;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Text(t) | Event::Code(t) => {
                let exact = body.get(range.clone()) == Some(&*t);
                match out.last_mut() {
                    // Markdown splits text at some punctuation; join the pieces back so a
                    // term across the split is still found.
                    Some(prev) if exact && prev.exact && last_end == range.start => {
                        prev.text.push_str(&t);
                    }
                    _ => out.push(Segment {
                        text: t.to_string(),
                        start: base + range.start,
                        exact,
                    }),
                }
                last_end = range.end;
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let exact = body.get(range.clone()) == Some(&*h);
                out.extend(html_text(&h, base + range.start, exact));
                last_end = usize::MAX;
            }
            _ => last_end = usize::MAX,
        }
    }
    out
}

/// The text between the tags of a piece of raw HTML (tag names and attributes skipped).
/// `start` is the file offset of `html`; `exact` whether `html` is the file's text there
/// byte for byte (otherwise every segment points at `start`).
fn html_text(html: &str, start: usize, exact: bool) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < html.len() {
        let (text_end, next) = match html[pos..].find('<') {
            Some(i) => {
                let close = html[pos + i..]
                    .find('>')
                    .map_or(html.len(), |j| pos + i + j + 1);
                (pos + i, close)
            }
            None => (html.len(), html.len()),
        };
        let text = &html[pos..text_end];
        if !text.trim().is_empty() {
            out.push(Segment {
                text: text.to_string(),
                start: if exact { start + pos } else { start },
                exact,
            });
        }
        pos = next;
    }
    out
}

/// A front matter scalar as a segment, located at its value span.
pub fn value_segment(value: &Option<Text>, source: &SourceFile, key: &str) -> Option<Segment> {
    let value = value.as_ref()?;
    let span = source.spans().value(key)?;
    Some(Segment {
        text: value.as_str().to_string(),
        start: span.start,
        // Unquoted plain scalars have the same length as their value.
        exact: span.len() == value.as_str().len(),
    })
}

/// The published texts a text rule scans, with the rule's answers remembered in and taken
/// from the build's [`TextMemo`], if it has one.
pub struct Texts<'m> {
    pub memo: Option<&'m TextMemo>,
}

/// An item's front matter texts that the text rules read besides its body, with their keys.
pub(super) fn item_values(item: &Item) -> [(&Option<Text>, &'static str); 3] {
    let f = &item.front;
    [
        (&f.title, "title"),
        (&f.description, "description"),
        (&f.answer, "answer"),
    ]
}

impl Texts<'_> {
    /// The published text of every item, column and the homepage (titles, descriptions,
    /// letter answers and Markdown bodies) whose raw text passes `candidate`, for the rule
    /// `rule` (its code). Rules pass a cheap test on the raw text (e.g. "contains a listed
    /// word") so that only the few files that may hold a hit are parsed; an item whose test
    /// is known to fail from the memo is not tested again. Built in parallel; the order is
    /// stable.
    pub fn sources<'s, F>(&self, site: &'s Site, rule: &str, candidate: F) -> Vec<TextSource<'s>>
    where
        F: Fn(&str) -> bool + Sync,
    {
        let memo = self
            .memo
            .and_then(|memo| super::text_memo::bit_of(rule).map(|bit| (memo, bit)));
        sources(site, memo, candidate)
    }
}

fn sources<'s, F>(
    site: &'s Site,
    memo: Option<(&TextMemo, u16)>,
    candidate: F,
) -> Vec<TextSource<'s>>
where
    F: Fn(&str) -> bool + Sync,
{
    let build = |source: &'s SourceFile, values: &[(&Option<Text>, &str)], body: &str| {
        let raw = values
            .iter()
            .filter_map(|(v, _)| v.as_ref())
            .map(Text::as_str);
        if !raw.chain([body]).any(&candidate) {
            return None;
        }
        let mut segments: Vec<Segment> = values
            .iter()
            .filter_map(|(value, key)| value_segment(value, source, key))
            .collect();
        segments.extend(markdown_segments(body, source.body_offset));
        Some(TextSource { source, segments })
    };
    let tested: Vec<(usize, Option<TextSource>)> = site
        .items
        .par_iter()
        .enumerate()
        .map(|(i, item)| {
            if memo.is_some_and(|(memo, bit)| memo.known_clear(i, bit)) {
                return (i, None);
            }
            (i, build(&item.source, &item_values(item), &item.body))
        })
        .collect();
    if let Some((memo, bit)) = memo {
        let answers: Vec<(usize, bool)> = tested.iter().map(|(i, s)| (*i, s.is_some())).collect();
        memo.record(bit, &answers);
    }
    let mut out: Vec<TextSource> = tested.into_iter().filter_map(|(_, s)| s).collect();
    for column in site.columns.iter().filter(|c| c.has_index) {
        let f = &column.front;
        let values = [(&f.title, "title"), (&f.description, "description")];
        out.extend(build(&column.source, &values, &column.body));
    }
    if let Some(source) = &site.home.source {
        out.extend(build(
            source,
            &[(&site.home.front.title, "title")],
            &site.home.body,
        ));
    }
    out
}

/// Byte ranges of URLs written as plain text (`https://…`, `http://…`, `www.…`), up to the
/// first space, CJK character or closing bracket.
pub fn url_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let found = ["http://", "https://", "www."]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let Some(i) = found else { break };
        let start = pos + i;
        let end = text[start..]
            .find(|c: char| !c.is_ascii() || c.is_whitespace() || "<>\"'()[]{}".contains(c))
            .map_or(text.len(), |j| start + j);
        out.push(start..end);
        pos = end.max(start + 1);
    }
    out
}

/// Every located piece of attachment text that `candidate` (a cheap prefilter) accepts,
/// with the attachment it is in: what the text rules scan besides [`Texts::sources`].
pub fn attachment_parts(
    site: &Site,
    candidate: impl Fn(&str) -> bool,
) -> Vec<(&AttachmentText, &Part)> {
    site.attachments()
        .iter()
        .flat_map(|a| a.parts.iter().map(move |part| (a, part)))
        .filter(|(_, part)| candidate(&part.text))
        .collect()
}

/// Whether `range` overlaps any of `urls`.
pub fn inside_url(urls: &[Range<usize>], range: &Range<usize>) -> bool {
    urls.iter()
        .any(|u| u.start < range.end && range.start < u.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_keep_file_offsets_and_skip_link_targets() {
        let body = "第一段[链接](/a/13812345678/)文字。\n\n<p class=\"TODO\">内嵌</p>\n";
        let segments = markdown_segments(body, 100);
        let all: String = segments.iter().map(|s| s.text.as_str()).collect();
        assert!(all.contains("第一段") && all.contains("内嵌"));
        assert!(!all.contains("13812345678") && !all.contains("TODO"));
        let s = segments.iter().find(|s| s.text.contains("内嵌")).unwrap();
        assert_eq!(&body[s.start - 100..][..s.text.len()], s.text);
    }

    #[test]
    fn finds_plain_text_urls() {
        let text = "见 https://x.gov.cn/a?tel=13812345678。电话13812345678";
        let urls = url_ranges(text);
        assert_eq!(urls.len(), 1);
        let phone = text.find("tel=").unwrap() + 4;
        assert!(inside_url(&urls, &(phone..phone + 11)));
        let second = text.rfind("138").unwrap();
        assert!(!inside_url(&urls, &(second..second + 11)));
    }
}
