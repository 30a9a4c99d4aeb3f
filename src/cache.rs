//! The build cache of `govsite build`: one file beside the output folder that lets the
//! next build render only the pages whose inputs changed.
//!
//! For every page the file keeps the page's fingerprint (`crate::incremental`: the site key
//! and the page's own body), the hash and length of the bytes the build wrote, and what the
//! page contributed to the run besides its bytes (findings, facts for the whole-site
//! checks, its search entry). A later build whose fingerprint for that page is the same
//! reads the page from the previous output, checks its bytes against the hash (a file
//! edited or removed by hand is rendered again) and links it into the new output instead
//! of rendering, checking and minifying the page; the whole-site checks and files are
//! made again from the kept results, as in a clean build, so the output is the same byte
//! for byte.
//!
//! The file is never trusted blindly: it starts with a magic string and a format number,
//! names the govsite version and binary that wrote it and the site and output folders it
//! belongs to, and carries the length and hash of everything after the header. A file that
//! fails any of these is ignored (the build says so in one line and builds everything),
//! and replaced after the build. It is written only after a successful build, to a
//! temporary file that is then renamed over the old one, so a killed build leaves the
//! previous cache or none, never half of one.
//!
//! Layout (integers little-endian):
//!
//! ```text
//! MAGIC (16 bytes) | FORMAT u32 | header length u32 | header (postcard) | body
//! | body length u64 | body xxh3-128 (16 bytes)
//! body: per page, output path (u32 length, UTF-8) | fingerprint u128 | page hash u128
//!       | page length u64 | record (u32 length, postcard)
//! ```
//!
//! The body is written as it is hashed (the hash comes last), with no copy of it in memory.

use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::incremental::{hash_bytes, StableHasher};
use crate::pipeline::PageResult;
use crate::rules::facts::{PageFacts, PageLink};
use crate::rules::urls::Target;
use crate::search;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

const MAGIC: &[u8; 16] = b"govsite cache\n\0\0";
/// Bumped whenever the layout or the meaning of anything in the file changes.
pub const FORMAT: u32 = 1;

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

/// Who wrote the file and for what.
#[derive(Serialize, Deserialize, PartialEq, Debug)]
struct Header {
    version: String,
    /// The binary that wrote the file (see [`binary_id`]): page results depend on the code,
    /// not only on the version number.
    binary: u64,
    /// The site folder and the output folder, absolute.
    root: String,
    out: String,
}

impl Header {
    fn current(root: &Path, out: &Path) -> Header {
        Header {
            version: env!("CARGO_PKG_VERSION").to_string(),
            binary: binary_id(),
            root: absolute(root),
            out: absolute(out),
        }
    }
}

fn absolute(path: &Path) -> String {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// The running executable, by size and modification time: any rebuild of govsite makes a
/// different one, so a cache written by other code is not used.
fn binary_id() -> u64 {
    let mut h = StableHasher::new();
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::metadata(exe).ok())
    {
        meta.len().hash(&mut h);
        if let Ok(since) = meta
            .modified()
            .map(|m| m.duration_since(std::time::UNIX_EPOCH))
        {
            since.unwrap_or_default().as_nanos().hash(&mut h);
        }
    }
    h.finish()
}

/// Bytes kept as they are (postcard `bytes`, borrowed when read).
struct Blob<'a>(Cow<'a, [u8]>);

impl Serialize for Blob<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Blob<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <&'de [u8]>::deserialize(d).map(|b| Blob(Cow::Borrowed(b)))
    }
}

/// What a page contributes besides its bytes ([`PageResult`]), as written.
#[derive(Serialize)]
struct RecordOut<'a> {
    diagnostics: &'a [Diagnostic],
    url: &'a str,
    output: &'a str,
    kind: &'a str,
    title: &'a str,
    ids: Vec<&'a str>,
    /// Each link encoded on its own, so that a link on many pages is decoded once.
    links: Vec<Blob<'a>>,
    source: &'a Option<String>,
    search: &'a Option<search::Doc>,
}

/// The same, as read.
#[derive(Deserialize)]
struct RecordIn<'a> {
    #[serde(borrow)]
    diagnostics: Vec<DiagnosticIn<'a>>,
    url: String,
    output: String,
    #[serde(borrow)]
    kind: Cow<'a, str>,
    title: String,
    ids: Vec<String>,
    #[serde(borrow)]
    links: Vec<Blob<'a>>,
    source: Option<String>,
    search: Option<search::Doc>,
}

