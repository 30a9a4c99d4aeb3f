//! The new site.yaml: the site's identity from the SiteName/SiteDomain/SiteIDCode meta
//! tags and the footer text (主办单位, ICP备案, 公安备案, 联系方式), written with
//! serde_yaml so every value is quoted as YAML needs, plus a `# 未找到：…` line for each
//! item that could not be found.

use super::page::PageFacts;
use super::text::{clean, visible_after};
use serde::Serialize;

/// The keys of site.yaml that import fills (site-format.md section 2).
#[derive(Debug, Default, Serialize)]
pub struct SiteYaml {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sponsor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    pub contact: Contact,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icp: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub psb: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conac: Option<Conac>,
    pub jiucuo: bool,
}

#[derive(Debug, Default, Serialize)]
pub struct Contact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Conac {
    pub script: String,
}

/// The identity read from the homepage (or the first page with the meta tags), and what
/// was missing or guessed, as plain Chinese lines for the report.
pub struct Identity {
    pub yaml: SiteYaml,
    pub missing: Vec<String>,
    pub guessed: Vec<String>,
}

/// Reads the identity from a page's facts.
pub fn read(facts: &PageFacts) -> Identity {
    let footer = clean(&facts.footer);
    let after = |labels: &[&str]| labels.iter().find_map(|l| visible_after(&footer, l));
    let domain = facts
        .meta("SiteDomain")
        .map(str::to_string)
        .or_else(|| facts.meta("Url").and_then(host_of));
    let (address, postcode) = split_postcode(after(&["地址", "通信地址", "通讯地址"]));
    let yaml = SiteYaml {
        name: facts.meta("SiteName").map(str::to_string),
        kind: "portal".into(),
        domain,
        id_code: facts
            .meta("SiteIDCode")
            .map(str::to_string)
            .or_else(|| after(&["政府网站标识码", "网站标识码", "标识码"])),
        sponsor: after(&["主办单位", "主办"]).map(first_word),
        operator: after(&["承办单位", "承办"]).map(first_word),
        contact: Contact {
            phone: after(&["联系电话", "电话"]).map(first_word),
            email: after(&["电子邮箱", "邮箱", "Email", "E-mail"]).map(first_word),
            address,
            postcode: postcode.or_else(|| after(&["邮编", "邮政编码"]).map(first_word)),
        },
        icp: filing(&footer, "ICP备"),
        psb: filing(&footer, "公网安备"),
        conac: facts
            .scripts
            .iter()
            .find(|s| s.contains("dcs.conac.cn"))
            .map(|s| Conac { script: s.clone() }),
        // The new site always carries the entry (its sitecode is id_code).
        jiucuo: true,
    };
    let had_jiucuo = facts.scripts.iter().any(|s| s.contains("jiucuo"));
    let mut missing = Vec::new();
    let mut need = |present: bool, what: &str| {
        if !present {
            missing.push(what.to_string());
        }
    };
    need(yaml.name.is_some(), "网站名称（SiteName）");
    need(yaml.domain.is_some(), "网站域名（SiteDomain）");
    need(yaml.id_code.is_some(), "政府网站标识码（SiteIDCode）");
    need(yaml.sponsor.is_some(), "主办单位");
    need(
        yaml.contact.phone.is_some() || yaml.contact.email.is_some(),
        "联系电话或电子邮箱",
    );
    need(yaml.icp.is_some(), "ICP备案编号");
    need(yaml.psb.is_some(), "公安机关备案号");
    need(yaml.conac.is_some(), "党政机关网站标识（conac）");
    let mut guessed = vec![
        "kind: portal（网站类型无法从页面判断，请按实际改为 department 或 special）".to_string(),
    ];
    if !had_jiucuo {
        guessed.push("jiucuo: true（旧网站页面上没有“我为政府网站找错”入口，新网站开启）".into());
    }
    Identity {
        yaml,
        missing,
        guessed,
    }
}

/// A value up to its first space: footers run several items on one line.
fn first_word(value: String) -> String {
    value.split(' ').next().unwrap_or(&value).to_string()
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', ':', '?']).next()?;
    (!host.is_empty()).then(|| host.to_string())
}

