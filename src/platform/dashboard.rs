//! The platform dashboard: every member site with its 标识码, status, errors and
//! warnings by rule and lifecycle state, as `dashboard.json` and a static `index.html`,
//! written atomically into `OUT/_dashboard/` after every platform build.

use super::build::SiteResult;
use super::config::PlatformConfig;
use crate::config::LifecycleKind;
use crate::diagnostics::Diagnostic;
use crate::output::StagingDir;
use crate::report::{esc, html_page};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// The folder name of the dashboard inside the platform output.
pub const DASHBOARD_DIR: &str = "_dashboard";

/// Counts of findings by rule code, e.g. `{"GOV303": 2}`.
pub fn by_rule(diagnostics: &[Diagnostic], errors: bool) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for d in diagnostics.iter().filter(|d| d.is_error() == errors) {
        *counts.entry(d.code).or_insert(0) += 1;
    }
    counts
}

/// 迁移 / 下线 in Chinese, for the lifecycle column.
pub fn lifecycle_text(kind: Option<LifecycleKind>) -> &'static str {
    match kind {
        Some(LifecycleKind::Migration) => "整合迁移",
        Some(LifecycleKind::Offline) => "永久下线",
        None => "正常运行",
    }
}

/// The dashboard as JSON: `{platform, office, province, sites: [...], totals}`.
pub fn to_json(platform: &PlatformConfig, results: &[SiteResult]) -> Value {
    let sites: Vec<Value> = results.iter().map(site_json).collect();
    let failed = results.iter().filter(|r| r.status() != "built").count();
    json!({
        "platform": platform.name,
        "office": platform.office,
        "province": platform.province,
        "sites": sites,
        "totals": {
            "sites": results.len(),
            "built": results.len() - failed,
            "failed": failed,
            "errors": results.iter().map(|r| r.outcome.report.errors()).sum::<usize>(),
            "warnings": results.iter().map(|r| r.outcome.report.warnings()).sum::<usize>(),
        },
    })
}

fn site_json(r: &SiteResult) -> Value {
    let report = &r.outcome.report;
    // The stale-column rule (GOV303) and the homepage rule (GOV305) say how fresh the
    // mandated columns are; their counts are the dashboard's freshness figure.
    let stale = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "GOV303" || d.code == "GOV305")
        .count();
    json!({
        "name": r.member.name,
        "title": r.title,
        "id_code": r.id_code,
        "kind": r.kind,
        "status": r.status(),
        "pages": r.outcome.pages,
        "errors": report.errors(),
        "warnings": report.warnings(),
        "errors_by_rule": by_rule(&report.diagnostics, true),
        "warnings_by_rule": by_rule(&report.diagnostics, false),
        "stale_columns": stale,
        "updated": r.outcome.updated.map(|d| d.ymd()),
        "lifecycle": r.lifecycle.map(|k| match k {
            LifecycleKind::Migration => "migration",
            LifecycleKind::Offline => "offline",
        }),
    })
}

/// The dashboard page: one table row per site.
pub fn to_html(platform: &PlatformConfig, results: &[SiteResult]) -> String {
    let mut body = format!(
        "<p>监管单位：{}　共 {} 个网站</p>\n<table>\n<caption>各网站构建与检查情况</caption>\n<thead><tr><th scope=\"col\">网站</th><th scope=\"col\">标识码</th><th scope=\"col\">状态</th><th scope=\"col\">错误</th><th scope=\"col\">警告</th><th scope=\"col\">主要问题</th><th scope=\"col\">最近更新</th><th scope=\"col\">运行状态</th></tr></thead>\n<tbody>\n",
        esc(&platform.office),
        results.len()
    );
    for r in results {
        let status = match r.status() {
            "built" => "已发布",
            "errors" => "有错误，未发布",
            _ => "输入有误，未发布",
        };
        let rules: Vec<String> = by_rule(&r.outcome.report.diagnostics, true)
            .iter()
            .map(|(code, n)| format!("{code}×{n}"))
            .collect();
        body.push_str(&format!(
            "<tr><th scope=\"row\">{}（{}）</th><td>{}</td><td>{status}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            esc(&r.title),
            esc(&r.member.name),
            esc(&r.id_code),
            r.outcome.report.errors(),
            r.outcome.report.warnings(),
            esc(&rules.join("、")),
            r.outcome.updated.map_or("—".to_string(), |d| d.ymd()),
            lifecycle_text(r.lifecycle)
        ));
    }
    body.push_str("</tbody>\n</table>\n");
    html_page(&format!("{}监管看板", platform.name), &body)
}

/// Writes `dashboard.json` and `index.html` into `OUT/_dashboard/`, swapped in at once.
pub fn write(
    out: &Path,
    platform: &PlatformConfig,
    results: &[SiteResult],
) -> Result<(), Diagnostic> {
    let staging = StagingDir::create(&out.join(DASHBOARD_DIR), false)?;
    let json = serde_json::to_string_pretty(&to_json(platform, results)).unwrap_or_default();
    let io = |e: std::io::Error| Diagnostic::error("GOV007", format!("无法写入监管看板：{e}"));
    std::fs::write(staging.path().join("dashboard.json"), json + "\n").map_err(io)?;
    std::fs::write(
        staging.path().join("index.html"),
        to_html(platform, results),
    )
    .map_err(io)?;
    staging.commit()
}
