//! The error overlay: when a rebuild has errors, every HTML page gets a panel listing the
//! diagnostics (code, message, file:line, fix), the same findings the CLI prints. It is
//! built from the `--format json` rendering so that line numbers are computed in one place.

use crate::diagnostics::{self, Format};
use crate::pipeline::Outcome;
use crate::render::escape_html as escape;
use serde_json::Value;
use std::fmt::Write;

/// The overlay panel for a failed build.
pub fn panel(outcome: &Outcome) -> String {
    let json = diagnostics::render(&outcome.report, &outcome.sources, Format::Json, false);
    let parsed: Value = serde_json::from_str(&json).unwrap_or(Value::Null);
    let empty = Vec::new();
    let list = parsed["diagnostics"].as_array().unwrap_or(&empty);
    let mut html = String::from(concat!(
        r#"<div id="govsite-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;"#,
        r#"overflow:auto;background:rgba(24,24,27,.95);color:#f4f4f5;padding:24px 32px;"#,
        r#"font:15px/1.6 system-ui,'PingFang SC','Microsoft YaHei',sans-serif;text-align:left">"#,
    ));
    let _ = write!(
        html,
        r#"<h2 style="margin:0 0 8px;color:#fca5a5;font-size:20px">构建失败：{} 个错误，{} 个警告</h2>"#,
        outcome.report.errors(),
        outcome.report.warnings()
    );
    html.push_str(concat!(
        r#"<p style="margin:0 0 16px;color:#d4d4d8">下面的页面是上一次成功构建的结果。"#,
        r#"修改并保存后页面会自动刷新。 <button type="button" id="govsite-overlay-close">"#,
        r#"暂时关闭</button></p><ol style="margin:0;padding-left:24px">"#,
    ));
    for entry in list {
        html.push_str(&item(entry));
    }
    html.push_str("</ol></div>");
    html
}

/// One diagnostic as a list item; every value is escaped.
fn item(entry: &Value) -> String {
    let text = |key: &str| entry[key].as_str().map(escape).unwrap_or_default();
    let severity = text("severity");
    let colour = if severity == "error" {
        "#fca5a5"
    } else {
        "#fde68a"
    };
    let mut html = format!(
        r#"<li style="margin:0 0 14px"><strong style="color:{colour}">{severity}[{}]</strong> {}"#,
        text("code"),
        text("message")
    );
    if let Some(file) = entry["file"].as_str() {
        let mut place = escape(file);
        if let (Some(line), Some(column)) = (entry["line"].as_u64(), entry["column"].as_u64()) {
            let _ = write!(place, ":{line}:{column}");
        }
        let _ = write!(html, r#"<br><code style="color:#93c5fd">{place}</code>"#);
    }
    if entry["help"].is_string() {
        let _ = write!(
            html,
            r#"<br><span style="color:#a7f3d0">修改建议：{}</span>"#,
            text("help")
        );
    }
    html.push_str("</li>");
    html
}

/// The page shown for every request while no build has succeeded yet.
pub fn error_page(panel: &str, script: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <title>govsite：构建失败</title></head><body>{panel}{script}</body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn items_are_escaped_and_placed() {
        let html = item(&json!({
            "code": "GOV101", "severity": "error", "message": "<script>alert(1)</script>",
            "file": "site.yaml", "line": 9, "column": 10, "help": "a & b"
        }));
        assert!(html.contains("error[GOV101]"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("site.yaml:9:10"));
        assert!(html.contains("修改建议：a &amp; b"));
    }

    #[test]
    fn escape_covers_attribute_quotes() {
        assert_eq!(escape(r#"a"b'c"#), "a&quot;b&#39;c");
    }
}
