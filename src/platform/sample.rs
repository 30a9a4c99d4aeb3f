//! `govsite platform sample`: the quarterly 巡查抽检. The sample is reproducible by
//! anyone: each site's key is the SHA-256 of `"{quarter}/{site name}"` (UTF-8, lower-case
//! hex); sites are sorted by key and the first ⌈ratio × n⌉ are checked. The sampled sites
//! are judged 合格/不合格 by the veto items (单项否决) the rules can see.

use super::build::SiteResult;
use super::config::PlatformConfig;
use super::members::Member;
use crate::diagnostics::Diagnostic;
use crate::output::StagingDir;
use crate::report::{esc, html_page};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Rules whose errors are 单项否决 items of 国办秘函〔2019〕19号: ≥5 empty columns
/// (GOV302), stale mandated columns (GOV304), homepage not updated (GOV305), service
/// guides missing elements (GOV309).
pub const VETO_RULES: &[&str] = &["GOV302", "GOV304", "GOV305", "GOV309"];

/// Checks `2026Q4`-style quarters; the error is a plain Chinese sentence.
pub fn parse_quarter(text: &str) -> Result<String, String> {
    let ok = text.len() == 6
        && text[..4].bytes().all(|b| b.is_ascii_digit())
        && matches!(&text[4..], "Q1" | "Q2" | "Q3" | "Q4");
    if ok {
        Ok(text.to_string())
    } else {
        Err(format!(
            "--quarter 的值 `{text}` 无效，应写作年份加季度，例如 2026Q4"
        ))
    }
}

