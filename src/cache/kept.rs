//! A table of the previous cache file whose entries this build may use: the next file keeps
//! only the entries used (and what this build adds), so that a table does not grow with
//! items deleted or edited long ago. Shared by the front matter and the file tables.

use rustc_hash::FxHashMap;
use std::borrow::Borrow;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, Ordering};

/// The previous table's entries by key, each marked once this build uses it.
pub(super) struct Kept<'a, K> {
    entries: FxHashMap<K, (&'a [u8], AtomicBool)>,
}

impl<K> Default for Kept<'_, K> {
    fn default() -> Self {
        Kept {
            entries: FxHashMap::default(),
        }
    }
}

impl<'a, K: Hash + Eq + Copy> Kept<'a, K> {
    pub(super) fn new(entries: Vec<(K, &'a [u8])>) -> Self {
        let entries = entries
            .into_iter()
            .map(|(key, bytes)| (key, (bytes, AtomicBool::new(false))))
            .collect();
        Kept { entries }
    }

    /// What `take` makes of the entry under `key`; the entry counts as used when it makes
    /// something (an entry that no longer fits stays unused, and drops out of the next file).
    pub(super) fn take<Q, T>(&self, key: &Q, take: impl FnOnce(&'a [u8]) -> Option<T>) -> Option<T>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let (bytes, used) = self.entries.get(key)?;
        let value = take(bytes)?;
        used.store(true, Ordering::Relaxed);
        Some(value)
    }

    /// The entries used by this build, for the next file.
    pub(super) fn used(&self) -> FxHashMap<K, &'a [u8]> {
        self.entries
            .iter()
            .filter(|(_, (_, used))| used.load(Ordering::Relaxed))
            .map(|(&key, (bytes, _))| (key, *bytes))
            .collect()
    }
}
