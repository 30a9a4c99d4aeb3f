//! The fast path of a rebuild: a save that changed existing items but not their place in
//! the site is shown at once, re-rendered from the kept model, before the full rebuild.
//!
//! - Only the Markdown body changed (not the front matter nor the listing summary): no
//!   other page can change — the reasoning of `crate::incremental`'s fingerprints — so
//!   the item's page alone is rendered.
//! - The listing data changed (title, summary, source…) but not the URL, date, column,
//!   aliases or `interprets`: the plan and every list order stay the same, and the pages
//!   that show the item are rendered — its page, its neighbours (上一篇/下一篇), the
//!   interpretations linked with it, the homepage, the listing page that holds it in its
//!   column and each column above, and the 信息公开目录 for a 政策文件.
//!
//! Anything else waits for the full rebuild, which follows in every case and publishes the
//! whole-site results (checks, feeds, sitemap, search index).

use super::state::{Body, State};
use crate::content::{self, Item, Site};
use crate::incremental::{item_text, Model};
use crate::pipeline::{self, RunOptions};
use crate::render::{catalogue, PageJob, PageKind, Renderer};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

/// How an item file changed.
enum Change {
    Body,
    Listing,
}

/// Re-renders and publishes the pages a batch of item edits changed, updating `model` to
/// match. Returns the number of pages published, or `None` when the batch needs the full
/// rebuild to be shown (anything but such edits, a file that does not parse, a page with
/// errors, or the site shows the error overlay).
pub(super) fn publish(
    root: &Path,
    model: &mut Model,
    changed: &[String],
    state: &State,
    inject: &str,
) -> Option<usize> {
    let current = state.current();
    if current.overlay.is_some() || current.files.is_empty() {
        return None;
    }
    let mut edits = Vec::new();
    for rel in changed {
        if vanished_scratch(root, &model.site, rel) {
            continue;
        }
        if let Some(edit) = classify(root, &model.site.items, rel)? {
            edits.push(edit);
        }
    }
    let mut edited = Vec::with_capacity(edits.len());
    for (id, item, change) in edits {
        model.site.items[id] = item;
        edited.push((id, change));
    }
    let chosen = pages(&model.site, &edited);
    let jobs: Vec<&PageJob> = model.jobs.iter().filter(|j| chosen(j)).collect();
    let rendered = render(model, &jobs, inject)?;
    let count = rendered.len();
    if count > 0 {
        let mut files = (*current.files).clone();
        for (output, bytes) in rendered {
            files.insert(output, Body(Arc::new(bytes)));
        }
        state.publish(Some(files), None);
    }
    Some(count)
}

/// The pages' output paths and bytes, as the full build makes them; `None` when a page
/// cannot be rendered or has errors (the full build then shows the overlay).
fn render(model: &Model, jobs: &[&PageJob], inject: &str) -> Option<Vec<(String, Vec<u8>)>> {
    let site = &model.site;
    let renderer = Renderer::new(site, &model.theme).ok()?;
    let options = RunOptions {
        inject: Some(inject.to_string()),
        ..Default::default()
    };
    let pass = pipeline::PagePass {
        site,
        renderer: &renderer,
        options: &options,
        links: Default::default(),
        gather: None,
    };
    jobs.par_iter()
        .map(|job| {
            let (result, bytes) = pipeline::process_page(&pass, job, false).ok()?;
            let good = !result.diagnostics.iter().any(|d| d.is_error());
            good.then(|| (job.output.clone(), bytes))
        })
        .collect()
}

/// For a changed path: `Some(None)` when it is an item whose text did not change at all,
/// `Some(Some(..))` for an edit the fast path can show, `None` for anything else.
#[allow(clippy::option_option)]
fn classify(root: &Path, items: &[Item], rel: &str) -> Option<Option<(usize, Item, Change)>> {
    let path = rel.strip_prefix("content/")?.strip_suffix(".md")?;
    let id = items
        .iter()
        .position(|item| item.path == path && item.source.file == rel)?;
    // The loader refuses links; a file replaced by one is left to the full rebuild.
    let meta = std::fs::symlink_metadata(root.join(rel)).ok()?;
    if !meta.file_type().is_file() {
        return None;
    }
    let old = &items[id];
    let mut item = content::reload_item(root, rel).ok()?;
    item.column = old.column;
    item.url.clone_from(&old.url);
    if item_text(&item) == item_text(old) {
        return Some((item.body.hash() != old.body.hash()).then_some((id, item, Change::Body)));
    }
    same_place(&item, old).then_some(Some((id, item, Change::Listing)))
}

