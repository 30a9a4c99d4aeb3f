//! The 站内搜索 index, built at build time and read by the theme's `search.js` without any
//! server: a small manifest, an inverted index of terms (Chinese bigrams, Latin and number
//! words) split by term hash into binary shards, and the result lines in chunks. A query
//! loads the manifest, the shards its terms hash to and the chunks of the results it shows.
//! Format and sizes: docs/search.md.

mod gather;
mod patch;
pub mod postings;
pub mod tokens;

use crate::content::Site;
use crate::render::context::{summary_of, truncate};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{json, Value};
use std::borrow::Cow;

/// Format version, bumped when `search.js` must change with it.
pub const VERSION: u32 = 1;
/// Result lines per chunk file (small: the first page of results touches up to 20 files).
pub const CHUNK: usize = 50;
/// Characters of the summary shown under a result.
pub const EXCERPT: usize = 100;

pub use gather::Gatherer;
pub use patch::Previous;
use tokens::Term;

/// One page's share of the index, computed in the parallel page pass.
#[derive(Clone, Debug)]
pub struct Doc {
    pub item: usize,
    /// Bytes of text indexed, for the size report in the manifest.
    pub text_bytes: usize,
    /// The page's output file: how the previous build's cache knows the document.
    pub output: String,
    /// The document's terms, or `None` where they are kept elsewhere: for a page the build
    /// took from the previous output unchanged, in the previous index ([`Previous`]); for a
    /// page rendered in a build that makes the whole index, in its [`Gatherer`].
    pub terms: Option<Terms>,
}

/// A document's terms, distinct, each list joined by `\n` (far smaller than the text, and
/// nothing else is kept).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Terms {
    /// Terms of the title and the document number (发文字号).
    pub title: String,
    /// Terms found only in the summary, body, date or column.
    pub rest: String,
}

/// The terms of one `\n`-joined list.
fn each(list: &str) -> impl Iterator<Item = &str> {
    list.split('\n').filter(|t| !t.is_empty())
}

/// The index entry of item `id`, written to `output`, whose rendered body text is `body`;
/// its terms go to `gather` when there is one.
pub fn doc(site: &Site, id: usize, output: &str, body: &str, gather: Option<&Gatherer>) -> Doc {
    let item = &site.items[id];
    let number = item.front.doc_number.as_ref().map_or("", |n| n.as_str());
    let summary = summary_of(item);
    let date = item.date.map(|d| d.ymd()).unwrap_or_default();
    let column = item.column.map_or("", |c| site.columns[c].title());
    let mut doc = Doc::from_texts(
        id,
        &[item.title(), number],
        &[summary, body, date.as_str(), column],
        gather,
    );
    doc.output = output.to_string();
    doc
}

impl Doc {
    /// A document from the texts of its title fields and of its other fields.
    fn from_texts(
        item: usize,
        title_texts: &[&str],
        rest_texts: &[&str],
        gather: Option<&Gatherer>,
    ) -> Doc {
        // Terms borrow from the texts; a fast hash, as every page goes through here.
        let mut title: FxHashSet<Term> = FxHashSet::default();
        for text in title_texts {
            tokens::each_term(text, |t| {
                title.insert(t);
            });
        }
        // Sized for the distinct terms of a Chinese text (a term per 3-byte character,
        // about half of them repeats), so that the set is not rebuilt while it grows.
        let bytes: usize = rest_texts.iter().map(|t| t.len()).sum();
        let mut rest: FxHashSet<Term> =
            FxHashSet::with_capacity_and_hasher(bytes / 6, Default::default());
        for text in rest_texts {
            tokens::each_term(text, |t| {
                rest.insert(t);
            });
        }
        // Title terms are listed once, with the title: taken out here, which is one hash per
        // term of the text rather than two.
        for term in &title {
            rest.remove(term);
        }
        let text_bytes = title_texts.iter().chain(rest_texts).map(|t| t.len()).sum();
        let terms = match gather {
            Some(gather) => {
                gather.add(item, &title, &rest);
                None
            }
            // In set order: the shards sort every term of the site once (`shard_files`).
            None => {
                let join = |set: FxHashSet<Term>| {
                    let texts: Vec<Cow<str>> = set.iter().map(Term::text).collect();
                    texts.join("\n")
                };
                Some(Terms {
                    title: join(title),
                    rest: join(rest),
                })
            }
        };
        Doc {
            item,
            text_bytes,
            output: String::new(),
            terms,
        }
    }
}

/// Shards for `docs` documents: about 80 documents a shard, a power of two, 4 to 1024.
pub fn shard_count(docs: usize) -> usize {
    docs.div_ceil(80).next_power_of_two().clamp(4, 1024)
}