/// The sampling key of one site: SHA-256 of `"{quarter}/{name}"` in hex.
pub fn key(quarter: &str, name: &str) -> String {
    let digest = Sha256::digest(format!("{quarter}/{name}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The sampled members: at least `ratio` of them (rounded up), at least one.
pub fn choose(members: &[Member], quarter: &str, ratio: f64) -> Vec<Member> {
    let mut keyed: Vec<(String, &Member)> =
        members.iter().map(|m| (key(quarter, &m.name), m)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let wanted = ((members.len() as f64) * ratio.clamp(0.0, 1.0)).ceil() as usize;
    let take = wanted.max(1).min(members.len());
    let mut chosen: Vec<Member> = keyed
        .into_iter()
        .take(take)
        .map(|(_, m)| m.clone())
        .collect();
    chosen.sort_by(|a, b| a.name.cmp(&b.name));
    chosen
}

/// The veto findings of one checked site (empty = 合格).
pub fn vetoes(result: &SiteResult) -> Vec<&Diagnostic> {
    let report = &result.outcome.report;
    let mut found: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && VETO_RULES.contains(&d.code))
        .collect();
    // A site that cannot even be read cannot pass.
    if report.has_input_errors() {
        found.extend(report.diagnostics.iter().filter(|d| d.is_error()));
    }
    found
}

fn finding(d: &Diagnostic) -> Value {
    json!({
        "code": d.code,
        "message": d.message,
        "file": d.location.as_ref().map(|l| l.file.clone()),
    })
}

/// The 抽查结果 as JSON: `{platform, quarter, ratio, total_sites, checked, passed, failed, sites}`.
pub fn to_json(
    platform: &PlatformConfig,
    quarter: &str,
    ratio: f64,
    total: usize,
    results: &[SiteResult],
) -> Value {
    let sites: Vec<Value> = results
        .iter()
        .map(|r| {
            let v = vetoes(r);
            json!({
                "name": r.member.name, "title": r.title, "id_code": r.id_code,
                "key": key(quarter, &r.member.name), "passed": v.is_empty(),
                "vetoes": v.iter().map(|d| finding(d)).collect::<Vec<_>>(),
                "errors": r.outcome.report.errors(), "warnings": r.outcome.report.warnings(),
            })
        })
        .collect();
    let failed = results.iter().filter(|r| !vetoes(r).is_empty()).count();
    json!({
        "platform": platform.name, "office": platform.office, "quarter": quarter,
        "ratio": ratio, "total_sites": total, "checked": results.len(),
        "passed": results.len() - failed, "failed": failed, "sites": sites,
        "method": "SHA-256(\"季度/网站名\") 升序取前 ⌈比例×网站数⌉ 个",
    })
}

/// The 抽查结果 page, ready to publish on the platform portal.
pub fn to_html(
    platform: &PlatformConfig,
    quarter: &str,
    total: usize,
    results: &[SiteResult],
) -> String {
    let failed = results.iter().filter(|r| !vetoes(r).is_empty()).count();
    let mut body = format!(
        "<p>{office}对{name}的 {total} 个网站按季度随机抽查 {n} 个（抽查比例 {pct:.0}%），合格 {ok} 个，不合格 {failed} 个。</p>\n<p>抽样方法：对每个网站计算 SHA-256(“{quarter}/网站名”)，按结果升序取前若干个，任何人都可复核。</p>\n<table>\n<caption>抽查结果</caption>\n<thead><tr><th scope=\"col\">网站</th><th scope=\"col\">标识码</th><th scope=\"col\">结论</th><th scope=\"col\">单项否决问题</th></tr></thead>\n<tbody>\n",
        office = esc(&platform.office),
        name = esc(&platform.name),
        n = results.len(),
        pct = 100.0 * results.len() as f64 / total.max(1) as f64,
        ok = results.len() - failed,
    );
    for r in results {
        let v = vetoes(r);
        let verdict = if v.is_empty() { "合格" } else { "不合格" };
        let items: Vec<String> = v
            .iter()
            .map(|d| format!("{}：{}", d.code, esc(&d.message)))
            .collect();
        body.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{verdict}</td><td>{}</td></tr>\n",
            esc(&r.title),
            esc(&r.id_code),
            if items.is_empty() {
                "无".to_string()
            } else {
                items.join("<br>")
            }
        ));
    }
    body.push_str("</tbody>\n</table>\n");
    html_page(
        &format!("{}{quarter}政府网站抽查结果", platform.name),
        &body,
    )
}

/// Writes `index.html` and `sample.json` into `OUT/_sample-QUARTER/`, atomically.
pub fn write(out: &Path, html: &str, json: &Value, quarter: &str) -> Result<(), Diagnostic> {
    let staging = StagingDir::create(&out.join(format!("_sample-{quarter}")), false)?;
    let io = |e: std::io::Error| Diagnostic::error("GOV007", format!("无法写入抽查结果：{e}"));
    let text = serde_json::to_string_pretty(json).unwrap_or_default() + "\n";
    std::fs::write(staging.path().join("sample.json"), text).map_err(io)?;
    std::fs::write(staging.path().join("index.html"), html).map_err(io)?;
    staging.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(n: usize) -> Vec<Member> {
        crate::platform::members::fake(n, |i| format!("site{i}"))
    }

    #[test]
    fn key_is_documented_sha256() {
        // printf '2026Q4/a' | sha256sum
        assert_eq!(
            key("2026Q4", "a"),
            "338ba9313c0a969368b133cdc6882146428be8ee371f2be428ca823aec467f49"
        );
        assert_eq!(key("2026Q4", "a"), key("2026Q4", "a"));
        assert_ne!(key("2026Q4", "a"), key("2026Q3", "a"));
    }

    #[test]
    fn sample_is_reproducible_and_large_enough() {
        let all = members(10);
        let a = choose(&all, "2026Q4", 0.3);
        assert_eq!(a, choose(&all, "2026Q4", 0.3));
        assert_eq!(a.len(), 3);
        assert_eq!(choose(&all, "2026Q4", 0.31).len(), 4);
        assert!(parse_quarter("2026Q5").is_err() && parse_quarter("2026Q1").is_ok());
    }
}
