//! The site's identity as its homepage shows it — 网站名称, 标识码, 主办单位, 联系方式,
//! ICP备案编号, 公安机关备案号, the conac and 找错 scripts — read from the meta tags and the
//! footer text, so that the rules can compare every other page with it.

use crate::legacy::PageMeta;
use scraper::{Html, Selector};

/// What the homepage says about the site; empty strings where it says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Identity {
    pub name: String,
    pub domain: String,
    pub id_code: String,
    pub sponsor: String,
    pub phone: String,
    pub email: String,
    pub icp: String,
    pub psb: String,
    pub conac: String,
    pub jiucuo: bool,
}

/// Reads the identity from the homepage's parsed document and meta tags.
pub fn read(doc: &Html, meta: &PageMeta) -> Identity {
    let text = footer_text(doc);
    let scripts: Vec<String> = select(doc, "script[src]")
        .filter_map(|s| s.value().attr("src").map(str::to_string))
        .collect();
    let after_label =
        |labels: &[&str], stop: fn(char) -> bool| labels.iter().find_map(|l| after(&text, l, stop));
    Identity {
        name: meta
            .site_name
            .clone()
            .or(meta.title.clone())
            .unwrap_or_default(),
        domain: meta.site_domain.clone().unwrap_or_default(),
        id_code: meta
            .site_id_code
            .clone()
            .or_else(|| {
                after_label(&["政府网站标识码", "网站标识码"], |c| {
                    !c.is_ascii_alphanumeric()
                })
            })
            .unwrap_or_default(),
        sponsor: after_label(&["主办单位", "主办"], is_field_end).unwrap_or_default(),
        phone: after_label(&["联系电话", "电话"], |c| {
            !(c.is_ascii_digit() || c == '-')
        })
        .unwrap_or_default(),
        email: text
            .split(|c: char| c.is_whitespace() || !c.is_ascii())
            .find(|w| w.contains('@') && w.contains('.'))
            .map(|w| {
                w.trim_matches(|c: char| !c.is_ascii_alphanumeric())
                    .to_string()
            })
            .unwrap_or_default(),
        icp: filing(&text, "ICP备"),
        psb: filing(&text, "公网安备"),
        conac: scripts
            .iter()
            .find(|s| s.contains("conac.cn"))
            .cloned()
            .unwrap_or_default(),
        jiucuo: scripts.iter().any(|s| s.contains("jiucuo")),
    }
}

fn select<'d>(doc: &'d Html, css: &str) -> impl Iterator<Item = scraper::ElementRef<'d>> + 'd {
    let selector = Selector::parse(css).ok();
    selector
        .into_iter()
        .flat_map(move |s| doc.select(&s).collect::<Vec<_>>())
}

/// The text of the last `<footer>`, else of the whole body (table layouts have no footer
/// element), white space collapsed.
fn footer_text(doc: &Html) -> String {
    let footer = select(doc, "footer").last();
    let root = footer.or_else(|| select(doc, "body").next());
    let text: String = root
        .map(|r| r.text().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_field_end(c: char) -> bool {
    c.is_whitespace() || "|｜，,；;。".contains(c)
}

/// The value after `label` and a colon (full or half width), up to `stop`.
fn after(text: &str, label: &str, stop: fn(char) -> bool) -> Option<String> {
    let mut from = 0;
    while let Some(at) = text[from..].find(label) {
        let rest = text[from + at + label.len()..].trim_start();
        from += at + label.len();
        let Some(rest) = rest.strip_prefix(['：', ':']) else {
            continue;
        };
        let rest = rest.trim_start();
        let end = rest.find(stop).unwrap_or(rest.len());
        if end > 0 {
            return Some(rest[..end].to_string());
        }
    }
    None
}

/// A filing number around `marker` as the page writes it: the province abbreviation
/// before it, the digits and 号 after it, and an optional `-N` (ICP).
fn filing(text: &str, marker: &str) -> String {
    let Some(at) = text.find(marker) else {
        return String::new();
    };
    let Some(province) = text[..at].chars().next_back().filter(|c| !c.is_ascii()) else {
        return String::new();
    };
    let start = at - province.len_utf8();
    let after = at + marker.len();
    let rest = &text[after..];
    let spaces = rest.len() - rest.trim_start().len();
    let digits = rest[spaces..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let mut end = after + spaces + digits;
    if digits == 0 || !text[end..].starts_with('号') {
        return String::new();
    }
    end += '号'.len_utf8();
    if let Some(n) = text[end..].strip_prefix('-') {
        let n = n.bytes().take_while(u8::is_ascii_digit).count();
        if n > 0 {
            end += 1 + n;
        }
    }
    text[start..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_table_layout_footer() {
        let html = r#"<html><head><meta name="SiteName" content="某某市人民政府">
<script src="https://dcs.conac.cn/js/33/000/0000/1.js"></script></head><body><table><tr><td>
主办单位：某某市人民政府办公室 | 联系电话：0571-85250000 邮箱：web@hz.gov.cn<br>
<a href="https://beian.miit.gov.cn">浙ICP备05000000号-2</a>
<a href="http://www.beian.gov.cn">浙公网安备 33010202000123号</a> 政府网站标识码：3301000001
<script src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></td></tr></table>"#;
        let doc = Html::parse_document(html);
        let id = read(&doc, &crate::legacy::page_meta(&doc));
        assert_eq!(id.name, "某某市人民政府");
        assert_eq!(id.sponsor, "某某市人民政府办公室");
        assert_eq!(id.phone, "0571-85250000");
        assert_eq!(id.email, "web@hz.gov.cn");
        assert_eq!(id.icp, "浙ICP备05000000号-2");
        assert_eq!(id.psb, "浙公网安备 33010202000123号");
        assert_eq!(id.id_code, "3301000001");
        assert!(id.conac.contains("conac.cn") && id.jiucuo);
    }
}
