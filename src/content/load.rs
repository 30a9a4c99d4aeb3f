//! Loading `content/` and `static/`: walk the folders (links may not leave the site
//! folder), read and parse every Markdown file in parallel, then assemble columns, items
//! and URLs. All input errors are collected and returned together.

use super::front::ColumnFront;
use super::memo::LoadMemo;
use super::parse::{is_item_file, parse_file, parse_text, Parsed, ParsedItem};
use super::read::{now_ns, SourceStat};
use super::{Column, Home, Item, Site, SourceFile, StaticFile};
use crate::config::{Config, Date};
use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::OnceLock;

use super::validate::{alias_errors, check_item};
use super::walk::{walk, Walked, WalkedFile};

/// Loads the whole site model.
pub fn load(config: Config, as_of: Date) -> Result<Site, Vec<Diagnostic>> {
    load_with(config, as_of, None)
}

/// [`load`], taking from `memo` what earlier builds learned of files that did not change.
pub fn load_with(
    config: Config,
    as_of: Date,
    memo: Option<&dyn LoadMemo>,
) -> Result<Site, Vec<Diagnostic>> {
    // Before any file is looked at: a file that changed after this moment has a later time
    // than its stat shows now (see `SourceStat::settled_before`).
    let started_ns = now_ns();
    let root = config.root.clone();
    let mut errors = Vec::new();
    let walking = crate::timings::phase("walk content/, static/");
    let mut content = walk(&root, "content", &mut errors);
    let statics = walk(&root, "static", &mut errors);
    drop(walking);
    if let Some(memo) = memo {
        let _t = crate::timings::phase("wait for the cache");
        // Until the memo is read (elsewhere), this thread takes the stats of the item
        // files, which the parse would take otherwise: time it would spend waiting.
        for file in &mut content.files {
            if memo.is_ready() {
                break;
            }
            if is_item_file(&file.rel) {
                file.stat = SourceStat::of(&file.path);
            }
        }
        memo.ready();
    }
    let _t = crate::timings::phase("parse and assemble");

    let markdown: Vec<&WalkedFile> = content
        .files
        .iter()
        .filter(|f| f.rel.ends_with(".md"))
        .collect();
    let parsed: Vec<Result<Parsed, Vec<Diagnostic>>> = markdown
        .par_iter()
        .map(|f| checked(parse_file(f, memo, started_ns)))
        .collect();
    assemble_parsed(config, as_of, parsed, content, statics, errors)
}

/// The model of Markdown files held in memory, `(rel, text)` with `rel` like
/// `content/zwdt/a.md`, as [`load`] would make it from those files on disk (and no
/// static files): for a model that is made, not written (`crate::audit`), so that a
/// 10,000-page audit does not write and walk 10,000 temporary files.
pub fn load_texts(
    config: Config,
    as_of: Date,
    files: &[(String, String)],
) -> Result<Site, Vec<Diagnostic>> {
    let mut dirs = std::collections::BTreeSet::new();
    for (rel, _) in files {
        let path = rel.strip_prefix("content/").unwrap_or(rel);
        let mut at = 0;
        while let Some(slash) = path[at..].find('/') {
            at += slash;
            dirs.insert(path[..at].to_string());
            at += 1;
        }
    }
    let content = Walked {
        files: Vec::new(),
        dirs: dirs.into_iter().collect(),
    };
    let parsed: Vec<Result<Parsed, Vec<Diagnostic>>> = files
        .par_iter()
        .filter(|(rel, _)| rel.ends_with(".md"))
        .map(|(rel, text)| checked(parse_text(rel, text, None)))
        .collect();
    assemble_parsed(
        config,
        as_of,
        parsed,
        content,
        Walked::default(),
        Vec::new(),
    )
}

/// A parsed file with an item's values checked (dates, …): done beside the parsing, on
/// every core, rather than in the one-threaded assembly.
fn checked(parsed: Result<Parsed, Diagnostic>) -> Result<Parsed, Vec<Diagnostic>> {
    match parsed.map_err(|e| vec![e])? {
        Parsed::Item(item) => check_item(item).map(Parsed::Item),
        other => Ok(other),
    }
}

