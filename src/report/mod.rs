//! `govsite report`: figures and tables that supervisors ask for, computed from the sites'
//! own files. [`annual`] is the 《政府网站工作年度报表》 (国办函〔2018〕12号) as far as the
//! content can tell — every figure that comes from another system is listed as 待填写,
//! never estimated. [`sites`] is the two site tables of the integration notice's
//! attachments (sites kept; sites taken offline with where their content went).

pub mod annual;
pub mod annual_format;
pub mod form;
pub mod sites;
pub mod supervision;

use crate::config::{self, Date};
use crate::content::{self, Site};
use crate::diagnostics::{Diagnostic, Report, SourceMap};
use crate::pipeline::Outcome;
use std::path::Path;

/// Output formats of `report annual`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AnnualFormat {
    Json,
    Csv,
    Html,
}

/// Output formats of `report sites`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    Csv,
    Html,
}

/// `govsite report annual`: the annual report of the site in `root` for `year`.
pub fn annual_report(
    root: &Path,
    year: i32,
    format: AnnualFormat,
    as_of: Option<Date>,
) -> Result<String, Outcome> {
    let site = load_site(root, as_of)?;
    let report = annual::compute(&site, year);
    Ok(match format {
        AnnualFormat::Json => annual_format::to_json(&report),
        AnnualFormat::Csv => annual_format::to_csv(&report),
        AnnualFormat::Html => annual_format::to_html(&report),
    })
}

/// `govsite report sites`: the kept / offline tables of the sites in `roots`.
pub fn sites_report(roots: &[std::path::PathBuf], format: TableFormat) -> Result<String, Outcome> {
    let mut configs = Vec::new();
    let mut errors = Vec::new();
    for root in roots {
        match config::load(root) {
            Ok((config, _)) => configs.push(config),
            Err(found) => errors.extend(found.into_iter().map(|d| in_folder(d, root))),
        }
    }
    if !errors.is_empty() {
        return Err(failed(SourceMap::new(""), errors));
    }
    let tables = sites::tables(&configs);
    Ok(match format {
        TableFormat::Csv => sites::to_csv(&tables),
        TableFormat::Html => sites::to_html(&tables),
    })
}

/// `govsite report supervision`: the platform in `dir`'s 监管年度报表 for `year`; the
/// sample results are read from `out` (default `dir/public`).
pub fn supervision_report(
    dir: &Path,
    year: i32,
    format: AnnualFormat,
    out: Option<&Path>,
) -> Result<String, Outcome> {
    let platform = crate::platform::load(dir)?;
    let mut configs = Vec::new();
    let mut errors = Vec::new();
    for member in &platform.members {
        match config::load(&member.root) {
            Ok((config, _)) => configs.push(config),
            Err(found) => errors.extend(found.into_iter().map(|d| in_folder(d, &member.root))),
        }
    }
    if !errors.is_empty() {
        return Err(failed(SourceMap::new(""), errors));
    }
    let out = out.map_or_else(|| dir.join("public"), Path::to_path_buf);
    let report = supervision::compute(&platform.config.name, &configs, &out, year);
    Ok(match format {
        AnnualFormat::Json => annual_format::to_json(&report),
        AnnualFormat::Csv => annual_format::to_csv(&report),
        AnnualFormat::Html => annual_format::to_html(&report),
    })
}

/// The site model as a build sees it (with the announcements published).
fn load_site(root: &Path, as_of: Option<Date>) -> Result<Site, Outcome> {
    let sources = SourceMap::new(root);
    let (config, text) = config::load(root).map_err(|e| failed(sources.clone(), e))?;
    sources.insert(config::SITE_FILE, &text);
    let mut site = content::load(config, as_of.unwrap_or_else(Date::today))
        .map_err(|e| failed(sources.clone(), e))?;
    crate::notices::announcements::publish(&mut site);
    Ok(site)
}

/// A diagnostic about a file of one of several sites, named from the working folder.
fn in_folder(mut d: Diagnostic, root: &Path) -> Diagnostic {
    if let Some(location) = &mut d.location {
        location.file = root.join(&location.file).to_string_lossy().into_owned();
    }
    d
}

fn failed(sources: SourceMap, errors: Vec<Diagnostic>) -> Outcome {
    let mut report = Report::default();
    report.extend(errors);
    report.sort();
    Outcome {
        report,
        sources,
        pages: 0,
        updated: None,
        elapsed: Default::default(),
    }
}

/// A CSV field, quoted when it must be.
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One CSV line from fields.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let fields: Vec<String> = fields.iter().map(|f| csv_field(f.as_ref())).collect();
    format!("{}\n", fields.join(","))
}

/// Text escaped for HTML.
pub fn esc(text: &str) -> String {
    tera::escape_html(text)
}

/// A standalone, accessible HTML page around `body` (lang, title, a readable table style).
pub fn html_page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t}</title>\n<style>body{{font-family:system-ui,\"PingFang SC\",\"Microsoft YaHei\",sans-serif;font-size:16px;line-height:1.6;color:#1a1a1a;max-width:60rem;margin:2rem auto;padding:0 1rem}}table{{border-collapse:collapse;width:100%;margin:1rem 0 2rem}}caption{{font-weight:bold;text-align:left;padding:.5rem 0}}th,td{{border:1px solid #666;padding:.4rem .6rem;text-align:left;vertical-align:top}}th{{background:#eef2f6}}.pending{{color:#8a1c1c}}</style>\n</head>\n<body>\n<main>\n<h1>{t}</h1>\n{body}</main>\n</body>\n</html>\n",
        t = esc(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("示例"), "示例");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_line(&["1", "x,y"]), "1,\"x,y\"\n");
    }
}
