//! GOV103: the 公安机关备案号 is present and of the issued form
//! `<省简称>公网安备 <14 位数字>号`.

use super::{data, MandatedItem, Rule, RuleMeta};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV103",
    name: "psb-number-invalid",
    severity: Severity::Error,
    waivable: false,
    summary: "公安机关备案号缺失或格式不正确",
    explanation: include_str!("docs/gov103.md"),
    default_off: false,
};

pub struct PsbNumber;

const HELP: &str = "按公安部互联网站安全服务平台（https://beian.mps.gov.cn/）核发的编号原样填写，例如 滇公网安备 53010202000123号";

/// A well-formed 公安机关备案号, split into its parts.
#[derive(Debug, PartialEq, Eq)]
pub struct Psb<'a> {
    /// The one-character province abbreviation, e.g. `滇`.
    pub abbreviation: &'a str,
    /// The 14 digits; the first two are the issuing province's division code.
    pub number: &'a str,
}

/// Parses a 公安机关备案号, or says what is wrong with it. The space after 公网安备 is
/// optional: the filing system prints it, but many sites drop it, and it carries nothing.
pub fn parse(psb: &str) -> Result<Psb<'_>, String> {
    if psb.starts_with("公网安备") {
        return Err("缺少开头的省级简称，例如“滇公网安备 …”".to_string());
    }
    let first = psb.chars().next().map_or(0, char::len_utf8);
    let (abbreviation, rest) = psb.split_at(first);
    let Some(rest) = rest.strip_prefix("公网安备") else {
        return Err(if rest.starts_with("ICP") {
            "这是 ICP 备案编号，应填写在 icp 中".to_string()
        } else {
            "应为“<省简称>公网安备 <14 位数字>号”".to_string()
        });
    };
    if let Some(problem) = abbreviation_problem(abbreviation) {
        return Err(problem);
    }
    let rest = rest.trim_start_matches([' ', '\u{3000}']);
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits != 14 {
        return Err(format!("“公网安备”后应为 14 位数字，实为 {digits} 位"));
    }
    let (number, suffix) = rest.split_at(digits);
    match suffix {
        "号" => Ok(Psb {
            abbreviation,
            number,
        }),
        "" => Err("数字之后应为“号”".to_string()),
        other => Err(format!("应以“号”结尾，实为“{other}”")),
    }
}

/// The abbreviation must be one the 公安 system uses (it differs from the ICP one).
fn abbreviation_problem(abbreviation: &str) -> Option<String> {
    if data::province_by_psb(abbreviation).is_some() {
        return None;
    }
    Some(match data::province_by_icp(abbreviation) {
        Some(p) if !p.psb.is_empty() => format!(
            "“{abbreviation}”是 ICP 备案的简称，{} 的公安备案简称为“{}”",
            p.name,
            p.psb.join("”或“")
        ),
        _ => format!("“{abbreviation}”不是公安备案使用的省级简称"),
    })
}

impl Rule for PsbNumber {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let item = MandatedItem {
            meta: &META,
            key: "psb",
            name: "公安机关备案号",
            help: HELP,
        };
        item.check(site, site.config.yaml.psb.as_ref(), |v| parse(v).err(), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_issued_forms() {
        for good in [
            "滇公网安备 53010202000123号",
            "滇公网安备53010202000123号",
            "京公网安备 11010502030143号",
            "川公网安备 51010402000001号",
            "贵公网安备 52010202000001号",
            "黔公网安备 52010202000001号",
            "甘公网安备 62010202000001号",
        ] {
            assert!(parse(good).is_ok(), "{good}");
        }
        assert_eq!(
            parse("滇公网安备 53010202000123号"),
            Ok(Psb {
                abbreviation: "滇",
                number: "53010202000123"
            })
        );
    }

    #[test]
    fn rejects_malformed_numbers() {
        for bad in [
            "公网安备 53010202000123号",
            "蜀公网安备 51010402000001号",
            "陇公网安备 62010202000001号",
            "滇公网安备 5301020200012号",
            "滇公网安备 530102020001234号",
            "滇公网安备 53010202000123",
            "滇公网安备 53010202000123号-1",
            "滇ICP备05000000号",
            "滇公安备案 53010202000123号",
            "",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(parse("蜀公网安备 51010402000001号")
            .unwrap_err()
            .contains("川"));
    }
}
