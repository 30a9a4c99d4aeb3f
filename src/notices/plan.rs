//! The notice site: which URLs the site published before its switch (pages, aliases,
//! feeds, the search index, static files and attachments, and any older address listed in
//! the redirects file), where each now goes, and the pages the notice site consists of.

use super::redirects::RedirectMap;
use super::{phase, Phase, NOTICE_URL};
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::render::pages::{self, output_path, PageJob, PageKind};
use std::collections::{BTreeMap, HashSet};

/// One address the site used to publish, and its new place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OldUrl {
    /// Site-absolute: `/zwdt/2026-11-20-x/`, `/files/a.pdf`, `/rss.xml`.
    pub url: String,
    /// Where a visitor goes now: an absolute URL on the new site, or `/notice/`.
    pub new: String,
    /// The page's title (for the visible link), or "" for files.
    pub title: String,
    /// Whether the notice site writes an HTML redirect page at this address. Files that
    /// are not HTML (PDFs, feeds, images) can only be moved by the server maps.
    pub page: bool,
}

/// Outputs the notice site still serves itself: never redirected.
const KEPT: &[&str] = &[
    "index.html",
    "notice/index.html",
    "404.html",
    "sitemap.xml",
    "robots.txt",
];

/// Files the build generates that the notice site no longer has (feeds, search index).
fn retired_files(site: &Site, normal_jobs: &[PageJob]) -> Vec<String> {
    pages::generated_files(site, normal_jobs)
        .into_iter()
        .filter(|f| !KEPT.contains(&f.as_str()))
        .collect()
}

/// Whether a URL is served as an HTML page (so an HTML redirect page can stand in).
pub fn is_page_url(url: &str) -> bool {
    let out = output_path(url);
    out.ends_with(".html") || out.ends_with(".htm")
}

/// Where an old URL goes when the redirects file does not say: the same path under
/// `target.url`, or the notice when there is no usable target.
pub fn default_new(site: &Site, url: &str) -> String {
    let target = site
        .config
        .lifecycle
        .as_ref()
        .and_then(|l| l.target_url.as_deref())
        .filter(|t| super::redirects::check_new(t).is_ok() && t.contains("://"));
    match target {
        Some(t) => format!("{}{}", t.trim_end_matches('/'), url),
        None => NOTICE_URL.to_string(),
    }
}

/// Every address the pre-switch site published (except those the notice site keeps
/// serving), each with its new place. `kept_statics` are static files the notice pages
/// still need (site files that override theme assets).
pub fn old_urls(
    site: &Site,
    redirects: &RedirectMap,
    kept_statics: &HashSet<String>,
) -> Vec<OldUrl> {
    let mut by_output: BTreeMap<String, OldUrl> = BTreeMap::new();
    let mut add = |url: String, new: String, title: String| {
        let out = output_path(&url);
        let generated = KEPT.contains(&out.as_str()) || super::maps::FILES.contains(&out.as_str());
        if generated || kept_statics.contains(&out) {
            return;
        }
        let new = redirects.get(&url).map_or(new, str::to_string);
        let page = is_page_url(&url);
        by_output.entry(out).or_insert(OldUrl {
            url,
            new,
            title,
            page,
        });
    };
    let normal = normal_jobs(site);
    for job in &normal {
        let (new, title) = match &job.kind {
            // An alias goes where its item went, not to the alias path on the new site.
            PageKind::Redirect { target, title } => (
                redirects
                    .get(target)
                    .map_or_else(|| default_new(site, target), str::to_string),
                title.clone(),
            ),
            _ => (default_new(site, &job.url), job_title(site, job)),
        };
        add(job.url.clone(), new, title);
    }
    for file in retired_files(site, &normal) {
        let url = format!("/{file}");
        add(url.clone(), default_new(site, &url), String::new());
    }
    for file in &site.statics {
        let url = format!("/{}", file.output);
        add(url.clone(), default_new(site, &url), String::new());
    }
    for entry in redirects.entries.values() {
        add(entry.old.clone(), entry.new.clone(), String::new());
    }
    by_output.into_values().collect()
}

/// The pages of the site as it was before the switch (without the notice page).
fn normal_jobs(site: &Site) -> Vec<PageJob> {
    pages::plan(site)
        .unwrap_or_default()
        .into_iter()
        .filter(|j| j.kind != PageKind::Notice)
        .collect()
}

fn job_title(site: &Site, job: &PageJob) -> String {
    match &job.kind {
        PageKind::Column { column, page } if *page > 1 => {
            format!("{}（第{page}页）", site.columns[*column].title())
        }
        PageKind::Column { column, .. } => site.columns[*column].title().to_string(),
        PageKind::Item(id) | PageKind::Loose(id) => site.items[*id].title().to_string(),
        PageKind::Sitemap => "网站地图".to_string(),
        PageKind::Search => "站内搜索".to_string(),
        _ => String::new(),
    }
}

/// The pages to build: the normal plan (with the notice page in the notice period), or
/// the notice site once the switch is effective.
pub fn plan(
    site: &Site,
    redirects: &RedirectMap,
    kept_statics: &HashSet<String>,
) -> Result<Vec<PageJob>, Vec<Diagnostic>> {
    let normal = pages::plan(site)?;
    if phase(site) != Phase::Moved {
        return Ok(normal);
    }
    let job = |kind: PageKind, url: &str, origin: &str| PageJob {
        output: output_path(url),
        kind,
        url: url.to_string(),
        origin: origin.to_string(),
    };
    let mut jobs = vec![
        job(PageKind::Notice, "/", "site.yaml 的 lifecycle"),
        job(PageKind::Notice, NOTICE_URL, "site.yaml 的 lifecycle"),
        job(PageKind::NotFound, "/404.html", "404 页面"),
    ];
    for old in old_urls(site, redirects, kept_statics) {
        if old.page {
            let kind = PageKind::Redirect {
                target: old.new,
                title: old.title,
            };
            jobs.push(job(kind, &old.url, "site.yaml 的 lifecycle"));
        }
    }
    Ok(jobs)
}

/// Site static files the notice pages still need: those that replace a theme asset.
pub fn kept_statics(site: &Site, theme: &crate::render::theme::Theme) -> HashSet<String> {
    let theme_files: HashSet<&str> = theme
        .statics
        .iter()
        .map(|f| f.name.as_str())
        .chain([crate::render::assets::ENTRY_CSS, "assets/syntax.css"])
        .collect();
    site.statics
        .iter()
        .filter(|s| theme_files.contains(s.output.as_str()))
        .map(|s| s.output.clone())
        .collect()
}
