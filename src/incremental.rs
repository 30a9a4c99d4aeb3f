//! Incremental rebuilds (`govsite serve`): every page's results — its bytes, findings,
//! facts and search entry — are remembered with a fingerprint of everything the page is
//! made from, and the next run reuses a page whose fingerprint did not change.
//!
//! A page is made from the site model and the theme, which other pages share, plus (for
//! an item or loose page) its own Markdown body. So the fingerprint is the **site key** —
//! site.yaml, the theme, word lists, "today", every column and the homepage, and every
//! item's front matter, URL and listing summary, but not the item bodies — combined with
//! the page's own body. Saving an item's text therefore re-renders that item alone, while
//! a title, date, column, template or config change re-renders everything. Whole-site
//! output (feeds, sitemap, search index, assets) and the source and whole-site checks are
//! redone on every run. This holds as long as rendered checks read other items only
//! through the model, never their bodies; a test compares incremental and full builds byte
//! for byte after a series of edits.
//!
//! The fingerprints are 128-bit xxh3 hashes ([`StableHasher`]), the same from one run and
//! one Rust release to the next, so that `govsite build` can keep them on disk between
//! builds (`crate::cache`).

use crate::content::{Item, Site, SourceFile};
use crate::pipeline::PageResult;
use crate::render::context::summary_of;
use crate::render::theme::Theme;
use crate::render::PageJob;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// A hasher whose result depends on the bytes hashed alone: xxh3, 128 bits. Everything that
/// goes into a fingerprint goes through `Hash`, so the fingerprints are as stable as those
/// `Hash` impls; the cache file also names the govsite version and binary that wrote it.
#[derive(Default, Clone)]
pub struct StableHasher(xxhash_rust::xxh3::Xxh3);

impl StableHasher {
    pub fn new() -> StableHasher {
        StableHasher::default()
    }

    /// The full 128-bit hash.
    pub fn finish128(&self) -> u128 {
        self.0.digest128()
    }
}

impl Hasher for StableHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// The stable 128-bit hash of `bytes` (a page's bytes in the cache).
pub fn hash_bytes(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// One remembered page.
struct Remembered {
    fingerprint: u128,
    result: PageResult,
    bytes: Arc<Vec<u8>>,
}

/// Page results kept between runs; pass it as `RunOptions::memo`.
#[derive(Default)]
pub struct PageMemo {
    pages: Mutex<HashMap<String, Remembered>>,
    reused: AtomicUsize,
    rendered: AtomicUsize,
    /// The model of the latest run that got as far as the whole-site checks.
    model: Mutex<Option<Model>>,
}

/// What a run built its pages from, kept so that serve mode can re-render the pages of
/// an edited item without loading the site again (`crate::serve`'s fast path).
pub struct Model {
    pub site: Site,
    pub theme: Theme,
    pub jobs: Vec<PageJob>,
}

impl PageMemo {
    /// The remembered page for `output` when its fingerprint is still `fingerprint`.
    pub(crate) fn get(
        &self,
        output: &str,
        fingerprint: u128,
    ) -> Option<(PageResult, Arc<Vec<u8>>)> {
        let pages = self.pages.lock().ok()?;
        let page = pages.get(output).filter(|p| p.fingerprint == fingerprint)?;
        self.reused.fetch_add(1, Ordering::Relaxed);
        Some((page.result.clone(), Arc::clone(&page.bytes)))
    }

    /// Remembers a freshly rendered page.
    pub(crate) fn put(
        &self,
        job: &PageJob,
        fingerprint: u128,
        result: &PageResult,
        bytes: &Arc<Vec<u8>>,
    ) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut pages) = self.pages.lock() {
            let page = Remembered {
                fingerprint,
                result: result.clone(),
                bytes: Arc::clone(bytes),
            };
            pages.insert(job.output.clone(), page);
        }
    }

    /// Forgets pages the site no longer has (renamed or deleted items), so that memory
    /// follows the site rather than its history.
    pub(crate) fn keep_only(&self, jobs: &[PageJob]) {
        let keep: HashSet<&str> = jobs.iter().map(|j| j.output.as_str()).collect();
        if let Ok(mut pages) = self.pages.lock() {
            pages.retain(|output, _| keep.contains(output.as_str()));
        }
    }

    /// Keeps the model of the run that just finished, replacing any earlier one.
    pub(crate) fn keep_model(&self, site: Site, theme: Theme, jobs: Vec<PageJob>) {
        if let Ok(mut model) = self.model.lock() {
            *model = Some(Model { site, theme, jobs });
        }
    }

    /// The kept model, if the latest run kept one; the memo forgets it.
    pub fn take_model(&self) -> Option<Model> {
        self.model.lock().ok()?.take()
    }

    /// Resets the counters of [`PageMemo::stats`] before a run.
    pub fn start_run(&self) {
        self.reused.store(0, Ordering::Relaxed);
        self.rendered.store(0, Ordering::Relaxed);
    }

    /// Pages reused and pages rendered since [`PageMemo::start_run`].
    pub fn stats(&self) -> (usize, usize) {
        (
            self.reused.load(Ordering::Relaxed),
            self.rendered.load(Ordering::Relaxed),
        )
    }
}

/// The hash of everything pages share (see the module comment), and of the part of it the
/// text rules read besides the texts ([`texts_key`]).
pub(crate) struct SiteKey {
    all: u128,
    texts: u128,
}

