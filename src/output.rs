//! The only module that writes the output folder. A build writes into a staging folder
//! beside the target and swaps it in only when the build succeeded, so a failed or killed
//! build leaves the previous output byte for byte as it was.

use crate::diagnostics::Diagnostic;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A file in every govsite output folder: proof that the folder is ours to replace.
pub const MARKER: &str = ".govsite-output";
const STAGING_INFIX: &str = ".govsite-staging-";

/// Where a build's files go.
pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic>;

    /// Whether the bytes are thrown away, so work that only shapes them (minification)
    /// can be skipped.
    fn discards(&self) -> bool {
        false
    }

    /// Writes bytes that the caller also keeps; a sink in memory shares them, uncopied.
    fn write_shared(&self, rel: &str, bytes: Arc<Vec<u8>>) -> Result<(), Diagnostic> {
        self.write(rel, &bytes)
    }

    /// Writes `bytes` and says what the written file looks like on disk, where there is a
    /// file (the build cache keeps it to know the file again without reading it).
    fn write_stat(&self, rel: &str, bytes: &[u8]) -> Result<Option<FileStat>, Diagnostic> {
        self.write(rel, bytes).map(|()| None)
    }

    /// Puts the file `from` of the previous output at `rel`: a folder on disk links it when
    /// `link` (rather than writing its bytes again) and otherwise copies it. Returns what a
    /// copy looks like on disk; a link is the very file `from`.
    fn write_existing(
        &self,
        rel: &str,
        from: &Path,
        link: bool,
    ) -> Result<Option<FileStat>, Diagnostic> {
        let _ = link;
        let bytes = std::fs::read(from).map_err(|e| output_error(from, "无法读取", e))?;
        self.write(rel, &bytes).map(|()| None)
    }
}

/// What a file's metadata says of its bytes without reading them: a regular file whose
/// length, modification time and inode are unchanged was not written since, except within
/// the clock tick of its last write (`crate::cache` reads such a file to be sure).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FileStat {
    pub len: u64,
    /// Nanoseconds since 1970.
    pub mtime_ns: i64,
    pub ino: u64,
}

impl FileStat {
    /// The stat of a regular file (`None` for anything else, and where the system has no
    /// inode numbers).
    pub fn of(meta: &std::fs::Metadata) -> Option<FileStat> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            meta.is_file().then(|| FileStat {
                len: meta.len(),
                mtime_ns: meta.mtime().saturating_mul(1_000_000_000) + meta.mtime_nsec(),
                ino: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }
}

/// `govsite check`: files are produced and checked, then dropped.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, rel: &str, _bytes: &[u8]) -> Result<(), Diagnostic> {
        checked_rel(rel).map(|_| ())
    }

    fn discards(&self) -> bool {
        true
    }
}

/// `govsite serve`: files are kept in memory and served from there.
#[derive(Default)]
pub struct Memory {
    pub files: Mutex<HashMap<String, Arc<Vec<u8>>>>,
}

impl Sink for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.write_shared(rel, Arc::new(bytes.to_vec()))
    }

    fn write_shared(&self, rel: &str, bytes: Arc<Vec<u8>>) -> Result<(), Diagnostic> {
        let rel = checked_rel(rel)?;
        let key = rel.to_string_lossy().replace('\\', "/");
        if let Ok(mut files) = self.files.lock() {
            files.insert(key, bytes);
        }
        Ok(())
    }
}

/// A relative output path that cannot leave the output folder.
fn checked_rel(rel: &str) -> Result<PathBuf, Diagnostic> {
    let path = Path::new(rel);
    let safe = !rel.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    if safe {
        Ok(path.to_path_buf())
    } else {
        Err(
            Diagnostic::error("GOV007", format!("拒绝写出输出文件夹之外的路径：{rel}"))
                .with_help("检查 slug、aliases 和 static/ 中的文件名"),
        )
    }
}

