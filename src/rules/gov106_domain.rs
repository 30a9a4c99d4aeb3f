//! GOV106: the site lives on a `.gov.cn` host (国办函〔2018〕55号), `base_url` points at that
//! same host, and an optional Chinese domain ends in `.政务`.

use super::{Rule, RuleMeta};
use crate::config::{Config, SITE_FILE};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV106",
    name: "domain-invalid",
    severity: Severity::Error,
    waivable: false,
    summary: "网站域名不是 .gov.cn 域名，或 base_url 与域名不一致",
    explanation: include_str!("docs/gov106.md"),
    default_off: false,
};

pub struct Domain;

const HELP: &str = "政府网站只能使用 .gov.cn 英文域名：门户网站如 www.example.gov.cn，部门网站用门户的下级域名如 jyj.example.gov.cn";

/// The problem with a `domain:` value, if any (compared case-insensitively, as DNS does).
pub fn problem(domain: &str) -> Option<String> {
    if domain.contains("://") || domain.contains('/') {
        return Some("只填写主机名，不含 https:// 和路径".to_string());
    }
    if domain.contains(':') {
        return Some("只填写主机名，不含端口".to_string());
    }
    let domain = domain.to_ascii_lowercase();
    let Some(name) = domain.strip_suffix(".gov.cn") else {
        return Some(format!("“{domain}”不是 .gov.cn 域名"));
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    if name.is_empty() || !name.split('.').all(label_ok) {
        return Some(format!("“{domain}”不是有效的主机名"));
    }
    None
}

impl Rule for Domain {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let config = &site.config;
        let domain = config.domain();
        if domain.is_empty() {
            out.push(
                META.diag("缺少网站域名（domain）")
                    .at(SITE_FILE, Some(config.spans.best("domain")))
                    .with_help(HELP),
            );
        } else if let Some(problem) = problem(domain) {
            out.push(
                META.diag(format!("网站域名不符合要求：{problem}"))
                    .at(SITE_FILE, config.spans.value("domain"))
                    .with_label(problem)
                    .with_help(HELP),
            );
        } else if config.yaml.base_url.is_some() {
            check_base_url(config, domain, out);
        }
        let chinese = Config::str_of(&config.yaml.chinese_domain);
        if !chinese.is_empty() && !chinese.ends_with(".政务") {
            out.push(
                META.diag(format!("中文域名“{chinese}”不以 .政务 结尾"))
                    .at(SITE_FILE, config.spans.value("chinese_domain"))
                    .with_help("中文域名使用 .政务，以机构名称命名，例如 示例市人民政府.政务；没有中文域名时删除 chinese_domain"),
            );
        }
    }
}

/// Links, feeds and the sitemap are built from `base_url`: another host would publish the
/// site's addresses under a domain that is not its filed one.
fn check_base_url(config: &Config, domain: &str, out: &mut Vec<Diagnostic>) {
    let host = config.base_host();
    if host.is_empty() || host.eq_ignore_ascii_case(domain) {
        return;
    }
    out.push(
        META.diag(format!("base_url 的主机“{host}”与网站域名“{domain}”不一致"))
            .at(SITE_FILE, config.spans.value("base_url"))
            .with_label("主机与 domain 不同")
            .with_help(format!(
                "写作 https://{domain}/，或删除 base_url（默认即为 https://{domain}/）"
            )),
    );
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn accepts_gov_cn_hosts() {
        for good in [
            "www.example.gov.cn",
            "jyj.example.gov.cn",
            "WWW.Example.GOV.CN",
            "example.gov.cn",
        ] {
            assert_eq!(problem(good), None, "{good}");
        }
    }

    #[test]
    fn rejects_other_hosts_and_urls() {
        for bad in [
            "www.example.com",
            "gov.cn",
            "https://www.example.gov.cn",
            "www.example.gov.cn/zwdt",
            "www.example.gov.cn:8080",
            "www.example.gov.cn.evil.com",
            "www..gov.cn",
            "-www.gov.cn",
            "示例.gov.cn",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }
}
