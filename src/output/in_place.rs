//! Updating the previous output in place. A build with the cache (`crate::cache`) that
//! keeps most pages would otherwise link every kept file into a new folder and delete the
//! old one: two file-system operations per page for pages that did not change. Here the
//! staging folder gets only the files whose bytes changed, and when the build succeeded
//! they are moved into the output folder and the files the build no longer makes are
//! deleted, so unchanged files keep their bytes, time and inode (a deployment by `rsync`
//! copies only what changed).
//!
//! The output must still be what a clean build writes. The previous build recorded every
//! file it left and every folder's stat ([`Inventory`]); before anything is moved, each
//! folder is checked against it (a file added, removed or renamed by hand changes its
//! folder's time; a folder whose time is too recent to tell is listed and compared). A
//! folder that differs, or a build without an inventory, falls back to the whole-folder
//! swap of [`super::StagingDir`] with the kept files linked in.
//!
//! Unlike the swap, moving files one by one is not atomic: a build killed while it moves
//! them leaves the output partly updated. The cache file is removed before the move
//! (`govsite::build_cached`), so the next build builds and swaps in a whole output. The
//! move is the last step of a successful build and touches only the changed files.

use super::{now_ns, output_error, read_plain_file, FileStat, MARKER};
use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

/// How long after a file or folder changed its stat is trusted to tell its contents:
/// longer than a tick of the clock that stamps files (a jiffy on Linux, 15.6 ms on
/// Windows). A change within the same tick as the build's own could keep the time.
pub const SETTLED_NS: i64 = 100_000_000;

/// What an output folder holds as the build that wrote it left it: every file, and every
/// folder that holds one with its stat. The build cache keeps it for the next build.
#[derive(Serialize, Deserialize, Default, Debug, Clone, PartialEq)]
pub struct Inventory {
    /// Output paths (`zwdt/a/index.html`), sorted.
    files: Vec<String>,
    /// Every folder above a file, "" for the output folder itself, sorted.
    dirs: Vec<FolderStat>,
    /// When the folders' stats were taken (nanoseconds since 1970).
    taken_ns: i64,
}

/// A folder of the output (its path, "" for the output folder) and its stat.
type FolderStat = (String, FileStat);

/// The files of the build being staged: recorded as they are written, for the next
/// build's [`Inventory`] and for the update in place.
#[derive(Default)]
pub(super) struct Recorder {
    /// Written into the staging folder.
    staged: Mutex<Vec<String>>,
    /// Left in the output folder as they are (their bytes did not change).
    kept: Mutex<Vec<String>>,
}

impl Recorder {
    pub(super) fn staged(&self, rel: &str) {
        lock(&self.staged).push(rel.to_string());
    }

    pub(super) fn kept(&self, rel: &str) {
        lock(&self.kept).push(rel.to_string());
    }

    /// Every file of the new output, the marker included, sorted and once each; and the
    /// staged ones alone.
    pub(super) fn finish(self) -> (Vec<String>, Vec<String>, Vec<String>) {
        let staged = into_sorted(self.staged);
        let kept = into_sorted(self.kept);
        let mut files: Vec<String> = staged.iter().chain(&kept).cloned().collect();
        files.push(MARKER.to_string());
        files.sort_unstable();
        files.dedup();
        (files, staged, kept)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn into_sorted(m: Mutex<Vec<String>>) -> Vec<String> {
    let mut v = m.into_inner().unwrap_or_else(PoisonError::into_inner);
    v.sort_unstable();
    v.dedup();
    v
}

/// A previous output to be updated in place, checked against its inventory on a thread
/// of its own while the build runs (the check is some thousands of `stat` calls).
pub(super) struct Update {
    /// `None`: no thread could be started; the output is then replaced whole.
    check: Option<std::thread::JoinHandle<Option<Inventory>>>,
}

impl Update {
    pub(super) fn start(target: &Path, previous: Inventory) -> Update {
        let target = target.to_path_buf();
        let check = std::thread::Builder::new()
            .name("govsite-output-check".into())
            .spawn(move || previous.holds_for(&target).then_some(previous))
            .ok();
        Update { check }
    }

    /// The previous inventory, if the output is still what it says.
    pub(super) fn finish(self) -> Option<Inventory> {
        self.check?.join().ok().flatten()
    }
}

/// Whether the file `target/rel` already holds `bytes` (then it need not be written), with
/// its stat.
pub(super) fn holds(target: &Path, rel: &str, bytes: &[u8]) -> Option<Option<FileStat>> {
    let path = target.join(rel);
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return None;
    }
    (read_plain_file(&path)? == bytes).then(|| FileStat::of(&meta))
}

/// The folders above `rel`, nearest first, "" (the output folder) last.
fn parents(rel: &str) -> impl Iterator<Item = &str> {
    let mut at = Some(rel);
    std::iter::from_fn(move || {
        let here = at?;
        match here.rfind('/') {
            Some(slash) => {
                at = Some(&here[..slash]);
                Some(&here[..slash])
            }
            None => {
                at = None;
                Some("")
            }
        }
    })
}

/// The stat of the folder `dir` of `target`; one that matches no folder if it cannot be
/// had (the next check then lists the folder).
fn folder_stat(target: &Path, dir: &str) -> FileStat {
    std::fs::symlink_metadata(folder(target, dir))
        .ok()
        .as_ref()
        .and_then(FileStat::of_folder)
        .unwrap_or(FileStat {
            len: 0,
            mtime_ns: 0,
            ino: 0,
        })
}

fn folder(target: &Path, dir: &str) -> std::path::PathBuf {
    if dir.is_empty() {
        target.to_path_buf()
    } else {
        target.join(dir)
    }
}

impl Inventory {
    /// The inventory of `target` holding `files` (sorted): every folder above them
    /// statted, except those in `known` (a previous inventory's folders that were not
    /// touched since), whose stat is taken from there.
    pub(super) fn take(
        target: &Path,
        files: Vec<String>,
        known: Option<(&[FolderStat], &FxHashSet<&str>)>,
    ) -> Inventory {
        let mut dirs: Vec<&str> = files.iter().flat_map(|f| parents(f)).collect();
        dirs.sort_unstable();
        dirs.dedup();
        let before: FxHashMap<&str, FileStat> = known
            .map(|(dirs, _)| dirs.iter().map(|(d, s)| (d.as_str(), *s)).collect())
            .unwrap_or_default();
        let touched = known.map(|(_, touched)| touched);
        let dirs: Vec<(String, FileStat)> = dirs
            .par_iter()
            .map(|dir| {
                let stat = match before.get(dir) {
                    Some(stat) if touched.is_some_and(|t| !t.contains(dir)) => *stat,
                    _ => folder_stat(target, dir),
                };
                (dir.to_string(), stat)
            })
            .collect();
        Inventory {
            files,
            dirs,
            taken_ns: now_ns(),
        }
    }

