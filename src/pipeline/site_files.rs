//! The whole-site phase's files: everything a build writes besides its pages (theme
//! assets, static files, feeds, sitemap, catalogue, search index), and what the page pass
//! needs to know of them beforehand.

use super::*;
use crate::render::theme::Theme;
use std::collections::HashMap;

/// What the whole-site phase needs that no page changes.
pub(super) struct SiteOutputs {
    /// The theme's assets, built.
    pub(super) assets: Vec<assets::Asset>,
    /// Every file the build writes, pages included.
    pub(super) files: facts::SiteFiles,
    /// The references in the stylesheets that end up in the output.
    pub(super) stylesheets: Vec<facts::StylesheetFacts>,
}

pub(super) fn site_outputs(
    site: &Site,
    theme: &Theme,
    jobs: &[PageJob],
) -> Result<SiteOutputs, Vec<Diagnostic>> {
    let built = assets::build(theme, site.config.minify)?;
    let overridden = |output: &str| site.statics.iter().any(|s| s.output == output);
    let mut stylesheets = Vec::new();
    for asset in built.iter().filter(|a| a.output.ends_with(".css")) {
        if !overridden(&asset.output) {
            let css = String::from_utf8_lossy(&asset.bytes);
            stylesheets.push(facts::StylesheetFacts {
                output: asset.output.clone(),
                urls: rules::urls::css_urls(&css),
            });
        }
    }
    for file in site.statics.iter().filter(|s| s.output.ends_with(".css")) {
        // An unreadable file is reported (GOV006) when it is copied.
        if let Ok(css) = std::fs::read_to_string(&file.path) {
            stylesheets.push(facts::StylesheetFacts {
                output: file.output.clone(),
                urls: rules::urls::css_urls(&css),
            });
        }
    }
    let files = render::pages::generated_files(site, jobs)
        .into_iter()
        .chain(jobs.iter().map(|job| job.output.clone()))
        .chain(built.iter().map(|a| a.output.clone()))
        .chain(site.statics.iter().map(|s| s.output.clone()));
    Ok(SiteOutputs {
        files: facts::SiteFiles::new(files),
        assets: built,
        stylesheets,
    })
}

/// Everything that is not a page: theme assets, static files, feeds, sitemap, search index.
pub(super) fn write_site_files(
    site: &Site,
    built: &[assets::Asset],
    jobs: &[PageJob],
    index: Index,
    facts: &SiteFacts,
    sink: &dyn Sink,
) -> Result<(), Vec<Diagnostic>> {
    let one = |e: Diagnostic| vec![e];
    for asset in built {
        // The site's own static/ wins over the theme's files of the same name.
        if !site.statics.iter().any(|s| s.output == asset.output) {
            sink.write(&asset.output, &asset.bytes).map_err(one)?;
        }
    }
    // A platform's shared library may hold far more than one site uses: each site
    // publishes the shared files it refers to, not a copy of the whole library. (Only
    // then is the set of referenced files made: it goes over every link.)
    let own = rules::urls::own_hosts(&site.config);
    site.statics
        .par_iter()
        .filter(|file| !file.shared || facts.referenced(&own).contains(&file.output))
        .try_for_each(|file| {
            let bytes = std::fs::read(&file.path).map_err(|e| {
                Diagnostic::error("GOV006", format!("无法读取静态文件：{e}"))
                    .at(file.source.clone(), None)
            })?;
            sink.write(&file.output, &bytes)
        })
        .map_err(one)?;
    for (name, text) in feeds::sitemaps(site, jobs, feeds::SITEMAP_MAX_URLS) {
        sink.write(&name, text.as_bytes()).map_err(one)?;
    }
    sink.write("robots.txt", feeds::robots_txt(site).as_bytes())
        .map_err(one)?;
    sink.write("rss.xml", feeds::rss(site, None).as_bytes())
        .map_err(one)?;
    for (c, column) in site.columns.iter().enumerate() {
        let path = format!("{}rss.xml", column.url.trim_start_matches('/'));
        sink.write(&path, feeds::rss(site, Some(c)).as_bytes())
            .map_err(one)?;
    }
    let rows = render::catalogue::rows(site);
    let csv = render::catalogue::csv(site, &rows);
    for path in render::catalogue::csv_paths(site) {
        sink.write(&path, csv.as_bytes()).map_err(one)?;
    }
    if !sink.discards() {
        let previous = index.cache.map(|c| c as &dyn search::Previous);
        let files = match search::files(site, index.docs, previous, index.gathered) {
            Ok(files) => files,
            Err(mut docs) => {
                kept_terms(site, index.renderer, jobs, &mut docs)?;
                search::files(site, docs, None, None)
                    .map_err(|docs| one(no_terms(docs.iter().find(|d| d.terms.is_none()))))?
            }
        };
        files
            .files
            .par_iter()
            .try_for_each(|(path, bytes)| sink.write(path, bytes))
            .map_err(one)?;
        if let Some(cache) = index.cache {
            cache.put_index(&files);
        }
    }
    Ok(())
}