/// The shard holding `term`.
pub fn shard_of(term: &str, shards: usize) -> usize {
    tokens::hash(term) as usize % shards
}

/// Every file the index consists of, for the GOV004 check (known before any page renders:
/// every item and loose page is one document).
pub fn file_names(site: &Site) -> Vec<String> {
    let docs = site.items.len();
    let mut names = vec!["search/manifest.json".to_string()];
    names.extend((0..shard_count(docs)).map(shard_path));
    names.extend((0..docs.div_ceil(CHUNK)).map(chunk_path));
    names
}

/// The index files of a build (path, bytes), and the layout they were made for (what
/// [`Previous::file`] is asked with in the next build).
pub struct Index {
    pub files: Vec<(String, Vec<u8>)>,
    pub layout: u128,
}

/// Builds the index files from every page's [`Doc`]. The terms of documents without their
/// own (`terms: None`) are those `gathered` while their pages rendered, or else those of
/// the previous index, which is patched with the changed documents; when neither holds
/// them, the documents come back as the error, for the caller to find the kept ones' terms
/// and call again.
pub fn files(
    site: &Site,
    mut docs: Vec<Doc>,
    previous: Option<&dyn Previous>,
    gathered: Option<Gatherer>,
) -> Result<Index, Vec<Doc>> {
    // Newest first, so document number order is date order: ties in ranking need no
    // dates, and a year is a range of numbers.
    let mut order: Vec<usize> = docs.iter().map(|d| d.item).collect();
    site.sort_newest_first(&mut order);
    // By item: looked up O(n log n) times by the sort.
    let mut rank = vec![usize::MAX; site.items.len()];
    for (i, &item) in order.iter().enumerate() {
        if let Some(r) = rank.get_mut(item) {
            *r = i;
        }
    }
    docs.sort_by_key(|d| rank.get(d.item).copied().unwrap_or(usize::MAX));

    let shards = shard_count(site.items.len());
    let layout = patch::layout(&docs, shards);
    let gathered = gathered.and_then(|g| g.into_files(&docs, site.items.len()));
    let all: Option<Vec<&Terms>> = docs.iter().map(|d| d.terms.as_ref()).collect();
    // Patching, when some documents' terms are the previous index's.
    let patching = gathered.is_none() && all.is_none();
    let shard_bytes = match (gathered, all) {
        (Some(bytes), _) => bytes,
        (None, Some(terms)) => shard_files(&terms, shards),
        (None, None) => match previous.and_then(|p| patch::patched(&docs, shards, layout, p)) {
            Some(bytes) => bytes,
            None => return Err(docs),
        },
    };
    let mut files = vec![(
        "search/manifest.json".to_string(),
        serde_json::to_vec(&manifest(site, &docs, shards)).unwrap_or_default(),
    )];
    for (s, bytes) in shard_bytes.into_iter().enumerate() {
        files.push((shard_path(s), bytes));
    }
    // As many chunks as `file_names` promised, one per CHUNK items. A chunk of documents
    // all taken from the previous output is the previous build's: their pages were kept
    // because nothing they show changed (a result line shows only what its page shows),
    // and the layout is the same, so the same documents are in it.
    let chunks: Vec<Vec<u8>> = (0..site.items.len().div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| {
            let chunk = docs.get(c * CHUNK..).unwrap_or_default();
            let chunk = &chunk[..chunk.len().min(CHUNK)];
            let kept = patching && chunk.iter().all(|d| d.terms.is_none());
            if let Some(bytes) = previous
                .filter(|_| kept)
                .and_then(|p| p.file(&chunk_path(c), layout))
            {
                return bytes;
            }
            let lines: Vec<Value> = chunk.iter().map(|d| result_line(site, d.item)).collect();
            serde_json::to_vec(&lines).unwrap_or_default()
        })
        .collect();
    for (c, bytes) in chunks.into_iter().enumerate() {
        files.push((chunk_path(c), bytes));
    }
    Ok(Index { files, layout })
}

/// Where the shards are (`search/s/0.bin`, …).
pub const SHARDS: &str = "search/s/";

/// The file of shard `s`.
fn shard_path(s: usize) -> String {
    format!("{SHARDS}{s}.bin")
}

/// Where the chunks of result lines are (`search/d/0.json`, …).
pub const CHUNKS: &str = "search/d/";

/// The file of chunk `c`.
fn chunk_path(c: usize) -> String {
    format!("{CHUNKS}{c}.json")
}

/// Whether the next build may ask for the index file `path` ([`Previous::file`]): the
/// shards and the chunks; the manifest is made again every time.
pub fn reusable(path: &str) -> bool {
    path.starts_with(SHARDS) || path.starts_with(CHUNKS)
}

