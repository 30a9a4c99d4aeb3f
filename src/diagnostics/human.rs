//! rustc-style terminal output: `error[GOV101]: …`, ` --> file:line:col`, the source line
//! with a caret, then `= help:` and a pointer to `govsite rules CODE`.

use super::{Diagnostic, Report, Severity, SourceMap};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::Buffer};
use std::fmt::Write as _;

pub fn render(report: &Report, sources: &SourceMap, color: bool) -> String {
    render_grouped(report, sources, color, None)
}

/// [`render`], showing at most `per_rule` findings of each rule in full and counting the
/// rest at the end: 1,600 warnings of one kind bury everything else, and their first few
/// say what to fix. `None` shows all.
pub fn render_grouped(
    report: &Report,
    sources: &SourceMap,
    color: bool,
    per_rule: Option<usize>,
) -> String {
    let mut out = String::new();
    let mut shown: Vec<(&str, usize)> = Vec::new();
    for diagnostic in &report.diagnostics {
        let count = match shown.iter_mut().find(|(code, _)| *code == diagnostic.code) {
            Some((_, n)) => n,
            None => {
                shown.push((diagnostic.code, 0));
                &mut shown.last_mut().expect("just pushed").1
            }
        };
        *count += 1;
        if per_rule.is_some_and(|limit| *count > limit) {
            continue;
        }
        out.push_str(&render_one(diagnostic, sources, color));
        out.push('\n');
    }
    if let Some(limit) = per_rule {
        let hidden: Vec<String> = shown
            .iter()
            .filter(|(_, n)| *n > limit)
            .map(|(code, n)| format!("{code} 另有 {} 条", n - limit))
            .collect();
        if !hidden.is_empty() {
            let _ = writeln!(
                out,
                "note: 每条规则只列出前 {limit} 条，{}未逐条列出；加 --verbose 列出全部（--format json 总是完整的）\n",
                hidden.join("，")
            );
        }
    }
    for waiver in &report.waivers {
        let _ = writeln!(out, "note: 已豁免 {}：{}", waiver.rule, waiver.reason);
    }
    out
}

fn render_one(diagnostic: &Diagnostic, sources: &SourceMap, color: bool) -> String {
    let mut notes = Vec::new();
    if let Some(help) = &diagnostic.help {
        notes.push(format!("help: {help}"));
    }
    if diagnostic.code.starts_with("GOV") {
        notes.push(format!("说明: govsite rules {}", diagnostic.code));
    }
    let severity = match diagnostic.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
    };
    let location = diagnostic.location.as_ref();
    let with_source = location.and_then(|l| {
        let span = l.span.clone()?;
        let text = sources.text(&l.file)?;
        Some((l.file.clone(), text, span))
    });
    if let Some((file, text, span)) = with_source {
        let end = span.end.clamp(span.start, text.len());
        let start = span.start.min(end);
        let files = SimpleFile::new(file, text);
        let mut label = Label::primary((), start..end);
        if let Some(text) = &diagnostic.label {
            label = label.with_message(text.clone());
        }
        let cs = CsDiagnostic::new(severity)
            .with_code(diagnostic.code)
            .with_message(&diagnostic.message)
            .with_labels(vec![label])
            .with_notes(notes.clone());
        let mut buffer = if color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        let config = term::Config::default();
        if term::emit(&mut buffer, &config, &files, &cs).is_ok() {
            return String::from_utf8_lossy(buffer.as_slice()).into_owned();
        }
    }
    // No source line to show (rendered pages, whole-file findings): same shape, by hand.
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}[{}]: {}",
        diagnostic.severity.as_str(),
        diagnostic.code,
        diagnostic.message
    );
    if let Some(location) = location {
        let suffix = if diagnostic.rendered {
            "（生成的页面）"
        } else {
            ""
        };
        let _ = writeln!(out, " --> {}{suffix}", location.file);
    }
    if let Some(label) = &diagnostic.label {
        let _ = writeln!(out, "  |\n  | {label}");
    }
    if !notes.is_empty() {
        out.push_str("  |\n");
    }
    for note in notes {
        let _ = writeln!(out, "  = {note}");
    }
    out
}
