//! The links of the pages, each kept once in a table at the end of the cache file; a
//! page's record holds their numbers. Most links on a page are the theme's and the same on
//! every page: kept in each record they were most of the file, and decoding them (hashing
//! each to find it decoded already) most of the time a kept page took.
//!
//! A kept page's record is copied into the next file as it is, numbers and all, so the next
//! table starts with the previous one and adds the links new in this build. The table only
//! grows while the cache is used (by the links new in each build, not by its pages); a
//! cache that is ignored starts it afresh.

use super::format::{static_str, PageLinkIn};
use crate::incremental::hash_bytes;
use crate::rules::facts::PageLink;
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// The previous file's table, each link decoded when a kept page first needs it.
#[derive(Default)]
pub(super) struct PreviousLinks<'a> {
    encoded: Vec<&'a [u8]>,
    decoded: Vec<OnceLock<Option<Arc<PageLink>>>>,
}

impl<'a> PreviousLinks<'a> {
    pub(super) fn new(encoded: Vec<&'a [u8]>) -> PreviousLinks<'a> {
        let decoded = encoded.iter().map(|_| OnceLock::new()).collect();
        PreviousLinks { encoded, decoded }
    }

    /// Link number `n`, or `None` if the table has no such (readable) link.
    pub(super) fn get(&self, n: u32) -> Option<Arc<PageLink>> {
        let n = n as usize;
        let bytes = *self.encoded.get(n)?;
        self.decoded[n].get_or_init(|| decode(bytes)).clone()
    }
}

fn decode(bytes: &[u8]) -> Option<Arc<PageLink>> {
    let link: PageLinkIn = postcard::from_bytes(bytes).ok()?;
    Some(Arc::new(PageLink {
        tag: static_str(&link.tag),
        url: link.url,
        target: link.target,
        resource: link.resource,
        source_span: link.source_span,
    }))
}

/// The next file's table: the previous one, then this build's new links, numbered as
/// the records of freshly rendered pages name them.
pub(super) struct NextLinks<'a> {
    previous: Vec<&'a [u8]>,
    numbers: Mutex<Option<Numbers>>,
}

/// Made on the first page rendered (a build that renders none needs no lookup). Holds
/// nothing borrowed, so that the cache stays covariant in its lifetime.
struct Numbers {
    /// By the hash of the encoded link (the bytes are compared too).
    by_bytes: FxHashMap<u128, u32>,
    /// The same links by address: a run shares each distinct link (`LinkInterner`), so
    /// most are found without being encoded. The `Arc` kept beside the number keeps that
    /// address from being reused by another link.
    by_address: FxHashMap<usize, (Arc<PageLink>, u32)>,
    added: Vec<Box<[u8]>>,
}

