//! The annual report in its three output forms: JSON for pipelines, CSV for the
//! spreadsheet the supervisor collects, and a standalone HTML page the site can publish.

use super::annual::{AnnualReport, Figure};
use super::{csv_line, esc, html_page};
use serde_json::{json, Value};

/// JSON: `{title, year, sections: [{name, rows: [{key, label, value, unit, pending}]}]}`;
/// a pending value is `null` with `pending: true`.
pub fn to_json(report: &AnnualReport) -> String {
    let sections: Vec<Value> = report
        .sections
        .iter()
        .map(|s| {
            let rows: Vec<Value> = s
                .rows
                .iter()
                .map(|r| json!({ "key": r.key, "label": r.label, "value": r.value.json(), "unit": r.unit, "pending": r.value == Figure::Pending }))
                .collect();
            json!({ "name": s.name, "rows": rows })
        })
        .collect();
    let value = json!({ "title": report.title(), "year": report.year, "sections": sections });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// CSV: 栏目,指标,数值,单位 — one line per field, 待填写 where another system must answer.
pub fn to_csv(report: &AnnualReport) -> String {
    let mut out = csv_line(&["栏目", "指标", "数值", "单位"]);
    for s in &report.sections {
        for r in &s.rows {
            out.push_str(&csv_line(&[s.name, r.label, &r.value.display(), r.unit]));
        }
    }
    out
}

/// A standalone page the site can publish (e.g. under 信息公开年报 or on the homepage).
pub fn to_html(report: &AnnualReport) -> String {
    let mut body = String::new();
    for s in &report.sections {
        body.push_str(&format!(
            "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">指标</th><th scope=\"col\">数值</th><th scope=\"col\">单位</th></tr></thead>\n<tbody>\n",
            esc(s.name)
        ));
        for r in &s.rows {
            let class = if r.value == Figure::Pending {
                " class=\"pending\""
            } else {
                ""
            };
            body.push_str(&format!(
                "<tr><th scope=\"row\">{}</th><td{class}>{}</td><td>{}</td></tr>\n",
                esc(r.label),
                esc(&r.value.display()),
                esc(r.unit)
            ));
        }
        body.push_str("</tbody>\n</table>\n");
    }
    body.push_str("<p>注：“待填写”的指标来自访问统计、政务服务平台、留言办理等其他系统，由网站主办单位核实后填写；其余数据由 govsite 根据网站内容统计。</p>\n");
    html_page(&report.title(), &body)
}
