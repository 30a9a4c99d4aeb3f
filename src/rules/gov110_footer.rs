//! GOV110: every rendered page's footer shows the mandated identification block.

use super::{html, PageView, Rule, RuleMeta};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity};
use std::cell::RefCell;

pub static META: RuleMeta = RuleMeta {
    code: "GOV110",
    name: "footer-identification-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "页面底部缺少必备的网站标识信息",
    explanation: include_str!("docs/gov110.md"),
    default_off: false,
};

pub struct Footer;

const MIIT: &str = "beian.miit.gov.cn";
const MPS: &str = "beian.mps.gov.cn";

impl Rule for Footer {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let config = &page.site.config;
        let dom = page.dom;
        let Some(footer) = page.named("footer").last() else {
            out.push(page.diag(&META, "页面没有 <footer> 页脚").with_help(
                "主题的 base.html 需要包含 <footer>，列出主办单位、联系方式、标识码和备案号",
            ));
            return;
        };
        let mut missing = footer_gaps(config, footer, dom);
        let id = config.id_code();
        let conac = config
            .yaml
            .conac
            .as_ref()
            .map_or("", |c| Config::str_of(&c.script));
        if !conac.is_empty() && config.waiver_for("GOV108").is_none() && !has_script(page, conac) {
            missing.push("党政机关网站标识（conac 脚本）".to_string());
        }
        if config.yaml.jiucuo == Some(true)
            && config.waiver_for("GOV109").is_none()
            && !has_jiucuo(page, id)
        {
            missing.push(format!(
                "“我为政府网站找错”入口（sitecode=\"{id}\" 的脚本）"
            ));
        }
        if !missing.is_empty() {
            out.push(
                page.diag(&META, format!("页脚缺少：{}", missing.join("、")))
                    .with_help(
                        "使用默认主题的页脚，或在自定义主题的 <footer> 中按 site.yaml 输出这些项",
                    ),
            );
        }
    }
}

/// The mandated items missing from the footer's text and links. A site's footer is the
/// same on nearly every page, so each thread remembers its last footer (as written in the
/// page) and verdict.
fn footer_gaps(config: &Config, footer: &tl::HTMLTag, dom: &tl::VDom) -> Vec<String> {
    thread_local! {
        static LAST: RefCell<Option<(String, String, Vec<String>)>> = const { RefCell::new(None) };
    }
    // Compared as bytes: decoding the whole footer of every page only to compare it costs.
    let markup = footer.raw().as_bytes();
    // The verdict depends on the footer and on what site.yaml says it must show.
    let yaml = &config.yaml;
    let mut key = String::new();
    for value in [
        &yaml.contact.phone,
        &yaml.contact.email,
        &yaml.icp,
        &yaml.psb,
    ] {
        key.push('\0');
        key.push_str(Config::str_of(value));
    }
    for value in [config.sponsor(), config.id_code()] {
        key.push('\0');
        key.push_str(value);
    }
    let remembered = LAST.with_borrow(|last| {
        let (m, k, gaps) = last.as_ref()?;
        (m.as_bytes() == markup && *k == key).then(|| gaps.clone())
    });
    if let Some(gaps) = remembered {
        return gaps;
    }
    let markup = html::str_of(markup);
    let gaps = gaps_in(config, &html::text(footer, dom), &markup);
    LAST.set(Some((markup.into_owned(), key, gaps.clone())));
    gaps
}

/// [`footer_gaps`] worked out from the footer's text and markup.
fn gaps_in(config: &Config, text: &str, markup: &str) -> Vec<String> {
    let mut missing = Vec::new();
    let sponsor = config.sponsor();
    if !sponsor.is_empty() && !text.contains(sponsor) {
        missing.push(format!("主办单位“{sponsor}”"));
    }
    let contact = &config.yaml.contact;
    let phone = Config::str_of(&contact.phone);
    let email = Config::str_of(&contact.email);
    let shows = |value: &str| !value.is_empty() && text.contains(value);
    if (!phone.is_empty() || !email.is_empty()) && !shows(phone) && !shows(email) {
        missing.push("联系方式".to_string());
    }
    let id = config.id_code();
    if !id.is_empty()
        && !text.contains(&format!("政府网站标识码：{id}"))
        && !text.contains(&format!("政府网站标识码:{id}"))
    {
        missing.push(format!("“政府网站标识码：{id}”"));
    }
    let icp = Config::str_of(&config.yaml.icp);
    if !icp.is_empty() && (!text.contains(icp) || !markup.contains(MIIT)) {
        missing.push(format!("ICP备案编号“{icp}”及指向 {MIIT} 的链接"));
    }
    let psb = Config::str_of(&config.yaml.psb);
    if !psb.is_empty() && (!text.contains(psb) || !markup.contains(MPS)) {
        missing.push(format!("公安机关备案号“{psb}”及指向 {MPS} 的链接"));
    }
    missing
}

fn has_script(page: &PageView, src: &str) -> bool {
    page.named("script")
        .any(|s| html::attr(s, "src").is_some_and(|v| html::decode_entities(&v) == src))
}

fn has_jiucuo(page: &PageView, id: &str) -> bool {
    page.named("script").any(|s| {
        html::attr(s, "id").as_deref() == Some("_jiucuo_")
            && html::attr(s, "sitecode").as_deref() == Some(id)
            && html::attr(s, "src")
                .is_some_and(|src| html::decode_entities(&src).contains("zfwzgl.www.gov.cn"))
    })
}
