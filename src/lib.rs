//! govsite: a static-site generator for Chinese government websites that turns the
//! national rules (《政府网站发展指引》 and the notices implementing it) into a build step.
//!
//! The pipeline, one way: [`config`] (site.yaml) → [`content`] (the site model) →
//! [`render`] (tera templates) → [`rules`] (source and rendered checks) → [`output`]
//! (staged, then swapped in or moved into place). [`pipeline`] strings them together;
//! [`cli`] and `main.rs` are the command line around it.

pub mod attachments;
pub mod audit;
pub mod cache;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod import;
pub mod incremental;
pub mod init;
pub mod legacy;
pub mod markdown;
pub mod minify;
pub mod notices;
pub mod output;
pub mod pipeline;
pub mod platform;
pub mod render;
pub mod report;
pub mod rules;
pub mod schema;
pub mod search;
pub mod serve;
pub mod terminal;
pub mod timings;
pub mod usage;
pub mod utf8;

use output::{Discard, StagingDir};
pub use pipeline::{Outcome, RunOptions};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

/// `govsite build`: builds into a staging folder and swaps it in for `out` only when the
/// build has no errors. On any error the previous output stays as it was.
pub fn build(root: &Path, out: &Path, force: bool, options: &RunOptions) -> Outcome {
    let staging = match StagingDir::create(out, force) {
        Ok(staging) => staging,
        Err(e) => return Outcome::failed(root, e),
    };
    let mut outcome = pipeline::run(root, &staging, options);
    if outcome.exit_code() == 0 {
        if let Err(e) = staging.commit() {
            outcome.report.extend([e]);
        }
    }
    outcome
}

/// `govsite build` with the build cache (`crate::cache`): pages whose inputs did not change
/// since the previous build are taken from the previous output rather than rendered. The
/// cache file beside `out` is replaced after a successful build; a cache that cannot be
/// used is ignored (the summary says why).
pub fn build_cached(
    root: &Path,
    out: &Path,
    force: bool,
    options: &RunOptions,
) -> (Outcome, cache::Summary) {
    let mut staging = match StagingDir::create(out, force) {
        Ok(staging) => staging,
        Err(e) => return (Outcome::failed(root, e), cache::Summary::default()),
    };
    // The cache file is read and checked on a thread of its own while the site's folders
    // are walked (`pipeline::load`); the files are parsed once it is read.
    let bytes = OnceLock::new();
    let read = OnceLock::new();
    let early = EarlyMemo {
        read: &read,
        done: AtomicBool::new(false),
        loader: std::thread::current(),
    };
    let loaded = std::thread::scope(|scope| {
        scope.spawn(|| {
            let _done = ReadDone(&early);
            read.get_or_init(|| {
                let _t = timings::phase("cache read");
                let bytes = bytes.get_or_init(|| cache::BuildCache::read(out));
                cache::BuildCache::new(root, out, bytes.as_deref())
            })
        });
        pipeline::load(root, options, true, Some(&early))
    });
    // The scope waited for the reading thread, which filled the cell.
    let mut cache = read
        .into_inner()
        .unwrap_or_else(|| cache::BuildCache::new(root, out, None));
    // Where the cache knows the previous output, only changed files are written and the
    // output is updated in place; else a whole new output is swapped in.
    match cache.take_inventory() {
        Some(previous) => staging.update_in_place(previous),
        None => staging.keep_inventory(),
    }
    let options = RunOptions {
        as_of: options.as_of,
        inject: options.inject.clone(),
        on_page: options.on_page,
        on_plan: options.on_plan,
        memo: None,
        cache: Some(&cache),
        defaults: options.defaults,
        process_ends: options.process_ends,
    };
    let mut outcome = pipeline::run_loaded(loaded, &staging, &options);
    let mut summary = cache.summary();
    if outcome.exit_code() == 0 {
        // The old cache describes the output being replaced.
        cache::remove(out);
        // The cache is written while the output is updated (its inventory, last, once that
        // is done) or the previous output deleted.
        let _t = timings::phase("commit, old output, cache");
        let cache = &cache;
        let (committed, ()) = rayon::join(
            || {
                staging.commit_then(|inventory| {
                    let _t = timings::phase("cache write");
                    cache.write(inventory.as_ref())
                })
            },
            || cache.put_tables(),
        );
        match committed {
            Ok(Ok(())) => {}
            Ok(Err(e)) => summary.unwritten = Some(e.to_string()),
            Err(e) => outcome.report.extend([e]),
        }
    }
    if options.process_ends {
        cache.leave_to_exit();
    }
    (outcome, summary)
}

/// The build cache's memo while another thread is reading the cache: the loading waits for
/// it once the folders are walked ([`content::LoadMemo::ready`]).
struct EarlyMemo<'c, 'a> {
    read: &'c OnceLock<cache::BuildCache<'a>>,
    /// Set when the reading thread is done, even if it failed.
    done: AtomicBool,
    /// The thread that loads the site, woken when the reading is done.
    loader: std::thread::Thread,
}

/// Marks the cache as read when the reading thread ends, however it ends: the loading
/// must never wait for a thread that is gone.
struct ReadDone<'e, 'c, 'a>(&'e EarlyMemo<'c, 'a>);

impl Drop for ReadDone<'_, '_, '_> {
    fn drop(&mut self) {
        self.0.done.store(true, Ordering::Release);
        self.0.loader.unpark();
    }
}

impl content::LoadMemo for EarlyMemo<'_, '_> {
    fn front(&self, yaml: &str) -> Option<content::ItemFront> {
        self.read.get()?.memo().front(yaml)
    }

    fn parsed(&self, yaml: &str, front: &content::ItemFront) {
        if let Some(cache) = self.read.get() {
            cache.memo().parsed(yaml, front);
        }
    }

    fn file(&self, rel: &str, stat: &content::SourceStat) -> Option<content::KnownFile> {
        self.read.get()?.memo().file(rel, stat)
    }

    fn loaded(&self, rel: &str, file: &content::KnownFile) {
        if let Some(cache) = self.read.get() {
            cache.memo().loaded(rel, file);
        }
    }

    fn is_ready(&self) -> bool {
        self.done.load(Ordering::Acquire)
    }

    fn ready(&self) {
        // Timed out now and then: woken by the reading thread, but not relying on it.
        while !self.done.load(Ordering::Acquire) {
            std::thread::park_timeout(std::time::Duration::from_millis(5));
        }
    }
}

/// `govsite check`: every check, nothing written.
pub fn check(root: &Path, options: &RunOptions) -> Outcome {
    pipeline::run(root, &Discard, options)
}

impl Outcome {
    /// An outcome holding one input error, for failures before the pipeline starts.
    pub fn failed(root: &Path, error: diagnostics::Diagnostic) -> Outcome {
        let mut report = diagnostics::Report::default();
        report.extend([error]);
        Outcome {
            report,
            sources: diagnostics::SourceMap::new(root),
            pages: 0,
            updated: None,
            elapsed: Default::default(),
        }
    }
}
