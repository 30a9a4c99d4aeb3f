//! Item files as earlier builds loaded them, by path and stat ([`KnownFile`]): a build
//! whose files did not change neither reads nor parses them (their bodies stay on disk,
//! `content::Body`), as git's index spares it reading unchanged files. A record is kept
//! only for a file that had settled before its build began (`content::memo::SETTLED_NS`),
//! and is used only while the file's stat (length, modification and change time, inode)
//! is the one recorded.
//!
//! The table holds the files this build loaded: those known from the previous table and
//! those read now. A file deleted or changed drops out or is replaced.

use super::kept::Kept;
use crate::content::{KnownFile, SourceStat};
use std::sync::{Mutex, PoisonError};

/// The previous file's table, and what this build adds to it.
#[derive(Default)]
pub(super) struct Files<'a> {
    /// Records (postcard) by path.
    previous: Kept<'a, &'a str>,
    /// The entries this build adds, as the table holds them (see [`Files::write`]): one
    /// buffer, not two small allocations per file that live to the end of the build.
    added: Mutex<Vec<u8>>,
}

impl<'a> Files<'a> {
    pub(super) fn new(previous: Entries<'a>) -> Files<'a> {
        Files {
            previous: Kept::new(previous),
            added: Mutex::default(),
        }
    }

    /// The file `rel` as the previous build loaded it, if its stat is still `stat`.
    pub(super) fn get(&self, rel: &str, stat: &SourceStat) -> Option<KnownFile> {
        self.previous.take(rel, |record| {
            postcard::from_bytes::<KnownFile>(record)
                .ok()
                .filter(|known| known.stat == *stat)
        })
    }

    /// Remembers a file this build read, for the next table.
    pub(super) fn add(&self, rel: &str, file: &KnownFile) {
        let mut added = self.added.lock().unwrap_or_else(PoisonError::into_inner);
        let start = added.len();
        added.extend_from_slice(&(rel.len() as u32).to_le_bytes());
        added.extend_from_slice(rel.as_bytes());
        let at = added.len();
        added.extend_from_slice(&[0; 4]);
        match postcard::to_extend(file, std::mem::take(&mut *added)) {
            Ok(mut bytes) => {
                let len = (bytes.len() - at - 4) as u32;
                bytes[at..at + 4].copy_from_slice(&len.to_le_bytes());
                *added = bytes;
            }
            Err(_) => added.truncate(start),
        }
    }

    /// Writes the table: the number of entries (u32), then each (u32 length, path, u32
    /// length, record): what this build loaded.
    pub(super) fn write(
        &self,
        mut put: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let added = self.added.lock().unwrap_or_else(PoisonError::into_inner);
        let mut entries = self.previous.used();
        let mut rest = added.as_slice();
        while let (Some(rel), Some(record)) = (take(&mut rest), take(&mut rest)) {
            entries.insert(std::str::from_utf8(rel).unwrap_or_default(), record);
        }
        put(&(entries.len() as u32).to_le_bytes())?;
        for (rel, record) in entries {
            put(&(rel.len() as u32).to_le_bytes())?;
            put(rel.as_bytes())?;
            put(&(record.len() as u32).to_le_bytes())?;
            put(record)?;
        }
        Ok(())
    }
}

/// The next field (u32 length, bytes) of `rest`, taken off it.
fn take<'a>(rest: &mut &'a [u8]) -> Option<&'a [u8]> {
    let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let field = rest.get(4..4usize.checked_add(len)?)?;
    *rest = &rest[4 + len..];
    Some(field)
}

/// The entries of a table as read: the file's path and its record.
pub(super) type Entries<'a> = Vec<(&'a str, &'a [u8])>;

/// Reads a table [`Files::write`] wrote, from the start of `bytes`; returns the entries and
/// the rest of `bytes`.
pub(super) fn read(bytes: &[u8]) -> Option<(Entries<'_>, &[u8])> {
    let count = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let mut rest = &bytes[4..];
    // Not sized by `count` up front: a damaged count must not allocate.
    let mut entries = Vec::new();
    for _ in 0..count {
        let rel = std::str::from_utf8(take(&mut rest)?).ok()?;
        let record = take(&mut rest)?;
        entries.push((rel, record));
    }
    Some((entries, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(len: u64) -> KnownFile {
        KnownFile {
            stat: SourceStat {
                len,
                mtime_ns: 1_700_000_000_000_000_000,
                ctime_ns: 1_700_000_000_000_000_001,
                ino: 42,
            },
            yaml: "title: 通知\n".into(),
            yaml_offset: 4,
            body_offset: 22,
            body_hash: 7,
            has_text: true,
            summary: "正文".into(),
        }
    }

    fn table_of(files: &Files) -> Vec<u8> {
        let mut table = Vec::new();
        files
            .write(|b| {
                table.extend_from_slice(b);
                Ok(())
            })
            .unwrap();
        table
    }

    #[test]
    fn a_file_is_known_while_its_stat_is_the_one_recorded() {
        let first = Files::default();
        first.add("content/zwdt/a.md", &known(100));
        first.add("content/zwdt/b.md", &known(200));
        let table = table_of(&first);
        let (entries, rest) = read(&table).unwrap();
        assert!(rest.is_empty());
        let next = Files::new(entries);
        assert_eq!(
            next.get("content/zwdt/a.md", &known(100).stat),
            Some(known(100))
        );
        let mut touched = known(100).stat;
        touched.ctime_ns += 1;
        assert!(
            next.get("content/zwdt/a.md", &touched).is_none(),
            "changed since"
        );
        assert!(next.get("content/zwdt/c.md", &known(100).stat).is_none());
        // A table cut short is not read.
        assert!(read(&table[..table.len() - 1]).is_none());
    }

    #[test]
    fn the_next_table_holds_what_this_build_loaded() {
        let first = Files::default();
        first.add("content/a.md", &known(1));
        first.add("content/gone.md", &known(2));
        let table = table_of(&first);
        let next = Files::new(read(&table).unwrap().0);
        next.get("content/a.md", &known(1).stat).unwrap();
        next.add("content/new.md", &known(3));
        let table = table_of(&next);
        let mut paths: Vec<&str> = read(&table).unwrap().0.iter().map(|(r, _)| *r).collect();
        paths.sort_unstable();
        assert_eq!(paths, ["content/a.md", "content/new.md"]);
    }
}
