//! GOV805: a classified or internal marking (绝密★、机密★、秘密★, “内部资料”“不得外传”…)
//! in published text or in an attachment — a sign the document was never cleared for
//! publication (保密审查).

use super::text_scan::{attachment_parts, Texts};
use super::{Rule, RuleMeta};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};
use std::ops::Range;

pub static META: RuleMeta = RuleMeta {
    code: "GOV805",
    name: "classified-marking",
    severity: Severity::Error,
    waivable: true,
    summary: "正文或附件带有密级或内部标志",
    explanation: include_str!("docs/gov805.md"),
    default_off: false,
};

pub struct Marking;

/// Phrases that mark a document as not for the public.
const PHRASES: &[&str] = &[
    "内部资料",
    "注意保存",
    "不得外传",
    "不宜公开",
    "内部文件",
    "内部使用",
];
/// Classification levels; a marking only when a star follows (`秘密★1年`), since 秘密 alone
/// is an ordinary word.
const LEVELS: &[&str] = &["绝密", "机密", "秘密"];

/// Markings in `text`: byte range and the marking as written (level, star and period).
pub fn find_markings(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    for level in LEVELS {
        for (start, _) in text.match_indices(level) {
            let rest = &text[start + level.len()..];
            let gap = rest.len() - rest.trim_start().len();
            let after = &rest[gap..];
            if !after.starts_with(['★', '☆']) {
                continue;
            }
            // The period after the star: digits and 年/月/日/长期, as in 秘密★1年.
            let period: usize = after['★'.len_utf8()..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || "年月日长期个".contains(*c))
                .map(char::len_utf8)
                .sum();
            let end = start + level.len() + gap + '★'.len_utf8() + period;
            out.push((start..end, text[start..end].to_string()));
        }
    }
    for phrase in PHRASES {
        for (start, _) in text.match_indices(phrase) {
            out.push((start..start + phrase.len(), phrase.to_string()));
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

fn may_hold_marking(raw: &str) -> bool {
    raw.contains('★') || raw.contains('☆') || PHRASES.iter().any(|p| raw.contains(p))
}

const HELP: &str = "发布前须经保密审查：涉密或内部文件不得公开；确已解密或可公开的，删除密级与内部标志后再发布；确属误报（如转载公开的保密法规），在 site.yaml 的 waivers 中写明理由豁免 GOV805";

impl Rule for Marking {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_texts(&self, site: &Site, texts: &Texts, out: &mut Vec<Diagnostic>) {
        for source in texts.sources(site, META.code, may_hold_marking) {
            for segment in &source.segments {
                for (range, marking) in find_markings(&segment.text) {
                    let start = segment.offset_of(range.start);
                    let end = if segment.exact {
                        start + range.len()
                    } else {
                        start
                    };
                    out.push(
                        META.diag(format!("正文带有密级或内部标志“{marking}”"))
                            .at(source.source.file.clone(), Some(start..end))
                            .with_help(HELP),
                    );
                }
            }
        }
        for (attachment, part) in attachment_parts(site, may_hold_marking) {
            for (_, marking) in find_markings(&part.text) {
                out.push(
                    META.diag(format!("附件{}带有密级或内部标志“{marking}”", part.locator))
                        .at(attachment.source.clone(), None)
                        .with_help(HELP),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find_markings;

    #[test]
    fn finds_levels_with_stars_and_periods() {
        let found = find_markings("秘密★1年 关于……的通知，本件内部资料");
        let names: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(names, ["秘密★1年", "内部资料"]);
        assert_eq!(find_markings("机密 ★")[0].1, "机密 ★");
    }

    #[test]
    fn quiet_on_plain_words() {
        assert!(find_markings("本法所称国家秘密是指……；保守秘密是公民的义务").is_empty());
    }
}
