//! The site model: columns (栏目) from folders, items from Markdown files, the homepage,
//! loose pages and static files, with their URLs. Loading is in `load`.

mod body;
pub mod front;
mod load;
mod memo;
mod parse;
mod read;
mod shared;
pub mod summary;
mod validate;
mod walk;

pub use body::Body;
pub use front::{ColumnFront, HomeFront, ItemFront, ServiceFront};
pub(crate) use load::reload_item;
pub use load::{load, load_texts, load_with};
pub use memo::{KnownFile, LoadMemo};
pub use read::{decode, now_ns, read_text, SourceStat};

use crate::attachments::{self, AttachmentText};
use crate::config::{Config, Date, SpanMap};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Where a model element came from: its file (relative to the site folder, with `/`) and
/// the spans of its front matter keys.
#[derive(Debug, Clone, Default)]
pub struct SourceFile {
    pub file: String,
    /// The front matter as written and where it starts in the file, for [`Self::spans`].
    front: Box<str>,
    front_offset: usize,
    spans: OnceLock<SpanMap>,
    /// Byte offset of the Markdown body in the file.
    pub body_offset: usize,
}

impl SourceFile {
    /// A content file whose front matter `front` starts at byte `front_offset`.
    pub fn new(file: String, front: &str, front_offset: usize, body_offset: usize) -> Self {
        SourceFile {
            file,
            front: front.into(),
            front_offset,
            spans: OnceLock::new(),
            body_offset,
        }
    }

    /// A model element made by govsite itself, located by `spans`.
    pub fn with_spans(file: String, spans: SpanMap, body_offset: usize) -> Self {
        SourceFile {
            file,
            spans: OnceLock::from(spans),
            body_offset,
            ..Default::default()
        }
    }

    /// Hashes what the spans are made from (the front matter as written and where it is),
    /// without working them out: the build cache's key of a file's position data.
    pub fn hash_origin<H: std::hash::Hasher>(&self, h: &mut H) {
        use std::hash::Hash;
        (&self.file, &self.front, self.front_offset, self.body_offset).hash(h);
        if self.front.is_empty() {
            // Made by govsite with its spans given (an announcement), not parsed.
            if let Some(spans) = self.spans.get() {
                for (key, span) in spans.sorted() {
                    (key, &span.key, &span.value).hash(h);
                }
                spans.whole.hash(h);
            }
        }
    }

    /// The spans of the front matter's keys. Worked out on first use: only a finding
    /// needs them, and parsing every file's front matter a second time for its spans was
    /// a noticeable part of loading a large site.
    pub fn spans(&self) -> &SpanMap {
        self.spans
            .get_or_init(|| crate::config::yaml::span_map(&self.front, self.front_offset))
    }
}

/// A column (栏目): a folder under `content/`.
#[derive(Debug)]
pub struct Column {
    /// Content path, e.g. `zwdt` or `zwdt/sub`.
    pub path: String,
    /// `/zwdt/sub/`.
    pub url: String,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Published items, newest first.
    pub items: Vec<usize>,
    pub front: ColumnFront,
    pub body: String,
    pub source: SourceFile,
    /// False when the folder has no `_index.md`.
    pub has_index: bool,
}

impl Column {
    /// The column's title, or its folder name when it has none.
    pub fn title(&self) -> &str {
        match &self.front.title {
            Some(t) => t.as_str(),
            None => self.path.rsplit('/').next().unwrap_or(&self.path),
        }
    }

    /// The national ColumnType, if declared.
    pub fn column_type(&self) -> Option<&str> {
        self.front.column_type.as_ref().map(|t| t.as_str())
    }

    pub fn description(&self) -> &str {
        self.front
            .description
            .as_ref()
            .map_or(self.title(), |t| t.as_str())
    }

    pub fn keywords(&self) -> Vec<&str> {
        if self.front.keywords.is_empty() {
            vec![self.title()]
        } else {
            self.front.keywords.iter().map(|k| k.as_str()).collect()
        }
    }

    pub fn weight(&self) -> i64 {
        self.front.weight.map_or(i64::MAX, i64::from)
    }
}

/// An item (信息条目) in a column, or a loose page outside any column.
#[derive(Debug)]
pub struct Item {
    /// `None` for a loose page such as `content/about.md`.
    pub column: Option<usize>,
    /// Content path without `.md`, e.g. `zcwj/2026-11-18-winter` (what `interprets:` names).
    pub path: String,
    pub url: String,
    pub front: ItemFront,
    pub date: Option<Date>,
    pub written: Option<Date>,
    pub asked: Option<Date>,
    pub answered: Option<Date>,
    pub body: Body,
    pub source: SourceFile,
    /// The listing summary, worked out once: listings, page metadata, feeds and the search
    /// index all show it (`render::context::summary_of`).
    pub summary: OnceLock<String>,
}

