//! The audit report as one standalone, accessible HTML page (tables with captions and
//! header cells, no scripts, no outside resources), printable for a supervisor's file.

use super::report::{column_cells, AuditReport, Evidence};
use crate::report::{esc, html_page};
use std::fmt::Write as _;

pub fn page(report: &AuditReport) -> String {
    let s = report.summary;
    let name = if s.identity.name.is_empty() {
        "（未能从首页读出网站名称）"
    } else {
        s.identity.name.as_str()
    };
    let mut body = String::new();
    let _ = write!(
        body,
        "<p>网站名称：{}；网站标识码：{}；主办单位：{}</p>\n<p>检查日期：{}；页面 {} 个，其他文件 {} 个；首页：{}；发现 {} 个错误、{} 个警告</p>\n",
        esc(name),
        esc(or_dash(&s.identity.id_code)),
        esc(or_dash(&s.identity.sponsor)),
        esc(&s.as_of),
        s.pages,
        s.files,
        esc(s.home.as_deref().unwrap_or("未找到")),
        report.errors,
        report.warnings,
    );
    vetoes(report, &mut body);
    deductions(report, &mut body);
    freshness(report, &mut body);
    not_checked(report, &mut body);
    skipped(report, &mut body);
    html_page(&format!("网站检查报告：{name}"), &body)
}

fn or_dash(text: &str) -> &str {
    if text.is_empty() {
        "—"
    } else {
        text
    }
}

fn table(body: &mut String, caption: &str, headers: &[&str], rows: &[Vec<String>]) {
    let _ = write!(
        body,
        "<table>\n<caption>{}</caption>\n<thead><tr>",
        esc(caption)
    );
    for h in headers {
        let _ = write!(body, "<th scope=\"col\">{}</th>", esc(h));
    }
    body.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        body.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            // The first cell names the row; cells are already escaped HTML.
            let tag = if i == 0 { "th scope=\"row\"" } else { "td" };
            let close = if i == 0 { "th" } else { "td" };
            let _ = write!(body, "<{tag}>{cell}</{close}>");
        }
        body.push_str("</tr>\n");
    }
    body.push_str("</tbody>\n</table>\n");
}

fn evidence_html(evidence: &[Evidence]) -> String {
    let items: Vec<String> = evidence
        .iter()
        .map(|e| {
            let at = match (&e.file, e.line) {
                (Some(f), Some(l)) => format!("{f}:{l}"),
                (Some(f), None) => f.clone(),
                _ => String::new(),
            };
            format!("{} {}：{}", esc(e.code), esc(&at), esc(&e.message))
        })
        .collect();
    items.join("<br>")
}

fn vetoes(report: &AuditReport, body: &mut String) {
    let rows: Vec<Vec<String>> = report
        .vetoes
        .iter()
        .map(|v| {
            let evidence = if v.evidence.is_empty() {
                esc(v.note.unwrap_or("未发现问题"))
            } else {
                evidence_html(&v.evidence)
            };
            vec![esc(v.item), esc(v.result), evidence]
        })
        .collect();
    table(body, "单项否决指标", &["指标", "结论", "依据"], &rows);
}

fn deductions(report: &AuditReport, body: &mut String) {
    let rows: Vec<Vec<String>> = report
        .deductions
        .iter()
        .map(|d| {
            vec![
                esc(d.code),
                esc(d.category),
                esc(d.summary),
                esc(if d.severity == "error" {
                    "错误"
                } else {
                    "警告"
                }),
                d.homepage.to_string(),
                d.elsewhere.to_string(),
            ]
        })
        .collect();
    if rows.is_empty() {
        body.push_str("<p>扣分指标：未发现问题。</p>\n");
        return;
    }
    table(
        body,
        "扣分指标（问题数）",
        &["规则", "指标", "问题", "级别", "首页", "其他页面"],
        &rows,
    );
}

fn freshness(report: &AuditReport, body: &mut String) {
    let f = &report.summary.freshness;
    let _ = writeln!(
        body,
        "<p>首页展示栏目的最新信息：{}{}；空白栏目 {} 个（{} 个及以上为单项否决）；未按周期更新的栏目 {} 个。</p>",
        esc(f.homepage_newest.as_deref().unwrap_or("无")),
        if f.homepage_stale { "（超过更新周期）" } else { "" },
        f.empty_columns,
        f.empty_veto_at,
        f.stale_columns,
    );
    let rows: Vec<Vec<String>> = f
        .columns
        .iter()
        .map(|row| column_cells(row).iter().map(|c| esc(c)).collect())
        .collect();
    if !rows.is_empty() {
        table(
            body,
            "栏目更新情况",
            &["栏目", "栏目类型", "更新周期", "信息数", "最新发布", "结论"],
            &rows,
        );
    }
}

fn not_checked(report: &AuditReport, body: &mut String) {
    let rows: Vec<Vec<String>> = report
        .not_checked
        .iter()
        .map(|n| vec![esc(n.code), esc(n.summary), esc(n.reason)])
        .collect();
    table(body, "未检查的规则", &["规则", "内容", "原因"], &rows);
}

fn skipped(report: &AuditReport, body: &mut String) {
    let rows: Vec<Vec<String>> = report
        .summary
        .skipped
        .iter()
        .map(|s| vec![esc(&s.file), esc(&s.reason)])
        .collect();
    if !rows.is_empty() {
        table(body, "未读取的文件", &["文件", "原因"], &rows);
    }
}
