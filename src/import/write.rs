//! Writes the planned site into the staging folder: site.yaml, `content/` (columns,
//! homepage, items with front matter and Markdown bodies whose links point at the new
//! site), the images and attachments those bodies use under `static/`, and the report.

use super::items::ItemPlan;
use super::plan::{ColumnPlan, Read};
use super::report::{Mapped, Report};
use super::{body, identity, layout, Planned};
use crate::diagnostics::Diagnostic;
use crate::legacy::LegacySite;
use crate::output::{Sink, StagingDir};
use crate::render::pages::output_path;
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};

#[derive(Serialize)]
struct ColumnFront<'a> {
    title: &'a str,
    #[serde(rename = "type")]
    column_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    keywords: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    weight: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
}

#[derive(Serialize)]
struct HomeFront {
    title: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
}

/// The old URL as an alias, when the new one is a different file.
fn alias(old: &str, new: &str) -> Vec<String> {
    if output_path(old) == output_path(new) {
        Vec::new()
    } else {
        vec![old.to_string()]
    }
}

/// Links of one body rewritten to the new site: what they need copied and what is
/// missing.
struct Links<'a> {
    planned: &'a Planned,
    files: HashSet<String>,
    /// Files above the copy limit, and those of them the bodies use.
    too_large: HashSet<String>,
    not_copied: BTreeSet<String>,
    pages: HashSet<String>,
    copies: BTreeSet<String>,
    unresolved: Vec<String>,
    unresolved_total: usize,
}

/// How many unresolved links the report lists.
const MAX_LISTED: usize = 1000;

impl Links<'_> {
    fn rewrite(&mut self, page_url: &str, href: &str) -> Option<String> {
        let (path, fragment) = layout::resolve(page_url, href, &self.planned.own_hosts)?;
        let key = output_path(&path);
        if let Some(new) = self.planned.new_url.get(&key) {
            return Some(format!("{new}{fragment}"));
        }
        let rel = path.trim_start_matches('/').to_string();
        if self.files.contains(&rel) {
            self.copies.insert(rel);
            // Spaces and parentheses would end a Markdown link target.
            let target = path
                .replace(' ', "%20")
                .replace('(', "%28")
                .replace(')', "%29");
            return Some(format!("{target}{fragment}"));
        }
        if self.too_large.contains(&rel) {
            self.not_copied.insert(rel);
            return None;
        }
        if !self.pages.contains(&key) && !self.pages.contains(&rel) {
            self.unresolved_total += 1;
            // The report lists the first ones; a page of a million links stays readable.
            if self.unresolved.len() < MAX_LISTED {
                self.unresolved.push(format!("{page_url} → {href}"));
            }
        }
        None
    }

    fn markdown(&mut self, read: &Read) -> String {
        match &read.body {
            Some(b) => body::to_markdown(&b.html, &mut |href| self.rewrite(&read.url, href)),
            None => String::new(),
        }
    }
}

/// Writes everything; the caller commits the staging folder.
pub(super) fn write(
    staging: &StagingDir,
    site: &LegacySite,
    reads: &[Read],
    planned: &Planned,
    report: &mut Report,
) -> Result<(), Diagnostic> {
    let limit = crate::legacy::Limits::default().max_file_bytes;
    let (small, large): (Vec<_>, Vec<_>) = site.files.iter().partition(|f| f.bytes <= limit);
    let mut links = Links {
        planned,
        files: small.into_iter().map(|f| f.rel.clone()).collect(),
        too_large: large.into_iter().map(|f| f.rel.clone()).collect(),
        not_copied: BTreeSet::new(),
        pages: site
            .pages
            .iter()
            .flat_map(|p| [output_path(&layout::old_url(&p.rel)), p.rel.clone()])
            .collect(),
        copies: BTreeSet::new(),
        unresolved: Vec::new(),
        unresolved_total: 0,
    };
    staging.write("site.yaml", identity::render(&planned.identity).as_bytes())?;
    for column in &planned.columns {
        write_column(staging, reads, column, &mut links, report)?;
    }
    if let Some(h) = planned.home {
        write_home(staging, reads, h, &mut links, report)?;
    }
    for item in &planned.items {
        write_item(staging, reads, item, &mut links, report)?;
    }
    for read in reads {
        if let super::plan::Role::Redirect(_) = read.role {
            if let Some(new) = planned.new_url.get(&output_path(&read.url)) {
                report.mapped.push(mapped(read, new, "redirect", None));
            }
        }
    }
    copy_files(staging, site, &links.copies)?;
    report.files_copied = links.copies.into_iter().collect();
    report
        .skipped
        .extend(links.not_copied.into_iter().map(|rel| super::plan::Skip {
            page: rel,
            reason: format!("附件超过 {} MiB，未复制", limit / 1024 / 1024),
        }));
    report.unresolved_links = links.unresolved;
    report.unresolved_total = links.unresolved_total;
    report.columns = planned.columns.len();
    report.items = planned.items.len();
    report.site_missing = planned.identity.missing.clone();
    report.site_guessed = planned.identity.guessed.clone();
    report.mapped.sort_by(|a, b| a.old_url.cmp(&b.old_url));
    let json = serde_json::to_string_pretty(report).unwrap_or_default();
    staging.write("import-report.json", json.as_bytes())
}

