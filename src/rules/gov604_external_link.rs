//! GOV604 (warning, off by default): for sites that must vet every outbound link, a link
//! to a host that is not the site itself, a mandated host, or in `allow_hosts`.

use super::link_check::Grouped;
use super::urls::{self, Target};
use super::{Rule, RuleMeta, SiteFacts};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV604",
    name: "external-link-not-allowed",
    severity: Severity::Warning,
    waivable: false,
    summary: "外部链接指向 allow_hosts 以外的主机（需在 enable 中开启）",
    explanation: include_str!("docs/gov604.md"),
    default_off: true,
};

pub struct ExternalLink;

const HELP: &str = "核实该外部网站后把主机名加入 site.yaml 的 allow_hosts，或删除链接";

impl Rule for ExternalLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_site(&self, site: &Site, facts: &SiteFacts, out: &mut Vec<Diagnostic>) {
        let mut allowed = urls::allowed_hosts(&site.config);
        allowed.extend(urls::MANDATED_LINK_HOSTS.iter().map(|h| h.to_string()));
        let mut grouped = Grouped::default();
        for page in &facts.pages {
            for link in page.links.iter().filter(|l| matches!(l.tag, "a" | "area")) {
                if let Target::External { host, .. } = &link.target {
                    if !allowed.contains(host) {
                        let message =
                            format!("外部链接指向未列入 allow_hosts 的主机 {host}：{}", link.url);
                        grouped.add(page, link, message);
                    }
                }
            }
        }
        grouped.emit(&META, HELP, out);
    }
}