/// What the search index is made from.
pub(super) struct Index<'a> {
    /// Every page's document (those of pages kept from the previous output without terms).
    pub(super) docs: Vec<search::Doc>,
    /// The terms of the pages rendered, in a build that makes the whole index.
    pub(super) gathered: Option<search::Gatherer>,
    /// The build cache, which knows the previous index.
    pub(super) cache: Option<&'a BuildCache<'a>>,
    /// To render a kept page again when the previous index cannot be patched.
    pub(super) renderer: &'a Renderer<'a>,
}

/// The terms of the documents kept from the previous output, from their pages rendered
/// again: when the previous index could not be patched (its files were edited or removed
/// by hand), which is a full build's work for those pages but their checks and bytes.
fn kept_terms(
    site: &Site,
    renderer: &Renderer,
    jobs: &[PageJob],
    docs: &mut [search::Doc],
) -> Result<(), Vec<Diagnostic>> {
    let jobs: HashMap<&str, &PageJob> = jobs.iter().map(|j| (j.output.as_str(), j)).collect();
    docs.par_iter_mut()
        .filter(|doc| doc.terms.is_none())
        .try_for_each(|doc| {
            let job = jobs
                .get(doc.output.as_str())
                .ok_or_else(|| no_terms(Some(doc)))?;
            let rendered = renderer.render(job)?;
            let body = rendered.body.as_ref().ok_or_else(|| no_terms(Some(doc)))?;
            *doc = search::doc(site, doc.item, &job.output, &body.text, None);
            Ok(())
        })
        .map_err(|e| vec![e])
}

/// A document whose terms could not be found (a cache that does not fit the site).
fn no_terms(doc: Option<&search::Doc>) -> Diagnostic {
    let page = doc.map_or("", |d| d.output.as_str());
    Diagnostic::error("GOV006", format!("站内搜索索引缺少页面 {page} 的内容"))
        .with_help("构建缓存与网站不一致：加 --no-cache 重新构建")
}

/// The notice site's files besides its pages: theme assets (and the site files that
/// replace them), sitemap.xml and robots.txt of the notice site, and the server redirect
/// maps. The old static files, feeds and search index are not written: the maps move them.
pub(super) fn write_notice_site_files(
    site: &Site,
    built: &[assets::Asset],
    jobs: &[PageJob],
    moved: &[notices::plan::OldUrl],
    kept: &std::collections::HashSet<String>,
    sink: &dyn Sink,
) -> Result<(), Vec<Diagnostic>> {
    let one = |e: Diagnostic| vec![e];
    for asset in built {
        if !kept.contains(&asset.output) {
            sink.write(&asset.output, &asset.bytes).map_err(one)?;
        }
    }
    for file in site.statics.iter().filter(|s| kept.contains(&s.output)) {
        let bytes = std::fs::read(&file.path).map_err(|e| {
            vec![
                Diagnostic::error("GOV006", format!("无法读取静态文件：{e}"))
                    .at(file.source.clone(), None),
            ]
        })?;
        sink.write(&file.output, &bytes).map_err(one)?;
    }
    for (name, text) in feeds::sitemaps(site, jobs, feeds::SITEMAP_MAX_URLS) {
        sink.write(&name, text.as_bytes()).map_err(one)?;
    }
    sink.write("robots.txt", feeds::robots_txt(site).as_bytes())
        .map_err(one)?;
    for (name, text) in notices::maps::render(moved) {
        sink.write(name, text.as_bytes()).map_err(one)?;
    }
    Ok(())
}
