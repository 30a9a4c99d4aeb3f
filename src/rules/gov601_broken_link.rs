//! GOV601: every internal link leads to a page the build produces — absolute (`/x/`),
//! relative (`../x/`), with or without `index.html`, percent-encoded or not, query and
//! fragment ignored. Links to files are GOV603, fragments GOV602.

use super::facts::PerLink;
use super::link_check::Grouped;
use super::urls::{self, Target};
use super::{Rule, RuleMeta, SiteFacts};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV601",
    name: "broken-internal-link",
    severity: Severity::Error,
    waivable: false,
    summary: "站内链接指向构建中不存在的页面",
    explanation: include_str!("docs/gov601.md"),
    default_off: false,
};

pub struct BrokenLink;

const HELP: &str = "改正链接地址，或补上被链接的页面；站内链接写成 /栏目目录/条目名/ 的形式";

/// `url` as written (percent-decoded, so Chinese names read as such), and where it leads
/// when that is not the same path.
pub fn shown(url: &str, path: &str) -> String {
    let url = urls::decode(url);
    let written = url.split(['?', '#']).next().unwrap_or(&url);
    if written == path {
        url
    } else {
        format!("{url}（即 {path}）")
    }
}

impl Rule for BrokenLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_site(&self, _site: &Site, facts: &SiteFacts, out: &mut Vec<Diagnostic>) {
        let mut grouped = Grouped::default();
        // Most links are shared by many pages (`LinkInterner`: the navigation, header and
        // footer are on every page), and a shared link is checked once.
        let mut broken = PerLink::default();
        for page in &facts.pages {
            for link in page.links.iter().filter(|l| !l.resource) {
                let Target::Internal { path, .. } = &link.target else {
                    continue;
                };
                let is_broken =
                    *broken.get(link, || !(urls::is_file_path(path) || facts.produces(path)));
                if !is_broken {
                    continue;
                }
                let message = format!("链接不可用：{} 指向的页面不存在", shown(&link.url, path));
                grouped.add(page, link, message);
            }
        }
        grouped.emit(&META, HELP, out);
    }
}
