//! The build cache of `govsite build`: one file beside the output folder that lets the
//! next build render only the pages whose inputs changed.
//!
//! For every page the file keeps the page's fingerprint (`crate::incremental`: the site key
//! and the page's own body), the hash and length of the bytes the build wrote, and what the
//! page contributed to the run besides its bytes (findings, facts for the whole-site
//! checks, its search entry without its terms: those are in the index, whose shards the
//! file also knows by hash). A later build whose fingerprint for that page is the same
//! reads the page from the previous output, checks its bytes against the hash (a file
//! edited or removed by hand is rendered again) and leaves it where it is (or links it into
//! a new output folder, `crate::output`) instead of rendering, checking and minifying it;
//! the whole-site checks and files are made again from the kept results, as in a clean
//! build, so the output is the same byte for byte. Items' front matter is kept too, by its
//! YAML text, so that an unchanged one is not parsed again (`fronts`), and item files by
//! their stat, so that an unchanged one is not even read (`files`).
//!
//! The file is never trusted blindly: it starts with a magic string and a format number,
//! names the govsite version and binary that wrote it and the site and output folders it
//! belongs to, and carries the length and hash of everything after the header. A file that
//! fails any of these is ignored (the build says so in one line and builds everything),
//! and replaced after the build. The file also keeps what the output folder held (every
//! file, every folder's stat), so that the next build can update that folder in place
//! (`crate::output::in_place`). The pages go into a temporary file beside it as they
//! finish (no page's record is held until the end of the build); only a successful build
//! renames that file over the old one, so a failed or killed build leaves the previous
//! cache or none, never half of one.
//!
//! Layout (integers little-endian):
//!
//! ```text
//! MAGIC (16 bytes) | FORMAT u32 | header length u32 | header (postcard) | body
//! | pages length u64 | written at i64 (ns) | body length u64
//! | xxh3-128 of body, pages length and written at (16 bytes)
//! body: per page (in the order they finished), output path (u32 length, UTF-8)
//!       | fingerprint u128 | page hash u128 | page length u64 | file mtime i64 (ns)
//!       | file inode u64 (0: none) | record (u32 length, postcard)
//!       then the text rules' key u128 | answer count u32
//!       | per answer, text hash u128 | bits u16
//!       then the link table: link count u32 | per link (u32 length, postcard)
//!       then the front matter table: count u32 | per item's front matter, hash of its
//!       YAML u128 | u32 length | JSON
//!       then the file table: count u32 | per item file, path (u32 length, UTF-8)
//!       | record (u32 length, postcard)
//!       then the output folder's inventory (u32 length, postcard; 0: none)
//! ```
//!
//! The body is written as it is hashed (the hash comes last), with no copy of it in memory.

mod files;
mod format;
mod fronts;
mod kept;
mod links;
#[cfg(test)]
mod tests;
mod write;

use crate::content::{ItemFront, KnownFile, LoadMemo, SourceStat};
use crate::incremental::hash_bytes;
use crate::output::{read_plain_file, FileStat, SETTLED_NS};
use crate::pipeline::PageResult;
use crate::rules::facts::PageFacts;
use crate::rules::TextMemo;
use crate::search;
use files::Files;
pub use format::FORMAT;
use format::*;
use fronts::Fronts;
use links::{NextLinks, PreviousLinks};
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use write::Next;

/// Where the cache of the output folder `out` lives: beside it, never inside it (the output
/// must be what a clean build writes), e.g. `site/.public.govsite-cache` for `site/public`.
pub fn path_for(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    parent.join(format!(".{name}.govsite-cache"))
}

/// A page of this run, as the next cache file will hold it.
pub(crate) struct Stamp {
    fingerprint: u128,
    hash: u128,
    len: u64,
    /// The page's file as written, when the output is on disk.
    pub(crate) stat: Option<FileStat>,
    /// The encoded record, or `None` for the previous build's record of the same page.
    record: Option<Vec<u8>>,
}

/// How the cache served a build, for the one line the build prints about it.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Why the cache file was not used, when there was one.
    pub ignored: Option<String>,
    /// Why the new cache file could not be written (the build itself succeeded).
    pub unwritten: Option<String>,
    pub reused: usize,
    pub rendered: usize,
}

/// The cache of one build: what the previous build left (possibly nothing), and the pages
/// of this build as they come.
pub struct BuildCache<'a> {
    out: PathBuf,
    previous: FxHashMap<&'a str, Previous<'a>>,
    /// The previous file's link table: a link of the theme (on every page) is decoded
    /// once and shared, as `LinkInterner` shares it in a clean build.
    links: PreviousLinks<'a>,
    /// The next file's link table.
    next_links: NextLinks<'a>,
    /// The next cache file: opened when the first page or the tables are put, then open
    /// (or stopped by an error) until it is finished.
    next: Next,
    reused: AtomicUsize,
    rendered: AtomicUsize,
    ignored: Option<String>,
    header: Header,
    /// When the previous cache file was written.
    written_ns: i64,
    /// What the text rules learned of each item's text.
    texts: TextMemo,
    /// What the previous output folder held, for updating it in place.
    inventory: Option<crate::output::Inventory>,
    /// Items' front matter as parsed before, and as parsed in this build.
    fronts: Fronts<'a>,
    /// Item files as loaded before, and as loaded in this build.
    files: Files<'a>,
}

