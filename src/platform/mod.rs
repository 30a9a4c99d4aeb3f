//! Platform mode (集约化平台): one `platform.yaml` and many member sites, built, checked,
//! sampled and supervised in one process. Sits above the single-site pipeline and uses
//! it unchanged: [`config`] → [`members`] → [`shard`] → [`build`] → [`dashboard`] /
//! [`sample`]; [`command`] is the command line around it.

pub mod build;
pub mod command;
pub mod config;
pub mod dashboard;
pub mod members;
pub mod sample;
pub mod shard;

pub use config::{PlatformConfig, PLATFORM_FILE};
pub use members::Member;
pub use shard::Shard;

use crate::Outcome;
use std::path::Path;

/// A loaded platform: its configuration and its members (sorted by name).
pub struct Platform {
    pub config: PlatformConfig,
    pub members: Vec<Member>,
}

/// Loads `platform.yaml` and lists the members. On error, an outcome (exit 2) rooted at
/// the platform folder, so the finding shows platform.yaml:line and the line itself.
pub fn load(root: &Path) -> Result<Platform, Outcome> {
    let fail = |e| Outcome::failed(root, e);
    let (mut config, _) = config::load(root).map_err(fail)?;
    let themes = root.join("themes");
    if themes.is_dir() {
        config.defaults.themes = Some(themes);
    }
    let library = root.join("static");
    if library.is_dir() {
        config.defaults.statics = Some(library);
    }
    let members = members::list(root, &config).map_err(fail)?;
    Ok(Platform { config, members })
}
