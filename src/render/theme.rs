//! Theme resolution: the site's own `themes/<name>/`, else the built-in theme embedded in
//! the binary; the site's `templates/` overrides theme templates of the same name. A
//! theme's `theme.yaml` declares its colour tokens (normal and high-contrast) and the
//! text/background pairs GOV509 checks; the build turns the tokens into CSS variables so
//! the colours checked are the colours shipped.

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use include_dir::{include_dir, Dir};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

static BUILTIN_THEMES: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes");

/// One text file of a theme or site, with where it came from (for GOV005 messages).
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Path inside `templates/` or `static/`, with `/`.
    pub name: String,
    pub bytes: Vec<u8>,
    /// Where a user finds it: `themes/default/templates/base.html` (built-in themes are
    /// named as in the govsite source tree).
    pub origin: String,
}

/// A colour pair that must meet WCAG contrast in both modes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColorPair {
    pub fg: String,
    pub bg: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub large: bool,
}

/// The colour tokens of the two display modes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeColors {
    #[serde(default)]
    pub normal: BTreeMap<String, String>,
    #[serde(default)]
    pub contrast: BTreeMap<String, String>,
}

/// `theme.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeManifest {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub colors: ThemeColors,
    #[serde(default)]
    pub pairs: Vec<ColorPair>,
}

/// A resolved theme.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: Vec<ThemeFile>,
    pub statics: Vec<ThemeFile>,
    pub manifest: ThemeManifest,
    /// Where theme.yaml is, for messages.
    pub manifest_origin: String,
}

impl Theme {
    /// The CSS custom properties for the colour tokens: `:root{--gs-text:#…}` and the
    /// high-contrast overrides under `html.gs-contrast`.
    pub fn token_css(&self) -> String {
        let vars = |map: &BTreeMap<String, String>| {
            map.iter()
                .map(|(k, v)| format!("--gs-{k}:{v};"))
                .collect::<String>()
        };
        format!(
            ":root{{{}}}\nhtml.gs-contrast{{{}}}\n",
            vars(&self.manifest.colors.normal),
            vars(&self.manifest.colors.contrast)
        )
    }
}

/// Loads the theme named in site.yaml (the site's `themes/`, else a platform's shared
/// `themes/`, else built-in) with the site's template overrides.
pub fn load(config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let name = &config.theme;
    let own = config.root.join("themes").join(name);
    // A platform's shared theme comes after the site's own and before the built-in ones.
    let shared = config.shared_themes.as_ref().map(|d| d.join(name));
    let mut theme = if own.is_dir() {
        from_disk(&own, &format!("themes/{name}"))?
    } else if let Some(shared) = shared.filter(|d| d.is_dir()) {
        from_disk(&shared, &shared.display().to_string())?
    } else if let Some(dir) = BUILTIN_THEMES.get_dir(name.as_str()) {
        from_embedded(dir, name)
    } else {
        return Err(vec![bad_theme(config, name)]);
    };
    let overrides = config.root.join("templates");
    if overrides.is_dir() {
        let mut files = Vec::new();
        collect_disk(&overrides, &overrides, "templates", &mut files)?;
        for file in files {
            theme.templates.retain(|t| t.name != file.name);
            theme.templates.push(file);
        }
    }
    Ok(theme)
}

fn bad_theme(config: &Config, name: &str) -> Diagnostic {
    Diagnostic::error("GOV003", format!("找不到主题 `{name}`"))
        .at(crate::config::SITE_FILE, config.spans.value("theme"))
        .with_help("theme 写内置主题 default，或网站 themes/ 下的文件夹名")
}

fn from_embedded(dir: &'static Dir<'static>, name: &str) -> Theme {
    let mut theme = Theme::default();
    let mut files = Vec::new();
    collect_embedded(dir, &mut files);
    for file in files {
        let rel = file.path().strip_prefix(dir.path()).unwrap_or(file.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        let origin = format!("themes/{name}/{rel}");
        if let Some(template) = rel.strip_prefix("templates/") {
            theme.templates.push(ThemeFile {
                name: template.to_string(),
                bytes: file.contents().to_vec(),
                origin,
            });
        } else if let Some(asset) = rel.strip_prefix("static/") {
            theme.statics.push(ThemeFile {
                name: asset.to_string(),
                bytes: file.contents().to_vec(),
                origin,
            });
        } else if rel == "theme.yaml" {
            theme.manifest = serde_yaml::from_slice(file.contents()).unwrap_or_default();
            theme.manifest_origin = origin;
        }
    }
    theme
}

fn collect_embedded(
    dir: &'static Dir<'static>,
    out: &mut Vec<&'static include_dir::File<'static>>,
) {
    out.extend(dir.files());
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

fn from_disk(dir: &Path, label: &str) -> Result<Theme, Vec<Diagnostic>> {
    let mut theme = Theme::default();
    let templates = dir.join("templates");
    if templates.is_dir() {
        collect_disk(
            &templates,
            &templates,
            &format!("{label}/templates"),
            &mut theme.templates,
        )?;
    }
    let statics = dir.join("static");
    if statics.is_dir() {
        collect_disk(
            &statics,
            &statics,
            &format!("{label}/static"),
            &mut theme.statics,
        )?;
    }
    let manifest = dir.join("theme.yaml");
    theme.manifest_origin = format!("{label}/theme.yaml");
    if manifest.is_file() {
        let text =
            crate::content::read_text(&manifest, &theme.manifest_origin).map_err(|d| vec![d])?;
        theme.manifest =
            crate::config::yaml::parse::<ThemeManifest>(&theme.manifest_origin, &text, 0)
                .map_err(|d| vec![d])?
                .value;
    }
    Ok(theme)
}

fn collect_disk(
    base: &Path,
    dir: &Path,
    label: &str,
    out: &mut Vec<ThemeFile>,
) -> Result<(), Vec<Diagnostic>> {
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            vec![
                Diagnostic::error("GOV006", format!("无法读取主题文件：{e}"))
                    .at(label.to_string(), None),
            ]
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(base).unwrap_or(entry.path());
        let name = rel.to_string_lossy().replace('\\', "/");
        let origin = format!("{label}/{name}");
        let bytes = std::fs::read(entry.path()).map_err(|e| {
            vec![
                Diagnostic::error("GOV006", format!("无法读取主题文件：{e}"))
                    .at(origin.clone(), None),
            ]
        })?;
        out.push(ThemeFile {
            name,
            bytes,
            origin,
        });
    }
    Ok(())
}
