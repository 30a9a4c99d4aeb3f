//! One Markdown file into a home, column or item of the model; with the build cache's
//! memo, an item file whose stat it knows is neither read nor parsed.

use super::front::{self, ColumnFront, HomeFront, ItemFront};
use super::load::implicit_column;
use super::memo::{KnownFile, LoadMemo, SETTLED_NS};
use super::read::SourceStat;
use super::walk::WalkedFile;
use super::{Body, Column, Home, Item, SourceFile};
use crate::config::yaml;
use crate::diagnostics::Diagnostic;

/// An item before it is placed in a column.
pub(super) struct ParsedItem {
    pub(super) item: Item,
    /// The content folder it sits in ("" for the content root).
    pub(super) dir: String,
    pub(super) slug: String,
}

// Short-lived, one per file and moved once; items boxed: an item is large, and moving
// 10,000 of them by value through the parsed results and the sorting into the site's
// vector was most of the one-threaded assembly (boxes are made on every core).
#[allow(clippy::large_enum_variant)]
pub(super) enum Parsed {
    Home(Home),
    Column(Column),
    Item(Box<ParsedItem>),
}

/// Whether the Markdown file `rel` is an item (not a column's or the home's `_index.md`).
pub(super) fn is_item_file(rel: &str) -> bool {
    dir_and_name(rel).1 != "_index.md"
}

/// One Markdown file as a home, column or item. With a memo, an item file whose stat it
/// knows is not read (its body stays on disk, [`Body::on_disk`]), and one that is read is
/// remembered for the next build.
pub(super) fn parse_file(
    file: &WalkedFile,
    memo: Option<&dyn LoadMemo>,
    started_ns: i64,
) -> Result<Parsed, Diagnostic> {
    let memo_and_stat = memo.filter(|_| is_item_file(&file.rel)).and_then(|memo| {
        let stat = file.stat.or_else(|| SourceStat::of(&file.path))?;
        Some((memo, stat))
    });
    if let Some((memo, stat)) = memo_and_stat {
        if let Some(item) = memo
            .file(&file.rel, &stat)
            .and_then(|known| known_item(file, known, memo))
        {
            return Ok(Parsed::Item(item));
        }
    }
    let parsed = super::read::with_text(&file.path, &file.rel, |text| {
        parse_text(&file.rel, text, memo)
    })??;
    if let (Some((memo, stat)), Parsed::Item(parsed)) = (memo_and_stat, &parsed) {
        if stat.settled_before(started_ns, SETTLED_NS) {
            memo.loaded(&file.rel, &known_file(stat, &parsed.item));
        }
    }
    Ok(parsed)
}

/// What the memo keeps of an item read from its file.
fn known_file(stat: SourceStat, item: &Item) -> KnownFile {
    KnownFile {
        stat,
        yaml: item.source.front.to_string(),
        yaml_offset: item.source.front_offset,
        body_offset: item.source.body_offset,
        body_hash: item.body.hash(),
        has_text: item.body.has_text(),
        summary: super::summary::summary_of(item).to_string(),
    }
}

/// The item of an unchanged file, from what an earlier build kept of it (`None` if its
/// front matter is not known too: the file is read then).
fn known_item(file: &WalkedFile, known: KnownFile, memo: &dyn LoadMemo) -> Option<Box<ParsedItem>> {
    let front = memo.front(&known.yaml)?;
    let source = SourceFile::new(
        file.rel.clone(),
        &known.yaml,
        known.yaml_offset,
        known.body_offset,
    );
    let body = Body::on_disk(
        file.path.clone(),
        file.rel.clone(),
        known.body_hash,
        known.has_text,
    );
    let item = new_item(&file.rel, front, body, source);
    let _ = item.item.summary.set(known.summary);
    Some(item)
}

/// One Markdown file's text (`rel` like `content/zwdt/a.md`) as a home, column or item.
pub(super) fn parse_text(
    rel: &str,
    text: &str,
    memo: Option<&dyn LoadMemo>,
) -> Result<Parsed, Diagnostic> {
    let split = front::split(text, rel)?;
    let (dir, name) = dir_and_name(rel);
    let source = || {
        SourceFile::new(
            rel.to_string(),
            split.yaml,
            split.yaml_offset,
            split.body_offset,
        )
    };
    let body = split.body.to_string();
    if name == "_index.md" && dir.is_empty() {
        let front = yaml::parse_value::<HomeFront>(rel, split.yaml, split.yaml_offset)?;
        return Ok(Parsed::Home(Home {
            front,
            body,
            source: Some(source()),
        }));
    }
    if name == "_index.md" {
        let front = yaml::parse_value::<ColumnFront>(rel, split.yaml, split.yaml_offset)?;
        let mut column = implicit_column(dir);
        column.front = front;
        column.body = body;
        column.source = source();
        column.has_index = true;
        return Ok(Parsed::Column(column));
    }
    let front = match memo.and_then(|f| f.front(split.yaml)) {
        Some(front) => front,
        None => {
            let front = yaml::parse_value::<ItemFront>(rel, split.yaml, split.yaml_offset)?;
            if let Some(memo) = memo {
                memo.parsed(split.yaml, &front);
            }
            front
        }
    };
    Ok(Parsed::Item(new_item(
        rel,
        front,
        Body::new(body),
        source(),
    )))
}

