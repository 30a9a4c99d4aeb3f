//! GOV104: the first two digits of the 公安机关备案号 (the issuing province's division code)
//! agree with its abbreviation. A warning: the number is shown exactly as issued, but a
//! mismatch usually means a copy-paste from another site.

use super::{data, gov103_psb, Rule, RuleMeta};
use crate::config::SITE_FILE;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV104",
    name: "psb-province-mismatch",
    severity: Severity::Warning,
    waivable: false,
    summary: "公安机关备案号的前两位与简称所属省份不一致",
    explanation: include_str!("docs/gov104.md"),
    default_off: false,
};

pub struct PsbProvince;

/// The mismatch between abbreviation and division code, if any.
pub fn mismatch(psb: &str) -> Option<String> {
    // Malformed numbers are GOV103's to report.
    let parsed = gov103_psb::parse(psb).ok()?;
    let by_abbreviation = data::province_by_psb(parsed.abbreviation)?;
    let prefix = &parsed.number[..2];
    match data::province_by_code(prefix) {
        Some(p) if p.code == by_abbreviation.code => None,
        Some(p) => Some(format!(
            "简称“{}”属于{}，编号前两位“{prefix}”却是{}的行政区划代码",
            parsed.abbreviation, by_abbreviation.name, p.name
        )),
        None => Some(format!(
            "编号前两位“{prefix}”不是省级行政区划代码（简称“{}”属于{}，应为 {}）",
            parsed.abbreviation, by_abbreviation.name, by_abbreviation.code
        )),
    }
}

impl Rule for PsbProvince {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let config = &site.config;
        let Some(psb) = &config.yaml.psb else {
            return;
        };
        if let Some(problem) = mismatch(psb.as_str()) {
            out.push(
                META.diag(format!("公安机关备案号与省份不一致：{problem}"))
                    .at(SITE_FILE, config.spans.value("psb"))
                    .with_label("简称与编号前两位不一致")
                    .with_help("编号前两位是备案公安机关所在省的行政区划代码；对照公安部备案系统（https://beian.mps.gov.cn/）核对本网站的备案号，不要沿用其他网站的编号"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::mismatch;

    #[test]
    fn agrees_for_matching_provinces() {
        for good in [
            "滇公网安备 53010202000123号",
            "贵公网安备 52010202000001号",
            "黔公网安备 52010202000001号",
            "川公网安备 51010402000001号",
            "甘公网安备 62010202000001号",
        ] {
            assert_eq!(mismatch(good), None, "{good}");
        }
    }

    #[test]
    fn flags_other_provinces_and_unknown_prefixes() {
        let m = mismatch("滇公网安备 11010502030143号").unwrap();
        assert!(m.contains("云南省") && m.contains("北京市"), "{m}");
        assert!(mismatch("贵公网安备 51010402000001号").is_some());
        assert!(mismatch("滇公网安备 99010202000123号").is_some());
    }

    #[test]
    fn leaves_malformed_numbers_to_gov103() {
        assert_eq!(mismatch("滇公网安备 1101号"), None);
    }
}
