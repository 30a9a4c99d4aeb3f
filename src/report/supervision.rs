//! `govsite report supervision`: the 政府网站监管年度报表 figures a platform's own files
//! can give — member sites by kind, sites opened / merged / shut down in the year (from
//! lifecycle and announcements), and the year's 抽查 rounds from the published
//! `_sample-YYYYQn/sample.json` results. Output reuses the annual report's formats.

use super::annual::{AnnualReport, Figure, Row, Section};
use crate::config::{AnnouncementKind, Config, Date, LifecycleKind, SiteKind};
use std::collections::BTreeSet;
use std::path::Path;

fn row(key: &'static str, label: &'static str, value: usize, unit: &'static str) -> Row {
    Row {
        key,
        label,
        value: Figure::Count(value),
        unit,
    }
}

fn in_year(date: Option<Date>, year: i32) -> bool {
    date.is_some_and(|d| d.ymd().starts_with(&format!("{year}-")))
}

/// Sites (by name) that a lifecycle or an announcement of `year` says changed in `kind`.
fn changed(
    configs: &[Config],
    year: i32,
    life: Option<LifecycleKind>,
    ann: AnnouncementKind,
) -> usize {
    let mut names = BTreeSet::new();
    for c in configs {
        if let Some(l) = c.lifecycle.as_ref().filter(|l| Some(l.kind) == life) {
            if in_year(l.effective, year) {
                names.insert(c.name().to_string());
            }
        }
        for a in c
            .announcements
            .iter()
            .filter(|a| a.kind == ann && in_year(a.date, year))
        {
            names.insert(
                a.site
                    .clone()
                    .unwrap_or_else(|| format!("{}#{}", c.name(), a.index)),
            );
        }
    }
    names.len()
}

/// The year's sampling rounds: (rounds, sites checked, 不合格 sites), read from
/// `out/_sample-{year}Q{n}/sample.json`.
fn rounds(out: &Path, year: i32) -> (usize, usize, usize) {
    let mut totals = (0, 0, 0);
    for q in 1..=4 {
        let path = out.join(format!("_sample-{year}Q{q}/sample.json"));
        let Some(json) = std::fs::read_to_string(path)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        else {
            continue;
        };
        totals.0 += 1;
        totals.1 += json["checked"].as_u64().unwrap_or(0) as usize;
        totals.2 += json["failed"].as_u64().unwrap_or(0) as usize;
    }
    totals
}

/// Computes the figures for `year` from the members' site.yaml and the sample results.
pub fn compute(platform: &str, configs: &[Config], out: &Path, year: i32) -> AnnualReport {
    let kind = |k: SiteKind| configs.iter().filter(|c| c.kind == k).count();
    let (n, checked, failed) = rounds(out, year);
    let sites = Section {
        name: "平台网站情况",
        rows: vec![
            row("sites.total", "平台网站总数", configs.len(), "个"),
            row("sites.portal", "政府门户网站", kind(SiteKind::Portal), "个"),
            row(
                "sites.department",
                "部门网站",
                kind(SiteKind::Department),
                "个",
            ),
            row("sites.special", "专项网站", kind(SiteKind::Special), "个"),
        ],
    };
    let changes = changes_section(configs, year);
    let sampling = Section {
        name: "抽查情况",
        rows: vec![
            row("sampling.rounds", "抽查轮次", n, "次"),
            row("sampling.checked", "抽查网站数", checked, "个次"),
            row("sampling.failed", "不合格网站数", failed, "个次"),
        ],
    };
    AnnualReport {
        year,
        site_name: format!("{platform}政府网站监管"),
        sections: vec![sites, changes, sampling],
    }
}

/// Sites opened, merged and shut down in `year`.
fn changes_section(configs: &[Config], year: i32) -> Section {
    Section {
        name: "网站开设整合情况",
        rows: vec![
            row(
                "changes.opened",
                "本年度新开设网站",
                changed(configs, year, None, AnnouncementKind::Opening),
                "个",
            ),
            row(
                "changes.migrated",
                "本年度整合迁移网站",
                changed(
                    configs,
                    year,
                    Some(LifecycleKind::Migration),
                    AnnouncementKind::Migration,
                ),
                "个",
            ),
            row(
                "changes.offline",
                "本年度永久下线网站",
                changed(
                    configs,
                    year,
                    Some(LifecycleKind::Offline),
                    AnnouncementKind::Offline,
                ),
                "个",
            ),
        ],
    }
}