/// The item of the file `rel`, not yet placed in its column.
fn new_item(rel: &str, front: ItemFront, body: Body, source: SourceFile) -> Box<ParsedItem> {
    let (dir, name) = dir_and_name(rel);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let slug = front
        .slug
        .as_ref()
        .map_or(stem.to_string(), |s| s.0.clone());
    let path = if dir.is_empty() {
        stem.to_string()
    } else {
        format!("{dir}/{stem}")
    };
    Box::new(ParsedItem {
        item: Item {
            column: None,
            path,
            url: String::new(),
            front,
            date: None,
            written: None,
            asked: None,
            answered: None,
            body,
            source,
            summary: Default::default(),
        },
        dir: dir.to_string(),
        slug,
    })
}

/// The content folder of the file `rel` ("" for the content root) and its name.
fn dir_and_name(rel: &str) -> (&str, &str) {
    let content_path = rel.strip_prefix("content/").unwrap_or(rel);
    content_path.rsplit_once('/').unwrap_or(("", content_path))
}

#[cfg(test)]
mod tests {
    use super::super::read::now_ns;
    use super::*;
    use std::collections::HashMap;
    use std::sync::Mutex;

    /// What a build cache would keep, in memory.
    #[derive(Default)]
    struct Memo {
        fronts: Mutex<HashMap<String, ItemFront>>,
        files: Mutex<HashMap<String, KnownFile>>,
    }

    impl LoadMemo for Memo {
        fn front(&self, yaml: &str) -> Option<ItemFront> {
            self.fronts.lock().unwrap().get(yaml).cloned()
        }
        fn parsed(&self, yaml: &str, front: &ItemFront) {
            self.fronts
                .lock()
                .unwrap()
                .insert(yaml.into(), front.clone());
        }
        fn file(&self, rel: &str, stat: &SourceStat) -> Option<KnownFile> {
            let files = self.files.lock().unwrap();
            files.get(rel).filter(|k| k.stat == *stat).cloned()
        }
        fn loaded(&self, rel: &str, file: &KnownFile) {
            self.files.lock().unwrap().insert(rel.into(), file.clone());
        }
    }

    fn item(parsed: Parsed) -> Item {
        match parsed {
            Parsed::Item(parsed) => parsed.item,
            _ => panic!("an item"),
        }
    }

    #[test]
    fn an_item_file_known_by_its_stat_is_not_read_and_a_changed_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "---\ntitle: 通知\n---\n第一段正文。\n\n第二段\n").unwrap();
        let file = WalkedFile {
            rel: "content/zwdt/a.md".into(),
            path: path.clone(),
            stat: None,
        };
        let memo = Memo::default();
        // A file that changed just before the build began is not remembered by its stat.
        let read = item(parse_file(&file, Some(&memo), now_ns()).unwrap());
        assert!(memo.files.lock().unwrap().is_empty());
        // One that had settled is.
        let later = now_ns() + 10 * SETTLED_NS;
        item(parse_file(&file, Some(&memo), later).unwrap());

        let known = item(parse_file(&file, Some(&memo), later).unwrap());
        assert!(!known.body.is_read(), "the body stays on disk");
        assert_eq!(format!("{:?}", known.front), format!("{:?}", read.front));
        assert_eq!(
            known.summary.get().map(String::as_str),
            Some("第一段正文。")
        );
        assert_eq!(known.body.hash(), read.body.hash());
        assert_eq!(
            known.source.spans().best("title"),
            read.source.spans().best("title")
        );
        assert_eq!(known.body.as_str(), read.body.as_str());

        std::fs::write(&path, "---\ntitle: 通知\n---\n改过的正文。\n").unwrap();
        let changed = item(parse_file(&file, Some(&memo), later).unwrap());
        assert!(changed.body.is_read());
        assert_eq!(changed.body.as_str(), "改过的正文。\n");
    }
}
