//! `govsite import DIR --out SITE`: turns a folder of built pages from any CMS (or a
//! previous govsite output) into a govsite site: site.yaml, columns, items with their
//! fields and Markdown bodies, the images and attachments they use, an alias for every
//! old URL, and an import report. DIR is only read; SITE is built in a staging folder
//! beside it and renamed into place at the end.

pub mod body;
pub mod identity;
pub mod items;
pub mod layout;
pub mod page;
pub mod plan;
pub mod report;
pub mod text;
mod write;

use crate::diagnostics::Diagnostic;
use crate::legacy::{self, Limits};
use crate::output::StagingDir;
use crate::render::pages::output_path;
use plan::{Read, Role, Skip};
use rayon::prelude::*;
use report::Report;
use std::collections::HashMap;
use std::path::Path;

/// Imports `dir` into a new site folder `out`. Refuses an `out` that is not empty unless
/// `force`, and any `out` inside `dir` (DIR is never written).
pub fn run(dir: &Path, out: &Path, force: bool) -> Result<Report, Diagnostic> {
    refuse_overlap(dir, out)?;
    let site = legacy::scan(dir, &Limits::default())?;
    if site.pages.is_empty() {
        return Err(Diagnostic::error(
            "GOV006",
            format!("{} 中没有网页（.html、.shtml 等）", dir.display()),
        )
        .with_help("DIR 应是旧网站生成的页面所在的文件夹，例如 wget --mirror 的结果"));
    }
    let staging = StagingDir::create_site(out, force)?;
    let results: Vec<Result<Read, Skip>> = site.pages.par_iter().map(plan::read).collect();
    let mut reads = Vec::new();
    let mut skipped: Vec<Skip> = site
        .skipped
        .iter()
        .map(|s| Skip {
            page: s.rel.clone(),
            reason: s.reason.clone(),
        })
        .collect();
    for result in results {
        match result {
            Ok(read) => reads.push(read),
            Err(skip) => skipped.push(skip),
        }
    }
    if reads.is_empty() {
        return Err(Diagnostic::error(
            "GOV006",
            format!(
                "{} 中没有可导入的页面：{} 个网页都被跳过",
                dir.display(),
                skipped.len()
            ),
        )
        .with_help("网站地图、搜索页、404 页和分页列表页不导入；DIR 应含文章页"));
    }
    let mut report = Report {
        source: dir.display().to_string(),
        site: out.display().to_string(),
        pages_read: site.pages.len(),
        ..Default::default()
    };
    let planned = plan_site(&reads, &mut skipped);
    report.skipped = skipped;
    write::write(&staging, &site, &reads, &planned, &mut report)?;
    staging.commit()?;
    Ok(report)
}

/// DIR is only read: SITE (and its staging folder beside it) may not lie inside it.
fn refuse_overlap(dir: &Path, out: &Path) -> Result<(), Diagnostic> {
    let dir = dir.canonicalize().map_err(|e| {
        Diagnostic::error("GOV006", format!("无法读取文件夹 {}：{e}", dir.display()))
    })?;
    let resolved = crate::legacy::resolved(out);
    if resolved.starts_with(&dir) || (out.exists() && dir.starts_with(&resolved)) {
        return Err(Diagnostic::error(
            "GOV007",
            format!(
                "网站文件夹 {} 与要导入的文件夹 {} 重叠：导入不会写入旧网站的文件夹",
                out.display(),
                dir.display()
            ),
        )
        .with_help("--out 换成旧网站文件夹之外的位置"));
    }
    Ok(())
}

/// The new site decided: identity, columns, items, and the new URL of every old page.
pub(crate) struct Planned {
    pub identity: identity::Identity,
    pub columns: Vec<plan::ColumnPlan>,
    pub items: Vec<items::ItemPlan>,
    pub home: Option<usize>,
    /// Old output path (`zwdt/a/index.html`) → new URL.
    pub new_url: HashMap<String, String>,
    pub own_hosts: Vec<String>,
}

fn plan_site(reads: &[Read], skipped: &mut Vec<Skip>) -> Planned {
    let home = reads.iter().position(|r| r.role == Role::Home);
    let identity_page = home
        .or_else(|| {
            reads
                .iter()
                .position(|r| r.facts.meta("SiteName").is_some())
        })
        .unwrap_or(0);
    let identity = identity::read(&reads[identity_page].facts);
    let own_hosts = own_hosts(reads, &identity);
    let home_nav = home.map_or_else(Vec::new, |h| nav_paths(&reads[h], &own_hosts));
    let by_key = plan::columns(reads, &home_nav);
    let (mut items, more) = items::plan(reads, &by_key);
    skipped.extend(more);
    let item_at: HashMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (output_path(&reads[item.read].url), i))
        .collect();
    let mut new_url: HashMap<String, String> = item_at
        .iter()
        .map(|(old, &i)| (old.clone(), items[i].url.clone()))
        .collect();
    for column in by_key.values() {
        if let Some(p) = column.page {
            new_url.insert(output_path(&reads[p].url), format!("/{}/", column.folder));
        }
    }
    if let Some(h) = home {
        new_url.insert(output_path(&reads[h].url), "/".into());
    }
    let find = |page: &str, href: &str| {
        let (path, _) = layout::resolve(page, href, &own_hosts)?;
        item_at.get(&output_path(&path)).copied()
    };
    redirect_aliases(reads, &mut items, &find, skipped, &mut new_url);
    items::link_interpretations(&mut items, reads, &find);
    Planned {
        identity,
        columns: by_key.into_values().collect(),
        items,
        home,
        new_url,
        own_hosts,
    }
}

/// The old site's host names: its SiteDomain and the host of its pages' `Url` meta.
fn own_hosts(reads: &[Read], identity: &identity::Identity) -> Vec<String> {
    let mut hosts: Vec<String> = identity.yaml.domain.iter().cloned().collect();
    let from_url = reads
        .iter()
        .filter_map(|r| r.facts.meta("Url"))
        .filter_map(|u| u.split_once("://").map(|(_, rest)| rest))
        .filter_map(|rest| rest.split('/').next())
        .find(|h| !h.is_empty());
    hosts.extend(from_url.map(str::to_string));
    hosts
}

/// The site paths the homepage's navigation links to, in order (column weights).
fn nav_paths(home: &Read, own_hosts: &[String]) -> Vec<String> {
    home.facts
        .nav
        .iter()
        .filter_map(|href| layout::resolve(&home.url, href, own_hosts).map(|(p, _)| p))
        .collect()
}

/// An old redirect page becomes an alias of the item it leads to.
fn redirect_aliases(
    reads: &[Read],
    items: &mut [items::ItemPlan],
    find: &dyn Fn(&str, &str) -> Option<usize>,
    skipped: &mut Vec<Skip>,
    new_url: &mut HashMap<String, String>,
) {
    for read in reads {
        let Role::Redirect(target) = &read.role else {
            continue;
        };
        match find(&read.url, target) {
            Some(i) => {
                let item = &mut items[i];
                if output_path(&item.url) != output_path(&read.url)
                    && !item.front.aliases.contains(&read.url)
                {
                    item.front.aliases.push(read.url.clone());
                }
                new_url.insert(output_path(&read.url), item.url.clone());
            }
            None => skipped.push(Skip {
                page: read.rel.clone(),
                reason: format!("跳转页，目标 {target} 不是导入的文章"),
            }),
        }
    }
}
