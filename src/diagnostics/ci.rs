//! Findings for CI test and quality views: `--format junit` (GitLab `artifacts:reports:junit`,
//! Jenkins' JUnit plugin) and `--format codequality` (GitLab's Code Quality widget, the
//! CodeClimate issue format GitLab reads).

use super::{Diagnostic, Report, Severity, SourceMap};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// A JUnit XML report: one test suite, one test case per finding. An error is a failed
/// case; a warning passes (it does not fail the build either) and carries its text as
/// output; with no findings, one passing case says every rule passed.
pub fn junit(report: &Report, sources: &SourceMap) -> String {
    let mut cases = String::new();
    for d in &report.diagnostics {
        let (file, line) = place(d, sources);
        let name = format!("{} {}", d.code, at(&file, line));
        let text = details(d, &file, line);
        let _ = write!(
            cases,
            "    <testcase classname=\"{}\" name=\"{}\">",
            xml(&file),
            xml(&name)
        );
        match d.severity {
            Severity::Error => {
                let _ = write!(
                    cases,
                    "<failure type=\"{}\" message=\"{}\">{}</failure>",
                    d.code,
                    xml(&d.message),
                    xml(&text)
                );
            }
            Severity::Warning => {
                let _ = write!(cases, "<system-out>{}</system-out>", xml(&text));
            }
        }
        cases.push_str("</testcase>\n");
    }
    let tests = report.diagnostics.len().max(1);
    if report.diagnostics.is_empty() {
        cases.push_str("    <testcase classname=\"govsite\" name=\"全部规则通过\"/>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"govsite\" tests=\"{tests}\" failures=\"{f}\">\n  <testsuite name=\"govsite 合规检查\" tests=\"{tests}\" failures=\"{f}\" errors=\"0\" skipped=\"0\">\n{cases}  </testsuite>\n</testsuites>\n",
        f = report.errors()
    )
}

/// GitLab Code Quality: a JSON array of issues with a stable fingerprint (the same finding
/// keeps its fingerprint from run to run, so merge requests show what is new).
pub fn codequality(report: &Report, sources: &SourceMap) -> String {
    let issues: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let (file, line) = place(d, sources);
            let description = match &d.help {
                Some(help) => format!("{}：{}（修改：{help}）", d.code, d.message),
                None => format!("{}：{}", d.code, d.message),
            };
            json!({
                "type": "issue",
                "check_name": d.code,
                "description": description,
                "categories": ["Compatibility"],
                "severity": match d.severity { Severity::Error => "major", Severity::Warning => "minor" },
                "fingerprint": fingerprint(&[d.code, &file, &line.to_string(), &d.message]),
                "location": { "path": file, "lines": { "begin": line.max(1) } },
            })
        })
        .collect();
    format!("{}\n", Value::Array(issues))
}

/// The finding's file (or `site.yaml` for a site-wide one) and 1-based line (0: none).
fn place(d: &Diagnostic, sources: &SourceMap) -> (String, usize) {
    let Some(location) = &d.location else {
        return ("site.yaml".to_string(), 0);
    };
    let line = location
        .span
        .as_ref()
        .and_then(|span| sources.line_col(&location.file, span.start))
        .map_or(0, |pos| pos.line);
    (location.file.clone(), line)
}

fn at(file: &str, line: usize) -> String {
    if line == 0 {
        file.to_string()
    } else {
        format!("{file}:{line}")
    }
}

fn details(d: &Diagnostic, file: &str, line: usize) -> String {
    let mut text = format!(
        "{}[{}]: {}\n  --> {}",
        d.severity.as_str(),
        d.code,
        d.message,
        at(file, line)
    );
    if let Some(help) = &d.help {
        let _ = write!(text, "\n  = help: {help}");
    }
    let _ = write!(text, "\n  = 说明: govsite rules {}", d.code);
    text
}

/// Text escaped for XML content and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 allows no other control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// FNV-1a (64-bit) over the parts, as hex: stable across runs and versions, unlike
/// Rust's `DefaultHasher`.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_is_escaped_and_fingerprints_are_stable() {
        assert_eq!(xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(
            fingerprint(&["GOV101", "site.yaml"]),
            fingerprint(&["GOV101", "site.yaml"])
        );
        assert_ne!(
            fingerprint(&["GOV101", "site.yaml"]),
            fingerprint(&["GOV10", "1site.yaml"])
        );
    }
}