/// The second half of [`load`]: parsed Markdown and walked files into a [`Site`].
fn assemble_parsed(
    config: Config,
    as_of: Date,
    parsed: Vec<Result<Parsed, Vec<Diagnostic>>>,
    content: Walked,
    statics: Walked,
    mut errors: Vec<Diagnostic>,
) -> Result<Site, Vec<Diagnostic>> {
    let root = config.root.clone();
    let mut home = Home::default();
    let mut columns: BTreeMap<String, Column> = BTreeMap::new();
    for dir in &content.dirs {
        columns.insert(dir.clone(), implicit_column(dir));
    }
    // Sized up front: an item is large, and growing the vector copied every item each time
    // (a tenth of the loading of a 10,000-page site).
    let mut items = Vec::with_capacity(parsed.len());
    for result in parsed {
        match result {
            Err(mut e) => errors.append(&mut e),
            Ok(Parsed::Home(h)) => {
                if let Some(source) = &h.source {
                    errors.extend(alias_errors(&h.front.aliases, source));
                }
                home = h;
            }
            Ok(Parsed::Column(c)) => {
                errors.extend(alias_errors(&c.front.aliases, &c.source));
                columns.insert(c.path.clone(), c);
            }
            Ok(Parsed::Item(item)) => items.push(item),
        }
    }
    let mut statics: Vec<StaticFile> = statics
        .files
        .into_iter()
        .map(|f| StaticFile {
            output: f.rel.strip_prefix("static/").unwrap_or(&f.rel).to_string(),
            path: f.path,
            source: f.rel,
            shared: false,
        })
        .collect();
    // Files beside the Markdown in content/ (attachments, images) are published in place.
    statics.extend(
        content
            .files
            .iter()
            .filter(|f| !f.rel.ends_with(".md"))
            .map(|f| StaticFile {
                output: f.rel.strip_prefix("content/").unwrap_or(&f.rel).to_string(),
                path: f.path.clone(),
                source: f.rel.clone(),
                shared: false,
            }),
    );
    if let Some(library) = &config.shared_statics {
        let shared = super::shared::statics(&root, library, &statics, &mut errors);
        statics.extend(shared);
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(assemble(config, as_of, home, columns, items, statics))
}

/// Reads one item file again (`rel` like `content/zwdt/a.md`), as [`load`] would, for an
/// edit whose place in the site is unchanged: the column and URL are not filled in.
pub(crate) fn reload_item(root: &Path, rel: &str) -> Result<Item, Vec<Diagnostic>> {
    let file = WalkedFile {
        rel: rel.to_string(),
        path: root.join(rel),
        stat: None,
    };
    match parse_file(&file, None, 0).map_err(|e| vec![e])? {
        Parsed::Item(parsed) => Ok(check_item(parsed)?.item),
        Parsed::Home(_) | Parsed::Column(_) => Err(Vec::new()),
    }
}

// Boxed on purpose: sorting and filtering move pointers, not items (see `Parsed`).
#[allow(clippy::vec_box)]
fn assemble(
    config: Config,
    as_of: Date,
    home: Home,
    columns: BTreeMap<String, Column>,
    mut parsed_items: Vec<Box<ParsedItem>>,
    statics: Vec<StaticFile>,
) -> Site {
    // Drop draft columns with everything below them.
    let drafts: Vec<String> = columns
        .values()
        .filter(|c| c.front.draft)
        .map(|c| format!("{}/", c.path))
        .collect();
    let hidden = |path: &str| {
        drafts
            .iter()
            .any(|d| format!("{path}/").starts_with(d.as_str()))
    };
    let columns: Vec<Column> = columns.into_values().filter(|c| !hidden(&c.path)).collect();
    let index: HashMap<String, usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.path.clone(), i))
        .collect();
    let mut columns = columns;
    for i in 0..columns.len() {
        let parent = columns[i]
            .path
            .rsplit_once('/')
            .and_then(|(p, _)| index.get(p).copied());
        columns[i].parent = parent;
        if let Some(p) = parent {
            columns[p].children.push(i);
        }
    }
    parsed_items.retain(|p| !p.item.front.draft && !hidden(p.dir.as_str()));
    parsed_items.sort_by(|a, b| a.item.path.cmp(&b.item.path));
    let mut items = Vec::with_capacity(parsed_items.len());
    for parsed in parsed_items {
        let mut parsed = *parsed;
        let column = index.get(&parsed.dir).copied();
        let base = column.map_or("/".to_string(), |c| columns[c].url.clone());
        parsed.item.url = format!("{base}{}/", parsed.slug);
        parsed.item.column = column;
        if let Some(c) = column {
            columns[c].items.push(items.len());
        }
        items.push(parsed.item);
    }
    let item_by_path = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.path.clone(), i))
        .collect();
    let mut site = Site {
        config,
        as_of,
        home,
        columns,
        items,
        statics,
        item_by_path,
        attachments: OnceLock::new(),
    };
    for c in 0..site.columns.len() {
        let mut ids = std::mem::take(&mut site.columns[c].items);
        site.sort_newest_first(&mut ids);
        site.columns[c].items = ids;
        let mut children = std::mem::take(&mut site.columns[c].children);
        site.sort_columns(&mut children);
        site.columns[c].children = children;
    }
    site
}

pub(super) fn implicit_column(path: &str) -> Column {
    Column {
        path: path.to_string(),
        url: format!("/{path}/"),
        parent: None,
        children: Vec::new(),
        items: Vec::new(),
        front: ColumnFront::default(),
        body: String::new(),
        source: SourceFile {
            file: format!("content/{path}"),
            ..Default::default()
        },
        has_index: false,
    }
}
