//! `govsite audit DIR`: the rules govsite applies at build time, applied to a site built
//! by another CMS. The pages are read by [`crate::legacy`], classified, turned into a site
//! model through govsite's own loaders ([`model`]), normalized with html5ever and checked
//! with [`pipeline::check_rendered`] and [`rules::check_site`]; freshness comes from the
//! pages' own PubDate and ColumnName/ColumnType ([`freshness`]). Nothing is written into DIR.

mod classify;
pub mod command;
mod freshness;
mod identity;
mod locate;
mod model;
pub mod report;
mod report_html;
mod scope;

pub use freshness::{ColumnRow, Freshness};
pub use identity::Identity;

use crate::config::Date;
use crate::diagnostics::{Diagnostic, Report, SourceMap};
use crate::legacy::{self, LegacyPage, Limits, Skipped};
use crate::pipeline::{self, Outcome};
use crate::render::RenderedPage;
use crate::rules::facts::{LinkInterner, SiteFiles, StylesheetFacts};
use crate::rules::text_scan::Texts;
use crate::rules::{self, registry, PageFacts, SiteFacts};
use rayon::prelude::*;
use scraper::Html;
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

/// Knobs of one audit.
#[derive(Debug, Clone, Default)]
pub struct AuditOptions {
    /// "Today" for the freshness rules; default today in Beijing.
    pub as_of: Option<Date>,
    pub limits: Limits,
}

/// What an audit found: the findings as a build reports them, and the facts the
/// supervisor's report is made of.
pub struct Audit {
    pub outcome: Outcome,
    pub summary: Summary,
}

/// The audit's facts besides the findings.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    pub as_of: String,
    pub pages: usize,
    pub files: usize,
    pub skipped: Vec<SkippedFile>,
    /// The homepage's path inside DIR.
    pub home: Option<String>,
    pub identity: Identity,
    pub freshness: Freshness,
    /// Page encodings and how many pages each.
    pub encodings: Vec<(String, usize)>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SkippedFile {
    pub file: String,
    pub reason: String,
}

/// Audits the folder `dir`.
pub fn audit(dir: &Path, options: &AuditOptions) -> Audit {
    let started = Instant::now();
    let as_of = options.as_of.unwrap_or_else(Date::today);
    let site = match legacy::scan(dir, &options.limits) {
        Ok(site) => site,
        Err(e) => {
            return Audit {
                outcome: Outcome::failed(dir, e),
                summary: Summary::default(),
            }
        }
    };
    let sources = SourceMap::new(dir);
    let mut report = Report::default();
    let summary = match run(&site, as_of, &sources) {
        Ok((diagnostics, summary)) => {
            report.extend(diagnostics);
            summary
        }
        Err(errors) => {
            report.extend(errors);
            Summary::default()
        }
    };
    report.sort();
    Audit {
        outcome: Outcome {
            report,
            sources,
            pages: site.pages.len(),
            updated: None,
            elapsed: started.elapsed(),
        },
        summary,
    }
}

/// What the first pass over every page gives.
struct Read {
    meta: legacy::PageMeta,
    text: model::PageText,
}

fn run(
    site: &legacy::LegacySite,
    as_of: Date,
    sources: &SourceMap,
) -> Result<(Vec<Diagnostic>, Summary), Vec<Diagnostic>> {
    let pages = &site.pages;
    let read: Vec<Read> = pages.par_iter().map(read_page).collect();
    let (metas, texts): (Vec<_>, Vec<_>) = read.into_iter().map(|r| (r.meta, r.text)).unzip();
    let (classified, columns) = classify::classify(pages, metas);
    let home = classified
        .iter()
        .position(|c| c.role == classify::Role::Home);
    let identity = home.map_or_else(Identity::default, |h| {
        identity::read(&Html::parse_document(&pages[h].html), &classified[h].meta)
    });
    let model = model::build(pages, &classified, &columns, &identity, &texts, as_of)?;
    drop(texts);

    let mut diagnostics = check_pages(&model, pages, &site.files, &site.root);
    diagnostics.extend(text_rules(&model));
    let (freshness, stale) = freshness::judge(&model, &columns, pages, home);
    diagnostics.extend(stale);

    let locator = locate::Locator {
        pages,
        by_rel: pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.rel.as_str(), i))
            .collect(),
        model: &model,
    };
    let diagnostics = diagnostics
        .into_iter()
        .map(|d| locator.place(d, sources))
        .collect();
    let summary = Summary {
        as_of: as_of.ymd(),
        pages: pages.len(),
        files: site.files.len(),
        skipped: site.skipped.iter().map(skipped).collect(),
        home: home.map(|h| pages[h].rel.clone()),
        identity,
        freshness,
        encodings: encodings(pages),
    };
    Ok((diagnostics, summary))
}