impl Item {
    pub fn title(&self) -> &str {
        self.front.title.as_ref().map_or("", |t| t.as_str())
    }

    pub fn is_loose(&self) -> bool {
        self.column.is_none()
    }
}

/// The homepage, from `content/_index.md` when present.
#[derive(Debug, Default)]
pub struct Home {
    pub front: HomeFront,
    pub body: String,
    pub source: Option<SourceFile>,
}

/// A file copied verbatim into the output.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Output path relative to the output folder, with `/`.
    pub output: String,
    pub path: PathBuf,
    /// Where it came from, for messages (`static/a.pdf`).
    pub source: String,
    /// From the platform's shared 资源库: published only where a page or stylesheet of
    /// the site refers to it.
    pub shared: bool,
}

/// The loaded site.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// "Today" for freshness and notice rules (`--as-of`).
    pub as_of: Date,
    pub home: Home,
    pub columns: Vec<Column>,
    pub items: Vec<Item>,
    pub statics: Vec<StaticFile>,
    /// Item index by content path.
    pub item_by_path: HashMap<String, usize>,
    /// The text of the site's own attachments, read once on first use (`attachments()`).
    pub attachments: OnceLock<Vec<AttachmentText>>,
}

impl Site {
    /// The text of every attachment the site publishes itself (not the platform's shared
    /// files), read in parallel the first time a rule asks.
    pub fn attachments(&self) -> &[AttachmentText] {
        self.attachments.get_or_init(|| {
            use rayon::prelude::*;
            let files: Vec<&StaticFile> = self.attachment_files().collect();
            files
                .par_iter()
                .map(|s| attachments::extract(&s.path, &s.output, &s.source))
                .collect()
        })
    }

    /// The attachment files the site publishes itself (not the platform's shared files),
    /// without reading them.
    pub fn attachment_files(&self) -> impl Iterator<Item = &StaticFile> {
        self.statics
            .iter()
            .filter(|s| !s.shared && attachments::is_attachment(&s.path))
    }

    /// Top-level columns ordered by weight, then path.
    pub fn top_columns(&self) -> Vec<usize> {
        let mut top: Vec<usize> = (0..self.columns.len())
            .filter(|&i| self.columns[i].parent.is_none())
            .collect();
        self.sort_columns(&mut top);
        top
    }

    pub fn sort_columns(&self, ids: &mut [usize]) {
        ids.sort_by(|&a, &b| {
            let (a, b) = (&self.columns[a], &self.columns[b]);
            (a.weight(), &a.path).cmp(&(b.weight(), &b.path))
        });
    }

    /// Items of a column and of all its sub-columns, newest first.
    pub fn items_under(&self, column: usize) -> Vec<usize> {
        let mut out = self.columns[column].items.clone();
        for &child in &self.columns[column].children {
            out.extend(self.items_under(child));
        }
        self.sort_newest_first(&mut out);
        out
    }

    pub fn sort_newest_first(&self, ids: &mut [usize]) {
        ids.sort_by(|&a, &b| {
            let (a, b) = (&self.items[a], &self.items[b]);
            b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path))
        });
    }

    /// The column's type, or its nearest ancestor's.
    pub fn column_type_of(&self, column: usize) -> Option<&str> {
        let mut current = Some(column);
        while let Some(c) = current {
            if let Some(t) = self.columns[c].column_type() {
                return Some(t);
            }
            current = self.columns[c].parent;
        }
        None
    }

    /// The type of the column an item is in.
    pub fn item_type(&self, item: usize) -> Option<&str> {
        self.column_type_of(self.items[item].column?)
    }

    /// Interpretations (政策解读 items) that point at each policy item.
    pub fn interpretations(&self) -> HashMap<usize, Vec<usize>> {
        let mut map: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, item) in self.items.iter().enumerate() {
            if self.item_type(i) != Some("政策解读") {
                continue;
            }
            if let Some(target) = item
                .front
                .interprets
                .as_ref()
                .and_then(|t| self.find_item(t.as_str()))
            {
                map.entry(target).or_default().push(i);
            }
        }
        map
    }

    /// Finds an item by content path, tolerating a leading `/`, `content/` or `.md`.
    pub fn find_item(&self, path: &str) -> Option<usize> {
        let path = path.trim().trim_start_matches('/');
        let path = path.strip_prefix("content/").unwrap_or(path);
        let path = path.strip_suffix(".md").unwrap_or(path);
        let path = path.trim_end_matches('/');
        self.item_by_path.get(path).copied()
    }
}
