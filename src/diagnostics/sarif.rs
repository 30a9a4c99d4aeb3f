//! SARIF 2.1.0 output, so code-scanning services show findings inline in a merge request.

use super::{Report, Severity, SourceMap};
use serde_json::{json, Value};
use std::collections::BTreeSet;

pub fn render(report: &Report, sources: &SourceMap) -> String {
    render_many(&[(report, sources, "")])
}

/// One SARIF log with one run for several reports (the sites of a platform), each file
/// named with its report's prefix (`sites/jyj/`). Code-scanning services such as GitHub's
/// refuse several runs of one tool in one upload, so a platform uploads this one file.
pub fn render_many(parts: &[(&Report, &SourceMap, &str)]) -> String {
    let codes: BTreeSet<&str> = parts
        .iter()
        .flat_map(|(report, _, _)| &report.diagnostics)
        .map(|d| d.code)
        .collect();
    let rules: Vec<Value> = codes
        .iter()
        .map(|code| {
            let summary = crate::rules::registry::find(code)
                .map(|m| m.summary)
                .unwrap_or("输入错误");
            json!({
                "id": code,
                "shortDescription": { "text": summary },
                "helpUri": format!("https://govsite.invalid/rules/{code}"),
            })
        })
        .collect();
    let results: Vec<Value> = parts
        .iter()
        .flat_map(|(report, sources, prefix)| {
            report
                .diagnostics
                .iter()
                .map(move |d| result(d, sources, prefix))
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "govsite",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://govsite.invalid/",
                "rules": rules,
            }},
            "results": results,
        }],
    });
    format!("{log:#}\n")
}

/// One finding as a SARIF result, its file named with `prefix`.
fn result(d: &super::Diagnostic, sources: &SourceMap, prefix: &str) -> Value {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\n修改建议：");
        message.push_str(help);
    }
    let mut result = json!({
        "ruleId": d.code,
        "level": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
        "message": { "text": message },
    });
    if let Some(location) = &d.location {
        let mut physical =
            json!({ "artifactLocation": { "uri": format!("{prefix}{}", location.file) } });
        if let Some(pos) = location
            .span
            .as_ref()
            .and_then(|s| sources.line_col(&location.file, s.start))
        {
            physical["region"] = json!({ "startLine": pos.line, "startColumn": pos.column });
        }
        result["locations"] = json!([{ "physicalLocation": physical }]);
    }
    result
}
