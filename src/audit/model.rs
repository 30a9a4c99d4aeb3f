//! The site model of a legacy site, made through govsite's own loaders: a temporary
//! site folder (never inside the audited folder) gets a site.yaml with the identity the
//! homepage shows, read by `config::load`; one Markdown file per page with its title,
//! date and visible text is made in memory and read by `content::load_texts` into a
//! [`Site`]. Each legacy page then
//! gets the [`PageJob`] the rendered-page rules expect, at its own path.

use super::classify::{Classified, LegacyColumn, Role};
use super::identity::Identity;
use crate::config::{self, Date};
use crate::content::{self, Site};
use crate::diagnostics::Diagnostic;
use crate::legacy::LegacyPage;
use crate::render::{PageJob, PageKind};
use crate::rules::data::COLUMN_TYPES;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The model and what ties it back to the legacy pages.
pub struct Model {
    pub site: Site,
    /// One job per legacy page, in page order.
    pub jobs: Vec<PageJob>,
    /// Each written content file (`content/c001/i00001.md`) → its page index and its
    /// place in `files`.
    pub written: HashMap<String, (usize, usize)>,
    /// The files the model was loaded from, `(rel, text)`.
    pub files: Vec<(String, String)>,
    /// Legacy column index → the model's column index.
    pub column_ids: Vec<usize>,
}

/// What one page contributes to the model besides its classification.
pub struct PageText {
    pub lines: Vec<String>,
}

/// Builds the model. `texts` are the pages' visible text, in page order.
pub fn build(
    pages: &[LegacyPage],
    classified: &[Classified],
    columns: &[LegacyColumn],
    identity: &Identity,
    texts: &[PageText],
    as_of: Date,
) -> Result<Model, Vec<Diagnostic>> {
    let tmp = tempfile::Builder::new()
        .prefix("govsite-audit-")
        .tempdir()
        .map_err(|e| {
            vec![Diagnostic::error(
                "GOV007",
                format!("无法创建临时文件夹：{e}"),
            )]
        })?;
    let root = tmp.path();
    // Only site.yaml goes to disk (config::load reads it); the Markdown stays in memory.
    let (mut written, mut files) = content_files(classified, columns, texts);
    let yaml = site_yaml(identity);
    write_file(&root.join(config::SITE_FILE), &yaml)?;
    if let Some(home) = classified.iter().position(|c| c.role == Role::Home) {
        // Text findings in the identity belong to the homepage it was read from.
        written.insert(config::SITE_FILE.to_string(), (home, files.len()));
        files.push((config::SITE_FILE.to_string(), yaml));
    }
    let (config, _) = config::load(root).or_else(|_| {
        // A value the homepage shows in a form site.yaml refuses (a domain with a port, say)
        // must not stop the audit: the model then knows the name only.
        let plain = Identity {
            name: identity.name.clone(),
            ..Identity::default()
        };
        write_file(&root.join(config::SITE_FILE), &site_yaml(&plain))?;
        config::load(root)
    })?;
    let site = content::load_texts(config, as_of, &files)?;
    let column_ids = (0..columns.len())
        .map(|c| {
            let path = column_dir(c);
            site.columns
                .iter()
                .position(|col| col.path == path)
                .unwrap_or(0)
        })
        .collect();
    let mut model = Model {
        site,
        jobs: Vec::new(),
        written,
        files,
        column_ids,
    };
    model.jobs = jobs(&model, pages, classified);
    Ok(model)
}

fn column_dir(c: usize) -> String {
    format!("c{c:04}")
}

/// The content file a page is written to, if any (further listing pages share the
/// column's first).
fn content_file(i: usize, role: Role) -> Option<String> {
    match role {
        Role::Home => Some("content/_index.md".into()),
        Role::Column(c, 1) => Some(format!("content/{}/_index.md", column_dir(c))),
        Role::Column(..) => None,
        Role::Item(c) => Some(format!("content/{}/i{i:06}.md", column_dir(c))),
        Role::Loose => Some(format!("content/p{i:06}.md")),
    }
}

/// The model's Markdown files, `(rel, text)`, and those of them that stand for a page
/// (rel → page index and text), for placing findings back on the pages.
type ContentFiles = (HashMap<String, (usize, usize)>, Vec<(String, String)>);

