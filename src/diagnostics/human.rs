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
        let only = if waiver.files.is_empty() {
            String::new()
        } else {
            format!("（仅 {}）", waiver.files.join("、"))
        };
        let _ = writeln!(out, "note: 已豁免 {}{only}：{}", waiver.rule, waiver.reason);
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
        // A minified or CMS-written page is one line of many kilobytes: show a window of
        // it around the finding, on the same line number, and name the true column.
        let (shown, start, end, column_fix) = match window(&text, start, end) {
            Some(w) => (
                w.text.into(),
                w.start,
                w.end,
                Some((w.shown_col, w.real_col)),
            ),
            None => (text.clone(), start, end, None),
        };
        let files = SimpleFile::new(file.clone(), shown);
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
            let out = String::from_utf8_lossy(buffer.as_slice()).into_owned();
            return match column_fix {
                Some((shown, real)) => {
                    let line = super::source_map::line_col_in(&text, start_in(&text, &span)).line;
                    out.replacen(
                        &format!("{file}:{line}:{shown}"),
                        &format!("{file}:{line}:{real}"),
                        1,
                    )
                }
                None => out,
            };
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

fn start_in(text: &str, span: &std::ops::Range<usize>) -> usize {
    span.start.min(text.len())
}

/// Lines longer than this many bytes are shown as a window around the finding.
const LONG_LINE: usize = 200;
/// Characters shown on each side of the finding in such a window.
const CONTEXT_CHARS: usize = 50;

/// A long line cut down to the finding: the text keeps the line number (earlier lines are
/// left empty), the span is moved into the window, and both columns are given so that the
/// header can name the real one.
struct Window {
    text: String,
    start: usize,
    end: usize,
    shown_col: usize,
    real_col: usize,
}

fn window(text: &str, start: usize, end: usize) -> Option<Window> {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if line_end - line_start <= LONG_LINE {
        return None;
    }
    let end = end.min(line_end).max(start);
    let from = text[line_start..start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(line_start, |(i, _)| line_start + i);
    let to = text[end..line_end]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(line_end, |(i, _)| end + i);
    let newlines = text[..line_start].matches('\n').count();
    let mut shown = "\n".repeat(newlines);
    if from > line_start {
        shown.push('…');
    }
    let offset = shown.len() + start - from;
    shown.push_str(&text[from..to]);
    if to < line_end {
        shown.push('…');
    }
    let shown_col = shown[..offset]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .count()
        + 1;
    let real_col = text[line_start..start].chars().count() + 1;
    Some(Window {
        start: offset,
        end: offset + (end - start),
        text: shown,
        shown_col,
        real_col,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_shown_around_the_finding_with_its_real_column() {
        let text = format!(
            "<p>first</p>\n{}<b>找错</b>{}",
            "字".repeat(300),
            "x".repeat(300)
        );
        let start = text.find("<b>").unwrap();
        let w = window(&text, start, start + 3).unwrap();
        assert_eq!(&w.text[w.start..w.end], "<b>");
        assert_eq!(w.real_col, 301);
        assert!(w.text.starts_with("\n…"));
        assert!(w.text.ends_with('…'));
        assert!(w.text.chars().count() < 120);
        assert!(window("short line", 0, 5).is_none());
    }
}
