//! The first step of a run: site.yaml and `content/` into the site model. A step of its
//! own so that a caller can do other work beside it: `govsite build` reads and checks the
//! build cache while the site loads (`crate::build_cached`), on the core the walk and the
//! assembly of the model leave idle.

use super::RunOptions;
use crate::config::{self, Date};
use crate::content::{self, LoadMemo, Site};
use crate::diagnostics::{Diagnostic, SourceMap};
use crate::incremental;
use crate::notices;
use crate::timings;
use std::path::Path;
use std::time::Instant;

/// A loaded site, or the input errors that stopped the loading, with the source texts
/// read so far (for the diagnostics).
pub struct Loaded {
    pub(super) started: Instant,
    pub(super) sources: SourceMap,
    pub(super) model: Result<Model, Vec<Diagnostic>>,
}

/// What the rest of the run starts from.
pub(super) struct Model {
    pub(super) site: Site,
    /// The text of site.yaml.
    pub(super) site_yaml: String,
    /// The key of the files outside the model that pages depend on, when the run reuses
    /// results of earlier ones (`incremental::disk_inputs`).
    pub(super) disk: Option<u128>,
}

/// Loads the site in `root`. `remembers`: the run will reuse results of earlier runs (the
/// memo or the build cache), whose fingerprints need the files outside the model too;
/// `memo`: what earlier builds learned of the content files (`content::load_with`).
pub fn load(
    root: &Path,
    options: &RunOptions,
    remembers: bool,
    memo: Option<&dyn LoadMemo>,
) -> Loaded {
    let started = Instant::now();
    let sources = SourceMap::new(root);
    let model = model(root, options, remembers, memo, &sources);
    Loaded {
        started,
        sources,
        model,
    }
}

fn model(
    root: &Path,
    options: &RunOptions,
    remembers: bool,
    memo: Option<&dyn LoadMemo>,
    sources: &SourceMap,
) -> Result<Model, Vec<Diagnostic>> {
    let _t = timings::phase("load site");
    let disk = remembers.then(|| incremental::disk_inputs(root));
    let (mut config, site_yaml) = config::load(root)?;
    sources.insert(config::SITE_FILE, &site_yaml);
    if let Some(defaults) = options.defaults {
        defaults.apply(&mut config);
    }
    let as_of = options.as_of.unwrap_or_else(Date::today);
    let mut site = content::load_with(config, as_of, memo)?;
    notices::announcements::publish(&mut site);
    Ok(Model {
        site,
        site_yaml,
        disk,
    })
}
