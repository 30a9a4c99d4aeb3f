//! The postings of a whole index, gathered while the pages render: for a build that makes
//! the index from nothing (no previous index to patch). Each page thread adds its
//! documents' terms to lists of its own, by item; the lists are joined shard by shard once
//! every page is done.
//!
//! The other way, keeping each document's terms as a `\n`-joined list until the last page
//! and then building the postings from them, held both at once at the end of the build:
//! about 30 MB each on the 10,000-page benchmark portal, the largest part of its peak
//! memory, and the postings were built on the build's last, narrowest stretch.

use super::tokens::Term;
use super::{each, postings, shard_count, shard_of, Doc};
use compact_str::CompactString;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use thread_local::ThreadLocal;

/// Each term's documents in one thread: those with it in the title, and those with it
/// elsewhere. The table is looked up for every distinct term of every document and is too
/// large for the processor's caches, so keys are kept in the table: Chinese terms as their
/// packed number ([`Term::Han`]), words inline (a key on the heap cost a second memory
/// access per lookup).
#[derive(Default)]
struct Lists {
    han: FxHashMap<u32, (List, List)>,
    words: FxHashMap<CompactString, (List, List)>,
}

impl Lists {
    /// The lists of `term`, made on its first sight by this thread.
    fn of(&mut self, term: &Term) -> &mut (List, List) {
        match term {
            Term::Han(packed) => self.han.entry(*packed).or_default(),
            Term::Word(word) => {
                // Looked up before it is made: most words are seen before, and the key is
                // made only on the first sight.
                if !self.words.contains_key(&**word) {
                    self.words.insert((&**word).into(), Default::default());
                }
                self.words.get_mut(&**word).expect("inserted above")
            }
        }
    }

    /// Every term with its lists, as the index writes it.
    fn into_texts(self) -> impl Iterator<Item = (CompactString, (List, List))> {
        let han =
            (self.han.into_iter()).map(|(packed, lists)| (Term::Han(packed).text().into(), lists));
        han.chain(self.words)
    }
}

/// Documents of one thread, by the order the thread added them (their sequence numbers):
/// each the gap from the one before, as a varint. Sequence numbers only grow, so the gaps
/// are small and most take a byte, against four for an item number (the lists of the
/// 10,000-page benchmark portal hold 4.4 million documents in all).
#[derive(Default)]
struct List {
    gaps: Vec<u8>,
    /// The sequence number after the last one put.
    next: u32,
}

impl List {
    fn push(&mut self, seq: u32) {
        postings::put_varint(&mut self.gaps, u64::from(seq - self.next));
        self.next = seq + 1;
    }

    fn sequence_numbers(&self) -> impl Iterator<Item = u32> + '_ {
        let (mut at, mut next) = (0, 0u32);
        std::iter::from_fn(move || {
            let gap = postings::get_varint(&self.gaps, &mut at)? as u32;
            let seq = next + gap;
            next = seq + 1;
            Some(seq)
        })
    }
}

/// What one page thread gathered.
struct Part {
    lists: Lists,
    /// The item of each sequence number.
    items: Vec<u32>,
}

/// The postings of the documents rendered so far, for [`super::files`].
#[derive(Default)]
pub struct Gatherer {
    threads: ThreadLocal<RefCell<Part>>,
}

impl Gatherer {
    /// Adds item `item`'s distinct terms: those of its title and the others.
    pub(super) fn add<'t, 'a: 't>(
        &self,
        item: usize,
        title: impl IntoIterator<Item = &'t Term<'a>>,
        rest: impl IntoIterator<Item = &'t Term<'a>>,
    ) {
        let part = self.threads.get_or(|| {
            RefCell::new(Part {
                lists: Lists::default(),
                items: Vec::new(),
            })
        });
        let part = &mut *part.borrow_mut();
        let seq = part.items.len() as u32;
        part.items.push(item as u32);
        for term in title {
            part.lists.of(term).0.push(seq);
        }
        for term in rest {
            part.lists.of(term).1.push(seq);
        }
    }

    /// The shard files of `docs` (in document number order), or `None` when a document
    /// without terms of its own was not gathered. A document that has its terms is added
    /// first.
    pub(super) fn into_files(self, docs: &[Doc], items: usize) -> Option<Vec<Vec<u8>>> {
        for doc in docs {
            if let Some(terms) = &doc.terms {
                let terms_of = |list| each(list).map(Term::of).collect::<Vec<_>>();
                self.add(doc.item, &terms_of(&terms.title), &terms_of(&terms.rest));
            }
        }
        let shards = shard_count(items);
        let mut parts: Vec<Part> = self.threads.into_iter().map(RefCell::into_inner).collect();
        let mut gathered = vec![false; items];
        for &item in parts.iter().flat_map(|p| &p.items) {
            if let Some(seen) = gathered.get_mut(item as usize) {
                *seen = true;
            }
        }
        if !docs.iter().all(|d| gathered.get(d.item) == Some(&true)) {
            return None;
        }
        // Items are numbered as the documents are: newest first.
        let mut number = vec![u32::MAX; items];
        for (n, doc) in (0u32..).zip(docs) {
            number[doc.item] = n;
        }
        // Each thread's terms to their shards (a term's shard is worked out once a thread).
        let mut by_shard: Vec<Vec<Gathered>> = (0..shards).map(|_| Vec::new()).collect();
        for part in &mut parts {
            for (term, lists) in std::mem::take(&mut part.lists).into_texts() {
                by_shard[shard_of(&term, shards)].push((term, lists, &part.items));
            }
        }
        Some(
            by_shard
                .into_par_iter()
                .map(|gathered| shard_file(gathered, &number))
                .collect(),
        )
    }
}

/// A term's lists from one thread, with the items of that thread's sequence numbers.
type Gathered<'p> = (CompactString, (List, List), &'p [u32]);

/// One shard file from the threads' lists of its terms, items turned into document
/// numbers: terms in byte order, each list ascending, as [`postings::put_entry`] wants.
fn shard_file(gathered: Vec<Gathered>, number: &[u32]) -> Vec<u8> {
    let mut lists: FxHashMap<CompactString, (Vec<u32>, Vec<u32>)> = FxHashMap::default();
    for (term, (title, rest), items) in gathered {
        let numbers = |list: &List, into: &mut Vec<u32>| {
            let known = |seq: u32| number.get(*items.get(seq as usize)? as usize).copied();
            into.extend(
                list.sequence_numbers()
                    .filter_map(known)
                    .filter(|&n| n != u32::MAX),
            );
        };
        let entry = lists.entry(term).or_default();
        numbers(&title, &mut entry.0);
        numbers(&rest, &mut entry.1);
    }
    let mut terms: Vec<_> = lists.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut file = Vec::new();
    for (term, (mut title, mut rest)) in terms {
        title.sort_unstable();
        rest.sort_unstable();
        if title.is_empty() && rest.is_empty() {
            continue;
        }
        postings::put_entry(&mut file, &term, &title, &rest);
    }
    file
}
