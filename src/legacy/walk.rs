//! The walk behind [`super::scan`]: list the folder without following links, then read and
//! decode the pages in parallel.

use super::{decode, is_page_name, LegacyFile, LegacyPage, LegacySite, Limits, Skipped};
use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A regular file found by the walk, before it is read.
struct Found {
    rel: String,
    path: PathBuf,
    bytes: u64,
}

/// What reading one candidate page gave.
enum Read1 {
    Page(LegacyPage),
    File(LegacyFile),
    Skip(Skipped),
}

pub(super) fn scan(dir: &Path, limits: &Limits) -> Result<LegacySite, Diagnostic> {
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut site = LegacySite {
        root: dir.to_path_buf(),
        ..LegacySite::default()
    };
    let mut candidates = Vec::new();
    // follow_links(false) is walkdir's default; said here because it is the guarantee that
    // a link out of the folder is never read.
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1);
    for entry in walker {
        match entry {
            Ok(entry) => classify(&root, dir, entry, &mut candidates, &mut site),
            Err(e) => site.skipped.push(Skipped {
                rel: e
                    .path()
                    .map(|p| rel_of(dir, p))
                    .unwrap_or_else(|| "?".into()),
                reason: format!("无法读取：{e}"),
            }),
        }
    }
    let (read, over): (&[Found], &[Found]) =
        candidates.split_at(candidates.len().min(limits.max_pages));
    site.skipped.extend(over.iter().map(|f| Skipped {
        rel: f.rel.clone(),
        reason: format!("页面数超过上限 {}，此页未读取", limits.max_pages),
    }));
    let results: Vec<Read1> = read.par_iter().map(|f| read_page(f, limits)).collect();
    for result in results {
        match result {
            Read1::Page(page) => site.pages.push(page),
            Read1::File(file) => site.files.push(file),
            Read1::Skip(skip) => site.skipped.push(skip),
        }
    }
    site.pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    site.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    site.skipped.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(site)
}

/// Sorts one walk entry into a page candidate, a plain file or a skipped path.
fn classify(
    root: &Path,
    dir: &Path,
    entry: walkdir::DirEntry,
    candidates: &mut Vec<Found>,
    site: &mut LegacySite,
) {
    let rel = rel_of(dir, entry.path());
    let kind = entry.file_type();
    if kind.is_symlink() {
        let reason = symlink_reason(root, entry.path());
        site.skipped.push(Skipped { rel, reason });
        return;
    }
    if !kind.is_file() {
        return;
    }
    let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
    let found = Found {
        rel,
        path: entry.into_path(),
        bytes,
    };
    if is_page_name(&found.rel) || no_extension(&found.rel) {
        candidates.push(found);
    } else {
        site.files.push(LegacyFile {
            rel: found.rel,
            bytes: found.bytes,
        });
    }
}

fn symlink_reason(root: &Path, path: &Path) -> String {
    match path.canonicalize() {
        Ok(target) if target.starts_with(root) => {
            "符号链接，未跟随读取（其目标在文件夹内的原位置检查）".to_string()
        }
        Ok(_) => "符号链接指向检查文件夹之外，未跟随读取".to_string(),
        Err(_) => "符号链接的目标不存在，未读取".to_string(),
    }
}

fn no_extension(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    !name.contains('.')
}

/// Reads a candidate page: too large or unreadable is skipped, an extension-less file
/// that does not look like HTML is a plain file.
fn read_page(found: &Found, limits: &Limits) -> Read1 {
    if found.bytes > limits.max_page_bytes {
        return Read1::Skip(Skipped {
            rel: found.rel.clone(),
            reason: format!(
                "页面过大（{}，上限 {}），未检查",
                human_bytes(found.bytes),
                human_bytes(limits.max_page_bytes)
            ),
        });
    }
    let raw = match read_bounded(&found.path, limits.max_page_bytes) {
        Ok(raw) => raw,
        Err(reason) => {
            return Read1::Skip(Skipped {
                rel: found.rel.clone(),
                reason,
            })
        }
    };
    if !is_page_name(&found.rel) && !decode::sniffs_as_html(&raw) {
        return Read1::File(LegacyFile {
            rel: found.rel.clone(),
            bytes: found.bytes,
        });
    }
    let (html, encoding) = decode::decode(&raw);
    Read1::Page(LegacyPage {
        rel: found.rel.clone(),
        html,
        encoding,
        bytes: raw.len() as u64,
    })
}

/// Reads at most `max` bytes, so that a file growing while it is read cannot exhaust memory.
fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("无法读取：{e}"))?;
    let mut raw = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut raw)
        .map_err(|e| format!("无法读取：{e}"))?;
    if raw.len() as u64 > max {
        return Err(format!("页面过大（上限 {}），未检查", human_bytes(max)));
    }
    Ok(raw)
}

fn human_bytes(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn rel_of(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