impl<'a> BuildCache<'a> {
    /// The bytes of the cache file of `out`, if there is one; the caller keeps them for the
    /// build, and [`BuildCache::new`] borrows them.
    pub fn read(out: &Path) -> Option<Vec<u8>> {
        // Without the output the cache is not used (`BuildCache::new`): not read either, so
        // that a build after the output was deleted does not hold the old file's bytes.
        if !out.is_dir() {
            return None;
        }
        std::fs::read(path_for(out)).ok()
    }

    /// The cache for a build of `root` into `out`, from the bytes of the cache file (if any).
    /// A file that is not a valid cache of this site, output and binary is ignored.
    pub fn new(root: &Path, out: &Path, bytes: Option<&'a [u8]>) -> BuildCache<'a> {
        let header = Header::current(root, out);
        let mut cache = BuildCache {
            out: out.to_path_buf(),
            previous: FxHashMap::default(),
            links: PreviousLinks::default(),
            next_links: NextLinks::new(Vec::new()),
            next: Next::default(),
            reused: AtomicUsize::new(0),
            rendered: AtomicUsize::new(0),
            ignored: None,
            header,
            written_ns: 0,
            texts: TextMemo::default(),
            inventory: None,
            fronts: Fronts::default(),
            files: Files::default(),
        };
        // No output, nothing to reuse (the cache of a deleted output is not worth reading).
        if let Some(bytes) = bytes.filter(|_| out.is_dir()) {
            match parse(bytes, &cache.header) {
                Ok(previous) => {
                    cache.previous = previous.pages;
                    cache.written_ns = previous.written_ns;
                    let (key, answers) = previous.texts;
                    cache.texts = TextMemo::new(key, answers);
                    cache.inventory = previous.inventory;
                    cache.links = PreviousLinks::new(previous.links.clone());
                    cache.next_links = NextLinks::new(previous.links);
                    cache.fronts = Fronts::new(previous.fronts);
                    cache.files = Files::new(previous.files);
                }
                Err(why) => cache.ignored = Some(why),
            }
        }
        cache
    }

    /// Whether no page of the previous build can be reused (there was none, or its cache
    /// file was ignored): every page is rendered.
    pub(crate) fn reuses_nothing(&self) -> bool {
        self.previous.is_empty()
    }

    /// The kept result of the page at `output` if its fingerprint is still `fingerprint`
    /// and the previous output still holds its bytes.
    ///
    /// The bytes are known by the file's [`FileStat`] when it is the one the previous build
    /// recorded and that build's cache was written more than [`SETTLED_NS`] after the file
    /// (a change within the same clock tick as the build's own write could keep length and
    /// time); otherwise the file is read and checked against the recorded hash, as git
    /// does with a "racily clean" file.
    pub(crate) fn reuse(&self, output: &str, fingerprint: u128) -> Option<Reused> {
        let previous = self
            .previous
            .get(output)
            .filter(|p| p.fingerprint == fingerprint)?;
        let path = self.out.join(output);
        // Never through a symbolic link: the page must be a file of the previous output.
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() {
            return None;
        }
        let stat = FileStat::of(&meta);
        let known = stat.is_some_and(|s| {
            Some(s) == previous.stat && s.mtime_ns.saturating_add(SETTLED_NS) < self.written_ns
        });
        if !known {
            let bytes = read_plain_file(&path)?;
            if bytes.len() as u64 != previous.len || hash_bytes(&bytes) != previous.hash {
                return None;
            }
        }
        let result = self.decode(previous.record)?;
        self.reused.fetch_add(1, Ordering::Relaxed);
        Some(Reused {
            result,
            // A file with other links is copied: linking it would tie the new output to
            // that other copy.
            link: single_link(&meta),
            path,
            stamp: Stamp {
                fingerprint,
                hash: previous.hash,
                len: previous.len,
                stat,
                record: None,
            },
        })
    }

    /// The stamp of a freshly rendered page, written as `stat`.
    pub(crate) fn stamp(
        &self,
        fingerprint: u128,
        result: &PageResult,
        bytes: &[u8],
        stat: Option<FileStat>,
    ) -> Stamp {
        self.rendered.fetch_add(1, Ordering::Relaxed);
        Stamp {
            fingerprint,
            hash: hash_bytes(bytes),
            len: bytes.len() as u64,
            stat,
            record: Some(encode(result, &self.next_links)),
        }
    }

    /// What earlier builds learned of the content files (`content::load_with`).
    pub fn memo(&self) -> &dyn LoadMemo {
        self
    }

    /// The text rules' memo of this build.
    pub(crate) fn texts(&self) -> &TextMemo {
        &self.texts
    }

    /// Puts a page of this run, as it is now in the output, into the next cache file.
    pub(crate) fn put(&self, output: &str, stamp: Stamp) {
        let record = match &stamp.record {
            Some(record) => record.as_slice(),
            None => match self.previous.get(output) {
                Some(previous) => previous.record,
                None => return,
            },
        };
        let put = |file: &mut write::NextFile| file.put(output, &stamp, record);
        self.next.with(&self.out, &self.header, put);
    }

    fn decode(&self, record: &[u8]) -> Option<PageResult> {
        let record: RecordIn = postcard::from_bytes(record).ok()?;
        let diagnostics = record
            .diagnostics
            .into_iter()
            .map(DiagnosticIn::into_diagnostic)
            .collect();
        let mut links = Vec::with_capacity(record.links.len());
        for n in record.links {
            links.push(self.links.get(n)?);
        }
        // The terms stay in the previous index (`search::Previous`).
        let search = record.search.map(|doc| search::Doc {
            item: doc.item,
            text_bytes: doc.text_bytes,
            output: record.output.clone(),
            terms: None,
        });
        let facts = PageFacts {
            url: record.url,
            output: record.output,
            kind: static_str(&record.kind),
            title: record.title,
            ids: record.ids.into_iter().collect(),
            links,
            source: record.source,
        };
        Some(PageResult {
            diagnostics,
            facts,
            search,
        })
    }

    /// Keeps the search index's shards and chunks of this build for the next one
    /// ([`search::Previous`]), under their layout.
    pub(crate) fn put_index(&self, index: &search::Index) {
        for (path, bytes) in &index.files {
            if search::reusable(path) {
                let stamp = Stamp {
                    fingerprint: index.layout,
                    hash: hash_bytes(bytes),
                    len: bytes.len() as u64,
                    stat: None,
                    record: Some(Vec::new()),
                };
                self.put(path, stamp);
            }
        }
    }

    /// What the previous output folder held, as its build recorded it (taken once): for
    /// updating that folder in place (`crate::output::in_place`).
    pub fn take_inventory(&mut self) -> Option<crate::output::Inventory> {
        self.inventory.take()
    }

    /// Leaves what was decoded of the previous build (tens of thousands of small
    /// allocations) unfreed, for a process about to end (`RunOptions::process_ends`).
    pub fn leave_to_exit(&mut self) {
        std::mem::forget(std::mem::take(&mut self.links));
        std::mem::forget(std::mem::take(&mut self.texts));
        std::mem::forget(std::mem::take(&mut self.fronts));
        std::mem::forget(std::mem::take(&mut self.files));
    }

    /// How the cache served this build so far.
    pub fn summary(&self) -> Summary {
        Summary {
            ignored: self.ignored.clone(),
            unwritten: None,
            reused: self.reused.load(Ordering::Relaxed),
            rendered: self.rendered.load(Ordering::Relaxed),
        }
    }

    /// Finishes the cache file for the output just committed (its pages were put as they
    /// finished) and renames it over the old file. A cache that cannot be written is only
    /// a slower next build: the error is returned for a note, never as a failure of the
    /// build.
    pub fn write(&self, inventory: Option<&crate::output::Inventory>) -> std::io::Result<()> {
        self.put_tables();
        self.next.take()?.finish(inventory, &path_for(&self.out))
    }

    /// Writes what follows the pages in the next file but the output's inventory: the
    /// text rules' answers and the tables, most of what is left to write. Called while the
    /// output is updated, before [`BuildCache::write`] (which does it if it was not).
    pub fn put_tables(&self) {
        self.next.with(&self.out, &self.header, |file| {
            let answers = self.texts.answers().unwrap_or_default();
            file.put_tables(answers, &self.next_links, &self.fronts, &self.files)
        });
    }
}

impl LoadMemo for BuildCache<'_> {
    fn front(&self, yaml: &str) -> Option<ItemFront> {
        self.fronts.front(yaml)
    }

