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
    let numbers: Vec<u32> = changed.iter().map(|&(n, _)| n).collect();
    // Which documents changed, by number: a mask, so that finding them in a list costs one
    // look per posting however many changed.
    let mut mask = vec![false; docs.len()];
    for &n in &numbers {
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
    let changed = Changed {
        numbers: &numbers,
        mask: &mask,
    };
    gained
        .into_par_iter()
        .enumerate()
        .map(|(s, mut gained)| {
            let bytes = previous.file(&shard_path(s), layout)?;
            if numbers.is_empty() {
                return Some(bytes);
            }
            // In the order of the shard's terms, then by document.
            gained.sort_unstable();
            patch_shard(&bytes, changed, &gained)
        })
        .collect()
}

/// The changed documents: their numbers, ascending, and a mask by number.
#[derive(Clone, Copy)]
struct Changed<'a> {
    numbers: &'a [u32],
    mask: &'a [bool],
}

/// One shard with the `changed` documents out of every list and into the lists of
/// `gained` (sorted), written as a clean build writes it (terms in byte order, none
/// without documents). One pass over the shard: an entry that neither holds a changed
/// document nor gains one is copied as it is, undecoded (nearly all of them when few
/// documents changed).
fn patch_shard(bytes: &[u8], changed: Changed, gained: &[(&str, u32, bool)]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 8);
    let mut next = 0;
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        let term = postings::get_term(bytes, &mut at)?;
        let title = postings::raw_list(bytes, &mut at)?;
        let rest = postings::raw_list(bytes, &mut at)?;
        // Terms that only changed documents hold, ordered before this one.
        while next < gained.len() && gained[next].0 < term {
            next = put_gained(&mut out, gained, next);
        }
        let ends = next + gained[next..].iter().take_while(|g| g.0 == term).count();
        let here = &gained[next..ends];
        next = ends;
        let holds = |list: &postings::RawList| list.holds_any(changed.numbers, changed.mask);
        if here.is_empty() && !holds(&title)? && !holds(&rest)? {
            out.extend_from_slice(&bytes[start..at]);
            continue;
        }
        let mut lists = [title.docs()?, rest.docs()?];
        for list in &mut lists {
            list.retain(|&n| !changed.mask.get(n as usize).copied().unwrap_or(false));
        }
        for &(_, n, in_title) in here {
            let list = &mut lists[usize::from(!in_title)];
            if let Err(at) = list.binary_search(&n) {
                list.insert(at, n);
            }
        }
        if lists.iter().any(|l| !l.is_empty()) {
            postings::put_entry(&mut out, term, &lists[0], &lists[1]);
        }
    }
    while next < gained.len() {
        next = put_gained(&mut out, gained, next);
    }
    Some(out)
}

/// Writes the entry of the term at `gained[from]`, which only changed documents hold;
/// returns where the next term starts.
fn put_gained(out: &mut Vec<u8>, gained: &[(&str, u32, bool)], from: usize) -> usize {
    let term = gained[from].0;
    let ends = from + gained[from..].iter().take_while(|g| g.0 == term).count();
    let mut lists: [Vec<u32>; 2] = Default::default();
    // Sorted by document within the term: each list comes out ascending.
    for &(_, n, in_title) in &gained[from..ends] {
        lists[usize::from(!in_title)].push(n);
    }
    postings::put_entry(out, term, &lists[0], &lists[1]);
    ends
}
