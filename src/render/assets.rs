//! Theme assets: CSS bundled and minified by lightningcss (the colour tokens prepended to
//! the entry stylesheet), other files copied as they are.

use super::theme::{Theme, ThemeFile};
use crate::diagnostics::Diagnostic;
use lightningcss::bundler::{Bundler, ResolveResult, SourceProvider};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions};
use lightningcss::targets::{Browsers, Targets};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The stylesheet every page loads; `@import`s in it are bundled.
pub const ENTRY_CSS: &str = "assets/site.css";

/// An output file produced from the theme.
pub struct Asset {
    pub output: String,
    pub bytes: Vec<u8>,
}

/// In-memory files for the bundler, so embedded and on-disk themes work alike.
struct MemoryFiles(HashMap<PathBuf, String>);

#[derive(Debug)]
struct Missing(String);

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "找不到样式文件 {}", self.0)
    }
}

impl std::error::Error for Missing {}

impl SourceProvider for MemoryFiles {
    type Error = Missing;

    fn read<'a>(&'a self, file: &Path) -> Result<&'a str, Missing> {
        self.0
            .get(file)
            .map(String::as_str)
            .ok_or_else(|| Missing(file.display().to_string()))
    }

    fn resolve(&self, specifier: &str, originating_file: &Path) -> Result<ResolveResult, Missing> {
        let base = originating_file.parent().unwrap_or(Path::new(""));
        let mut path = PathBuf::new();
        for part in base.join(specifier).components() {
            match part {
                std::path::Component::ParentDir => {
                    path.pop();
                }
                std::path::Component::Normal(p) => path.push(p),
                _ => {}
            }
        }
        Ok(ResolveResult::File(path))
    }
}

/// Produces the theme's static files: CSS through lightningcss, the rest verbatim.
pub fn build(theme: &Theme, minify: bool) -> Result<Vec<Asset>, Vec<Diagnostic>> {
    let mut files: HashMap<PathBuf, String> = HashMap::new();
    let mut assets = Vec::new();
    for file in &theme.statics {
        if file.name.ends_with(".css") {
            let text = String::from_utf8_lossy(&file.bytes).into_owned();
            files.insert(PathBuf::from(&file.name), text);
        } else {
            assets.push(Asset {
                output: file.name.clone(),
                bytes: file.bytes.clone(),
            });
        }
    }
    if let Some(entry) = files.get_mut(Path::new(ENTRY_CSS)) {
        entry.insert_str(0, &theme.token_css());
    }
    let provider = MemoryFiles(files);
    let css_files: Vec<&ThemeFile> = theme
        .statics
        .iter()
        .filter(|f| f.name.ends_with(".css"))
        .collect();
    for file in css_files {
        let css = bundle(&provider, &file.name, minify).map_err(|message| {
            vec![
                Diagnostic::error("GOV005", format!("样式表无法处理：{message}"))
                    .at(file.origin.clone(), None)
                    .with_help("修正 CSS 语法错误"),
            ]
        })?;
        assets.push(Asset {
            output: file.name.clone(),
            bytes: css.into_bytes(),
        });
    }
    assets.push(Asset {
        output: "assets/syntax.css".to_string(),
        bytes: crate::markdown::highlight_css().into_bytes(),
    });
    Ok(assets)
}

fn bundle(provider: &MemoryFiles, entry: &str, minify: bool) -> Result<String, String> {
    let mut bundler = Bundler::new(provider, None, ParserOptions::default());
    let mut sheet = bundler
        .bundle(Path::new(entry))
        .map_err(|e| e.to_string())?;
    let targets = Targets::from(Browsers {
        chrome: Some(80 << 16),
        firefox: Some(78 << 16),
        safari: Some(13 << 16),
        edge: Some(80 << 16),
        ..Browsers::default()
    });
    sheet
        .minify(MinifyOptions {
            targets,
            ..MinifyOptions::default()
        })
        .map_err(|e| e.to_string())?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify,
            targets,
            ..PrinterOptions::default()
        })
        .map_err(|e| e.to_string())?;
    Ok(printed.code)
}
