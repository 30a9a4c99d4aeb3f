//! GOV804: personal data in published text — citizen ID numbers (valid check digit and
//! birth date: error) and mainland mobile numbers (warning, unless listed in the item's
//! `public_phones:`).

use super::text_scan::{attachment_parts, inside_url, url_ranges, Segment, Texts};
use super::{Rule, RuleMeta};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub static META: RuleMeta = RuleMeta {
    code: "GOV804",
    name: "personal-data",
    severity: Severity::Error,
    waivable: false,
    summary: "页面泄露个人信息：身份证号码或手机号码",
    explanation: include_str!("docs/gov804.md"),
    default_off: false,
};

pub struct PersonalData;

/// What a run of digits is.
#[derive(Debug, PartialEq, Eq)]
pub enum Hit {
    IdNumber(Range<usize>),
    Mobile(Range<usize>),
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// Whether `id` is an 18-character citizen ID number with a valid ISO 7064 MOD 11-2 check
/// character and a real birth date between 1900 and `latest_year`.
pub fn is_id_number(id: &str, latest_year: i32) -> bool {
    let bytes = id.as_bytes();
    if bytes.len() != 18 || !bytes[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = bytes[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    if bytes[17].to_ascii_uppercase() != CHECK[(sum % 11) as usize] {
        return false;
    }
    NaiveDate::parse_from_str(&id[6..14], "%Y%m%d")
        .is_ok_and(|d| (1900..=latest_year).contains(&chrono::Datelike::year(&d)))
}

/// ID numbers and mobile numbers in `text`. A number must stand alone: an ID number is not
/// part of a longer run of digits or letters, a mobile number not part of a longer run of
/// digits.
pub fn find_numbers(text: &str, latest_year: i32) -> Vec<Hit> {
    let bytes = text.as_bytes();
    let mut hits = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let mut end = i;
        if end - start == 17 && matches!(bytes.get(end), Some(b'X' | b'x')) {
            end += 1;
        }
        let touches_word = |e: usize| {
            bytes.get(e).is_some_and(u8::is_ascii_alphanumeric)
                || (start > 0 && bytes[start - 1].is_ascii_alphanumeric())
        };
        if end - start == 18 && !touches_word(end) && is_id_number(&text[start..end], latest_year) {
            hits.push(Hit::IdNumber(start..end));
        } else if end - start == 11
            && bytes[start] == b'1'
            && (b'3'..=b'9').contains(&bytes[start + 1])
        {
            hits.push(Hit::Mobile(start..end));
        }
        i = end;
    }
    hits
}

/// Whether `text` has a run of at least `n` ASCII digits: the quick test of which files
/// need a closer look.
fn has_digit_run(text: &str, n: usize) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run >= n {
            return true;
        }
    }
    false
}

/// `138****5678`: the finding must not spread the number it warns about.
fn masked(number: &str) -> String {
    let n = number.len();
    format!("{}{}{}", &number[..3], "*".repeat(n - 7), &number[n - 4..])
}

fn scan(segment: &Segment, file: &str, public: &HashSet<String>, year: i32) -> Vec<Diagnostic> {
    let text = &segment.text;
    let urls = url_ranges(text);
    let mut out = Vec::new();
    for hit in find_numbers(text, year) {
        let range = match &hit {
            Hit::IdNumber(r) | Hit::Mobile(r) => r.clone(),
        };
        let number = &text[range.clone()];
        if inside_url(&urls, &range) || matches!(hit, Hit::Mobile(_)) && public.contains(number) {
            continue;
        }
        let start = segment.offset_of(range.start);
        let span = start..if segment.exact {
            start + range.len()
        } else {
            start
        };
        out.push(match hit {
            Hit::IdNumber(_) => META
                .diag(format!("页面含有居民身份证号码 {}", masked(number)))
                .at(file, Some(span))
                .with_help("删除或遮盖身份证号码（如只保留前3位和后4位）；公开个人信息须有法定依据"),
            Hit::Mobile(_) => META
                .diag(format!("页面含有手机号码 {}", masked(number)))
                .with_severity(Severity::Warning)
                .at(file, Some(span))
                .with_help("删除个人手机号码；确为对外公布的工作电话，在该页 front matter 的 `public_phones:` 中列出"),
        });
    }
    out
}

impl Rule for PersonalData {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_texts(&self, site: &Site, texts: &Texts, out: &mut Vec<Diagnostic>) {
        let year = chrono::Datelike::year(&site.as_of.day());
        let public: HashMap<&str, HashSet<String>> = site
            .items
            .iter()
            .filter(|i| !i.front.public_phones.is_empty())
            .map(|i| {
                let numbers = i
                    .front
                    .public_phones
                    .iter()
                    .map(|p| p.as_str().chars().filter(char::is_ascii_digit).collect());
                (i.source.file.as_str(), numbers.collect())
            })
            .collect();
        let none = HashSet::new();
        let found: Vec<Diagnostic> = texts
            .sources(site, META.code, |raw| has_digit_run(raw, 11))
            .par_iter()
            .flat_map_iter(|s| {
                let file = s.source.file.as_str();
                let allowed = public.get(file).unwrap_or(&none);
                s.segments
                    .iter()
                    .flat_map(|seg| scan(seg, file, allowed, year))
                    .collect::<Vec<_>>()
            })
            .collect();
        out.extend(found);
        out.extend(scan_attachments(site, year));
    }
}

/// ID and mobile numbers in the text of attachments, located by page, cell or paragraph.
/// No `public_phones:` applies: an attachment belongs to no one item's front matter.
fn scan_attachments(site: &Site, year: i32) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (attachment, part) in attachment_parts(site, |text| has_digit_run(text, 11)) {
        let urls = url_ranges(&part.text);
        for hit in find_numbers(&part.text, year) {
            let (Hit::IdNumber(range) | Hit::Mobile(range)) = &hit;
            if inside_url(&urls, range) {
                continue;
            }
            let number = masked(&part.text[range.clone()]);
            let d = match hit {
                Hit::IdNumber(_) => META
                    .diag(format!("附件{}含有居民身份证号码 {number}", part.locator))
                    .with_help("删除或遮盖附件中的身份证号码（如只保留前3位和后4位）后重新上传；公开个人信息须有法定依据"),
                Hit::Mobile(_) => META
                    .diag(format!("附件{}含有手机号码 {number}", part.locator))
                    .with_severity(Severity::Warning)
                    .with_help("删除附件中的个人手机号码后重新上传；隐藏的工作表同样会被下载"),
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
    fn validates_check_digits_and_birth_dates() {
        assert!(is_id_number("11010519491231002X", 2026));
        assert!(is_id_number("11010519491231002x", 2026));
        assert!(
            !is_id_number("110105194912310021", 2026),
            "wrong check digit"
        );
        assert!(!is_id_number("110105194913310028", 2026), "month 13");
        assert!(!is_id_number("11010519491231002", 2026), "17 chars");
    }

    #[test]
    fn finds_numbers_that_stand_alone() {
        let text =
            "身份证11010519491231002X，手机13812345678，订单号2138123456789，座机0871-63600000";
        let hits = find_numbers(text, 2026);
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert!(matches!(hits[0], Hit::IdNumber(_)));
        assert!(matches!(&hits[1], Hit::Mobile(r) if &text[r.clone()] == "13812345678"));
        assert!(find_numbers("12345678901234567890", 2026).is_empty());
    }

    #[test]
    fn masks_numbers() {
        assert_eq!(masked("13812345678"), "138****5678");
    }
}
