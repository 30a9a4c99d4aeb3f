//! GOV307: a policy page links to each of its interpretations, and each interpretation page
//! links back to its policy (rendered pages, "同步发布并相互关联").

use super::facts::PageFacts;
use super::site_links::{site_path, Anchors};
use super::{Rule, RuleMeta, SiteFacts};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};
use std::collections::{HashMap, HashSet};

pub static META: RuleMeta = RuleMeta {
    code: "GOV307",
    name: "policy-interpretation-unlinked",
    severity: Severity::Error,
    waivable: false,
    summary: "政策文件与其解读页面没有相互链接",
    explanation: include_str!("docs/gov307.md"),
    default_off: false,
};

pub struct PolicyLinks;

impl Rule for PolicyLinks {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_site(&self, site: &Site, facts: &SiteFacts, out: &mut Vec<Diagnostic>) {
        let pages = &facts.pages;
        let interpretations = site.interpretations();
        if interpretations.is_empty() {
            return;
        }
        // Only the pages of the items in a pair are looked up.
        let paired: HashSet<_> = interpretations
            .iter()
            .flat_map(|(&policy, interps)| std::iter::once(policy).chain(interps.iter().copied()))
            .map(|item| site_path(&site.items[item].url))
            .collect();
        let by_url: HashMap<_, &PageFacts> = pages
            .iter()
            .map(|p| (site_path(&p.url), p))
            .filter(|(path, _)| paired.contains(path))
            .collect();
        // An item's page and where it links, resolved once however many pairs it is in.
        let mut anchors = Anchors::new(&site.config);
        let mut linked: HashMap<usize, Option<(&PageFacts, HashSet<String>)>> = HashMap::new();
        let mut links_to = |from: usize, to: usize| -> Option<(&PageFacts, bool)> {
            let (page, anchors) = linked
                .entry(from)
                .or_insert_with(|| {
                    let page = *by_url.get(&site_path(&site.items[from].url))?;
                    Some((page, anchors.of(page)))
                })
                .as_ref()?;
            Some((*page, anchors.contains(&*site_path(&site.items[to].url))))
        };
        let mut policies: Vec<(&usize, &Vec<usize>)> = interpretations.iter().collect();
        policies.sort();
        for (&policy, interps) in policies {
            for &interp in interps {
                let (policy_title, interp_title) =
                    (site.items[policy].title(), site.items[interp].title());
                if let Some((page, false)) = links_to(policy, interp) {
                    out.push(
                        META.diag(format!("政策文件“{policy_title}”的页面没有链接到其解读“{interp_title}”"))
                            .at_page(page.output.clone())
                            .with_help("在政策文件页面列出全部解读（默认主题的 item.html 在“相关解读”中输出 item.interpretations）"),
                    );
                }
                if let Some((page, false)) = links_to(interp, policy) {
                    out.push(
                        META.diag(format!("政策解读“{interp_title}”的页面没有链接到所解读的政策文件“{policy_title}”"))
                            .at_page(page.output.clone())
                            .with_help("在解读页面链接政策文件原文（默认主题的 item.html 输出 item.interprets）"),
                    );
                }
            }
        }
    }
}