/// Whether the path is gone and the site never had anything from it: an editor's or a
/// tool's scratch file, written and renamed over an item during the save (`sed -i`).
fn vanished_scratch(root: &Path, site: &Site, rel: &str) -> bool {
    if std::fs::symlink_metadata(root.join(rel)).is_ok() {
        return false;
    }
    let folder = format!("{rel}/");
    let from = |file: &str| file == rel || file.starts_with(&folder);
    let home = site.home.source.as_ref().map(|s| s.file.as_str());
    !(site.items.iter().any(|i| from(&i.source.file))
        || site.columns.iter().any(|c| from(&c.source.file))
        || site.statics.iter().any(|f| from(&f.source))
        || home.is_some_and(from)
        || rel == crate::config::SITE_FILE)
}

/// Whether the item keeps its URL (the slug decides it), its place in every list (date and
/// path decide the order), its redirect pages (they carry its title) and its links.
fn same_place(new: &Item, old: &Item) -> bool {
    let front = (&new.front, &old.front);
    new.date == old.date
        && front.0.slug == front.1.slug
        && front.0.draft == front.1.draft
        && front.0.aliases.is_empty()
        && front.1.aliases.is_empty()
        && front.0.interprets == front.1.interprets
}

/// Which pages to render for the edits (see the module comment).
fn pages<'a>(site: &'a Site, edited: &[(usize, Change)]) -> impl Fn(&PageJob) -> bool + 'a {
    let mut items: HashSet<usize> = edited.iter().map(|(id, _)| *id).collect();
    let mut listings = HashSet::new();
    let listed: Vec<usize> = edited
        .iter()
        .filter(|(_, change)| matches!(change, Change::Listing))
        .map(|(id, _)| *id)
        .collect();
    if !listed.is_empty() {
        let interpretations = site.interpretations();
        for &id in &listed {
            items.extend(linked_items(site, id, &interpretations));
            listings.extend(listing_pages(site, id));
        }
    }
    let home = !listed.is_empty();
    // A 政策文件 has a row in the catalogue (`catalogue::shown_on`).
    let policy = listed
        .iter()
        .any(|&id| site.item_type(id) == Some("政策文件"));
    move |job: &PageJob| match &job.kind {
        PageKind::Item(id) | PageKind::Loose(id) => items.contains(id),
        PageKind::Home => home,
        PageKind::Column { column, page } => {
            (policy && catalogue::shown_on(site, *column, *page))
                || listings.contains(&(*column, *page))
        }
        _ => false,
    }
}

/// The items whose pages show the item's title: its neighbours in its column (上一篇/下一篇),
/// the interpretations of it, and the item it interprets.
fn linked_items(
    site: &Site,
    id: usize,
    interpretations: &HashMap<usize, Vec<usize>>,
) -> Vec<usize> {
    let mut out = Vec::new();
    let item = &site.items[id];
    if let Some(c) = item.column {
        let list = &site.columns[c].items;
        if let Some(pos) = list.iter().position(|&i| i == id) {
            out.extend(pos.checked_sub(1).and_then(|p| list.get(p)));
            out.extend(list.get(pos + 1));
        }
    }
    out.extend(interpretations.get(&id).into_iter().flatten());
    let interprets = item.front.interprets.as_ref();
    out.extend(interprets.and_then(|t| site.find_item(t.as_str())));
    out
}

/// The listing page (column, page number from 1) that shows the item in its column and in
/// each column above.
fn listing_pages(site: &Site, id: usize) -> Vec<(usize, usize)> {
    let per_page = site.config.paginate.max(1);
    let mut out = Vec::new();
    let mut column = site.items[id].column;
    while let Some(c) = column {
        if let Some(pos) = site.items_under(c).iter().position(|&i| i == id) {
            out.push((c, pos / per_page + 1));
        }
        column = site.columns[c].parent;
    }
    out
}
