//! Findings placed on the legacy files. The rules judged a normalized copy of each page
//! (or, for the text rules, the model's Markdown), so a finding is mapped back by looking
//! for the offending text in the ORIGINAL page: the quoted text or URL its message names,
//! or the text at its span in the model file. When none is found the page is named
//! without a line.

use super::model::{unescape, Model};
use crate::diagnostics::{Diagnostic, SourceMap};
use crate::legacy::LegacyPage;
use std::collections::HashMap;

/// Where the findings' files are: page index by `rel`.
pub struct Locator<'a> {
    pub pages: &'a [LegacyPage],
    pub by_rel: HashMap<&'a str, usize>,
    pub model: &'a Model,
}

impl Locator<'_> {
    /// Moves a finding onto its legacy page, at a line when the offending text is found;
    /// registers the page's decoded text for the line display. `None` when it names no page.
    pub fn place(&self, mut d: Diagnostic, sources: &SourceMap) -> Diagnostic {
        let Some(location) = d.location.take() else {
            return d;
        };
        legacy_help(&mut d);
        // A text-rule finding in a model file: the written text at its span is the needle.
        if let Some(&(page, file)) = self.model.written.get(&location.file) {
            let text = &self.model.files[file].1;
            let needle = location
                .span
                .as_ref()
                .and_then(|s| text.get(s.clone()))
                .map(unescape);
            return self.at(d, page, needle.into_iter().collect(), sources);
        }
        match self.by_rel.get(location.file.as_str()) {
            Some(&page) => {
                let needles = needles(&d.message, d.label.as_deref());
                self.at(d, page, needles, sources)
            }
            None => {
                d.location = Some(location);
                d
            }
        }
    }

    fn at(
        &self,
        mut d: Diagnostic,
        page: usize,
        needles: Vec<String>,
        sources: &SourceMap,
    ) -> Diagnostic {
        let page = &self.pages[page];
        // The legacy page is the source the user edits, not a page govsite generated.
        d.rendered = false;
        let found = needles
            .iter()
            .filter(|n| n.chars().count() >= 2)
            .find_map(|n| page.html.find(n.as_str()).map(|at| at..at + n.len()));
        match found {
            Some(span) => {
                sources.insert(&page.rel, &page.html);
                d.at(page.rel.clone(), Some(span))
            }
            None => d.at(page.rel.clone(), None),
        }
    }
}

/// A fix hint written for govsite's own theme (a template, `{{ … }}`) does not help an
/// office looking at its old CMS: say where such a fix goes there instead.
fn legacy_help(d: &mut Diagnostic) {
    let about_theme = d
        .help
        .as_deref()
        .is_some_and(|h| h.contains("主题") || h.contains("{{") || h.contains("{%"));
    if about_theme {
        d.help = Some(format!(
            "在旧网站 CMS 的页面模板中修正（要求见 govsite rules {}）；用 govsite import 迁移后，默认主题已满足此项",
            d.code
        ));
    }
}

/// The pieces of a message that may be written in the page as they are: text in
/// “…”, 「…」, `…` or "…", and URL-like words.
fn needles(message: &str, label: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [('“', '”'), ('「', '」'), ('`', '`'), ('"', '"')] {
        let mut rest = message;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len_utf8()..];
            let Some(end) = after.find(close) else { break };
            out.push(after[..end].to_string());
            rest = &after[end + close.len_utf8()..];
        }
    }
    let separators =
        |c: char| c.is_whitespace() || "：，；、（）()<>“”".contains(c) || !c.is_ascii();
    for word in message.split(separators) {
        // A leading "." belongs to a relative URL ("../a.html"); only a trailing one is
        // the sentence's.
        let word = word
            .trim_start_matches(|c: char| ",;:".contains(c))
            .trim_end_matches(|c: char| ".,;:".contains(c));
        if word.len() >= 3 && (word.contains('/') || word.contains('.') || word.contains('=')) {
            out.push(word.to_string());
        }
    }
    out.extend(label.map(str::to_string));
    out
}

#[cfg(test)]
mod tests {
    use super::needles;

    #[test]
    fn finds_quoted_text_and_urls() {
        let n = needles(
            "链接不可用：../zwdt/t1.shtml（即 /zwdt/t1.shtml）指向的页面不存在",
            None,
        );
        assert!(n.contains(&"../zwdt/t1.shtml".to_string()), "{n:?}");
        let n = needles("页脚缺少：主办单位“某某市人民政府办公室”", None);
        assert_eq!(n[0], "某某市人民政府办公室");
    }
}
