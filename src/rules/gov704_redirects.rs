//! GOV704: once a move is effective, no old URL dies silently. Verified in the output:
//! every old page address must be a redirect page whose 0-second refresh and visible link
//! lead to its new place, every old file address must be in all three server maps, and no
//! new place may be another old address of the site (a loop).

use super::{html, PageFacts, PageView, Rule, RuleMeta, SiteFacts};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};
use crate::notices::{self, maps, plan, Phase};
use crate::render::pages::output_path;
use crate::render::PageKind;
use std::collections::HashMap;

pub static META: RuleMeta = RuleMeta {
    code: "GOV704",
    name: "old-url-not-redirected",
    severity: Severity::Error,
    waivable: false,
    summary: "网站迁移或下线后，旧网址没有跳转到新地址或公告",
    explanation: include_str!("docs/gov704.md"),
    default_off: false,
};

pub struct OldUrlRedirects;

const HELP: &str = "使用默认主题的 redirect.html（<meta http-equiv=\"refresh\" content=\"0; url=…\"> 加可见链接，不用脚本、不延时）；在 redirects 对照表中为该旧网址写出新地址";

/// The delay and address of a `content="0; url=…"` meta refresh.
pub fn parse_refresh(content: &str) -> Option<(f64, String)> {
    let (delay, rest) = content.split_once([';', ','])?;
    let delay: f64 = delay.trim().parse().ok()?;
    let rest = rest.trim();
    let url = rest
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("url="))
        .map_or(rest, |_| &rest[4..]);
    let url = url.trim().trim_matches(['\'', '"']);
    Some((delay, url.to_string()))
}

impl Rule for OldUrlRedirects {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        let PageKind::Redirect { target, .. } = &page.job.kind else {
            return;
        };
        if notices::phase(page.site) != Phase::Moved {
            return;
        }
        let refresh = page
            .named("meta")
            .filter(|m| {
                html::attr(m, "http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
            })
            .filter_map(|m| parse_refresh(&html::decode_entities(&html::attr(m, "content")?)))
            .next();
        let linked = page
            .named("a")
            .any(|a| html::attr(a, "href").is_some_and(|h| html::decode_entities(&h) == *target));
        let problem = match refresh {
            None => Some("没有 meta refresh 跳转".to_string()),
            Some((delay, _)) if delay > 0.0 => Some(format!(
                "延时 {delay} 秒才跳转（应立即跳转，延时跳转不符合 WCAG 2.2.1）"
            )),
            Some((_, url)) if url != *target => Some(format!("跳转到 {url}，而不是 {target}")),
            _ if !linked => Some(format!("没有指向 {target} 的可见链接")),
            _ => None,
        };
        if let Some(problem) = problem {
            out.push(
                page.diag(&META, format!("旧网址 {} 的跳转页{problem}", page.job.url))
                    .with_help(HELP),
            );
        }
    }

    fn check_site(&self, site: &Site, facts: &SiteFacts, out: &mut Vec<Diagnostic>) {
        if notices::phase(site) != Phase::Moved {
            return;
        }
        // Errors in the redirects file are reported (GOV003) before this runs.
        let redirects = notices::redirects::load(site).unwrap_or_default();
        let kept = crate::render::theme::load(&site.config)
            .map(|theme| plan::kept_statics(site, &theme))
            .unwrap_or_default();
        let old = plan::old_urls(site, &redirects, &kept);
        let by_output: HashMap<&str, &PageFacts> =
            facts.pages.iter().map(|p| (p.output.as_str(), p)).collect();
        for url in old.iter().filter(|u| u.page) {
            let output = output_path(&url.url);
            let ok = by_output
                .get(output.as_str())
                .is_some_and(|p| p.kind == "redirect" && p.links.iter().any(|l| l.url == url.new));
            if !ok {
                out.push(
                    META.diag(format!("旧网址 {} 没有跳转到 {} 的页面", url.url, url.new))
                        .at_page(output)
                        .with_help(HELP),
                );
            }
        }
        check_maps(&old, out);
        check_loops(site, &old, out);
    }
}

/// Every old URL is in every server map, with its new place.
fn check_maps(old: &[plan::OldUrl], out: &mut Vec<Diagnostic>) {
    for (file, text) in maps::render(old) {
        let pairs: HashMap<String, String> = maps::read(file, &text)
            .unwrap_or_default()
            .into_iter()
            .collect();
        for url in old {
            if pairs.get(&url.url) != Some(&maps::location(&url.new)) {
                out.push(
                    META.diag(format!(
                        "服务器跳转表 {file} 中没有旧网址 {} 的 301 跳转",
                        url.url
                    ))
                    .at_page(file)
                    .with_help("这是 govsite 的缺陷，请报告；临时可在服务器上手工配置该跳转"),
                );
            }
        }
    }
}

/// A new place that is itself an old address of this site would send visitors in a circle.
fn check_loops(site: &Site, old: &[plan::OldUrl], out: &mut Vec<Diagnostic>) {
    let base = site.config.base_url.trim_end_matches('/');
    let outputs: std::collections::HashSet<String> =
        old.iter().map(|u| output_path(&u.url)).collect();
    for url in old {
        let local = url.new.strip_prefix(base).filter(|p| p.starts_with('/'));
        let local = local.or_else(|| url.new.starts_with('/').then_some(url.new.as_str()));
        if local.is_some_and(|p| outputs.contains(&output_path(p))) {
            out.push(
                META.diag(format!(
                    "旧网址 {} 跳转到本网站的另一个旧网址 {}，形成循环",
                    url.url, url.new
                ))
                .at_page(output_path(&url.url))
                .with_help("新地址应在迁入的网站上（lifecycle.target.url 之下），或为 /notice/"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_refresh;

    #[test]
    fn reads_meta_refresh_forms() {
        assert_eq!(
            parse_refresh("0; url=https://a.gov.cn/x/"),
            Some((0.0, "https://a.gov.cn/x/".into()))
        );
        assert_eq!(
            parse_refresh("0;URL='https://a.gov.cn/'"),
            Some((0.0, "https://a.gov.cn/".into()))
        );
        assert_eq!(parse_refresh("5; url=/x/").map(|r| r.0), Some(5.0));
        assert_eq!(parse_refresh("0"), None);
    }
}
