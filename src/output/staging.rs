//! The staging folder: a build's files go there, and it is swapped in for the target
//! when the build succeeded.

use super::in_place::{self, Inventory, Recorder, Update};
use super::*;

/// A build's private folder beside the target; dropped unless committed.
pub struct StagingDir {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
    /// Whether the committed folder gets [`MARKER`]: build outputs do, imported sites
    /// (a source folder, not an output) do not.
    marker: bool,
    /// The files written so far, when the commit is to give the output's [`Inventory`].
    recorder: Option<Recorder>,
    /// The previous output's inventory, when the target is to be updated in place
    /// ([`in_place`]): then only changed files are staged.
    update: Option<Update>,
}

impl StagingDir {
    /// Prepares a staging folder for `target`. Refuses a target that exists, is not empty
    /// and is not a previous govsite output, unless `force`.
    pub fn create(target: &Path, force: bool) -> Result<StagingDir, Diagnostic> {
        if target.exists() && !force && !is_ours(target) {
            return Err(Diagnostic::error(
                "GOV007",
                format!(
                    "输出文件夹 {} 已有其他内容，不是 govsite 的输出",
                    target.display()
                ),
            )
            .with_help("换一个 --out 文件夹，或确认可以整体替换后加 --force"));
        }
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| output_error(&parent, "无法创建文件夹", e))?;
        let name = target
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        remove_stale_staging(&parent, &name);
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = parent.join(format!(
            ".{name}{STAGING_INFIX}{}-{stamp}",
            std::process::id()
        ));
        std::fs::create_dir(&dir).map_err(|e| output_error(&dir, "无法创建临时文件夹", e))?;
        Ok(StagingDir {
            target: target.to_path_buf(),
            dir,
            committed: false,
            marker: true,
            recorder: None,
            update: None,
        })
    }

    /// Prepares a staging folder for a new site folder (`govsite import`): refuses a
    /// target that exists and is not empty, unless `force`; commits without [`MARKER`].
    pub fn create_site(target: &Path, force: bool) -> Result<StagingDir, Diagnostic> {
        let empty = std::fs::read_dir(target).map_or(!target.exists(), |mut e| e.next().is_none());
        if !empty && !force {
            return Err(Diagnostic::error(
                "GOV007",
                format!("网站文件夹 {} 已存在且不是空的", target.display()),
            )
            .with_help("换一个 --out 文件夹，或确认可以整体替换后加 --force"));
        }
        let mut staging = StagingDir::create(target, true)?;
        staging.marker = false;
        Ok(staging)
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Records the files written, so that the commit gives the new output's [`Inventory`]
    /// (for the next build to update it in place).
    pub fn keep_inventory(&mut self) {
        self.recorder.get_or_insert_with(Recorder::default);
    }

    /// Updates the target in place on commit, if it is still what `previous` (its
    /// inventory, kept by the build that wrote it) says, which is checked from now on
    /// beside the build: files whose bytes are already there are left where they are, only
    /// the others are staged. Records the files.
    pub fn update_in_place(&mut self, previous: Inventory) {
        self.keep_inventory();
        self.update = Some(Update::start(&self.target, previous));
    }

    /// Swaps the staging folder in for the target.
    pub fn commit(self) -> Result<(), Diagnostic> {
        self.commit_then(|_| ())
    }

    /// Puts the staged files in place: moved into the target when it is updated in place
    /// and still as the previous build left it, else the staging folder swapped in for
    /// the target. Then does `work` with the new output's inventory (if files were
    /// recorded), while a swapped-out previous output is deleted.
    pub fn commit_then<R: Send>(
        mut self,
        work: impl FnOnce(Option<Inventory>) -> R + Send,
    ) -> Result<R, Diagnostic> {
        let recorded = self.recorder.take().map(Recorder::finish);
        if let (Some(update), Some((files, staged, kept))) = (self.update.take(), &recorded) {
            let _t = crate::timings::phase("update output in place");
            if let Some(previous) = update.finish() {
                let inventory =
                    in_place::apply(&self.target, &self.dir, previous, files.clone(), staged)?;
                let _ = std::fs::remove_dir_all(&self.dir);
                self.committed = true;
                return Ok(work(Some(inventory)));
            }
            // Changed by hand since: a whole new folder after all, with the kept files.
            for rel in kept {
                self.write_existing(rel, &self.target.join(rel), true)?;
            }
        }
        if self.marker {
            std::fs::write(
                self.dir.join(MARKER),
                concat!("govsite ", env!("CARGO_PKG_VERSION"), "\n"),
            )
            .map_err(|e| output_error(&self.dir, "无法写入", e))?;
        }
        let target = self.target.clone();
        let work = move || {
            let inventory = recorded.map(|(files, ..)| Inventory::take(&target, files, None));
            work(inventory)
        };
        let done = if self.target.exists() {
            swap(&self.dir, &self.target)
                .map_err(|e| output_error(&self.target, "无法替换输出文件夹", e))?;
            // After the swap the staging path holds the previous output.
            let (_, done) = rayon::join(
                || {
                    let _t = crate::timings::phase("delete old output");
                    remove_in_parallel(&self.dir)
                },
                work,
            );
            done
        } else {
            std::fs::rename(&self.dir, &self.target)
                .map_err(|e| output_error(&self.target, "无法写出输出文件夹", e))?;
            work()
        };
        self.committed = true;
        Ok(done)
    }
}