    fn parsed(&self, yaml: &str, front: &ItemFront) {
        self.fronts.parsed(yaml, front);
    }

    fn file(&self, rel: &str, stat: &SourceStat) -> Option<KnownFile> {
        self.files.get(rel, stat)
    }

    fn loaded(&self, rel: &str, file: &KnownFile) {
        self.files.add(rel, file);
    }
}

impl search::Previous for BuildCache<'_> {
    fn file(&self, path: &str, layout: u128) -> Option<Vec<u8>> {
        let previous = self
            .previous
            .get(path)
            .filter(|p| p.fingerprint == layout)?;
        let bytes = read_plain_file(&self.out.join(path))?;
        (bytes.len() as u64 == previous.len && hash_bytes(&bytes) == previous.hash).then_some(bytes)
    }
}

/// A page of the previous output that this build may reuse.
pub(crate) struct Reused {
    pub(crate) result: PageResult,
    /// The page's file in the previous output.
    pub(crate) path: PathBuf,
    /// Whether the file may be linked into the new output rather than copied.
    pub(crate) link: bool,
    pub(crate) stamp: Stamp,
}

fn single_link(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    return std::os::unix::fs::MetadataExt::nlink(meta) == 1;
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// Removes the cache file of `out`, if any (a failed write must not leave an old cache
/// that describes an output which is gone).
pub fn remove(out: &Path) {
    let _ = std::fs::remove_file(path_for(out));
}