/// A [`Diagnostic`] as read (its `code` is a `&'static str` in the model).
#[derive(Deserialize)]
struct DiagnosticIn<'a> {
    #[serde(borrow)]
    code: Cow<'a, str>,
    severity: Severity,
    message: String,
    location: Option<Location>,
    label: Option<String>,
    help: Option<String>,
    rendered: bool,
}

impl DiagnosticIn<'_> {
    fn into_diagnostic(self) -> Diagnostic {
        Diagnostic {
            code: static_str(&self.code),
            severity: self.severity,
            message: self.message,
            location: self.location,
            label: self.label,
            help: self.help,
            rendered: self.rendered,
        }
    }
}

/// A [`PageLink`] as read.
#[derive(Deserialize)]
struct PageLinkIn<'a> {
    #[serde(borrow)]
    tag: Cow<'a, str>,
    url: String,
    target: Target,
    resource: bool,
    source_span: Option<std::ops::Range<usize>>,
}

/// A string of a small fixed set (rule codes, tag names, page kinds) as the `&'static str`
/// the model uses. Each distinct string is leaked once per process.
fn static_str(text: &str) -> &'static str {
    static KNOWN: Mutex<Option<FxHashSet<&'static str>>> = Mutex::new(None);
    let mut known = KNOWN.lock().unwrap_or_else(PoisonError::into_inner);
    let known = known.get_or_insert_with(FxHashSet::default);
    if let Some(s) = known.get(text) {
        return s;
    }
    let leaked: &'static str = Box::leak(text.to_owned().into_boxed_str());
    known.insert(leaked);
    leaked
}

/// What the previous build left for a page.
struct Previous<'a> {
    fingerprint: u128,
    hash: u128,
    len: u64,
    record: &'a [u8],
}

/// A page of this run, as the next cache file will hold it.
pub(crate) struct Stamp {
    fingerprint: u128,
    hash: u128,
    len: u64,
    /// The encoded record, or `None` for the previous build's record of the same page.
    record: Option<Vec<u8>>,
}

/// Decoded links by their encoded bytes.
type LinkShard = FxHashMap<Box<[u8]>, Arc<PageLink>>;

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
    /// Links decoded so far, by their encoded bytes: a link of the theme (on every page)
    /// is decoded once and shared, as `LinkInterner` shares it in a clean build.
    links: [Mutex<LinkShard>; 16],
    /// This run's pages in plan order, set by the pipeline once every page is done.
    next: Mutex<Vec<(String, Stamp)>>,
    reused: AtomicUsize,
    rendered: AtomicUsize,
    ignored: Option<String>,
    header: Header,
}

impl<'a> BuildCache<'a> {
    /// The bytes of the cache file of `out`, if there is one; the caller keeps them for the
    /// build, and [`BuildCache::new`] borrows them.
    pub fn read(out: &Path) -> Option<Vec<u8>> {
        std::fs::read(path_for(out)).ok()
    }