/// `示例路1号（邮编：650000）` → the address and the postcode.
fn split_postcode(address: Option<String>) -> (Option<String>, Option<String>) {
    let Some(address) = address else {
        return (None, None);
    };
    let address = first_word(address);
    for open in ['（', '('] {
        if let Some((before, inside)) = address.split_once(open) {
            let code: String = inside.chars().filter(char::is_ascii_digit).collect();
            if code.len() == 6 {
                return (Some(before.to_string()), Some(code));
            }
        }
    }
    (Some(address), None)
}

/// A filing number around `marker`: `京ICP备12345678号-1`, `京公网安备 11010502030143号`.
fn filing(text: &str, marker: &str) -> Option<String> {
    let at = text.find(marker)?;
    let province = text[..at]
        .chars()
        .next_back()
        .filter(|c| !c.is_ascii() && !c.is_whitespace())?;
    let rest = &text[at + marker.len()..];
    let spaced = rest.starts_with(' ');
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.is_empty() {
        return None;
    }
    let after = &rest.trim_start()[digits.len()..];
    let mut number = format!(
        "{province}{marker}{}{digits}",
        if spaced { " " } else { "" }
    );
    if let Some(tail) = after.strip_prefix('号') {
        number.push('号');
        let suffix: String = tail
            .strip_prefix('-')
            .map(|t| t.chars().take_while(char::is_ascii_digit).collect())
            .unwrap_or_default();
        if !suffix.is_empty() {
            number.push('-');
            number.push_str(&suffix);
        }
    }
    Some(number)
}

/// site.yaml's text: a header, a `# 未找到：…` line for each missing item, the values.
pub fn render(identity: &Identity) -> String {
    let mut out =
        String::from("# 由 govsite import 从旧网站页面生成；各字段含义见 site-format.md 第2节。\n");
    for what in &identity.missing {
        out.push_str(&format!("# 未找到：{what}，请补充\n"));
    }
    for what in &identity.guessed {
        out.push_str(&format!("# 推测：{what}\n"));
    }
    out.push_str(&serde_yaml::to_string(&identity.yaml).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn facts(footer: &str) -> PageFacts {
        let html = format!(
            "<meta name=SiteName content=示例市人民政府门户网站><meta name=SiteDomain content=www.example.gov.cn>\
             <meta name=SiteIDCode content=5301000001><body><div class=footer>{footer}</div></body>"
        );
        super::super::page::read(&Html::parse_document(&html))
    }

    #[test]
    fn reads_the_footer() {
        let id = read(&facts(
            "主办单位：示例市人民政府办公厅　承办单位：示例市大数据中心 联系电话：010-12345678 \
             地址：示例市示例路1号（邮编：650000） 京ICP备12345678号-1 京公网安备 11010502030143号",
        ));
        let y = &id.yaml;
        assert_eq!(y.sponsor.as_deref(), Some("示例市人民政府办公厅"));
        assert_eq!(y.operator.as_deref(), Some("示例市大数据中心"));
        assert_eq!(y.contact.phone.as_deref(), Some("010-12345678"));
        assert_eq!(y.contact.address.as_deref(), Some("示例市示例路1号"));
        assert_eq!(y.contact.postcode.as_deref(), Some("650000"));
        assert_eq!(y.icp.as_deref(), Some("京ICP备12345678号-1"));
        assert_eq!(y.psb.as_deref(), Some("京公网安备 11010502030143号"));
        assert_eq!(id.missing, ["党政机关网站标识（conac）"]);
    }

    #[test]
    fn lists_what_it_could_not_find() {
        let id = read(&facts("版权所有"));
        let text = render(&id);
        assert!(text.contains("# 未找到：主办单位，请补充"), "{text}");
        assert!(text.contains("# 未找到：ICP备案编号"), "{text}");
    }

    #[test]
    fn values_are_quoted_as_yaml_needs() {
        let mut id = read(&facts(""));
        id.yaml.sponsor = Some("甲: 乙 # 丙".into());
        id.yaml.operator = Some("*引用".into());
        id.yaml.contact.phone = Some("&锚".into());
        id.yaml.contact.postcode = Some("0123".into());
        let text = render(&id);
        let back: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back["sponsor"].as_str(), Some("甲: 乙 # 丙"));
        assert_eq!(back["operator"].as_str(), Some("*引用"));
        assert_eq!(back["contact"]["phone"].as_str(), Some("&锚"));
        assert_eq!(back["contact"]["postcode"].as_str(), Some("0123"));
        assert_eq!(back["id_code"].as_str(), Some("5301000001"));
    }
}
