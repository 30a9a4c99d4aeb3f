//! The cache file's layout: the header that says who wrote it and for what, the page
//! records (postcard), and the check of everything read back (see the module above).

use super::links::NextLinks;
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::incremental::StableHasher;
use crate::output::{FileStat, Inventory};
use crate::pipeline::PageResult;
use crate::rules::text_memo::Answers;
use crate::rules::urls::Target;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

pub(super) const MAGIC: &[u8; 16] = b"govsite cache\n\0\0";
/// Bumped whenever the layout or the meaning of anything in the file changes.
pub const FORMAT: u32 = 9;

/// Who wrote the file and for what.
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
pub(super) struct Header {
    pub(super) version: String,
    /// The binary that wrote the file (see [`binary_id`]): page results depend on the code,
    /// not only on the version number.
    pub(super) binary: u64,
    /// The site folder and the output folder, absolute.
    pub(super) root: String,
    pub(super) out: String,
}

impl Header {
    pub(super) fn current(root: &Path, out: &Path) -> Header {
        Header {
            version: env!("CARGO_PKG_VERSION").to_string(),
            binary: binary_id(),
            root: absolute(root),
            out: absolute(out),
        }
    }
}

pub(super) fn absolute(path: &Path) -> String {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// The running executable, by size and modification time: any rebuild of govsite makes a
/// different one, so a cache written by other code is not used.
pub(super) fn binary_id() -> u64 {
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

#[derive(Serialize)]
pub(super) struct RecordOut<'a> {
    pub(super) diagnostics: &'a [Diagnostic],
    pub(super) url: &'a str,
    pub(super) output: &'a str,
    pub(super) kind: &'a str,
    pub(super) title: &'a str,
    pub(super) ids: Vec<&'a str>,
    /// Each link encoded on its own, so that a link on many pages is decoded once.
    /// Numbers in the file's link table (`super::links`).
    pub(super) links: Vec<u32>,
    pub(super) source: &'a Option<String>,
    pub(super) search: Option<DocRecord>,
}

/// A page's search document, as kept: its number and size, not its terms, which are in
/// the previous index (`search::Previous`; its output path is the record's).
#[derive(Serialize, Deserialize)]
pub(super) struct DocRecord {
    pub(super) item: usize,
    pub(super) text_bytes: usize,
}

/// The same, as read.
#[derive(Deserialize)]
pub(super) struct RecordIn<'a> {
    #[serde(borrow)]
    pub(super) diagnostics: Vec<DiagnosticIn<'a>>,
    pub(super) url: String,
    pub(super) output: String,
    #[serde(borrow)]
    pub(super) kind: Cow<'a, str>,
    pub(super) title: String,
    pub(super) ids: Vec<String>,
    pub(super) links: Vec<u32>,
    pub(super) source: Option<String>,
    pub(super) search: Option<DocRecord>,
}

/// A [`Diagnostic`] as read (its `code` is a `&'static str` in the model).
#[derive(Deserialize)]
pub(super) struct DiagnosticIn<'a> {
    #[serde(borrow)]
    pub(super) code: Cow<'a, str>,
    pub(super) severity: Severity,
    pub(super) message: String,
    pub(super) location: Option<Location>,
    pub(super) label: Option<String>,
    pub(super) help: Option<String>,
    pub(super) rendered: bool,
}

impl DiagnosticIn<'_> {
    pub(super) fn into_diagnostic(self) -> Diagnostic {
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
pub(super) struct PageLinkIn<'a> {
    #[serde(borrow)]
    pub(super) tag: Cow<'a, str>,
    pub(super) url: String,
    pub(super) target: Target,
    pub(super) resource: bool,
    pub(super) source_span: Option<std::ops::Range<usize>>,
}

/// A string of a small fixed set (rule codes, tag names, page kinds) as the `&'static str`
/// the model uses. Each distinct string is leaked once per process.
pub(super) fn static_str(text: &str) -> &'static str {
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
pub(super) struct Previous<'a> {
    pub(super) fingerprint: u128,
    pub(super) hash: u128,
    pub(super) len: u64,
    pub(super) stat: Option<FileStat>,
    pub(super) record: &'a [u8],
}

/// The previous build's pages by output path, when its cache was finished (a page file last
/// changed well before that is known by its stat, `BuildCache::reuse`), and the text rules'
/// answers (`rules::TextMemo`) with their key.
pub(super) struct PreviousBuild<'a> {
    pub(super) pages: FxHashMap<&'a str, Previous<'a>>,
    pub(super) written_ns: i64,
    pub(super) texts: (u128, Answers),
    /// What the output folder held after that build (`crate::output::in_place`).
    pub(super) inventory: Option<Inventory>,
    /// The link table, encoded (`super::links`).
    pub(super) links: Vec<&'a [u8]>,
    /// Items' front matter by the hash of its YAML (`super::fronts`).
    pub(super) fronts: Vec<(u128, &'a [u8])>,
    /// Item files by path (`super::files`).
    pub(super) files: super::files::Entries<'a>,
}

