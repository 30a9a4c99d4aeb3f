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
//! changed. A shard missing, or not as that build wrote it, makes the index be built from all
//! terms instead (the caller gets the documents back to find the kept ones' terms).

use super::{postings, shard_path, Doc, Terms, VERSION};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// What the previous build's index can give this build.
pub trait Previous: Sync {
    /// The bytes of the previous build's index file `path`, if that index was made for
    /// `layout` and the file is still as that build wrote it.
    fn file(&self, path: &str, layout: u128) -> Option<Vec<u8>>;
}

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

/// Every shard: the previous ones, with each changed document (one with terms) taken out
/// of every list and put into the lists of its terms now; `None` when the previous index
/// cannot be patched. (A document's old terms need not be known: the lists that hold its
/// number are them.)
pub(super) fn patched(
    docs: &[Doc],
    shards: usize,
    layout: u128,
    previous: &dyn Previous,
) -> Option<Vec<Vec<u8>>> {
    let changed: Vec<(u32, &Terms)> = (0u32..)
        .zip(docs)
        .filter_map(|(n, d)| Some((n, d.terms.as_ref()?)))
        .collect();
    // Which documents changed, by number: a mask, so that taking them out of the lists
    // costs one look per posting however many changed.
    let mut mask = vec![false; docs.len()];
    for &(n, _) in &changed {
        mask[n as usize] = true;
    }
    // The postings each shard gains: (term, document, in the title).
    let mut gained: Vec<Vec<(&str, u32, bool)>> = vec![Vec::new(); shards];
    for &(n, terms) in &changed {
        for (list, title) in [(&terms.title, true), (&terms.rest, false)] {
            for term in super::each(list) {
                gained[super::shard_of(term, shards)].push((term, n, title));
            }
        }
    }
    gained
        .into_par_iter()
        .enumerate()
        .map(|(s, gained)| {
            let bytes = previous.file(&shard_path(s), layout)?;
            if changed.is_empty() {
                return Some(bytes);
            }
            patch_shard(&bytes, &mask, &gained)
        })
        .collect()
}

/// One shard with the documents of `changed` (a mask by number) out of every list and into
/// the lists of `gained`, written as a clean build writes it (terms in byte order, none
/// without documents); its bytes as they were when nothing changed.
fn patch_shard(bytes: &[u8], changed: &[bool], gained: &[(&str, u32, bool)]) -> Option<Vec<u8>> {
    let mut lists: BTreeMap<String, (Vec<u32>, Vec<u32>)> = postings::read_shard(bytes)?
        .into_iter()
        .map(|e| (e.term, (e.title, e.rest)))
        .collect();
    let mut touched = !gained.is_empty();
    for (title, rest) in lists.values_mut() {
        for list in [title, rest] {
            let before = list.len();
            list.retain(|&n| !changed.get(n as usize).copied().unwrap_or(false));
            touched |= list.len() != before;
        }
    }
    if !touched {
        return Some(bytes.to_vec());
    }
    for &(term, n, title) in gained {
        let (titles, rest) = lists.entry(term.to_string()).or_default();
        let list = if title { titles } else { rest };
        if let Err(at) = list.binary_search(&n) {
            list.insert(at, n);
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
