//! GOV801: 错敏词 — terms from the built-in list and the site's `wordlists/*.txt` in the
//! published text. `wrong=>right` entries are errors with the fix, bare terms warnings.

use super::structure_data::{parse_word_line, WordEntry, DATA};
use super::text_scan::{attachment_parts, inside_url, url_ranges, Segment, Texts};
use super::{Rule, RuleMeta};
use crate::content::{read_text, Site};
use crate::diagnostics::{Diagnostic, Severity};
use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

pub static META: RuleMeta = RuleMeta {
    code: "GOV801",
    name: "wrong-or-sensitive-word",
    severity: Severity::Error,
    waivable: false,
    summary: "错敏词：错别字、不规范表述或需复核的敏感用语",
    explanation: include_str!("docs/gov801.md"),
    default_off: false,
};

pub struct WordList;

/// The folder of the site's own lists.
const FOLDER: &str = "wordlists";

/// Reads `wordlists/*.txt` in name order; bad lines and unreadable files become findings.
pub fn site_entries(site: &Site, problems: &mut Vec<Diagnostic>) -> Vec<WordEntry> {
    let root = &site.config.root;
    let Ok(dir) = std::fs::read_dir(root.join(FOLDER)) else {
        return Vec::new();
    };
    let mut files: Vec<_> = dir
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut entries = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let rel = format!("{FOLDER}/{name}");
        match read_list(root, &path, &rel) {
            Ok(text) => entries.extend(parse_list(&text, &rel, problems)),
            Err(d) => problems.push(d),
        }
    }
    entries
}

/// Reads one list, refusing a link that leaves the site folder (as `content/` does).
fn read_list(root: &Path, path: &Path, rel: &str) -> Result<String, Diagnostic> {
    let inside = match (path.canonicalize(), root.canonicalize()) {
        (Ok(file), Ok(root)) => file.starts_with(root),
        _ => false,
    };
    if !inside {
        return Err(
            Diagnostic::error("GOV006", format!("符号链接指向网站文件夹之外：{rel}"))
                .at(rel, None)
                .with_help("把词表复制进网站的 wordlists/ 文件夹，而不是链接到外面"),
        );
    }
    read_text(path, rel)
}

/// The entries of one list; a bad line is GOV003 at its line.
fn parse_list(text: &str, rel: &str, problems: &mut Vec<Diagnostic>) -> Vec<WordEntry> {
    let mut entries = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        match parse_word_line(line) {
            Ok(entry) => entries.extend(entry),
            Err(problem) => problems.push(
                Diagnostic::error("GOV003", format!("错敏词表条目无效：{problem}"))
                    .at(rel, Some(offset..offset + line.trim_end().len()))
                    .with_help("每行一个条目：`错误写法=>正确写法`（报错并给出修改建议）或单独一个词（警告，提示人工复核）；`#` 之后为注释"),
            ),
        }
        offset += line.len();
    }
    entries
}

/// The entries to search for, one per term; a site's entry wins over the built-in one.
fn merged(site_entries: Vec<WordEntry>) -> Vec<WordEntry> {
    let mut by_term: HashMap<String, WordEntry> = HashMap::new();
    for entry in DATA.words.iter().cloned().chain(site_entries) {
        by_term.insert(entry.term().to_string(), entry);
    }
    let mut entries: Vec<WordEntry> = by_term.into_values().collect();
    entries.sort_by(|a, b| a.term().cmp(b.term()));
    entries
}

/// Whether the hit of `entry` at `at` is really the right form that contains the wrong
/// one (`十四五=>“十四五”`).
fn is_right_form(entry: &WordEntry, text: &str, at: usize) -> bool {
    let WordEntry::Fix { wrong, right } = entry else {
        return false;
    };
    right.match_indices(wrong.as_str()).any(|(k, _)| {
        at.checked_sub(k)
            .and_then(|start| text.get(start..))
            .is_some_and(|rest| rest.starts_with(right.as_str()))
    })
}