/// The postings of every term, one binary file a shard; `docs` are the terms of each
/// document in number order.
fn shard_files(docs: &[&Terms], shards: usize) -> Vec<Vec<u8>> {
    // The index is the last thing the build waits for: each thread gathers the postings
    // of one run of documents, and the runs are joined in document order, so that every
    // list stays sorted.
    let run = docs.len().div_ceil(rayon::current_num_threads()).max(1);
    let mut runs: Vec<Postings> = docs
        .par_chunks(run)
        .enumerate()
        .map(|(r, chunk)| postings_of(chunk, (r * run) as u32))
        .collect();
    let mut lists = if runs.is_empty() {
        Postings::default()
    } else {
        runs.remove(0)
    };
    for later in runs {
        for (term, (title, rest)) in later {
            let (all_title, all_rest) = lists.entry(term).or_default();
            all_title.extend(title);
            all_rest.extend(rest);
        }
    }
    // Each shard lists its terms in order; the shards are written side by side.
    let mut terms: Vec<Vec<&str>> = vec![Vec::new(); shards];
    for &term in lists.keys() {
        terms[shard_of(term, shards)].push(term);
    }
    terms
        .into_par_iter()
        .map(|mut terms| {
            terms.sort_unstable();
            let mut file = Vec::new();
            for term in terms {
                let (title, rest) = &lists[term];
                postings::put_entry(&mut file, term, title, rest);
            }
            file
        })
        .collect()
}

/// Each term's documents: those with it in the title, and those with it elsewhere.
type Postings<'a> = FxHashMap<&'a str, (Vec<u32>, Vec<u32>)>;

/// The postings of `docs`, numbered from `first`.
fn postings_of<'a>(docs: &[&'a Terms], first: u32) -> Postings<'a> {
    let mut lists = Postings::default();
    for (n, terms) in (first..).zip(docs) {
        for term in each(&terms.title) {
            lists.entry(term).or_default().0.push(n);
        }
        for term in each(&terms.rest) {
            lists.entry(term).or_default().1.push(n);
        }
    }
    lists
}

/// What a result shows: [title, url, date, document number, summary].
fn result_line(site: &Site, id: usize) -> Value {
    let item = &site.items[id];
    json!([
        item.title(),
        item.url,
        item.date.map(|d| d.ymd()).unwrap_or_default(),
        item.front.doc_number.as_ref().map_or("", |n| n.as_str()),
        truncate(summary_of(item), EXCERPT),
    ])
}

/// The manifest: counts, the columns for the filter, each document's column and the
/// document range of each year.
fn manifest(site: &Site, docs: &[Doc], shards: usize) -> Value {
    let columns: Vec<Value> = site
        .columns
        .iter()
        .map(|c| json!({ "t": c.title(), "u": c.url, "p": c.parent.map_or(-1, |p| p as i64) }))
        .collect();
    let wide = site.columns.len() >= 255;
    json!({
        "v": VERSION,
        "docs": docs.len(),
        "shards": shards,
        "chunk": CHUNK,
        "text": docs.iter().map(|d| d.text_bytes).sum::<usize>(),
        "columns": columns,
        "colw": if wide { 2 } else { 1 },
        "col": base64(&column_bytes(site, docs, wide)),
        "years": year_ranges(site, docs),
    })
}

/// Each document's column number + 1 (0: none), one byte each, two (little-endian) when
/// `wide`.
fn column_bytes(site: &Site, docs: &[Doc], wide: bool) -> Vec<u8> {
    let mut col = Vec::with_capacity(docs.len() * 2);
    for doc in docs {
        let value = site.items[doc.item].column.map_or(0, |c| c + 1) as u16;
        col.push(value as u8);
        if wide {
            col.push((value >> 8) as u8);
        }
    }
    col
}

/// `[year, first, end]`: documents `first ≤ n < end` are from that year (documents are
/// numbered newest first, so each year is one range; undated ones come last).
fn year_ranges(site: &Site, docs: &[Doc]) -> Vec<[i64; 3]> {
    let mut years: Vec<[i64; 3]> = Vec::new();
    for (n, doc) in docs.iter().enumerate() {
        let Some(date) = site.items[doc.item].date else {
            continue;
        };
        let year = i64::from(chrono::Datelike::year(&date.day()));
        match years.last_mut() {
            Some(last) if last[0] == year => last[2] = n as i64 + 1,
            _ => years.push([year, n as i64, n as i64 + 1]),
        }
    }
    years
}

/// Standard base64 with padding (for `atob`).
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