/// The homepage; every other root index file (`index.html` beside `index.shtml`) is
/// one of its aliases.
fn write_home(
    staging: &StagingDir,
    reads: &[Read],
    home: usize,
    links: &mut Links,
    report: &mut Report,
) -> Result<(), Diagnostic> {
    let homes: Vec<&Read> = reads
        .iter()
        .filter(|r| r.role == super::plan::Role::Home)
        .collect();
    let front = HomeFront {
        title: "首页",
        aliases: homes.iter().flat_map(|r| alias(&r.url, "/")).collect(),
    };
    let text = document(&front, &links.markdown(&reads[home]));
    let file = "content/_index.md";
    staging.write(file, text.as_bytes())?;
    for read in homes {
        report
            .mapped
            .push(mapped(read, "/", "home", Some(file.to_string())));
    }
    Ok(())
}

fn write_column(
    staging: &StagingDir,
    reads: &[Read],
    column: &ColumnPlan,
    links: &mut Links,
    report: &mut Report,
) -> Result<(), Diagnostic> {
    let front = ColumnFront {
        title: &column.title,
        column_type: &column.column_type,
        description: column.description.as_deref(),
        keywords: &column.keywords,
        weight: column.weight,
        aliases: column.page.map_or(Vec::new(), |p| {
            alias(&reads[p].url, &format!("/{}/", column.folder))
        }),
    };
    let body = column
        .page
        .map_or(String::new(), |p| links.markdown(&reads[p]));
    let file = format!("content/{}/_index.md", column.folder);
    staging.write(&file, document(&front, &body).as_bytes())?;
    if let Some(p) = column.page {
        let mut m = mapped(
            &reads[p],
            &format!("/{}/", column.folder),
            "column",
            Some(file),
        );
        m.guessed = column.guessed.clone();
        report.mapped.push(m);
    } else if !column.guessed.is_empty() {
        report.site_guessed.extend(
            column
                .guessed
                .iter()
                .map(|g| format!("栏目 {}：{g}", column.folder)),
        );
    }
    Ok(())
}

fn write_item(
    staging: &StagingDir,
    reads: &[Read],
    item: &ItemPlan,
    links: &mut Links,
    report: &mut Report,
) -> Result<(), Diagnostic> {
    let read = &reads[item.read];
    let body = links.markdown(read);
    let file = format!("content/{}.md", item.path);
    staging.write(&file, document(&item.front, &body).as_bytes())?;
    let kind = if item.column_type.is_some() {
        "item"
    } else {
        "loose"
    };
    let mut m = mapped(read, &item.url, kind, Some(file));
    m.guessed = item.guessed.clone();
    report.mapped.push(m);
    Ok(())
}

fn mapped(read: &Read, new_url: &str, kind: &'static str, file: Option<String>) -> Mapped {
    Mapped {
        page: read.rel.clone(),
        old_url: read.url.clone(),
        new_url: new_url.to_string(),
        kind,
        file,
        encoding: read.encoding,
        body: read.body.as_ref().map(|b| b.found_by),
        guessed: Vec::new(),
    }
}

/// A Markdown file: YAML front matter (serde_yaml quotes what needs quoting) and body.
fn document(front: &impl Serialize, body: &str) -> String {
    let yaml = serde_yaml::to_string(front).unwrap_or_default();
    format!("---\n{yaml}---\n{body}")
}

/// Copies the images and attachments the bodies use to `static/`, same paths.
fn copy_files(
    staging: &StagingDir,
    site: &LegacySite,
    copies: &BTreeSet<String>,
) -> Result<(), Diagnostic> {
    for rel in copies {
        let path = site.root.join(rel);
        let bytes = std::fs::read(&path).map_err(|e| {
            Diagnostic::error("GOV006", format!("无法读取附件 {}：{e}", path.display()))
        })?;
        staging.write(&format!("static/{rel}"), &bytes)?;
    }
    Ok(())
}