fn finding(entry: &WordEntry, file: &str, span: std::ops::Range<usize>) -> Diagnostic {
    match entry {
        WordEntry::Fix { wrong, right } => META
            .diag(format!("错词“{wrong}”，应为“{right}”"))
            .at(file, Some(span))
            .with_label(format!("应为“{right}”"))
            .with_help(format!("将“{wrong}”改为“{right}”")),
        WordEntry::Review { term } => META
            .diag(format!("需人工复核的用语“{term}”"))
            .with_severity(Severity::Warning)
            .at(file, Some(span))
            .with_help("确认该用语可以公开发布；确属必要可保留，否则删除或改写"),
    }
}

/// The entries found in `text`, leftmost-longest, outside URLs and not the right form.
fn hits<'e>(
    matcher: &AhoCorasick,
    entries: &'e [WordEntry],
    text: &str,
) -> Vec<(&'e WordEntry, Range<usize>)> {
    let urls = url_ranges(text);
    matcher
        .find_iter(text)
        .map(|hit| (&entries[hit.pattern().as_usize()], hit.range()))
        .filter(|(entry, range)| {
            !inside_url(&urls, range) && !is_right_form(entry, text, range.start)
        })
        .collect()
}

fn scan(
    matcher: &AhoCorasick,
    entries: &[WordEntry],
    file: &str,
    segment: &Segment,
) -> Vec<Diagnostic> {
    hits(matcher, entries, &segment.text)
        .into_iter()
        .map(|(entry, range)| {
            let start = segment.offset_of(range.start);
            let end = if segment.exact {
                start + range.len()
            } else {
                start
            };
            finding(entry, file, start..end)
        })
        .collect()
}

impl Rule for WordList {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_texts(&self, site: &Site, texts: &Texts, out: &mut Vec<Diagnostic>) {
        let own = site_entries(site, out);
        let entries = merged(own);
        if entries.is_empty() {
            return;
        }
        let Ok(matcher) = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(entries.iter().map(WordEntry::term))
        else {
            return;
        };
        let found: Vec<Diagnostic> = texts
            .sources(site, META.code, |raw| matcher.is_match(raw))
            .par_iter()
            .flat_map_iter(|s| {
                s.segments
                    .iter()
                    .flat_map(|seg| scan(&matcher, &entries, &s.source.file, seg))
                    .collect::<Vec<_>>()
            })
            .collect();
        out.extend(found);
        out.extend(scan_attachments(site, &matcher, &entries));
    }
}

/// The same terms in the text of attachments, located by page, cell or paragraph.
fn scan_attachments(site: &Site, matcher: &AhoCorasick, entries: &[WordEntry]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (attachment, part) in attachment_parts(site, |text| matcher.is_match(text)) {
        for (entry, _) in hits(matcher, entries, &part.text) {
            let d = match entry {
                WordEntry::Fix { wrong, right } => META
                    .diag(format!(
                        "附件{}有错词“{wrong}”，应为“{right}”",
                        part.locator
                    ))
                    .with_help(format!("在原文件中将“{wrong}”改为“{right}”后重新上传")),
                WordEntry::Review { term } => META
                    .diag(format!("附件{}有需人工复核的用语“{term}”", part.locator))
                    .with_severity(Severity::Warning)
                    .with_help("确认该用语可以公开发布；确属必要可保留，否则修改原文件后重新上传"),
            };
            out.push(d.at(attachment.source.clone(), None));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_form_containing_the_wrong_one_is_not_a_hit() {
        let entry = WordEntry::Fix {
            wrong: "十四五".into(),
            right: "“十四五”".into(),
        };
        let text = "“十四五”规划与十四五时期";
        let quoted = text.find("十四五").unwrap();
        assert!(is_right_form(&entry, text, quoted));
        let bare = text.rfind("十四五").unwrap();
        assert!(!is_right_form(&entry, text, bare));
    }
}
