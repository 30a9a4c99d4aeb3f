//! GOV402: pages load resources only from the site itself, the mandated hosts (conac,
//! 找错) and `allow_hosts` — checked on every page (attributes, `srcset`, inline `style`,
//! `<style>`) and once over the stylesheets the build writes.

use super::link_check::{page_finding, resource_name};
use super::urls::{self, Target};
use super::{PageView, Rule, RuleMeta, SiteFacts};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};
use std::collections::HashSet;

pub static META: RuleMeta = RuleMeta {
    code: "GOV402",
    name: "third-party-resource",
    severity: Severity::Error,
    waivable: false,
    summary: "页面从本网站、党政机关网站标识、找错服务和 allow_hosts 以外的主机加载资源",
    explanation: include_str!("docs/gov402.md"),
    default_off: false,
};

pub struct ThirdParty;

const HELP: &str =
    "把文件下载到 static/ 并用站内地址引用；确需使用的已审核主机写入 site.yaml 的 allow_hosts";

/// The host a reference points to when it is another host that is not allowed.
fn foreign_host<'a>(target: &'a Target, allowed: &HashSet<String>) -> Option<&'a str> {
    match target {
        Target::External { host, .. } if !allowed.contains(host) => Some(host),
        _ => None,
    }
}

impl Rule for ThirdParty {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let config = &page.site.config;
        let allowed = urls::allowed_hosts(config);
        let mut seen = HashSet::new();
        for link in page.links {
            // A form posts what citizens type to its action: that is a resource too.
            if !link.resource && link.tag != "form" {
                continue;
            }
            let Some(host) = foreign_host(&link.target, &allowed) else {
                continue;
            };
            if seen.insert(link.url.clone()) {
                let message = format!(
                    "从第三方主机 {host} 加载{}：{}",
                    resource_name(link.tag),
                    link.url
                );
                out.push(
                    page_finding(page, &META, message, link.source_span.clone()).with_help(HELP),
                );
            }
        }
    }

    fn check_site(&self, site: &Site, facts: &SiteFacts, out: &mut Vec<Diagnostic>) {
        let (own, allowed) = (
            urls::own_hosts(&site.config),
            urls::allowed_hosts(&site.config),
        );
        for sheet in &facts.stylesheets {
            let base = format!("/{}", sheet.output);
            let mut seen = HashSet::new();
            for url in &sheet.urls {
                let target = urls::resolve(url, &base, &own);
                if let Some(host) = foreign_host(&target, &allowed) {
                    if seen.insert(url) {
                        out.push(
                            META.diag(format!("样式表从第三方主机 {host} 加载文件：{url}"))
                                .at_page(sheet.output.clone())
                                .with_help(HELP),
                        );
                    }
                }
            }
        }
    }
}
