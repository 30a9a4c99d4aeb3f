//! GOV603: every image, script, stylesheet, medium and attachment a page (or a stylesheet)
//! refers to on the site is a file the build produces.

use super::facts::PerLink;
use super::gov601_broken_link::shown;
use super::link_check::{resource_name, Grouped};
use super::urls::{self, Target};
use super::{Rule, RuleMeta, SiteFacts};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV603",
    name: "missing-asset",
    severity: Severity::Error,
    waivable: false,
    summary: "页面引用的图片、脚本、样式表或附件在构建中不存在",
    explanation: include_str!("docs/gov603.md"),
    default_off: false,
};

pub struct MissingAsset;

const HELP: &str =
    "把文件放进 static/（如 static/files/通知.pdf 对应 /files/通知.pdf），或改正引用地址";

impl Rule for MissingAsset {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_site(&self, site: &Site, facts: &SiteFacts, out: &mut Vec<Diagnostic>) {
        let own = urls::own_hosts(&site.config);
        let mut grouped = Grouped::default();
        // A link shared by many pages (`LinkInterner`) is looked up once.
        let mut missing = PerLink::default();
        for page in &facts.pages {
            for link in &page.links {
                let Target::Internal { path, .. } = &link.target else {
                    continue;
                };
                // Links to pages are GOV601; links to files are attachments (附件).
                let is_missing = *missing.get(link, || {
                    (link.resource || urls::is_file_path(path)) && !facts.produces(path)
                });
                if !is_missing {
                    continue;
                }
                let what = if link.resource {
                    resource_name(link.tag)
                } else {
                    "附件"
                };
                let message = format!("{what}不存在：{}", shown(&link.url, path));
                grouped.add(page, link, message);
            }
        }
        grouped.emit(&META, HELP, out);
        for sheet in &facts.stylesheets {
            let base = format!("/{}", sheet.output);
            for url in &sheet.urls {
                if let Target::Internal { path, .. } = urls::resolve(url, &base, &own) {
                    if !facts.produces(&path) {
                        out.push(
                            META.diag(format!("样式表引用的文件不存在：{}", shown(url, &path)))
                                .at_page(sheet.output.clone())
                                .with_help(HELP),
                        );
                    }
                }
            }
        }
    }
}
