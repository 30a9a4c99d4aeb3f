//! Maps byte offsets in site files to 1-based line:column, reading each file at most once.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// A 1-based line and column (column counted in characters, as editors do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The texts of the files that diagnostics point into. Files are loaded lazily from the
/// site folder on first use; texts already in memory can be registered up front.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    root: Option<PathBuf>,
    texts: Arc<Mutex<HashMap<String, Arc<str>>>>,
}

impl SourceMap {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        SourceMap {
            root: Some(root.into()),
            texts: Default::default(),
        }
    }

    /// Registers a text that is already in memory (e.g. site.yaml).
    pub fn insert(&self, file: &str, text: &str) {
        if let Ok(mut texts) = self.texts.lock() {
            texts.insert(file.to_string(), Arc::from(text));
        }
    }

    /// The text of `file` (relative to the site root), if it can be read.
    pub fn text(&self, file: &str) -> Option<Arc<str>> {
        let mut texts = self.texts.lock().ok()?;
        if let Some(text) = texts.get(file) {
            return Some(text.clone());
        }
        let bytes = std::fs::read(self.root.as_ref()?.join(file)).ok()?;
        let text: Arc<str> = Arc::from(String::from_utf8_lossy(&bytes).as_ref());
        texts.insert(file.to_string(), text.clone());
        Some(text)
    }

    /// The line and column of byte `offset` in `file`.
    pub fn line_col(&self, file: &str, offset: usize) -> Option<LineCol> {
        let text = self.text(file)?;
        Some(line_col_in(&text, offset))
    }
}

/// The 1-based line and character column of byte `offset` in `text`.
pub fn line_col_in(text: &str, offset: usize) -> LineCol {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    LineCol { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters() {
        let text = "a: 1\n名称: 示例\n";
        assert_eq!(line_col_in(text, 0), LineCol { line: 1, column: 1 });
        let offset = text.find("示例").unwrap();
        assert_eq!(line_col_in(text, offset), LineCol { line: 2, column: 5 });
    }

    #[test]
    fn clamps_offsets_inside_a_character() {
        let text = "名称";
        assert_eq!(line_col_in(text, 1), LineCol { line: 1, column: 1 });
        assert_eq!(line_col_in(text, 99).column, 3);
    }
}
