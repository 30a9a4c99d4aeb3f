//! Patching the previous build's index when only some documents changed. A build that took
//! most pages from the previous output (`crate::cache`) rewrites only the shards that the
//! changed documents' old and new terms fall in; every other shard is read back as the
//! previous build wrote it. Tokenizing every kept page again, or keeping every page's terms
//! in memory to rebuild all postings, is what this saves.
//!
//! It is sound only when the previous index numbered the same documents the same way: the
//! layout key (every document's output path in number order, and the shard count) must be
//! the one the previous index was made for, and a document taken from the previous output
//! has the terms it had then, since its page was reused because nothing it is made from
//! changed. Anything that does not fit — a missing file, a posting that is not where the
//! old terms say — makes the index be built from all terms instead.

use super::{postings, shard_path, Doc, Terms, VERSION};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What the previous build's index can give this build.
pub trait Previous: Sync {
    /// The terms the document of the page at `output` had in the previous build.
    fn terms(&self, output: &str) -> Option<Terms>;
    /// The bytes of the previous build's index file `path`, if that index was made for
    /// `layout` and the file is still as that build wrote it.
    fn file(&self, path: &str, layout: u128) -> Option<Vec<u8>>;
}

/// Above this share of changed documents, building every shard is as quick as patching.
const MOST_CHANGED: usize = 8;

/// The key of the document numbering: `docs` in number order, and the shard count.
pub(super) fn layout(docs: &[Doc], shards: usize) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&VERSION.to_le_bytes());
    h.update(&(shards as u64).to_le_bytes());
    for doc in docs {
        h.update(&(doc.output.len() as u64).to_le_bytes());
        h.update(doc.output.as_bytes());
    }
    h.digest128()
}

/// One term a changed document gained or lost.
struct Change {
    term: String,
    doc: u32,
    /// In the title list (or the list of the rest).
    title: bool,
    added: bool,
}

/// Every shard, the previous ones patched with the changed documents (those with terms),
/// or `None` when the previous index cannot be patched.
pub(super) fn patched(
    docs: &[Doc],
    shards: usize,
    layout: u128,
    previous: &dyn Previous,
) -> Option<Vec<Vec<u8>>> {
    let changed = docs.iter().filter(|d| d.terms.is_some()).count();
    if changed == docs.len() || changed > docs.len() / MOST_CHANGED {
        return None;
    }
    let mut changes: FxHashMap<usize, Vec<Change>> = FxHashMap::default();
    for (n, doc) in (0u32..).zip(docs) {
        let Some(new) = &doc.terms else {
            continue;
        };
        let old = previous.terms(&doc.output)?;
        if &old == new {
            continue;
        }
        let mut note = |term: &str, title: bool, added: bool| {
            changes
                .entry(super::shard_of(term, shards))
                .or_default()
                .push(Change {
                    term: term.to_string(),
                    doc: n,
                    title,
                    added,
                });
        };
        for (old, new, title) in [
            (&old.title, &new.title, true),
            (&old.rest, &new.rest, false),
        ] {
            let old: FxHashSet<&str> = super::each(old).collect();
            let new: FxHashSet<&str> = super::each(new).collect();
            old.difference(&new).for_each(|t| note(t, title, false));
            new.difference(&old).for_each(|t| note(t, title, true));
        }
    }
    (0..shards)
        .into_par_iter()
        .map(|s| {
            let bytes = previous.file(&shard_path(s), layout)?;
            match changes.get(&s) {
                Some(changes) => apply(&bytes, changes),
                None => Some(bytes),
            }
        })
        .collect()
}

/// A shard with `changes` made, written as a clean build writes it (terms in byte order,
/// none without documents).
fn apply(bytes: &[u8], changes: &[Change]) -> Option<Vec<u8>> {
    let mut lists: BTreeMap<String, (Vec<u32>, Vec<u32>)> = postings::read_shard(bytes)?
        .into_iter()
        .map(|e| (e.term, (e.title, e.rest)))
        .collect();
    for change in changes {
        let (title, rest) = lists.entry(change.term.clone()).or_default();
        let list = if change.title { title } else { rest };
        match (list.binary_search(&change.doc), change.added) {
            (Err(at), true) => list.insert(at, change.doc),
            (Ok(at), false) => {
                list.remove(at);
            }
            // The shard does not hold what the old terms say it does.
            _ => return None,
        }
    }
    let mut file = Vec::with_capacity(bytes.len());
    for (term, (title, rest)) in &lists {
        if !title.is_empty() || !rest.is_empty() {
            postings::put_entry(&mut file, term, title, rest);
        }
    }
    Some(file)
}

/// Every document's terms, those of kept documents asked of `previous`.
pub(super) fn all_terms<'a>(
    docs: &'a [Doc],
    previous: Option<&dyn Previous>,
) -> Result<Vec<Cow<'a, Terms>>, String> {
    docs.par_iter()
        .map(|doc| match &doc.terms {
            Some(terms) => Ok(Cow::Borrowed(terms)),
            None => previous
                .and_then(|p| p.terms(&doc.output))
                .map(Cow::Owned)
                .ok_or_else(|| {
                    format!(
                        "构建缓存中没有页面 {} 的搜索索引数据，请加 --no-cache 重新构建",
                        doc.output
                    )
                }),
        })
        .collect()
}