impl<'a> NextLinks<'a> {
    pub(super) fn new(previous: Vec<&'a [u8]>) -> NextLinks<'a> {
        NextLinks {
            previous,
            numbers: Mutex::new(None),
        }
    }

    /// The numbers of `links` in the table, adding those it does not have.
    pub(super) fn numbers(&self, links: &[Arc<PageLink>]) -> Vec<u32> {
        let mut numbers = self.numbers.lock().unwrap_or_else(PoisonError::into_inner);
        let numbers = numbers.get_or_insert_with(|| Numbers {
            by_bytes: self
                .previous
                .iter()
                .enumerate()
                .map(|(n, bytes)| (hash_bytes(bytes), n as u32))
                .collect(),
            by_address: FxHashMap::default(),
            added: Vec::new(),
        });
        links
            .iter()
            .map(|link| {
                let address = Arc::as_ptr(link) as usize;
                if let Some((_, n)) = numbers.by_address.get(&address) {
                    return *n;
                }
                let bytes = postcard::to_allocvec(&**link).unwrap_or_default();
                let hash = hash_bytes(&bytes);
                let known = numbers.by_bytes.get(&hash).copied().filter(|n| {
                    let n = *n as usize;
                    let at = match n.checked_sub(self.previous.len()) {
                        None => self.previous[n],
                        Some(added) => &numbers.added[added],
                    };
                    at == bytes.as_slice()
                });
                let n = known.unwrap_or_else(|| {
                    let n = (self.previous.len() + numbers.added.len()) as u32;
                    numbers.by_bytes.insert(hash, n);
                    numbers.added.push(bytes.into_boxed_slice());
                    n
                });
                numbers.by_address.insert(address, (Arc::clone(link), n));
                n
            })
            .collect()
    }

    /// Writes the table: the number of links (u32), then each (u32 length, postcard).
    pub(super) fn write(
        &self,
        mut put: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let numbers = self.numbers.lock().unwrap_or_else(PoisonError::into_inner);
        let added = numbers.as_ref().map_or(&[][..], |n| &n.added[..]);
        put(&((self.previous.len() + added.len()) as u32).to_le_bytes())?;
        for bytes in self
            .previous
            .iter()
            .copied()
            .chain(added.iter().map(|b| &**b))
        {
            put(&(bytes.len() as u32).to_le_bytes())?;
            put(bytes)?;
        }
        Ok(())
    }
}

/// Reads a table [`NextLinks::write`] wrote, from the start of `bytes`; returns the links
/// and the rest of `bytes`.
pub(super) fn read(bytes: &[u8]) -> Option<(Vec<&[u8]>, &[u8])> {
    let count = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let mut rest = &bytes[4..];
    // Each link takes at least its four bytes of length: no larger a vector than that.
    let mut links = Vec::with_capacity(count.min(rest.len() / 4));
    for _ in 0..count {
        let n = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        links.push(rest.get(4..n.checked_add(4)?)?);
        rest = &rest[4 + n..];
    }
    Some((links, rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::urls::Target;

    fn link(url: &str) -> Arc<PageLink> {
        Arc::new(PageLink {
            tag: "a",
            url: url.into(),
            target: Target::Internal {
                path: url.into(),
                fragment: None,
            },
            resource: false,
            source_span: None,
        })
    }

    fn written(table: &NextLinks) -> Vec<u8> {
        let mut bytes = Vec::new();
        table
            .write(|b| {
                bytes.extend_from_slice(b);
                Ok(())
            })
            .unwrap();
        bytes
    }

    #[test]
    fn the_next_table_keeps_the_previous_numbers_and_adds_new_links_once() {
        let first = NextLinks::new(Vec::new());
        let (a, b) = (link("/a/"), link("/b/"));
        assert_eq!(first.numbers(&[a.clone(), b.clone(), a.clone()]), [0, 1, 0]);
        // Equal links that are not the same `Arc` (another page's) get the same number.
        assert_eq!(first.numbers(&[link("/b/")]), [1]);
        let bytes = written(&first);
        let (table, rest) = read(&bytes).unwrap();
        assert!(rest.is_empty());
        assert_eq!(table.len(), 2);

        let previous = PreviousLinks::new(table.clone());
        assert_eq!(previous.get(1).unwrap().url, "/b/");
        assert!(previous.get(2).is_none());
        let next = NextLinks::new(table);
        assert_eq!(next.numbers(&[link("/c/"), link("/a/")]), [2, 0]);
        let bytes = written(&next);
        let (table, _) = read(&bytes).unwrap();
        let urls: Vec<String> = (0..3)
            .map(|n| {
                PreviousLinks::new(table.clone())
                    .get(n)
                    .unwrap()
                    .url
                    .clone()
            })
            .collect();
        assert_eq!(urls, ["/a/", "/b/", "/c/"]);
    }

    #[test]
    fn a_cut_table_does_not_read() {
        let table = NextLinks::new(Vec::new());
        table.numbers(&[link("/a/")]);
        let bytes = written(&table);
        for cut in 0..bytes.len() {
            assert!(read(&bytes[..cut]).is_none(), "{cut}");
        }
    }
}
