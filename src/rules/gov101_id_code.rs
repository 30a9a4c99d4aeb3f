//! GOV101: the site identifier code (政府网站标识码) is present and well-formed.

use super::{MandatedItem, Rule, RuleMeta};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV101",
    name: "id-code-invalid",
    severity: Severity::Error,
    waivable: false,
    summary: "政府网站标识码缺失或格式不正确",
    explanation: include_str!("docs/gov101.md"),
    default_off: false,
};

pub struct IdCode;

/// The problem with an identifier code, if any.
pub fn problem(code: &str) -> Option<String> {
    let digits = code.chars().all(|c| c.is_ascii_digit());
    if let Some(rest) = code.strip_prefix("bm") {
        if rest.len() == 8 && rest.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        return Some(format!(
            "bm 后应为 8 位数字，实为 {} 位",
            rest.chars().count()
        ));
    }
    if !digits {
        return Some("只能是数字，或 bm 加 8 位数字".to_string());
    }
    if code.len() != 10 {
        return Some(format!("应为 10 位数字，实为 {} 位", code.len()));
    }
    // The division-code prefixes are data (schemas/provinces.yaml), not a numeric range:
    // 11..=82 has gaps (16, 24, 39 …) that no issued code starts with.
    if super::data::province_by_code(&code[..2]).is_none() {
        return Some(format!("前两位 {} 不是省级行政区划代码", &code[..2]));
    }
    if code[6..].chars().all(|c| c == '0') || code.chars().all(|c| c == code.as_bytes()[0] as char)
    {
        return Some("这是占位符，不是分配的标识码".to_string());
    }
    None
}

impl Rule for IdCode {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let item = MandatedItem {
            meta: &META,
            key: "id_code",
            name: "政府网站标识码",
            help: "使用全国政府网站信息报送系统分配的标识码，例如 \"5301000001\"（国务院部门为 bm 加 8 位数字）",
        };
        item.check(site, site.config.yaml.id_code.as_ref(), problem, out);
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn accepts_issued_forms() {
        for good in [
            "5301000001",
            "1200000052",
            "3100000044",
            "5109030018",
            "bm01000001",
        ] {
            assert_eq!(problem(good), None, "{good}");
        }
    }

    #[test]
    fn rejects_malformed_and_placeholder_codes() {
        for bad in [
            "53010000011",
            "530100000",
            "0000000000",
            "5301000000",
            "bm0100001",
            "53O1000001",
            "9901000001",
            "1601000001",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }
}
