//! Findings as values: every check produces [`Diagnostic`]s, collected into a [`Report`]
//! and printed together (human, JSON or SARIF) by the `print` module.

mod ci;
mod human;
mod json;
pub mod sarif;
mod source_map;

pub use source_map::{LineCol, SourceMap};

use std::ops::Range;

/// How bad a finding is. Errors fail the build; warnings are reported and the build goes on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Where a finding is: a file relative to the site folder (or an output page relative to
/// the output folder), and optionally a byte range in that file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Location {
    pub file: String,
    pub span: Option<Range<usize>>,
}

/// One finding of one rule (or one input error). Serialized for the build cache only
/// (`crate::cache`); the reports have their own formats.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    /// Short text under the caret, e.g. "11 位".
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// Whether the location is a rendered output page (no source line to show).
    pub rendered: bool,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            location: None,
            label: None,
            help: None,
            rendered: false,
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, message)
    }

    /// Points the finding at a source file, optionally at a byte range in it.
    pub fn at(mut self, file: impl Into<String>, span: Option<Range<usize>>) -> Self {
        self.location = Some(Location {
            file: file.into(),
            span,
        });
        self
    }

    /// Points the finding at a rendered output page (path relative to the output folder).
    pub fn at_page(mut self, output_path: impl Into<String>) -> Self {
        self.location = Some(Location {
            file: output_path.into(),
            span: None,
        });
        self.rendered = true;
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// An active waiver, echoed in every report so that nobody forgets it is there.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ActiveWaiver {
    pub rule: String,
    pub reason: String,
    /// The file patterns it is limited to; empty: the whole rule.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<String>,
}

/// All findings of one run, sorted for stable output.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub waivers: Vec<ActiveWaiver>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Whether any finding is an input error (GOV0xx), which maps to exit code 2.
    pub fn has_input_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.is_error() && d.code.starts_with("GOV0"))
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(diagnostics);
    }

    /// Sorts the findings about source files first (site.yaml, then content), those about
    /// rendered pages after them, each by file, position, then code: the fix is almost
    /// always in the source, and the order must not depend on thread timing.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.rendered,
                    // site.yaml, which every page depends on, before the content files.
                    d.location.as_ref().is_none_or(|l| l.file != "site.yaml"),
                    d.location.as_ref().map(|l| l.file.clone()),
                    d.location
                        .as_ref()
                        .and_then(|l| l.span.as_ref().map(|s| s.start)),
                    d.code,
                    d.message.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        self.diagnostics.dedup();
    }
}

/// The output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    /// JUnit XML for GitLab and Jenkins test reports.
    Junit,
    /// GitLab Code Quality (CodeClimate issues).
    Codequality,
}

/// How many findings of one rule the terminal shows in full unless `--verbose`.
pub const SHOWN_PER_RULE: usize = 5;

/// The findings for the terminal, grouped: see [`human::render_grouped`].
pub fn render_human(report: &Report, sources: &SourceMap, color: bool, verbose: bool) -> String {
    human::render_grouped(report, sources, color, (!verbose).then_some(SHOWN_PER_RULE))
}

/// Renders a report in the chosen format. `sources` resolves file:line for source findings.
pub fn render(report: &Report, sources: &SourceMap, format: Format, color: bool) -> String {
    match format {
        Format::Human => human::render(report, sources, color),
        Format::Json => json::render(report, sources),
        Format::Sarif => sarif::render(report, sources),
        Format::Junit => ci::junit(report, sources),
        Format::Codequality => ci::codequality(report, sources),
    }
}