    /// The cache for a build of `root` into `out`, from the bytes of the cache file (if any).
    /// A file that is not a valid cache of this site, output and binary is ignored.
    pub fn new(root: &Path, out: &Path, bytes: Option<&'a [u8]>) -> BuildCache<'a> {
        let header = Header::current(root, out);
        let mut cache = BuildCache {
            out: out.to_path_buf(),
            previous: FxHashMap::default(),
            links: Default::default(),
            next: Mutex::new(Vec::new()),
            reused: AtomicUsize::new(0),
            rendered: AtomicUsize::new(0),
            ignored: None,
            header,
        };
        // No output, nothing to reuse (the cache of a deleted output is not worth reading).
        if let Some(bytes) = bytes.filter(|_| out.is_dir()) {
            match parse(bytes, &cache.header) {
                Ok(previous) => cache.previous = previous,
                Err(why) => cache.ignored = Some(why),
            }
        }
        cache
    }

    /// The kept result and bytes of the page at `output` if its fingerprint is still
    /// `fingerprint` and the previous output still holds its bytes; also the file's path
    /// when it may be linked (a plain file with no other link: linking a file that is also
    /// elsewhere would tie the new output to that other copy).
    pub(crate) fn reuse(
        &self,
        output: &str,
        fingerprint: u128,
    ) -> Option<(PageResult, Vec<u8>, Option<PathBuf>, Stamp)> {
        let previous = self
            .previous
            .get(output)
            .filter(|p| p.fingerprint == fingerprint)?;
        let path = self.out.join(output);
        let (bytes, linkable) = read_plain_file(&path)?;
        if bytes.len() as u64 != previous.len || hash_bytes(&bytes) != previous.hash {
            return None;
        }
        let result = self.decode(previous.record)?;
        self.reused.fetch_add(1, Ordering::Relaxed);
        let stamp = Stamp {
            fingerprint,
            hash: previous.hash,
            len: previous.len,
            record: None,
        };
        Some((result, bytes, linkable.then_some(path), stamp))
    }

    /// The stamp of a freshly rendered page.
    pub(crate) fn stamp(&self, fingerprint: u128, result: &PageResult, bytes: &[u8]) -> Stamp {
        self.rendered.fetch_add(1, Ordering::Relaxed);
        Stamp {
            fingerprint,
            hash: hash_bytes(bytes),
            len: bytes.len() as u64,
            record: Some(encode(result)),
        }
    }

    /// Keeps this run's pages (in plan order) for [`BuildCache::write`].
    pub(crate) fn keep(&self, pages: Vec<(String, Stamp)>) {
        *self.next.lock().unwrap_or_else(PoisonError::into_inner) = pages;
    }

    fn decode(&self, record: &[u8]) -> Option<PageResult> {
        let record: RecordIn = postcard::from_bytes(record).ok()?;
        let diagnostics = record
            .diagnostics
            .into_iter()
            .map(DiagnosticIn::into_diagnostic)
            .collect();
        let mut links = Vec::with_capacity(record.links.len());
        for blob in &record.links {
            links.push(self.link(&blob.0)?);
        }
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
            search: record.search,
        })
    }

    fn link(&self, bytes: &[u8]) -> Option<Arc<PageLink>> {
        let mut hasher = FxHasher::default();
        bytes.hash(&mut hasher);
        let shard = &self.links[hasher.finish() as usize % 16];
        let mut shard = shard.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(link) = shard.get(bytes) {
            return Some(Arc::clone(link));
        }
        let link: PageLinkIn = postcard::from_bytes(bytes).ok()?;
        let link = Arc::new(PageLink {
            tag: static_str(&link.tag),
            url: link.url,
            target: link.target,
            resource: link.resource,
            source_span: link.source_span,
        });
        shard.insert(bytes.into(), Arc::clone(&link));
        Some(link)
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

    /// Writes the cache file for the output just committed: to a temporary file beside it,
    /// renamed over the old file. A cache that cannot be written is only a slower next build:
    /// the error is returned for a note, never as a failure of the build.
    pub fn write(&self) -> std::io::Result<()> {
        let pages = std::mem::take(&mut *self.next.lock().unwrap_or_else(PoisonError::into_inner));
        let header = postcard::to_allocvec(&self.header).map_err(std::io::Error::other)?;
        let path = path_for(&self.out);
        let mut temp = path.clone().into_os_string();
        temp.push(format!(".tmp-{}", std::process::id()));
        let temp = PathBuf::from(temp);
        let written = (|| {
            let file = std::fs::File::create(&temp)?;
            let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
            w.write_all(MAGIC)?;
            w.write_all(&FORMAT.to_le_bytes())?;
            w.write_all(&(header.len() as u32).to_le_bytes())?;
            w.write_all(&header)?;
            let mut body = HashingWriter {
                inner: w,
                hasher: xxhash_rust::xxh3::Xxh3::new(),
                len: 0,
            };
            for (output, stamp) in &pages {
                let record = match &stamp.record {
                    Some(record) => record.as_slice(),
                    None => match self.previous.get(output.as_str()) {
                        Some(previous) => previous.record,
                        None => continue,
                    },
                };
                body.put(&(output.len() as u32).to_le_bytes())?;
                body.put(output.as_bytes())?;
                body.put(&stamp.fingerprint.to_le_bytes())?;
                body.put(&stamp.hash.to_le_bytes())?;
                body.put(&stamp.len.to_le_bytes())?;
                body.put(&(record.len() as u32).to_le_bytes())?;
                body.put(record)?;
            }
            let HashingWriter {
                mut inner,
                hasher,
                len,
            } = body;
            inner.write_all(&len.to_le_bytes())?;
            inner.write_all(&hasher.digest128().to_le_bytes())?;
            // No fsync: a file cut short by a crash fails its hash and is ignored.
            inner.flush()?;
            drop(inner);
            std::fs::rename(&temp, &path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        written
    }
}

/// Writes the cache body, hashing it on the way.
struct HashingWriter<W> {
    inner: W,
    hasher: xxhash_rust::xxh3::Xxh3,
    len: u64,
}

impl<W: Write> HashingWriter<W> {
    fn put(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.hasher.update(bytes);
        self.len += bytes.len() as u64;
        self.inner.write_all(bytes)
    }
}

/// The bytes of a regular file (never through a symbolic link), and whether it has no
/// other hard link.
fn read_plain_file(path: &Path) -> Option<(Vec<u8>, bool)> {
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
    #[cfg(unix)]
    let single = std::os::unix::fs::MetadataExt::nlink(&meta) == 1;
    #[cfg(not(unix))]
    let single = false;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes).ok()?;
    Some((bytes, single))
}

/// Removes the cache file of `out`, if any (a failed write must not leave an old cache
/// that describes an output which is gone).
pub fn remove(out: &Path) {
    let _ = std::fs::remove_file(path_for(out));
}

fn encode(result: &PageResult) -> Vec<u8> {
    let facts = &result.facts;
    let mut ids: Vec<&str> = facts.ids.iter().map(String::as_str).collect();
    ids.sort_unstable();
    let links = facts
        .links
        .iter()
        .map(|link| {
            Blob(Cow::Owned(
                postcard::to_allocvec(&**link).unwrap_or_default(),
            ))
        })
        .collect();
    let record = RecordOut {
        diagnostics: &result.diagnostics,
        url: &facts.url,
        output: &facts.output,
        kind: facts.kind,
        title: &facts.title,
        ids,
        links,
        source: &facts.source,
        search: &result.search,
    };
    postcard::to_allocvec(&record).unwrap_or_default()
}

/// The pages of a cache file, or why the file is not used.
fn parse<'a>(bytes: &'a [u8], want: &Header) -> Result<FxHashMap<&'a str, Previous<'a>>, String> {
    let mut rest = bytes;
    let mut take = |n: usize| -> Result<&'a [u8], String> {
        if rest.len() < n {
            return Err("文件不完整".into());
        }
        let (head, tail) = rest.split_at(n);
        rest = tail;
        Ok(head)
    };
    if take(MAGIC.len())? != MAGIC {
        return Err("不是 govsite 的构建缓存".into());
    }
    let format = u32::from_le_bytes(take(4)?.try_into().unwrap_or_default());
    if format != FORMAT {
        return Err(format!("缓存格式 {format}，本版本使用 {FORMAT}"));
    }
    let header_len = u32::from_le_bytes(take(4)?.try_into().unwrap_or_default()) as usize;
    let header: Header =
        postcard::from_bytes(take(header_len)?).map_err(|_| "文件头无法读取".to_string())?;
    if header.version != want.version || header.binary != want.binary {
        return Err(format!("由另一个 govsite（{}）写出", header.version));
    }
    if header.root != want.root {
        return Err(format!("属于另一个网站（{}）", header.root));
    }
    if header.out != want.out {
        return Err(format!("属于另一个输出文件夹（{}）", header.out));
    }
    // What is left is the body and its length and hash.
    let Some(body_end) = rest.len().checked_sub(24) else {
        return Err("文件不完整".into());
    };
    let (body, trailer) = rest.split_at(body_end);
    let body_len = u64::from_le_bytes(trailer[..8].try_into().unwrap_or_default());
    let hash = u128::from_le_bytes(trailer[8..].try_into().unwrap_or_default());
    if body_len != body.len() as u64 {
        return Err("文件长度不对".into());
    }
    if hash_bytes(body) != hash {
        return Err("文件已损坏".into());
    }
    let unreadable = || "文件内容无法读取".to_string();
    let mut pages = FxHashMap::default();
    let mut rest = body;
    let mut take = |n: usize| -> Result<&'a [u8], String> {
        if rest.len() < n {
            return Err(unreadable());
        }
        let (head, tail) = rest.split_at(n);
        rest = tail;
        Ok(head)
    };
    let mut left = body.len();
    while left > 0 {
        let n = u32::from_le_bytes(take(4)?.try_into().unwrap_or_default()) as usize;
        let output = std::str::from_utf8(take(n)?).map_err(|_| unreadable())?;
        let fingerprint = u128::from_le_bytes(take(16)?.try_into().unwrap_or_default());
        let hash = u128::from_le_bytes(take(16)?.try_into().unwrap_or_default());
        let len = u64::from_le_bytes(take(8)?.try_into().unwrap_or_default());
        let n = u32::from_le_bytes(take(4)?.try_into().unwrap_or_default()) as usize;
        let record = take(n)?;
        left -= 4 + output.len() + 16 + 16 + 8 + 4 + record.len();
        let previous = Previous {
            fingerprint,
            hash,
            len,
            record,
        };
        pages.insert(output, previous);
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_is_beside_the_output() {
        assert_eq!(
            path_for(Path::new("site/public")),
            Path::new("site/.public.govsite-cache")
        );
        assert_eq!(
            path_for(Path::new("out")),
            Path::new("./.out.govsite-cache")
        );
    }

    #[test]
    fn a_file_that_is_not_a_cache_is_ignored() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir(&out).unwrap();
        let header = Header::current(tmp.path(), &out);
        for bad in [&b""[..], b"garbage", &MAGIC[..10], &[0u8; 64]] {
            assert!(parse(bad, &header).is_err());
        }
    }

    #[test]
    fn a_written_cache_reads_back_and_any_damage_is_detected() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("a.html"), b"<p>a</p>").unwrap();
        let cache = BuildCache::new(tmp.path(), &out, None);
        let link = PageLink {
            tag: "a",
            url: "/x/".into(),
            target: crate::rules::urls::Target::Internal {
                path: "/x/".into(),
                fragment: None,
            },
            resource: false,
            source_span: Some(3..9),
        };
        let result = PageResult {
            diagnostics: vec![Diagnostic::warning("GOV501", "图片缺少替代文字").at_page("a.html")],
            facts: PageFacts {
                url: "/a.html".into(),
                output: "a.html".into(),
                kind: "item",
                title: "A".into(),
                ids: ["main".to_string()].into_iter().collect(),
                links: vec![Arc::new(link.clone()), Arc::new(link)],
                source: Some("content/a.md".into()),
            },
            search: None,
        };
        let stamp = cache.stamp(7, &result, b"<p>a</p>");
        cache.keep(vec![("a.html".into(), stamp)]);
        cache.write().unwrap();
        let bytes = BuildCache::read(&out).unwrap();

        let again = BuildCache::new(tmp.path(), &out, Some(&bytes));
        assert!(again.ignored.is_none(), "{:?}", again.ignored);
        assert!(again.reuse("a.html", 8).is_none(), "another fingerprint");
        let (reused, page, linkable, _) = again.reuse("a.html", 7).unwrap();
        assert_eq!(linkable, Some(out.join("a.html")));
        assert_eq!(page, b"<p>a</p>");
        assert_eq!(reused.diagnostics, result.diagnostics);
        assert_eq!(reused.facts.links, result.facts.links);
        assert!(Arc::ptr_eq(&reused.facts.links[0], &reused.facts.links[1]));
        assert_eq!(reused.facts.ids, result.facts.ids);

        // A page linked elsewhere too is copied, not linked.
        std::fs::hard_link(out.join("a.html"), tmp.path().join("elsewhere.html")).unwrap();
        assert_eq!(again.reuse("a.html", 7).unwrap().2, None);
        std::fs::remove_file(tmp.path().join("elsewhere.html")).unwrap();
        // Nor is a page that became a symbolic link, even to the same bytes.
        #[cfg(unix)]
        {
            std::fs::rename(out.join("a.html"), tmp.path().join("real.html")).unwrap();
            std::os::unix::fs::symlink(tmp.path().join("real.html"), out.join("a.html")).unwrap();
            assert!(again.reuse("a.html", 7).is_none());
            std::fs::remove_file(out.join("a.html")).unwrap();
            std::fs::rename(tmp.path().join("real.html"), out.join("a.html")).unwrap();
        }
        // The page edited by hand is not reused.
        std::fs::write(out.join("a.html"), b"<p>b</p>").unwrap();
        assert!(again.reuse("a.html", 7).is_none());

        // Every byte matters: truncated or flipped, the file is ignored.
        for cut in [0, 10, 20, bytes.len() / 2, bytes.len() - 1] {
            let c = BuildCache::new(tmp.path(), &out, Some(&bytes[..cut]));
            assert!(c.ignored.is_some(), "cut at {cut}");
        }
        for at in [0, 17, 30, bytes.len() - 1] {
            let mut flipped = bytes.clone();
            flipped[at] ^= 1;
            let c = BuildCache::new(tmp.path(), &out, Some(&flipped));
            assert!(c.ignored.is_some(), "flipped at {at}");
        }
        // Another site's cache.
        let other = tempfile::tempdir().unwrap();
        let c = BuildCache::new(other.path(), &out, Some(&bytes));
        assert!(c.ignored.as_deref().unwrap().contains("另一个网站"));
    }
}
