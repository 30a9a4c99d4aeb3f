//! What an earlier build learned of the content files, for loading the next one faster
//! (the build cache keeps it, `crate::cache`): items' front matter by its YAML text, and
//! whole item files by their stat, so that an unchanged file is neither parsed nor read.

use super::front::ItemFront;
use super::read::SourceStat;
use serde::{Deserialize, Serialize};

/// Memory of earlier builds for [`super::load_with`]. Whatever comes back must be what
/// reading and parsing the file gives now.
pub trait LoadMemo: Sync {
    /// The front matter parsed from `yaml` before, if known. Parsing the YAML of every item
    /// was the largest part of loading a large site whose files did not change.
    fn front(&self, yaml: &str) -> Option<ItemFront>;
    /// Remembers the front matter parsed from `yaml`, for the next build.
    fn parsed(&self, yaml: &str, front: &ItemFront);
    /// The item file `rel` (`content/zwdt/a.md`) as an earlier build loaded it, if its stat
    /// is still `stat`.
    fn file(&self, rel: &str, stat: &SourceStat) -> Option<KnownFile>;
    /// Remembers an item file as this build loaded it, for the next build (only a file
    /// that had settled before the build began, see [`SourceStat::settled_before`]).
    fn loaded(&self, rel: &str, file: &KnownFile);
    /// Called once the folders are walked, before any file is parsed: a memo that is still
    /// being read elsewhere may wait for it here, on the loading thread (not on a worker
    /// of the pool, which the reading may need).
    fn ready(&self) {}
    /// Whether [`LoadMemo::ready`] would return at once.
    fn is_ready(&self) -> bool {
        true
    }
}

/// An item file as a build loaded it: everything of it the site model holds but the body's
/// text (see [`super::Body`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnownFile {
    pub stat: SourceStat,
    /// The front matter as written, and where it and the body start in the file.
    pub yaml: String,
    pub yaml_offset: usize,
    pub body_offset: usize,
    /// The body's hash and whether it has text ([`super::Body`]).
    pub body_hash: u128,
    pub has_text: bool,
    /// The listing summary ([`super::summary::summary_of`]).
    pub summary: String,
}

/// How long before a build began a file must have last changed for its stat to stand for
/// its bytes: a write within the same clock tick as the stat can leave the stat as it was,
/// and some file systems keep times to the second (two seconds on FAT).
pub const SETTLED_NS: i64 = 2_000_000_000;