fn output_error(target: &Path, what: &str, error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error("GOV007", format!("{what}：{}：{error}", target.display()))
        .with_help("检查输出文件夹的路径和写权限")
}

/// A build's private folder beside the target; dropped unless committed.
pub struct StagingDir {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
    /// Whether the committed folder gets [`MARKER`]: build outputs do, imported sites
    /// (a source folder, not an output) do not.
    marker: bool,
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

    /// Swaps the staging folder in for the target.
    pub fn commit(self) -> Result<(), Diagnostic> {
        self.commit_then(|| ())
    }

    /// Swaps the staging folder in for the target, then does `work` while the previous
    /// output is deleted (each of its top folders on its own thread).
    pub fn commit_then<R: Send>(
        mut self,
        work: impl FnOnce() -> R + Send,
    ) -> Result<R, Diagnostic> {
        if self.marker {
            std::fs::write(
                self.dir.join(MARKER),
                concat!("govsite ", env!("CARGO_PKG_VERSION"), "\n"),
            )
            .map_err(|e| output_error(&self.dir, "无法写入", e))?;
        }
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
        Ok(path)
    }
}

impl Sink for StagingDir {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.place(rel)?;
        std::fs::write(&path, bytes).map_err(|e| output_error(&path, "无法写入", e))
    }

    fn write_stat(&self, rel: &str, bytes: &[u8]) -> Result<Option<FileStat>, Diagnostic> {
        use std::io::Write;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_cannot_escape() {
        assert!(checked_rel("a/b/index.html").is_ok());
        for bad in ["../x", "/etc/passwd", "a/../../x", "", "./a"] {
            assert!(checked_rel(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_sink_refuses_a_path_out_of_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("site/public");
        let staging = StagingDir::create(&target, false).unwrap();
        let memory = Memory::default();
        for bad in [
            "../evil.html",
            "../../evil.html",
            "/tmp/evil.html",
            "a/../../evil.html",
        ] {
            assert_eq!(
                staging.write(bad, b"x").unwrap_err().code,
                "GOV007",
                "{bad}"
            );
            assert!(memory.write(bad, b"x").is_err(), "{bad}");
            assert!(Discard.write(bad, b"x").is_err(), "{bad}");
        }
        assert!(!tmp.path().join("evil.html").exists());
        assert!(!tmp.path().join("site/evil.html").exists());
        // A backslash is an ordinary character of a file name on Unix: it stays inside.
        #[cfg(unix)]
        assert!(checked_rel("..\\evil.html").is_ok());
    }

    #[test]
    fn commit_swaps_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let staging = StagingDir::create(&target, false).unwrap();
        staging.write("index.html", b"one").unwrap();
        staging.commit().unwrap();
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"one");

        let staging = StagingDir::create(&target, false).unwrap();
        staging.write("index.html", b"two").unwrap();
        drop(staging);
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"one");
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "no staging folder left"
        );
    }

    #[test]
    fn a_site_folder_is_staged_refused_when_not_empty_and_unmarked() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("site");
        let staging = StagingDir::create_site(&target, false).unwrap();
        staging.write("site.yaml", b"name: x\n").unwrap();
        assert!(!target.exists(), "nothing in place before the commit");
        staging.commit().unwrap();
        assert!(target.join("site.yaml").is_file());
        assert!(
            !target.join(MARKER).exists(),
            "a site is not a build output"
        );
        assert!(StagingDir::create_site(&target, false).is_err());
        let again = StagingDir::create_site(&target, true).unwrap();
        again.write("site.yaml", b"name: y\n").unwrap();
        again.commit().unwrap();
        assert_eq!(
            std::fs::read(target.join("site.yaml")).unwrap(),
            b"name: y\n"
        );
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_a_foreign_folder() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("thesis.docx"), b"x").unwrap();
        assert!(StagingDir::create(tmp.path(), false).is_err());
        assert!(StagingDir::create(tmp.path(), true).is_ok());
    }
}
