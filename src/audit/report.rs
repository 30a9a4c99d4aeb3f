//! `govsite audit --report OUT`: what a supervisor reads, laid out like the
//! 《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）: the 单项否决 items with pass or
//! fail and the findings that decide them, the 扣分 items with counts on the homepage and
//! elsewhere, the per-column freshness table, and the rules an audit cannot judge. Written
//! as `index.html` and `report.json`, atomically (a staging folder swapped in).

use super::{scope, Audit, ColumnRow, Summary};
use crate::diagnostics::{Diagnostic, Severity};
use crate::output::{Sink, StagingDir};
use crate::rules::registry;
use serde::Serialize;
use std::path::Path;

/// A 单项否决 item and the rules whose errors decide it (empty: the audit cannot judge it).
struct VetoItem {
    name: &'static str,
    codes: &'static [&'static str],
    /// Why it is not judged, for the items with no rules.
    unchecked: &'static str,
}

const VETO_ITEMS: &[VetoItem] = &[
    VetoItem {
        name: "安全、泄密事故等严重问题",
        codes: &["GOV804", "GOV805"],
        unchecked: "",
    },
    VetoItem {
        name: "站点无法访问",
        codes: &[],
        unchecked: "检查的是页面文件，不是在线网站；可访问性须在线监测",
    },
    VetoItem {
        name: "首页不更新",
        codes: &["GOV305"],
        unchecked: "",
    },
    VetoItem {
        name: "栏目不更新（空白栏目、应更新未更新栏目）",
        codes: &["GOV302", "GOV304"],
        unchecked: "",
    },
    VetoItem {
        name: "严重表述错误",
        codes: &["GOV801"],
        unchecked: "",
    },
    VetoItem {
        name: "互动回应差",
        codes: &[],
        unchecked: "需要留言办理的记录，页面上无法判断",
    },
];

/// One finding as the report shows it.
#[derive(Debug, Serialize)]
pub struct Evidence {
    pub code: &'static str,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct Veto {
    pub item: &'static str,
    /// 合格, 不合格 or 未检查.
    pub result: &'static str,
    pub evidence: Vec<Evidence>,
    pub note: Option<&'static str>,
}

/// One rule's findings, counted on the homepage and on the other pages.
#[derive(Debug, Serialize)]
pub struct Deduction {
    pub code: &'static str,
    pub category: &'static str,
    pub summary: &'static str,
    pub severity: &'static str,
    pub homepage: usize,
    pub elsewhere: usize,
}

#[derive(Debug, Serialize)]
pub struct NotChecked {
    pub code: &'static str,
    pub summary: &'static str,
    pub reason: &'static str,
}

/// The whole report, as report.json holds it.
#[derive(Debug, Serialize)]
pub struct AuditReport<'a> {
    pub summary: &'a Summary,
    pub errors: usize,
    pub warnings: usize,
    pub vetoes: Vec<Veto>,
    pub deductions: Vec<Deduction>,
    pub not_checked: Vec<NotChecked>,
}

/// Evidence shown per 单项否决 item; the full list is in the findings.
const EVIDENCE_SHOWN: usize = 5;

impl<'a> AuditReport<'a> {
    pub fn new(audit: &'a Audit) -> AuditReport<'a> {
        let report = &audit.outcome.report;
        let evidence = |d: &Diagnostic| Evidence {
            code: d.code,
            file: d.location.as_ref().map(|l| l.file.clone()),
            line: d.location.as_ref().and_then(|l| {
                let span = l.span.as_ref()?;
                Some(audit.outcome.sources.line_col(&l.file, span.start)?.line)
            }),
            message: d.message.clone(),
        };
        let vetoes = VETO_ITEMS
            .iter()
            .map(|item| {
                let failing: Vec<&Diagnostic> = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error && item.codes.contains(&d.code))
                    .collect();
                let result = if item.codes.is_empty() {
                    "未检查"
                } else if failing.is_empty() {
                    "合格"
                } else {
                    "不合格"
                };
                Veto {
                    item: item.name,
                    result,
                    evidence: failing
                        .iter()
                        .take(EVIDENCE_SHOWN)
                        .map(|d| evidence(d))
                        .collect(),
                    note: (!item.unchecked.is_empty()).then_some(item.unchecked),
                }
            })
            .collect();
        AuditReport {
            summary: &audit.summary,
            errors: report.errors(),
            warnings: report.warnings(),
            vetoes,
            deductions: deductions(&report.diagnostics, audit.summary.home.as_deref()),
            not_checked: not_checked(),
        }
    }
}

/// The findings per rule, in code order, split by whether they are on the homepage.
fn deductions(diagnostics: &[Diagnostic], home: Option<&str>) -> Vec<Deduction> {
    let mut out: Vec<Deduction> = Vec::new();
    for d in diagnostics.iter().filter(|d| !d.code.starts_with("GOV0")) {
        let on_home = home.is_some() && d.location.as_ref().map(|l| l.file.as_str()) == home;
        let row = match out.iter_mut().find(|r| r.code == d.code) {
            Some(row) => row,
            None => {
                let meta = registry::find(d.code);
                out.push(Deduction {
                    code: d.code,
                    category: category(d.code),
                    summary: meta.map_or("", |m| m.summary),
                    severity: d.severity.as_str(),
                    homepage: 0,
                    elsewhere: 0,
                });
                out.last_mut().expect("just pushed")
            }
        };
        if d.severity == Severity::Error {
            row.severity = Severity::Error.as_str();
        }
        if on_home {
            row.homepage += 1;
        } else {
            row.elsewhere += 1;
        }
    }
    out.sort_by_key(|r| r.code);
    out
}

/// The 检查指标 heading a rule's findings count under.
fn category(code: &str) -> &'static str {
    match code.get(..4) {
        Some("GOV1") => "网站标识",
        Some("GOV2") => "网页标签",
        Some("GOV3") => "信息更新",
        Some("GOV4") => "安全防护",
        Some("GOV5") => "无障碍与适老化",
        Some("GOV6") => "链接可用性",
        Some("GOV7") => "整合迁移",
        _ => "内容保障",
    }
}

/// Every rule an audit does not run, with the reason.
fn not_checked() -> Vec<NotChecked> {
    registry::RULES
        .iter()
        .map(|rule| rule.meta())
        .filter_map(|meta| {
            let reason = scope::not_checked(meta.code, true, true)?;
            Some(NotChecked {
                code: meta.code,
                summary: meta.summary,
                reason,
            })
        })
        .collect()
}

/// Writes `index.html` and `report.json` into `out`, replacing a previous report.
pub fn write(out: &Path, audit: &Audit) -> Result<(), String> {
    let report = AuditReport::new(audit);
    let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    let staging = StagingDir::create(out, false).map_err(|d| d.message)?;
    staging
        .write("report.json", json.as_bytes())
        .map_err(|d| d.message)?;
    staging
        .write("index.html", super::report_html::page(&report).as_bytes())
        .map_err(|d| d.message)?;
    staging.commit().map_err(|d| d.message)
}

/// A freshness row's cells, shared by the HTML table.
pub fn column_cells(row: &ColumnRow) -> [String; 6] {
    [
        row.name.clone(),
        row.column_type.clone().unwrap_or_default(),
        row.cycle.clone().unwrap_or_else(|| "—".into()),
        row.items.to_string(),
        row.newest.clone().unwrap_or_else(|| "—".into()),
        row.status.to_string(),
    ]
}