fn content_files(
    classified: &[Classified],
    columns: &[LegacyColumn],
    texts: &[PageText],
) -> ContentFiles {
    let mut written = HashMap::new();
    let mut files = Vec::new();
    for (c, column) in columns.iter().enumerate() {
        // Every column gets its _index.md, also one without a listing page: its items
        // show that the site has it.
        let mut front = BTreeMap::new();
        front.insert("title", column.name.clone());
        if let Some(t) = column
            .column_type
            .as_ref()
            .filter(|t| COLUMN_TYPES.is_allowed(t))
        {
            front.insert("type", t.clone());
        }
        let rel = format!("content/{}/_index.md", column_dir(c));
        let body = column
            .listing
            .map(|i| markdown(&texts[i].lines))
            .unwrap_or_default();
        let text = document(&front, &body);
        if let Some(i) = column.listing {
            written.insert(rel.clone(), (i, files.len()));
        }
        files.push((rel, text));
    }
    for (i, class) in classified.iter().enumerate() {
        let Some(rel) = content_file(i, class.role) else {
            continue;
        };
        if matches!(class.role, Role::Column(..)) {
            continue;
        }
        let meta = &class.meta;
        let mut front = BTreeMap::new();
        let title = meta.article_title.clone().or(meta.title.clone());
        if let Some(title) = title.filter(|_| class.role != Role::Home) {
            front.insert("title", title);
        }
        if let (Role::Item(_), Some(date)) = (class.role, class.date) {
            front.insert("date", date.ymd_hm());
        }
        if let (Role::Item(_), Some(source)) = (class.role, &meta.content_source) {
            front.insert("source", source.clone());
        }
        let text = document(&front, &markdown(&texts[i].lines));
        written.insert(rel.clone(), (i, files.len()));
        files.push((rel, text));
    }
    (written, files)
}

/// Front matter (serialized by serde_yaml, so no page text can break out of a value) and
/// body.
fn document(front: &BTreeMap<&str, String>, body: &str) -> String {
    let yaml = if front.is_empty() {
        String::new()
    } else {
        serde_yaml::to_string(front).unwrap_or_default()
    };
    format!("---\n{yaml}---\n\n{body}")
}

/// The page's text as Markdown paragraphs, Markdown's own punctuation escaped so that the
/// text reads as written.
fn markdown(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        for c in line.chars() {
            if "\\`*_[]<>#|~&!".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
        out.push_str("\n\n");
    }
    out
}

/// Undoes [`markdown`]'s escapes in a piece of written text.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

fn site_yaml(id: &Identity) -> String {
    let mut yaml = serde_json::Map::new();
    let mut put = |key: &str, value: &str| {
        if !value.is_empty() {
            yaml.insert(key.into(), value.into());
        }
    };
    put("name", &id.name);
    put("domain", &id.domain);
    put("id_code", &id.id_code);
    put("sponsor", &id.sponsor);
    put("icp", &id.icp);
    put("psb", &id.psb);
    let mut contact = serde_json::Map::new();
    for (key, value) in [("phone", &id.phone), ("email", &id.email)] {
        if !value.is_empty() {
            contact.insert(key.into(), value.as_str().into());
        }
    }
    if !contact.is_empty() {
        yaml.insert("contact".into(), contact.into());
    }
    if !id.conac.is_empty() {
        yaml.insert("conac".into(), serde_json::json!({ "script": id.conac }));
    }
    if id.jiucuo {
        yaml.insert("jiucuo".into(), true.into());
    }
    serde_yaml::to_string(&yaml).unwrap_or_default()
}

fn write_file(path: &Path, text: &str) -> Result<(), Vec<Diagnostic>> {
    let fail = |e: std::io::Error| {
        vec![Diagnostic::error(
            "GOV007",
            format!("无法写临时文件 {}：{e}", path.display()),
        )]
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    std::fs::write(path, text).map_err(fail)
}

/// The job of each page: its kind in the model, its own address and path.
fn jobs(model: &Model, pages: &[LegacyPage], classified: &[Classified]) -> Vec<PageJob> {
    let site = &model.site;
    let item_of = |i: usize, role: Role| {
        let rel = content_file(i, role)?;
        let path = rel.strip_prefix("content/")?.strip_suffix(".md")?;
        site.find_item(path)
    };
    pages
        .iter()
        .zip(classified)
        .enumerate()
        .map(|(i, (page, class))| {
            let kind = match class.role {
                Role::Home => Some(PageKind::Home),
                Role::Column(c, n) => Some(PageKind::Column {
                    column: model.column_ids[c],
                    page: n,
                }),
                Role::Item(_) => item_of(i, class.role).map(PageKind::Item),
                Role::Loose => item_of(i, class.role).map(PageKind::Loose),
            };
            PageJob {
                // A page the model could not place is still checked, as a plain page.
                kind: kind.unwrap_or(PageKind::NotFound),
                url: url_of(&page.rel),
                output: page.rel.clone(),
                origin: page.rel.clone(),
            }
        })
        .collect()
}

/// The address a page answers to: `/a/b.shtml`, and `/a/` for `a/index.html`.
pub fn url_of(rel: &str) -> String {
    match rel.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
        _ => format!("/{rel}"),
    }
}
