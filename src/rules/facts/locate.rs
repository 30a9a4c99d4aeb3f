//! Where a link the Markdown body wrote is in its source file: the rendered body is found
//! in the page once, and each link in it matched to the body's links in order.

use crate::content::SourceFile;
use crate::markdown::Rendered;
use crate::rules::urls;
use std::collections::HashSet;
use std::ops::Range;

/// Where `needle` (a whole rendered body, kilobytes long) first occurs in `haystack`: its
/// first few bytes are searched for and the rest compared, which is far cheaper than
/// preparing a substring search for the whole needle on every page.
fn find_long(haystack: &str, needle: &str) -> Option<usize> {
    let mut head = needle.len().min(64);
    while !needle.is_char_boundary(head) {
        head -= 1;
    }
    if head == 0 {
        return None;
    }
    haystack
        .match_indices(&needle[..head])
        .map(|(at, _)| at)
        .find(|&at| haystack[at..].starts_with(needle))
}

/// Finds where a reference in the rendered Markdown was written in the source file.
pub(super) struct SourceLocator<'a> {
    body: Option<(std::ops::Range<usize>, &'a Rendered, usize)>,
    used: HashSet<usize>,
}

impl<'a> SourceLocator<'a> {
    pub(super) fn new(
        page_html: &str,
        body: Option<&'a Rendered>,
        source: Option<&SourceFile>,
    ) -> Self {
        let located = body.zip(source).and_then(|(body, source)| {
            let start = find_long(page_html, &body.html)?;
            Some((start..start + body.html.len(), body, source.body_offset))
        });
        SourceLocator {
            body: located,
            used: HashSet::new(),
        }
    }

    pub(super) fn contains(&self, offset: usize) -> bool {
        self.body
            .as_ref()
            .is_some_and(|(range, ..)| range.contains(&offset))
    }

    /// The place in the file of the first not yet matched Markdown link to `url` (its
    /// opening bracket), else of `url` in the first raw HTML fragment that contains it.
    pub(super) fn find(&mut self, url: &str) -> Option<Range<usize>> {
        let (_, body, shift) = self.body.as_ref()?;
        let wanted = urls::decode(url);
        let link = body
            .links
            .iter()
            .find(|l| !self.used.contains(&l.offset) && urls::decode(&l.url) == wanted);
        if let Some(link) = link {
            self.used.insert(link.offset);
            let start = link.offset + shift;
            return Some(start..start + 1);
        }
        body.raw_html.iter().find_map(|raw| {
            let start = raw.offset + raw.text.find(url)? + shift;
            Some(start..start + url.len())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_body_is_found_where_it_starts() {
        let body = "<p>正文".repeat(40);
        let page = format!("<p>正文</p><main>{body}</main>");
        assert_eq!(
            find_long(&page, &body),
            Some(page.find("<main>").unwrap() + 6)
        );
        assert_eq!(find_long(&page, "<p>不在页面中的正文"), None);
        assert_eq!(find_long(&page, ""), None);
    }
}
