//! GOV310: a published 咨询投诉 letter is answered within three months of being asked.

use super::structure_data::DATA;
use super::{Rule, RuleMeta};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV310",
    name: "letter-unanswered",
    severity: Severity::Error,
    waivable: false,
    summary: "咨询投诉来信超过3个月未答复",
    explanation: include_str!("docs/gov310.md"),
    default_off: false,
};

pub struct LetterUnanswered;

impl Rule for LetterUnanswered {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let limit = DATA.letter_answer;
        let today = site.as_of.day();
        for (i, item) in site.items.iter().enumerate() {
            if site.item_type(i) != Some("咨询投诉") || item.answered.is_some() {
                continue;
            }
            // Without `asked`, the publication date is when the letter became public.
            let (asked, key) = match (item.asked, item.date) {
                (Some(a), _) => (a, "asked"),
                (None, Some(d)) => (d, "date"),
                (None, None) => continue,
            };
            let overdue = limit.after(asked.day()).is_some_and(|due| due < today);
            if !overdue {
                continue;
            }
            out.push(
                META.diag(format!(
                    "来信“{}”于 {} 收到，超过{}仍未答复（截至 {}，已 {} 天）",
                    item.title(),
                    asked.ymd(),
                    limit.chinese(),
                    site.as_of.ymd(),
                    asked.days_until(&site.as_of)
                ))
                .at(item.source.file.clone(), Some(item.source.spans().best(key)))
                .with_help("尽快答复并在 front matter 中填写 `answered:` 答复日期和 `answer:` 答复内容（或写在正文中）"),
            );
        }
    }
}
