//! An item's Markdown body, read from its file only when something needs its text.
//!
//! A build that reuses the pages of an unchanged file (the build cache) needs of its body
//! only the hash (for the pages' fingerprints) and whether it holds any text (GOV803): the
//! cache keeps those by the file's stat, as git's index does, and the body stays on disk
//! unless a page that shows it is rendered again. A body read later is checked against
//! the hash the build went by; a file changed in the meantime fails the build
//! ([`Body::failure`]) rather than publishing pages made from two versions of it.

use crate::diagnostics::Diagnostic;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The Markdown body of an item (what follows its front matter).
pub struct Body {
    text: OnceLock<String>,
    hash: OnceLock<u128>,
    has_text: OnceLock<bool>,
    /// Where the text is, when it was not read with the front matter.
    file: Option<Box<OnDisk>>,
}

struct OnDisk {
    path: PathBuf,
    /// The file as messages name it (`content/zwdt/a.md`).
    rel: String,
    /// Why the text read later is not the one the build went by.
    failure: OnceLock<Diagnostic>,
}

impl Body {
    /// A body whose text is at hand.
    pub fn new(text: String) -> Body {
        Body {
            text: OnceLock::from(text),
            hash: OnceLock::new(),
            has_text: OnceLock::new(),
            file: None,
        }
    }

    /// The body of the file at `path` (`rel` in messages), known by its hash and whether
    /// it has text, to be read on first use.
    pub fn on_disk(path: PathBuf, rel: String, hash: u128, has_text: bool) -> Body {
        Body {
            text: OnceLock::new(),
            hash: OnceLock::from(hash),
            has_text: OnceLock::from(has_text),
            file: Some(Box::new(OnDisk {
                path,
                rel,
                failure: OnceLock::new(),
            })),
        }
    }

    /// The text, read from the file now if it was not yet.
    pub fn as_str(&self) -> &str {
        self.text.get_or_init(|| self.read())
    }

    /// The hash of the text (xxh3-128).
    pub fn hash(&self) -> u128 {
        *self
            .hash
            .get_or_init(|| xxhash_rust::xxh3::xxh3_128(self.as_str().as_bytes()))
    }

    /// Whether the body holds any letter, digit or CJK character (a text, a link target,
    /// an image source): a body of only whitespace and punctuation (`---`) shows nothing.
    pub fn has_text(&self) -> bool {
        *self
            .has_text
            .get_or_init(|| self.as_str().chars().any(char::is_alphanumeric))
    }

    /// Whether the text has been read (or was at hand from the start).
    pub fn is_read(&self) -> bool {
        self.text.get().is_some()
    }

    /// Why a body read after loading is not the one the build went by (the file changed
    /// or went away during the build): the build must fail with this.
    pub fn failure(&self) -> Option<&Diagnostic> {
        self.file.as_ref()?.failure.get()
    }

    fn read(&self) -> String {
        let Some(file) = &self.file else {
            return String::new();
        };
        let body = super::read::read_text(&file.path, &file.rel).and_then(|text| {
            let body = super::front::split(&text, &file.rel)?.body.to_string();
            Ok(body)
        });
        match body {
            Ok(body) if self.hash.get() == Some(&xxhash_rust::xxh3::xxh3_128(body.as_bytes())) => {
                body
            }
            Ok(body) => {
                let _ = file.failure.set(changed(&file.rel));
                body
            }
            Err(e) => {
                let _ = file.failure.set(e);
                String::new()
            }
        }
    }
}

/// GOV006 for a file that changed while the build ran.
fn changed(rel: &str) -> Diagnostic {
    Diagnostic::error("GOV006", "文件在构建过程中被修改".to_string())
        .at(rel, None)
        .with_help("保存完所有文件后重新运行 govsite build")
}

impl std::ops::Deref for Body {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.text.get() {
            Some(text) => text.fmt(f),
            None => {
                let file = self.file.as_ref().map_or("", |f| f.rel.as_str());
                write!(f, "<body of {file}, not read>")
            }
        }
    }
}

impl Default for Body {
    fn default() -> Body {
        Body::new(String::new())
    }
}

impl From<String> for Body {
    fn from(text: String) -> Body {
        Body::new(text)
    }
}

impl From<&str> for Body {
    fn from(text: &str) -> Body {
        Body::new(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(dir: &std::path::Path, text: &str) -> PathBuf {
        let path = dir.join("a.md");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_body_on_disk_is_read_on_first_use_and_checked_against_its_hash() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(dir.path(), "---\ntitle: a\n---\n正文\n");
        let loaded = Body::new("正文\n".to_string());
        let lazy = Body::on_disk(path, "content/a.md".into(), loaded.hash(), true);
        assert!(!lazy.is_read());
        assert!(lazy.has_text(), "known without reading");
        assert!(!lazy.is_read());
        assert_eq!(lazy.as_str(), "正文\n");
        assert!(lazy.failure().is_none());
        assert_eq!(lazy.hash(), loaded.hash());
    }

    #[test]
    fn a_body_changed_or_gone_since_loading_is_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(dir.path(), "---\ntitle: a\n---\n改过的正文\n");
        let hash = Body::new("正文\n".to_string()).hash();
        let changed = Body::on_disk(path.clone(), "content/a.md".into(), hash, true);
        assert_eq!(changed.as_str(), "改过的正文\n");
        let failure = changed.failure().expect("changed during the build");
        assert_eq!(failure.code, "GOV006");
        assert!(failure.message.contains("构建过程中被修改"));

        std::fs::remove_file(&path).unwrap();
        let gone = Body::on_disk(path, "content/a.md".into(), hash, true);
        assert_eq!(gone.as_str(), "");
        assert!(gone.failure().unwrap().message.contains("文件不存在"));
    }

    #[test]
    fn a_body_at_hand_knows_its_text() {
        assert!(!Body::from("---\n\n").has_text());
        assert!(Body::from("[下载](/a.pdf)").has_text());
        assert!(Body::default().failure().is_none());
    }
}