impl StagingDir {
    /// Where the output file `rel` goes in the staging folder, its folder made.
    fn place(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        let path = self.dir.join(checked_rel(rel)?);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| output_error(parent, "无法创建文件夹", e))?;
        }
        if let Some(recorder) = &self.recorder {
            recorder.staged(rel);
        }
        Ok(path)
    }

    /// When the target is updated in place and its file `rel` holds `bytes` already: that
    /// file's stat (recorded as kept; nothing is staged).
    fn unchanged(&self, rel: &str, bytes: &[u8]) -> Result<Option<Option<FileStat>>, Diagnostic> {
        let (Some(_), Some(recorder)) = (&self.update, &self.recorder) else {
            return Ok(None);
        };
        checked_rel(rel)?;
        let found = in_place::holds(&self.target, rel, bytes);
        if found.is_some() {
            recorder.kept(rel);
        }
        Ok(found)
    }
}

impl Sink for StagingDir {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if self.unchanged(rel, bytes)?.is_some() {
            return Ok(());
        }
        let path = self.place(rel)?;
        std::fs::write(&path, bytes).map_err(|e| output_error(&path, "无法写入", e))
    }

    fn write_stat(&self, rel: &str, bytes: &[u8]) -> Result<Option<FileStat>, Diagnostic> {
        use std::io::Write;
        if let Some(stat) = self.unchanged(rel, bytes)? {
            return Ok(stat);
        }
        let path = self.place(rel)?;
        let mut file =
            std::fs::File::create(&path).map_err(|e| output_error(&path, "无法写入", e))?;
        file.write_all(bytes)
            .map_err(|e| output_error(&path, "无法写入", e))?;
        Ok(file.metadata().ok().as_ref().and_then(FileStat::of))
    }

    fn write_existing(
        &self,
        rel: &str,
        from: &Path,
        link: bool,
    ) -> Result<Option<FileStat>, Diagnostic> {
        // Updated in place, the target's own file stays where it is.
        if let (Some(_), Some(recorder)) = (&self.update, &self.recorder) {
            if from == self.target.join(checked_rel(rel)?) {
                recorder.kept(rel);
                return Ok(None);
            }
        }
        let path = self.place(rel)?;
        // The old file is replaced with the rest of the previous output: linking it is
        // enough, and where links are not possible (another file system) it is copied.
        if link && std::fs::hard_link(from, &path).is_ok() {
            return Ok(None);
        }
        std::fs::copy(from, &path).map_err(|e| output_error(&path, "无法写入", e))?;
        Ok(std::fs::symlink_metadata(&path)
            .ok()
            .as_ref()
            .and_then(FileStat::of))
    }
}

impl Drop for StagingDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Deletes a folder, its top-level entries side by side.
fn remove_in_parallel(dir: &Path) {
    use rayon::prelude::*;
    if let Ok(entries) = std::fs::read_dir(dir) {
        let entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.par_iter().for_each(|path| {
            if path.is_dir() && !path.is_symlink() {
                let _ = std::fs::remove_dir_all(path);
            } else {
                let _ = std::fs::remove_file(path);
            }
        });
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// Whether `target` is empty or holds a previous govsite output.
fn is_ours(target: &Path) -> bool {
    if target.join(MARKER).is_file() {
        return true;
    }
    match std::fs::read_dir(target) {
        Ok(mut entries) => entries.next().is_none(),
        Err(_) => !target.is_dir() && !target.exists(),
    }
}

/// Staging folders left by a build that was killed.
fn remove_stale_staging(parent: &Path, name: &str) {
    let prefix = format!(".{name}{STAGING_INFIX}");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid: Option<u32> = rest.split('-').next().and_then(|p| p.parse().ok());
        // A folder of a build that is still running (serve and build side by side) stays.
        if pid.is_some_and(process_alive) {
            continue;
        }
        let _ = std::fs::remove_dir_all(entry.path());
    }
}

/// Whether another process with this id runs (a build's own id counts as not running).
#[cfg(unix)]
pub(crate) fn process_alive(pid: u32) -> bool {
    pid != std::process::id() && Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(unix))]
pub(crate) fn process_alive(pid: u32) -> bool {
    pid != std::process::id()
}

/// Exchanges two folders atomically where the system can (Linux renameat2), else by two
/// renames.
#[cfg(target_os = "linux")]
fn swap(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        swap_by_rename(a, b)
    }
}

#[cfg(not(target_os = "linux"))]
fn swap(a: &Path, b: &Path) -> std::io::Result<()> {
    swap_by_rename(a, b)
}

fn swap_by_rename(a: &Path, b: &Path) -> std::io::Result<()> {
    let aside = a.with_extension("old");
    std::fs::rename(b, &aside)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&aside, a)
}