    /// Whether `target` is still what this inventory says: every folder there, with the
    /// same stat or, where that cannot tell, the same entries.
    pub(super) fn holds_for(&self, target: &Path) -> bool {
        // One by one: this runs beside the build (`Update`), not in its thread pool.
        self.dirs.iter().all(|(dir, stat)| {
            let path = folder(target, dir);
            let Some(now) = std::fs::symlink_metadata(&path)
                .ok()
                .as_ref()
                .and_then(FileStat::of_folder)
            else {
                return false;
            };
            if now == *stat && stat.mtime_ns.saturating_add(SETTLED_NS) < self.taken_ns {
                return true;
            }
            same_entries(&path, &self.entries_of(dir))
        })
    }

    /// The names in the folder `dir`: the first name below it of each file under it. The
    /// files are sorted, so those under it are one run, found by a binary search (the
    /// folders the last build wrote into are compared this way in every build).
    fn entries_of(&self, dir: &str) -> FxHashSet<&str> {
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let start = self.files.partition_point(|f| f.as_str() < prefix.as_str());
        self.files[start..]
            .iter()
            .take_while(|f| f.starts_with(&prefix))
            .map(|f| {
                let below = &f[prefix.len()..];
                below.split('/').next().unwrap_or(below)
            })
            .collect()
    }
}

/// Whether the folder at `path` holds exactly the entries `expected`.
fn same_entries(path: &Path, expected: &FxHashSet<&str>) -> bool {
    let Ok(entries) = std::fs::read_dir(path) else {
        return false;
    };
    let mut count = 0;
    for entry in entries {
        let Ok(entry) = entry else { return false };
        let name = entry.file_name();
        let known = name.to_str().is_some_and(|n| expected.contains(n));
        if !known {
            return false;
        }
        count += 1;
    }
    count == expected.len()
}

/// Moves the staged files into `target` and deletes the files of `previous` that the new
/// output (`files`) no longer holds; returns the new output's inventory.
pub(super) fn apply(
    target: &Path,
    staging: &Path,
    previous: Inventory,
    files: Vec<String>,
    staged: &[String],
) -> Result<Inventory, Diagnostic> {
    let Inventory {
        files: old_files,
        dirs: old_dirs,
        ..
    } = previous;
    let partly = |path: &Path, e: std::io::Error| {
        output_error(path, "输出文件夹只更新了一部分", e)
            .with_help("再构建一次：下次构建不用缓存，会重新生成整个输出文件夹")
    };
    let new: FxHashSet<&str> = files.iter().map(String::as_str).collect();
    let new_dirs: FxHashSet<&str> = files.iter().flat_map(|f| parents(f)).collect();
    let gone: Vec<&str> = old_files
        .iter()
        .map(String::as_str)
        .filter(|f| !new.contains(f))
        .collect();
    let mut touched: FxHashSet<&str> = FxHashSet::default();
    for file in &gone {
        let path = target.join(file);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(partly(&path, e)),
            _ => {}
        }
        touched.extend(parents(file));
    }
    // Folders left empty go too, deepest first (a page moved away leaves its folder).
    let mut emptied: Vec<&str> = gone
        .iter()
        .flat_map(|f| parents(f))
        .filter(|d| !d.is_empty() && !new_dirs.contains(d))
        .collect();
    emptied.sort_unstable_by_key(|d| std::cmp::Reverse(d.len()));
    emptied.dedup();
    for dir in emptied {
        let _ = std::fs::remove_dir(target.join(dir));
    }
    for file in staged {
        let to = target.join(file);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| partly(parent, e))?;
        }
        std::fs::rename(staging.join(file), &to).map_err(|e| partly(&to, e))?;
        touched.extend(parents(file));
    }
    if old_files != files {
        return Ok(Inventory::take(target, files, Some((&old_dirs, &touched))));
    }
    // The same files in the same folders (an edit, not a page added or removed): only the
    // folders touched are statted again.
    let mut dirs = old_dirs;
    for (dir, stat) in &mut dirs {
        if touched.contains(dir.as_str()) {
            *stat = folder_stat(target, dir);
        }
    }
    Ok(Inventory {
        files,
        dirs,
        taken_ns: now_ns(),
    })
}

#[cfg(test)]
#[path = "in_place_tests.rs"]
mod tests;
