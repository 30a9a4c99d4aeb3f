//! The `--format json` object of the contract (site-format.md section 6).

use super::{Report, SourceMap};
use serde_json::{json, Value};

pub fn render(report: &Report, sources: &SourceMap) -> String {
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut entry = json!({
                "code": d.code,
                "severity": d.severity.as_str(),
                "message": d.message,
            });
            if let Some(location) = &d.location {
                entry["file"] = json!(location.file);
                if let Some(span) = &location.span {
                    if let Some(pos) = sources.line_col(&location.file, span.start) {
                        entry["line"] = json!(pos.line);
                        entry["column"] = json!(pos.column);
                    }
                }
            }
            if let Some(help) = &d.help {
                entry["help"] = json!(help);
            }
            entry
        })
        .collect();
    let object = json!({
        "ok": !report.has_errors(),
        "errors": report.errors(),
        "warnings": report.warnings(),
        "diagnostics": diagnostics,
        "waivers": report.waivers,
    });
    format!("{object}\n")
}
