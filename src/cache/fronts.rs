//! Items' front matter as earlier builds parsed it, by the hash of its YAML text
//! (`content::LoadMemo::front`): a build whose files did not change takes each item's front matter from
//! here instead of parsing its YAML again, which was the largest part of loading a large
//! site. Kept as JSON, which reads back through the very deserializers the YAML went
//! through (each value is already a trimmed string, a list of them, or a flag), so a front
//! matter read back is the one parsed.
//!
//! The table holds the front matter of the items this build loaded: those taken from the
//! previous table and those parsed now. An item deleted or edited drops out with its text.

use super::kept::Kept;
use crate::content::ItemFront;
use crate::incremental::hash_bytes;
use std::sync::{Mutex, PoisonError};

/// The previous file's table (JSON by the hash of its YAML), and what this build adds to it.
#[derive(Default)]
pub(super) struct Fronts<'a> {
    previous: Kept<'a, u128>,
    added: Mutex<Vec<(u128, Vec<u8>)>>,
}

impl<'a> Fronts<'a> {
    pub(super) fn new(previous: Entries<'a>) -> Fronts<'a> {
        Fronts {
            previous: Kept::new(previous),
            added: Mutex::default(),
        }
    }

    /// Writes the table: the number of entries (u32), then each (hash u128, u32 length,
    /// JSON): what this build loaded.
    pub(super) fn write(
        &self,
        mut put: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let added = self.added.lock().unwrap_or_else(PoisonError::into_inner);
        let mut entries = self.previous.used();
        entries.extend(added.iter().map(|(hash, json)| (*hash, json.as_slice())));
        put(&(entries.len() as u32).to_le_bytes())?;
        for (hash, json) in entries {
            put(&hash.to_le_bytes())?;
            put(&(json.len() as u32).to_le_bytes())?;
            put(json)?;
        }
        Ok(())
    }
}

impl Fronts<'_> {
    /// The front matter parsed from `yaml` before, if known.
    pub(super) fn front(&self, yaml: &str) -> Option<ItemFront> {
        self.previous.take(&hash_bytes(yaml.as_bytes()), |json| {
            serde_json::from_slice(json).ok()
        })
    }

    /// Remembers the front matter parsed from `yaml`, for the next build.
    pub(super) fn parsed(&self, yaml: &str, front: &ItemFront) {
        let json = serde_json::to_value(front).and_then(|mut value| {
            prune(&mut value);
            serde_json::to_vec(&value)
        });
        if let Ok(json) = json {
            let hash = hash_bytes(yaml.as_bytes());
            let mut added = self.added.lock().unwrap_or_else(PoisonError::into_inner);
            added.push((hash, json));
        }
    }
}

/// Drops the fields that hold nothing (none, an empty list, false): every field of a front
/// matter has a default, and most of an item's are unset, so the JSON is a third as long
/// and reads back as much faster.
fn prune(value: &mut serde_json::Value) {
    use serde_json::Value;
    if let Value::Object(fields) = value {
        fields.retain(|_, v| {
            prune(v);
            !matches!(v, Value::Null | Value::Bool(false))
                && !matches!(v, Value::Array(a) if a.is_empty())
        });
    }
}

/// The entries of a table as read: the hash of the YAML text and the JSON.
pub(super) type Entries<'a> = Vec<(u128, &'a [u8])>;