pub(super) fn encode(result: &PageResult, table: &NextLinks) -> Vec<u8> {
    let facts = &result.facts;
    let ids: Vec<&str> = facts.ids.iter().collect();
    let links = table.numbers(&facts.links);
    let record = RecordOut {
        diagnostics: &result.diagnostics,
        url: &facts.url,
        output: &facts.output,
        kind: facts.kind,
        title: &facts.title,
        ids,
        links,
        source: &facts.source,
        search: result.search.as_ref().map(|doc| DocRecord {
            item: doc.item,
            text_bytes: doc.text_bytes,
        }),
    };
    postcard::to_allocvec(&record).unwrap_or_default()
}

/// The pages of a cache file, or why the file is not used.
pub(super) fn parse<'a>(bytes: &'a [u8], want: &Header) -> Result<PreviousBuild<'a>, String> {
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
    // What is left is the body and the trailer: the pages' length, when the file was
    // finished, the body's length and the hash of all three.
    let Some(body_end) = rest.len().checked_sub(40) else {
        return Err("文件不完整".into());
    };
    let (body, trailer) = rest.split_at(body_end);
    let word = |at: usize| <[u8; 8]>::try_from(&trailer[at..at + 8]).unwrap_or_default();
    let pages_len = u64::from_le_bytes(word(0));
    let written_ns = i64::from_le_bytes(word(8));
    let body_len = u64::from_le_bytes(word(16));
    let hash = u128::from_le_bytes(trailer[24..].try_into().unwrap_or_default());
    if body_len != body.len() as u64 || pages_len > body_len {
        return Err("文件长度不对".into());
    }
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(body);
    hasher.update(&trailer[..16]);
    if hasher.digest128() != hash {
        return Err("文件已损坏".into());
    }
    let (body, memo) = body.split_at(pages_len as usize);
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
        let mtime_ns = i64::from_le_bytes(take(8)?.try_into().unwrap_or_default());
        let ino = u64::from_le_bytes(take(8)?.try_into().unwrap_or_default());
        let n = u32::from_le_bytes(take(4)?.try_into().unwrap_or_default()) as usize;
        let record = take(n)?;
        left -= 4 + output.len() + 16 + 16 + 8 + 8 + 8 + 4 + record.len();
        let previous = Previous {
            fingerprint,
            hash,
            len,
            // Inode 0 stands for "no stat" (no file system gives a file inode 0).
            stat: (ino != 0).then_some(FileStat { len, mtime_ns, ino }),
            record,
        };
        pages.insert(output, previous);
    }
    let (texts, inventory, links, fronts, files) = texts(memo).ok_or_else(unreadable)?;
    Ok(PreviousBuild {
        pages,
        written_ns,
        texts,
        inventory,
        links,
        fronts,
        files,
    })
}

/// What follows the pages in the body.
type Rest<'a> = (
    (u128, Answers),
    Option<Inventory>,
    Vec<&'a [u8]>,
    Vec<(u128, &'a [u8])>,
    super::files::Entries<'a>,
);

/// The text rules' key and answers at the end of the body, then the link table, then the
/// front matter table, then the file table, then the output's inventory.
fn texts(memo: &[u8]) -> Option<Rest<'_>> {
    let key = u128::from_le_bytes(memo.get(..16)?.try_into().ok()?);
    let count = u32::from_le_bytes(memo.get(16..20)?.try_into().ok()?) as usize;
    let end = count.checked_mul(18)?.checked_add(20)?;
    let entries = memo.get(20..end)?;
    let (links, rest) = super::links::read(memo.get(end..)?)?;
    let (fronts, rest) = super::fronts::read(rest)?;
    let (files, rest) = super::files::read(rest)?;
    let inventory_len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let inventory = rest.get(4..4usize.checked_add(inventory_len)?)?;
    if rest.len() != 4 + inventory_len {
        return None;
    }
    let inventory = match inventory_len {
        0 => None,
        _ => Some(postcard::from_bytes(inventory).ok()?),
    };
    let answers = entries
        .chunks_exact(18)
        .map(|e| {
            let hash = u128::from_le_bytes(e[..16].try_into().unwrap_or_default());
            (hash, u16::from_le_bytes([e[16], e[17]]))
        })
        .collect();
    Some(((key, answers), inventory, links, fronts, files))
}
