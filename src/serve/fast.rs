//! The fast path of a rebuild: when a save changed only the Markdown body of existing
//! items — not their front matter, place or listing summary — no other page can change
//! (the same reasoning as `crate::incremental`'s fingerprints), so the items' pages are
//! re-rendered from the kept model and published at once. The full rebuild still follows
//! and publishes the whole-site results (checks, feeds, sitemap, search index) after it.

use super::state::{Body, State};
use crate::content::{self, Item};
use crate::incremental::{item_text, Model};
use crate::pipeline::{self, RunOptions};
use crate::render::{PageKind, Renderer};
use std::path::Path;
use std::sync::Arc;

/// Re-renders and publishes the pages of items whose body alone changed on disk, updating
/// `model` to match. Returns the number of pages published, or `None` when the batch needs
/// the full rebuild to be shown (anything but item bodies changed, a file does not parse,
/// a page has errors, or the site shows the error overlay).
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
        if let Some(edit) = body_edit(root, &model.site.items, rel)? {
            edits.push(edit);
        }
    }
    let mut edited = Vec::with_capacity(edits.len());
    for (id, item) in edits {
        model.site.items[id] = item;
        edited.push(id);
    }
    let options = RunOptions {
        inject: Some(inject.to_string()),
        ..Default::default()
    };
    let renderer = Renderer::new(&model.site, &model.theme).ok()?;
    let mut files = (*current.files).clone();
    let mut pages = 0;
    for job in &model.jobs {
        let (PageKind::Item(id) | PageKind::Loose(id)) = &job.kind else {
            continue;
        };
        if !edited.contains(id) {
            continue;
        }
        let (result, bytes) =
            pipeline::process_page(&model.site, &renderer, job, &options, false).ok()?;
        if result.diagnostics.iter().any(|d| d.is_error()) {
            return None;
        }
        files.insert(job.output.clone(), Body(Arc::new(bytes)));
        pages += 1;
    }
    if pages > 0 {
        state.publish(Some(files), None);
    }
    Some(pages)
}

/// For a changed path: `Some(None)` when it is an item whose text did not change at all,
/// `Some(Some((id, item)))` when only its body changed, `None` for anything else.
#[allow(clippy::option_option)]
fn body_edit(root: &Path, items: &[Item], rel: &str) -> Option<Option<(usize, Item)>> {
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
    if item_text(&item) != item_text(old) {
        return None;
    }
    Some((item.body != old.body).then_some((id, item)))
}