/// Reads a table [`Fronts::write`] wrote, from the start of `bytes`; returns the entries
/// and the rest of `bytes`.
pub(super) fn read(bytes: &[u8]) -> Option<(Entries<'_>, &[u8])> {
    let count = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let mut rest = &bytes[4..];
    // Not sized by `count` up front: a damaged count must not allocate.
    let mut entries = Vec::new();
    for _ in 0..count {
        let hash = u128::from_le_bytes(rest.get(..16)?.try_into().ok()?);
        let len = u32::from_le_bytes(rest.get(16..20)?.try_into().ok()?) as usize;
        let json = rest.get(20..20usize.checked_add(len)?)?;
        rest = &rest[20 + len..];
        entries.push((hash, json));
    }
    Some((entries, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every item of the starter site, and a front matter with every field set.
    fn fronts() -> Vec<(String, ItemFront)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("starter-site/content");
        let mut fronts = Vec::new();
        for entry in walkdir::WalkDir::new(root).into_iter().map(Result::unwrap) {
            let name = entry.file_name().to_string_lossy();
            if name.ends_with(".md") && name != "_index.md" {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                let yaml = crate::content::front::split(&text, "a.md").unwrap().yaml;
                let front = crate::config::yaml::parse_value::<ItemFront>("a.md", yaml, 0).unwrap();
                fronts.push((yaml.to_string(), front));
            }
        }
        assert!(fronts.len() > 10, "the starter site's items");
        let yaml = "title: 关于印发《办法》的通知\ndate: 2026-11-20 09:30\nsource: 市政府办公室\n\
            author: 张三\nkeywords: [营商环境, 2026]\ndescription: ' 摘要 '\nimage: /a.png\n\
            draft: false\nslug: tongzhi\naliases: /old/a.html\ndoc_number: 临政发〔2026〕1号\n\
            issuer: 临江市人民政府\nwritten: 2026-11-19\nindex_no: 000014349/2026-00001\n\
            topic: 综合政务\nvalidity: 有效\ninterprets: zcwj/a\nform: 图文解读\n\
            service: {name: 不动产登记, materials: [身份证明], phone: 0731-80000001, online: 全程网办}\n\
            asked: 2026-11-01\nanswered: 2026-11-02\nanswer: 已办理\npublic_phones: 12345\n";
        let parsed = crate::config::yaml::parse_value::<ItemFront>("a.md", yaml, 0).unwrap();
        fronts.push((yaml.to_string(), parsed));
        fronts
    }

    /// The table `memo` writes.
    fn table_of(memo: &Fronts) -> Vec<u8> {
        let mut table = Vec::new();
        memo.write(|b| {
            table.extend_from_slice(b);
            Ok(())
        })
        .unwrap();
        table
    }

    #[test]
    fn a_front_matter_read_back_is_the_one_parsed() {
        let memo = Fronts::default();
        let fronts = fronts();
        for (yaml, front) in &fronts {
            memo.parsed(yaml, front);
        }
        let table = table_of(&memo);
        let (entries, rest) = read(&table).unwrap();
        assert!(rest.is_empty());
        let next = Fronts::new(entries);
        for (yaml, front) in &fronts {
            let back = next.front(yaml).expect("known by its text");
            assert_eq!(format!("{back:?}"), format!("{front:?}"));
        }
        assert!(next.front("title: 另一个条目\n").is_none());
        // A table cut short is not read.
        assert!(read(&table[..table.len() - 1]).is_none());
    }

    #[test]
    fn the_next_table_holds_what_this_build_loaded() {
        let fronts = fronts();
        let json: Vec<Vec<u8>> = fronts
            .iter()
            .map(|(_, f)| serde_json::to_vec(f).unwrap())
            .collect();
        let previous = fronts
            .iter()
            .zip(&json)
            .map(|((yaml, _), json)| (hash_bytes(yaml.as_bytes()), json.as_slice()))
            .collect();
        let memo = Fronts::new(previous);
        // One item loaded from the table, one parsed anew; the others were not loaded.
        memo.front(&fronts[0].0).unwrap();
        memo.parsed("title: 新条目\n", &ItemFront::default());
        let table = table_of(&memo);
        let (entries, _) = read(&table).unwrap();
        let mut hashes: Vec<u128> = entries.iter().map(|(h, _)| *h).collect();
        hashes.sort_unstable();
        let mut expected = vec![
            hash_bytes(fronts[0].0.as_bytes()),
            hash_bytes("title: 新条目\n".as_bytes()),
        ];
        expected.sort_unstable();
        assert_eq!(hashes, expected);
    }
}
