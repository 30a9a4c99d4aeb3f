//! Walking `content/` and `static/`: every file in a stable order, links followed only
//! while they stay inside the site folder, hidden files skipped.

use super::read::SourceStat;
use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

pub(super) struct WalkedFile {
    /// Relative to the site folder, with `/`.
    pub(super) rel: String,
    pub(super) path: PathBuf,
    /// Its stat, if it was taken ahead of the parse (see `load_with`).
    pub(super) stat: Option<SourceStat>,
}

#[derive(Default)]
pub(super) struct Walked {
    pub(super) files: Vec<WalkedFile>,
    /// Folders below the walked folder, relative to it ("zwdt", "zwdt/sub").
    pub(super) dirs: Vec<String>,
}

/// Walks `root/folder`, following links only while they stay inside the site folder.
pub(super) fn walk(root: &Path, folder: &str, errors: &mut Vec<Diagnostic>) -> Walked {
    let mut walked = Walked::default();
    let base = root.join(folder);
    if !base.exists() {
        return walked;
    }
    let Ok(canonical_root) = root.canonicalize() else {
        return walked;
    };
    let walker = walkdir::WalkDir::new(&base)
        .follow_links(true)
        .sort_by_file_name();
    let mut iter = walker.into_iter();
    while let Some(entry) = iter.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let rel = e
                    .path()
                    .map(|p| rel_path(root, p))
                    .unwrap_or_else(|| folder.to_string());
                let reason = if e.loop_ancestor().is_some() {
                    "符号链接形成循环"
                } else {
                    "无法读取"
                };
                errors.push(
                    Diagnostic::error("GOV006", format!("{reason}：{rel}"))
                        .at(rel, None)
                        .with_help("删除或修正这个链接/文件"),
                );
                continue;
            }
        };
        let rel = rel_path(root, entry.path());
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && name.starts_with('.') {
            if entry.file_type().is_dir() {
                iter.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() {
            let inside = entry
                .path()
                .canonicalize()
                .is_ok_and(|p| p.starts_with(&canonical_root));
            if !inside {
                errors.push(
                    Diagnostic::error("GOV006", format!("符号链接指向网站文件夹之外：{rel}"))
                        .at(rel, None)
                        .with_help("把文件复制进网站文件夹，而不是链接到外面"),
                );
                if entry.file_type().is_dir() {
                    iter.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_dir() {
            if entry.depth() > 0 {
                walked.dirs.push(
                    rel.strip_prefix(&format!("{folder}/"))
                        .unwrap_or(&rel)
                        .to_string(),
                );
            }
        } else if entry.file_type().is_file() {
            walked.files.push(WalkedFile {
                rel,
                path: entry.path().to_path_buf(),
                stat: None,
            });
        } else {
            // A named pipe would block the build forever; a device or socket is no content.
            errors.push(
                Diagnostic::error(
                    "GOV006",
                    format!("不是普通文件（管道、设备或套接字）：{rel}"),
                )
                .at(rel, None)
                .with_help("网站文件夹里只放普通文件和文件夹"),
            );
        }
    }
    walked
}

fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
