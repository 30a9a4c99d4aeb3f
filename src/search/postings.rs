//! The binary shard format (docs/search.md): for each term, its UTF-8 bytes and two lists
//! of document numbers — documents with the term in the title or document number, and
//! documents with it elsewhere only. A list is stored as gaps in LEB128 varints or, when
//! that is smaller, as a bitmap; common bigrams in a large site are nearly always bitmaps.
//!
//! ```text
//! shard  := entry*
//! entry  := varint(len(term)) term list(title) list(rest)
//! list   := varint(len(bytes) << 1 | kind) bytes
//!           kind 0: varint gaps (the first gap is from -1, so doc 0 is written as 0)
//!           kind 1: bitmap, bit (d & 7) of byte (d >> 3) set for doc d
//! ```

/// Appends `value` as an unsigned LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads a varint at `*at`, advancing it; `None` when the bytes run out.
pub fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(value);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

fn gaps(docs: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(docs.len());
    let mut previous: i64 = -1;
    for &d in docs {
        put_varint(&mut out, (i64::from(d) - previous - 1) as u64);
        previous = i64::from(d);
    }
    out
}

fn bitmap(docs: &[u32]) -> Vec<u8> {
    let last = docs.last().map_or(0, |&d| d as usize / 8 + 1);
    let mut out = vec![0u8; last];
    for &d in docs {
        out[d as usize / 8] |= 1 << (d % 8);
    }
    out
}

/// Appends one list (ascending, distinct document numbers) in its smaller form.
pub fn put_list(out: &mut Vec<u8>, docs: &[u32]) {
    let as_gaps = gaps(docs);
    // A bitmap costs one byte per 8 documents up to the last one: only build it when it
    // can win.
    let bitmap_len = docs.last().map_or(0, |&d| d as usize / 8 + 1);
    let (kind, bytes) = if bitmap_len < as_gaps.len() {
        (1, bitmap(docs))
    } else {
        (0, as_gaps)
    };
    put_varint(out, ((bytes.len() as u64) << 1) | kind);
    out.extend_from_slice(&bytes);
}

/// One list as it is stored, undecoded: what a patch copies when the list stays the same.
#[derive(Clone, Copy, Debug)]
pub struct RawList<'a> {
    bitmap: bool,
    body: &'a [u8],
}

/// Reads one list's header at `*at` and steps over its bytes.
pub fn raw_list<'a>(bytes: &'a [u8], at: &mut usize) -> Option<RawList<'a>> {
    let header = get_varint(bytes, at)?;
    let len = usize::try_from(header >> 1).ok()?;
    let body = bytes.get(*at..at.checked_add(len)?)?;
    *at += len;
    Some(RawList {
        bitmap: header & 1 == 1,
        body,
    })
}

impl RawList<'_> {
    /// The document numbers, ascending.
    pub fn docs(&self) -> Option<Vec<u32>> {
        let mut docs = Vec::new();
        self.each(|d| {
            docs.push(d);
            true
        })?;
        Some(docs)
    }

    /// Whether the list holds any of `docs` (ascending), which are the documents `mask`
    /// marks, without decoding it where it is a bitmap and `docs` are few.
    pub fn holds_any(&self, docs: &[u32], mask: &[bool]) -> Option<bool> {
        if self.bitmap && docs.len() < self.body.len() {
            return Some(docs.iter().any(|&d| {
                self.body
                    .get(d as usize / 8)
                    .is_some_and(|byte| byte & (1 << (d % 8)) != 0)
            }));
        }
        let mut found = false;
        self.each(|d| {
            found = mask.get(d as usize).copied().unwrap_or(false);
            !found
        })?;
        Some(found)
    }

    /// Calls `each` with every document number in order while it returns true; `None`
    /// when the bytes are not a list.
    fn each(&self, mut each: impl FnMut(u32) -> bool) -> Option<()> {
        if self.bitmap {
            for (i, &byte) in self.body.iter().enumerate() {
                // Set bits only, lowest first.
                let mut bits = byte;
                while bits != 0 {
                    let bit = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    if !each(u32::try_from(i * 8 + bit).ok()?) {
                        return Some(());
                    }
                }
            }
        } else {
            let mut pos = 0;
            let mut previous: i64 = -1;
            while pos < self.body.len() {
                previous += get_varint(self.body, &mut pos)? as i64 + 1;
                if !each(u32::try_from(previous).ok()?) {
                    return Some(());
                }
            }
        }
        Some(())
    }
}

/// Reads one list back.
pub fn get_list(bytes: &[u8], at: &mut usize) -> Option<Vec<u32>> {
    raw_list(bytes, at)?.docs()
}

/// Reads one entry's term at `*at`.
pub fn get_term<'a>(bytes: &'a [u8], at: &mut usize) -> Option<&'a str> {
    let len = usize::try_from(get_varint(bytes, at)?).ok()?;
    let term = std::str::from_utf8(bytes.get(*at..at.checked_add(len)?)?).ok()?;
    *at += len;
    Some(term)
}

/// One term of a shard with its two lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub term: String,
    pub title: Vec<u32>,
    pub rest: Vec<u32>,
}

/// Appends one entry.
pub fn put_entry(out: &mut Vec<u8>, term: &str, title: &[u32], rest: &[u32]) {
    put_varint(out, term.len() as u64);
    out.extend_from_slice(term.as_bytes());
    put_list(out, title);
    put_list(out, rest);
}

/// Decodes a whole shard (tests and tools; the browser has its own decoder).
pub fn read_shard(bytes: &[u8]) -> Option<Vec<Entry>> {
    let mut at = 0;
    let mut out = Vec::new();
    while at < bytes.len() {
        let term = get_term(bytes, &mut at)?;
        let title = get_list(bytes, &mut at)?;
        let rest = get_list(bytes, &mut at)?;
        out.push(Entry {
            term: term.to_string(),
            title,
            rest,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(docs: &[u32]) -> (Vec<u32>, usize) {
        let mut out = Vec::new();
        put_list(&mut out, docs);
        let mut at = 0;
        let back = get_list(&out, &mut at).unwrap();
        assert_eq!(at, out.len());
        (back, out.len())
    }

    #[test]
    fn sparse_lists_are_gaps() {
        let (back, len) = round_trip(&[0, 5, 300, 9000]);
        assert_eq!(back, [0, 5, 300, 9000]);
        // header + 1 + 1 + 2 + 2 bytes
        assert_eq!(len, 7);
        assert_eq!(round_trip(&[]).0, Vec::<u32>::new());
    }

    #[test]
    fn dense_lists_are_bitmaps() {
        let docs: Vec<u32> = (0..10_000).filter(|d| d % 3 != 0).collect();
        let (back, len) = round_trip(&docs);
        assert_eq!(back, docs);
        // 1250 bitmap bytes and a two-byte header, far below one byte a document
        assert_eq!(len, 1252);
    }

    #[test]
    fn shards_round_trip() {
        let mut bytes = Vec::new();
        put_entry(&mut bytes, "政务", &[1, 2], &[7]);
        put_entry(&mut bytes, "2026", &[], &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        let entries = read_shard(&bytes).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].term, "政务");
        assert_eq!(entries[0].title, [1, 2]);
        assert_eq!(entries[1].rest, (0..=10).collect::<Vec<u32>>());
        assert!(read_shard(&bytes[..bytes.len() - 1]).is_none());
    }
}
