//! The member sites of a platform: the folders listed in platform.yaml, or every
//! `sites/<name>/` holding a site.yaml, sorted by name so every run sees the same order.

use super::config::{PlatformConfig, PLATFORM_FILE};
use crate::config::SITE_FILE;
use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// One member site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The site's name on the platform: its folder name, unique on the platform.
    pub name: String,
    /// The site folder.
    pub root: PathBuf,
}

/// `n` members named by `name(i)`, in folders under `/p/` that need not exist: for the
/// tests of what is done with a list of members (shards, samples).
#[cfg(test)]
pub fn fake(n: usize, name: impl Fn(usize) -> String) -> Vec<Member> {
    (0..n)
        .map(|i| {
            let name = name(i);
            let root = format!("/p/{name}").into();
            Member { name, root }
        })
        .collect()
}

/// The members of the platform in `root`, sorted by name.
pub fn list(root: &Path, config: &PlatformConfig) -> Result<Vec<Member>, Diagnostic> {
    let mut members = if config.sites.is_empty() {
        discover(&root.join("sites"))?
    } else {
        listed(root, &config.sites)?
    };
    members.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(pair) = members.windows(2).find(|w| w[0].name == w[1].name) {
        return Err(Diagnostic::error(
            "GOV003",
            format!("平台中有两个网站都叫 `{}`", pair[0].name),
        )
        .at(PLATFORM_FILE, None)
        .with_help("网站以文件夹名区分，请给其中一个文件夹改名"));
    }
    Ok(members)
}

fn discover(sites: &Path) -> Result<Vec<Member>, Diagnostic> {
    let entries = std::fs::read_dir(sites).map_err(|_| {
        Diagnostic::error("GOV006", "平台文件夹中没有 sites 文件夹")
            .at(PLATFORM_FILE, None)
            .with_help("把各网站放在 sites/<网站名>/ 下，或在 platform.yaml 的 sites 中列出")
    })?;
    let mut members = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.join(SITE_FILE).is_file() {
            members.push(Member {
                name: entry.file_name().to_string_lossy().into_owned(),
                root: path,
            });
        }
    }
    Ok(members)
}

fn listed(root: &Path, paths: &[String]) -> Result<Vec<Member>, Diagnostic> {
    paths
        .iter()
        .map(|rel| {
            let path = root.join(rel);
            if !path.join(SITE_FILE).is_file() {
                return Err(Diagnostic::error(
                    "GOV006",
                    format!("platform.yaml 列出的网站 `{rel}` 中没有 site.yaml"),
                )
                .at(PLATFORM_FILE, None)
                .with_help("检查 sites 中的路径（相对于平台文件夹）"));
            }
            let name = path
                .file_name()
                .map_or_else(|| rel.clone(), |n| n.to_string_lossy().into_owned());
            Ok(Member { name, root: path })
        })
        .collect()
}
