//! GOV102: the ICP filing number (ICP备案编号) is present and of the issued form
//! `<省简称>ICP备<5–10 位数字>号`, optionally followed by `-N` (the site's sequence number).

use super::{data, MandatedItem, Rule, RuleMeta};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV102",
    name: "icp-number-invalid",
    severity: Severity::Error,
    waivable: false,
    summary: "ICP备案编号缺失或格式不正确",
    explanation: include_str!("docs/gov102.md"),
    default_off: false,
};

pub struct IcpNumber;

const HELP: &str = "按工业和信息化部备案系统（https://beian.miit.gov.cn/）核发的编号原样填写，例如 滇ICP备05000000号-1 或 滇ICP备2021001234号-2";

/// The problem with an ICP filing number, if any.
pub fn problem(icp: &str) -> Option<String> {
    if icp.starts_with("ICP") {
        return Some("缺少开头的省级简称，例如“滇ICP备…”".to_string());
    }
    let mut chars = icp.chars();
    let abbreviation = chars.next()?.to_string();
    let rest = chars.as_str();
    let Some(rest) = rest.strip_prefix("ICP备") else {
        return Some(form_problem(rest));
    };
    if let Some(problem) = abbreviation_problem(&abbreviation) {
        return Some(problem);
    }
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if !(5..=10).contains(&digits) {
        return Some(format!("“ICP备”后应为 5–10 位数字，实为 {digits} 位"));
    }
    let Some(suffix) = rest[digits..].strip_prefix('号') else {
        return Some("数字之后应为“号”".to_string());
    };
    suffix_problem(suffix)
}

/// What is wrong when the text after the abbreviation is not `ICP备`.
fn form_problem(rest: &str) -> String {
    if rest.to_ascii_uppercase().starts_with("ICP备") {
        "“ICP”应为大写".to_string()
    } else if rest.starts_with("ICP证") {
        "这是 ICP 经营许可证编号，应填写 ICP 备案编号（“ICP备”）".to_string()
    } else if rest.starts_with("公网安备") {
        "这是公安机关备案号，应填写在 psb 中".to_string()
    } else {
        "应为“<省简称>ICP备<数字>号”".to_string()
    }
}

/// The abbreviation must be one the ICP system uses (it differs from the 公安 one).
fn abbreviation_problem(abbreviation: &str) -> Option<String> {
    if data::province_by_icp(abbreviation).is_some() {
        return None;
    }
    Some(match data::province_by_psb(abbreviation) {
        Some(p) if !p.icp.is_empty() => format!(
            "“{abbreviation}”是公安备案的简称，{} 的 ICP 备案简称为“{}”",
            p.name,
            p.icp.join("”或“")
        ),
        _ => format!("“{abbreviation}”不是 ICP 备案使用的省级简称"),
    })
}

/// After `号` only `-N` (the site's sequence number under the filing) may follow.
fn suffix_problem(suffix: &str) -> Option<String> {
    if suffix.is_empty() {
        return None;
    }
    match suffix.strip_prefix('-') {
        Some(n) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => None,
        Some(_) => Some("“-”后应为网站序号（数字）".to_string()),
        None if suffix.starts_with(['－', '—', '–']) => {
            Some("序号前应使用半角连字符“-”".to_string())
        }
        None => Some(format!("“号”之后只能是“-序号”，实为“{suffix}”")),
    }
}

impl Rule for IcpNumber {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let item = MandatedItem {
            meta: &META,
            key: "icp",
            name: "ICP备案编号",
            help: HELP,
        };
        item.check(site, site.config.yaml.icp.as_ref(), problem, out);
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn accepts_issued_forms() {
        for good in [
            "滇ICP备05000000号-1",
            "京ICP备05070602号",
            "滇ICP备2021001234号-2",
            "蜀ICP备12345号",
            "川ICP备12345678号-10",
            "黔ICP备2022000001号",
            "陇ICP备19000001号-3",
        ] {
            assert_eq!(problem(good), None, "{good}");
        }
    }

    #[test]
    fn rejects_malformed_numbers() {
        for bad in [
            "ICP备05000000号",
            "滇icp备05000000号",
            "京ICP证030173号",
            "贵ICP备2022000001号",
            "甘ICP备19000001号",
            "X ICP备05000000号",
            "滇ICP备1234号",
            "滇ICP备20210012345号",
            "滇ICP备05000000",
            "滇ICP备05000000号-",
            "滇ICP备05000000号－1",
            "滇ICP备05000000号-1a",
            "滇ICP备05000000号 网站",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn names_the_right_icp_abbreviation_for_psb_ones() {
        let p = problem("贵ICP备2022000001号").unwrap();
        assert!(p.contains("黔"), "{p}");
        let p = problem("甘ICP备19000001号").unwrap();
        assert!(p.contains("陇"), "{p}");
    }
}
