//! govsite: a static-site generator for Chinese government websites that turns the
//! national rules (《政府网站发展指引》 and the notices implementing it) into a build step.
//!
//! The pipeline, one way: [`config`] (site.yaml) → [`content`] (the site model) →
//! [`render`] (tera templates) → [`rules`] (source and rendered checks) → [`output`]
//! (staged, swapped in atomically). [`pipeline`] strings them together; [`cli`] and
//! `main.rs` are the command line around it.

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
    // The cache file is read and checked while the site loads (`pipeline::load`).
    let bytes = std::sync::OnceLock::new();
    let (mut cache, loaded) = std::thread::scope(|scope| {
        let reading = scope.spawn(|| {
            let _t = timings::phase("cache read");
            let bytes = bytes.get_or_init(|| cache::BuildCache::read(out));
            cache::BuildCache::new(root, out, bytes.as_deref())
        });
        let loaded = pipeline::load(root, options, true);
        // Reading the cache does not panic; if it did, the build goes on without it.
        let cache = reading
            .join()
            .unwrap_or_else(|_| cache::BuildCache::new(root, out, None));
        (cache, loaded)
    });
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
        // The cache is written while the previous output is deleted.
        let _t = timings::phase("commit, old output, cache");
        match staging.commit_then(|inventory| {
            let _t = timings::phase("cache write");
            cache.write(inventory.as_ref())
        }) {
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
