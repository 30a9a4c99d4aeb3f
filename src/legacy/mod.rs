//! A legacy site on disk: the built pages of another CMS (a TRS or 大汉 export, a
//! `wget --mirror` copy) read into memory for `govsite audit` and `govsite import`.
//!
//! [`scan`] walks the folder without following symbolic links, decodes every page to
//! UTF-8 ([`decode`]) and lists everything else as a plain file; [`page`] reads the
//! pages' meta tags and re-serializes broken markup with a real HTML5 parser.

pub mod decode;
pub mod page;
mod walk;

pub use page::{normalize, page_meta, serialize, visible_text, PageMeta};

use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// Bounds that keep a hostile or huge folder from exhausting time or memory.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Pages beyond this many (in path order) are skipped with a reason.
    pub max_pages: usize,
    /// A page larger than this is skipped with a reason instead of read.
    pub max_page_bytes: u64,
    /// Files larger than this are listed but not copied by `import`.
    pub max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_pages: 20_000,
            max_page_bytes: 32 * 1024 * 1024,
            max_file_bytes: 200 * 1024 * 1024,
        }
    }
}

/// Everything [`scan`] found, each list sorted by `rel`.
#[derive(Debug, Default)]
pub struct LegacySite {
    pub root: PathBuf,
    pub pages: Vec<LegacyPage>,
    pub files: Vec<LegacyFile>,
    pub skipped: Vec<Skipped>,
}

/// One page, decoded.
#[derive(Debug, Clone)]
pub struct LegacyPage {
    /// Forward-slash path inside the folder, e.g. "xxgk/202204/t20220417_974894.shtml".
    pub rel: String,
    /// The page decoded to UTF-8 (line numbers are those of the original file).
    pub html: String,
    /// The encoding_rs name of the encoding it was read in, e.g. "GBK", "UTF-8".
    pub encoding: &'static str,
    pub bytes: u64,
}

/// Anything that is not a page: images, attachments, stylesheets, scripts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyFile {
    pub rel: String,
    pub bytes: u64,
}

/// A path that was not read, and why (plain Chinese).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub rel: String,
    pub reason: String,
}

/// The file name endings read as pages (compared case-insensitively).
pub const PAGE_EXTENSIONS: &[&str] = &[
    "html", "htm", "shtml", "jhtml", "xhtml", "jsp", "php", "asp", "aspx",
];

/// Where `path` is or would be once created, with `..` and links seen through: its nearest
/// existing ancestor resolved, plus the rest. `audit` and `import` never write into the
/// folder they read, and judge an output folder (which may not exist yet) by this.
pub fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut probe = absolute.as_path();
    let mut rest = Vec::new();
    while !probe.exists() {
        match (probe.file_name(), probe.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                probe = parent;
            }
            _ => break,
        }
    }
    let mut resolved = probe.canonicalize().unwrap_or_else(|_| probe.to_path_buf());
    resolved.extend(rest.iter().rev());
    resolved
}

/// Whether a path names a page by its ending.
pub fn is_page_name(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => PAGE_EXTENSIONS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(ext)),
        _ => false,
    }
}

/// Reads the folder `dir`: pages decoded, other files listed, links and oversized or
/// unreadable files skipped with a reason. Errors only when `dir` itself cannot be read.
pub fn scan(dir: &Path, limits: &Limits) -> Result<LegacySite, Diagnostic> {
    let meta = std::fs::metadata(dir).map_err(|e| {
        Diagnostic::error(
            "GOV006",
            format!("无法读取要检查的文件夹 {}：{e}", dir.display()),
        )
    })?;
    if !meta.is_dir() {
        return Err(Diagnostic::error(
            "GOV006",
            format!("{} 不是文件夹：请给出网站文件所在的文件夹", dir.display()),
        ));
    }
    walk::scan(dir, limits)
}

#[cfg(test)]
mod tests;
