//! `platform.yaml`: the platform's name, supervising office, province and member list,
//! parsed with the site configuration's YAML machinery so errors carry file:line.

use crate::config::yaml;
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// The file name of the platform configuration, relative to the platform folder.
pub const PLATFORM_FILE: &str = "platform.yaml";

/// `platform.yaml` as written. Unknown keys are rejected so a typo is not silently ignored.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformConfig {
    /// 平台名称, e.g. "某省政府网站集约化平台".
    pub name: String,
    /// 监管单位 (the 办公厅 that supervises the platform).
    pub office: String,
    /// 省份.
    #[serde(default)]
    pub province: String,
    /// Member site folders relative to the platform folder; empty means every
    /// `sites/<name>/` that holds a site.yaml.
    #[serde(default)]
    pub sites: Vec<String>,
    /// Shared defaults (conac, jiucuo, allow_hosts) merged under each site's own values.
    #[serde(default)]
    pub defaults: crate::config::SiteDefaults,
}

/// Reads `platform.yaml` in `root`; returns it with its text (for the source map).
pub fn load(root: &Path) -> Result<(PlatformConfig, String), Diagnostic> {
    let path = root.join(PLATFORM_FILE);
    let text = crate::content::read_text(&path, PLATFORM_FILE)?;
    let parsed = yaml::parse::<PlatformConfig>(PLATFORM_FILE, &text, 0)?;
    let config = parsed.value;
    for (key, value) in [("name", &config.name), ("office", &config.office)] {
        if value.trim().is_empty() {
            return Err(
                Diagnostic::error("GOV003", format!("平台的 {key} 不能为空"))
                    .at(PLATFORM_FILE, Some(parsed.spans.best(key)))
                    .with_help("在 platform.yaml 中填写平台名称（name）和监管单位（office）"),
            );
        }
    }
    Ok((config, text))
}
