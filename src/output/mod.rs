//! The only module that writes the output folder. A build writes into a staging folder
//! beside the target and swaps it in only when the build succeeded, so a failed or killed
//! build leaves the previous output byte for byte as it was ([`StagingDir`]). A build
//! with the cache that keeps most pages instead moves its few changed files into the
//! previous output once it succeeded ([`in_place`]).

use crate::diagnostics::Diagnostic;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A file in every govsite output folder: proof that the folder is ours to replace.
pub const MARKER: &str = ".govsite-output";
const STAGING_INFIX: &str = ".govsite-staging-";

pub mod in_place;
mod staging;
pub use in_place::{Inventory, SETTLED_NS};
pub(crate) use staging::process_alive;
pub use staging::StagingDir;

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

    /// Puts the file `from` of the previous output at `rel`: a folder on disk that updates
    /// the previous output in place leaves it there, else links it when `link` (rather than
    /// writing its bytes again) and otherwise copies it. Returns what a copy looks like on
    /// disk; a link or a file left in place is the very file `from`.
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
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
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
        Self::of_kind(meta, meta.is_file())
    }

    /// The stat of a folder: its time changes when an entry is added, removed or renamed.
    pub fn of_folder(meta: &std::fs::Metadata) -> Option<FileStat> {
        Self::of_kind(meta, meta.is_dir())
    }

    fn of_kind(meta: &std::fs::Metadata, wanted: bool) -> Option<FileStat> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            wanted.then(|| FileStat {
                len: meta.len(),
                mtime_ns: meta.mtime().saturating_mul(1_000_000_000) + meta.mtime_nsec(),
                ino: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = (meta, wanted);
            None
        }
    }
}

pub use crate::content::now_ns;

/// The bytes of a regular file (never through a symbolic link).
pub fn read_plain_file(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let mut file = options.open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
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