/// Inputs read from disk outside the site model (word lists, static files): hashed
/// before the run reads anything, so that a change during a build makes the next run's key
/// differ and never leaves a result filed under a key that did not produce it.
pub(crate) fn disk_inputs(root: &Path) -> u128 {
    let mut h = StableHasher::new();
    hash_folder(&root.join("wordlists"), true, &mut h);
    hash_folder(&root.join("static"), false, &mut h);
    h.finish128()
}

/// What the text rules read besides the texts (`rules::TextMemo`): the configuration
/// (site.yaml, a platform's defaults) and the word lists, and the code.
fn texts_key(site_yaml: &str, defaults: Option<&crate::config::SiteDefaults>, disk: u128) -> u128 {
    let mut h = StableHasher::new();
    disk.hash(&mut h);
    // A platform's shared defaults are merged into the config, not into site.yaml.
    format!("{defaults:?}").hash(&mut h);
    env!("CARGO_PKG_VERSION").hash(&mut h);
    site_yaml.hash(&mut h);
    h.finish128()
}

impl SiteKey {
    pub(crate) fn new(
        site: &Site,
        theme: &Theme,
        site_yaml: &str,
        inject: Option<&str>,
        defaults: Option<&crate::config::SiteDefaults>,
        disk: u128,
    ) -> SiteKey {
        let mut h = StableHasher::new();
        let texts = texts_key(site_yaml, defaults, disk);
        texts.hash(&mut h);
        format!("{:?}", site.as_of).hash(&mut h);
        inject.hash(&mut h);
        hash_theme(theme, &mut h);
        format!("{:?}", site.home.front).hash(&mut h);
        site.home.body.hash(&mut h);
        site.home.source.as_ref().map(source_text).hash(&mut h);
        for column in &site.columns {
            let mut text = format!(
                "{}|{}|{:?}|{:?}|{:?}|{}|{:?}",
                column.path,
                column.url,
                column.parent,
                column.children,
                column.items,
                column.has_index,
                column.front
            );
            text.push_str(&source_text(&column.source));
            text.hash(&mut h);
            column.body.hash(&mut h);
        }
        // The bulk of the work on a large site, so spread over the cores.
        let items: Vec<u128> = site
            .items
            .par_iter()
            .map(|item| {
                let mut h = StableHasher::new();
                hash_item(item, &mut h);
                h.finish128()
            })
            .collect();
        items.hash(&mut h);
        for file in &site.statics {
            (&file.output, &file.source).hash(&mut h);
        }
        SiteKey {
            all: h.finish128(),
            texts,
        }
    }

    /// The key of the text rules' memo (`rules::TextMemo`).
    pub(crate) fn texts(&self) -> u128 {
        self.texts
    }

    /// The fingerprint of one page: the site key, the page itself, its own body.
    pub(crate) fn page(&self, site: &Site, job: &PageJob) -> u128 {
        let mut h = StableHasher::new();
        self.all.hash(&mut h);
        format!("{:?}|{}|{}|{}", job.kind, job.url, job.output, job.origin).hash(&mut h);
        if let crate::render::PageKind::Item(id) | crate::render::PageKind::Loose(id) = &job.kind {
            if let Some(item) = site.items.get(*id) {
                item.body.hash().hash(&mut h);
            }
        }
        h.finish128()
    }
}

/// What [`item_text`] holds, hashed without being written out (the site key of a large
/// site is mostly this).
fn hash_item(item: &Item, h: &mut StableHasher) {
    (item.column, &item.path, &item.url, &item.front).hash(h);
    (item.date, item.written, item.asked, item.answered).hash(h);
    item.source.hash_origin(h);
    summary_of(item).hash(h);
}

/// An item as other pages may see it: everything but the body, plus its listing summary.
pub(crate) fn item_text(item: &Item) -> String {
    let mut text = format!(
        "{:?}|{}|{}|{:?}|{:?}|{:?}|{:?}|{:?}",
        item.column,
        item.path,
        item.url,
        item.front,
        item.date,
        item.written,
        item.asked,
        item.answered
    );
    text.push_str(&source_text(&item.source));
    text.push_str(summary_of(item));
    text
}

/// Where the model came from, with the key spans in a stable order.
fn source_text(source: &SourceFile) -> String {
    let mut text = format!(
        "{}|{}|{:?}",
        source.file,
        source.body_offset,
        source.spans().whole
    );
    for (key, span) in source.spans().sorted() {
        let _ = write!(text, "|{key}={:?}/{:?}", span.key, span.value);
    }
    text
}

fn hash_theme(theme: &Theme, h: &mut StableHasher) {
    for file in theme.templates.iter().chain(&theme.statics) {
        (&file.name, &file.bytes, &file.origin).hash(h);
    }
    format!("{:?}", theme.manifest).hash(h);
    theme.manifest_origin.hash(h);
}

/// Every file below `dir` in a stable order, by path and contents (or, for files that are
/// copied rather than read, size and modification time).
fn hash_folder(dir: &Path, contents: bool, h: &mut StableHasher) {
    if !dir.is_dir() {
        return;
    }
    let walk = walkdir::WalkDir::new(dir).sort_by_file_name();
    for entry in walk.into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            entry.path().hash(h);
            if contents {
                std::fs::read(entry.path()).ok().hash(h);
            } else if let Ok(meta) = entry.metadata() {
                (meta.len(), meta.modified().ok()).hash(h);
            }
        }
    }
}