fn skipped(s: &Skipped) -> SkippedFile {
    SkippedFile {
        file: s.rel.clone(),
        reason: s.reason.clone(),
    }
}

fn encodings(pages: &[LegacyPage]) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for page in pages {
        *counts.entry(page.encoding).or_default() += 1;
    }
    let mut out: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(e, n)| (e.to_string(), n))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

fn read_page(page: &LegacyPage) -> Read {
    let doc = Html::parse_document(&page.html);
    Read {
        meta: legacy::page_meta(&doc),
        text: model::PageText {
            lines: legacy::visible_text(&doc),
        },
    }
}

/// The rendered-page rules on every page (normalized), then the whole-site rules on the
/// facts gathered from them and every file in the folder.
fn check_pages(
    model: &model::Model,
    pages: &[LegacyPage],
    files: &[legacy::LegacyFile],
    root: &Path,
) -> Vec<Diagnostic> {
    let links = LinkInterner::default();
    let results: Vec<(Vec<Diagnostic>, PageFacts)> = pages
        .par_iter()
        .zip(&model.jobs)
        .map(|(page, job)| {
            let rendered = RenderedPage {
                html: legacy::normalize(&page.html),
                body: None,
            };
            let checked = pipeline::check_rendered(&model.site, job, &rendered, &links);
            (checked.diagnostics, checked.facts)
        })
        .collect();
    drop(links);
    let mut out = Vec::new();
    let mut facts = Vec::with_capacity(results.len());
    for (diagnostics, page_facts) in results {
        out.extend(diagnostics.into_iter().filter(|d| scope::page_rule(d.code)));
        facts.push(page_facts);
    }
    let paths = pages
        .iter()
        .map(|p| p.rel.clone())
        .chain(files.iter().map(|f| f.rel.clone()));
    let site_files = SiteFiles::new(scope::with_default_documents(paths));
    let site_facts = SiteFacts::new(facts, site_files, stylesheets(files, root));
    let found = rules::check_site(&model.site, &site_facts);
    out.extend(found.into_iter().filter(|d| scope::site_rule(d.code)));
    out
}

/// The `url()` and `@import` references of the folder's stylesheets (at most 4 MB each).
fn stylesheets(files: &[legacy::LegacyFile], root: &Path) -> Vec<StylesheetFacts> {
    files
        .par_iter()
        .filter(|f| f.rel.to_ascii_lowercase().ends_with(".css") && f.bytes <= 4 << 20)
        .filter_map(|f| {
            let bytes = std::fs::read(root.join(&f.rel)).ok()?;
            let (css, _) = legacy::decode::decode(&bytes);
            Some(StylesheetFacts {
                output: f.rel.clone(),
                urls: rules::urls::css_urls(&css),
            })
        })
        .collect()
}

/// The text rules (错敏词, placeholders, personal data) over the model's text of every page.
fn text_rules(model: &model::Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in registry::RULES
        .iter()
        .filter(|r| scope::text_rule(r.meta().code))
    {
        rule.check_source(&model.site, &mut out);
        rule.check_texts(&model.site, &Texts { memo: None }, &mut out);
    }
    out
}
