//! The list of pages a build produces, each with its URL and output path, and the check
//! that no two sources write the same output (GOV004).

use crate::content::Site;
use crate::diagnostics::Diagnostic;
use rustc_hash::FxHashMap;

/// What a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Home,
    /// A column listing; `page` counts from 1.
    Column {
        column: usize,
        page: usize,
    },
    Item(usize),
    /// A page outside any column.
    Loose(usize),
    Sitemap,
    Search,
    NotFound,
    /// The migration/offline notice (`notice.html`): at /notice/ in the notice period, and
    /// also at / once the move is effective.
    Notice,
    /// A small page sending an old address to its new place.
    Redirect {
        target: String,
        title: String,
    },
}

/// One page to render.
#[derive(Debug, Clone)]
pub struct PageJob {
    pub kind: PageKind,
    pub url: String,
    /// Path relative to the output folder, with `/`.
    pub output: String,
    /// What produced it, for GOV004 messages.
    pub origin: String,
}

impl PageJob {
    /// The `page_kind` the templates see.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            PageKind::Home => "home",
            PageKind::Column { .. } => "column",
            PageKind::Item(_) => "item",
            PageKind::Loose(_) => "page",
            PageKind::Sitemap => "sitemap",
            PageKind::Search => "search",
            PageKind::NotFound => "404",
            PageKind::Notice => "notice",
            PageKind::Redirect { .. } => "redirect",
        }
    }

    fn new(kind: PageKind, url: String, origin: String) -> PageJob {
        PageJob {
            output: output_path(&url),
            kind,
            url,
            origin,
        }
    }
}

/// The output file for a URL: `/a/b/` → `a/b/index.html`, `/a.html` → `a.html`,
/// `/a/b` (no extension) → `a/b/index.html`.
pub fn output_path(url: &str) -> String {
    let path = url.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        return format!("{path}index.html");
    }
    let last = path.rsplit('/').next().unwrap_or(path);
    if last.contains('.') {
        path.to_string()
    } else {
        format!("{path}/index.html")
    }
}

/// The URL of page `page` of a column listing.
pub fn column_page_url(column_url: &str, page: usize) -> String {
    if page <= 1 {
        column_url.to_string()
    } else {
        format!("{column_url}page/{page}/")
    }
}

/// Files the build generates besides pages: they take part in the GOV004 check.
pub fn generated_files(site: &Site, jobs: &[PageJob]) -> Vec<String> {
    let urls = super::feeds::sitemap_url_count(jobs);
    let mut files = super::feeds::sitemap_names(urls, super::feeds::SITEMAP_MAX_URLS);
    files.extend(["robots.txt".to_string(), "rss.xml".to_string()]);
    files.extend(super::catalogue::csv_paths(site));
    files.extend(crate::search::file_names(site));
    for column in &site.columns {
        files.push(format!("{}rss.xml", column.url.trim_start_matches('/')));
    }
    files
}

/// Plans every page and checks that outputs are unique.
pub fn plan(site: &Site) -> Result<Vec<PageJob>, Vec<Diagnostic>> {
    let mut jobs = vec![
        PageJob::new(PageKind::Home, "/".into(), home_origin(site)),
        PageJob::new(PageKind::Sitemap, "/sitemap/".into(), "网站地图".into()),
        PageJob::new(PageKind::Search, "/search/".into(), "站内搜索".into()),
        PageJob::new(PageKind::NotFound, "/404.html".into(), "404 页面".into()),
    ];
    jobs.extend(alias_jobs(
        &site.home.front.aliases,
        "/",
        "首页",
        &home_origin(site),
    ));
    for (c, column) in site.columns.iter().enumerate() {
        jobs.extend(alias_jobs(
            &column.front.aliases,
            &column.url,
            column.title(),
            &column.source.file,
        ));
        let count = site.items_under(c).len();
        let pages = count.div_ceil(site.config.paginate).max(1);
        for page in 1..=pages {
            let url = column_page_url(&column.url, page);
            jobs.push(PageJob::new(
                PageKind::Column { column: c, page },
                url,
                column.source.file.clone(),
            ));
        }
    }
    for (i, item) in site.items.iter().enumerate() {
        let kind = if item.is_loose() {
            PageKind::Loose(i)
        } else {
            PageKind::Item(i)
        };
        jobs.push(PageJob::new(
            kind,
            item.url.clone(),
            item.source.file.clone(),
        ));
        for alias in &item.front.aliases {
            let kind = PageKind::Redirect {
                target: item.url.clone(),
                title: item.title().to_string(),
            };
            jobs.push(PageJob::new(
                kind,
                alias.0.clone(),
                format!("{} 的 aliases", item.source.file),
            ));
        }
    }
    if crate::notices::phase(site) == crate::notices::Phase::Notice {
        let url = crate::notices::NOTICE_URL.to_string();
        jobs.push(PageJob::new(
            PageKind::Notice,
            url,
            "site.yaml 的 lifecycle".into(),
        ));
    }
    check_unique(site, &jobs)?;
    Ok(jobs)
}

/// Redirect pages from a column's or the homepage's `aliases` to its URL.
fn alias_jobs(
    aliases: &[crate::config::text::Text],
    target: &str,
    title: &str,
    origin: &str,
) -> Vec<PageJob> {
    aliases
        .iter()
        .map(|alias| {
            let kind = PageKind::Redirect {
                target: target.to_string(),
                title: title.to_string(),
            };
            PageJob::new(kind, alias.0.clone(), format!("{origin} 的 aliases"))
        })
        .collect()
}

fn home_origin(site: &Site) -> String {
    site.home
        .source
        .as_ref()
        .map_or_else(|| "首页".to_string(), |s| s.file.clone())
}

/// The theme files every page loads. A site's static/ may replace them on purpose; a
/// page or alias written there would be overwritten by the asset without a word.
const THEME_ASSETS: [&str; 5] = [
    "assets/site.css",
    "assets/syntax.css",
    "assets/site.js",
    "assets/prefs.js",
    "assets/search.js",
];

fn check_unique(site: &Site, jobs: &[PageJob]) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let clash = |first: &str, origin: &str, output: &str, span| {
        Diagnostic::error(
            "GOV004",
            format!("`{first}` 和 `{origin}` 都会写出 {output}"),
        )
        .at(origin.split(' ').next().unwrap_or(origin).to_string(), span)
        .with_help("修改其中一个的文件名、slug 或 aliases，使网址不重复")
    };
    for job in jobs
        .iter()
        .filter(|j| THEME_ASSETS.contains(&j.output.as_str()))
    {
        errors.push(clash(
            "主题资源",
            &job.origin,
            &job.output,
            address_span(site, job),
        ));
    }
    // The page behind each output, whose address is located only for a clash. Borrowed
    // and hashed fast: every page of the site goes through here, in every build.
    let generated_files = generated_files(site, jobs);
    let generated = (generated_files.iter()).map(|f| (f.as_str(), "govsite 生成的文件", None));
    let statics = (site.statics.iter()).map(|s| (s.output.as_str(), s.source.as_str(), None));
    let pages = (jobs.iter()).map(|j| (j.output.as_str(), j.origin.as_str(), Some(j)));
    let mut seen: FxHashMap<&str, &str> = FxHashMap::default();
    seen.reserve(generated_files.len() + jobs.len() + site.statics.len());
    for (output, origin, job) in generated.chain(pages).chain(statics) {
        if let Some(first) = seen.get(output) {
            let span = job.and_then(|j| address_span(site, j));
            errors.push(clash(first, origin, output, span));
        } else {
            seen.insert(output, origin);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Where in its source file a page's address is set (its slug or the alias), so that a
/// clash points at the line to change.
fn address_span(site: &Site, job: &PageJob) -> Option<std::ops::Range<usize>> {
    match &job.kind {
        PageKind::Item(i) | PageKind::Loose(i) => site.items.get(*i)?.source.spans().value("slug"),
        PageKind::Redirect { .. } => {
            let file = job.origin.split(' ').next()?;
            let item = site.items.iter().find(|it| it.source.file == file)?;
            let i = item.front.aliases.iter().position(|a| a.0 == job.url)?;
            item.source.spans().value(&format!("aliases[{i}]"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_urls_map_to_index_files() {
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(output_path("/zwdt/a/"), "zwdt/a/index.html");
        assert_eq!(output_path("/old/123.html"), "old/123.html");
        assert_eq!(output_path("/old/x"), "old/x/index.html");
        assert_eq!(output_path("/404.html"), "404.html");
    }

    #[test]
    fn column_pages_after_the_first_live_under_page() {
        assert_eq!(column_page_url("/zwdt/", 1), "/zwdt/");
        assert_eq!(column_page_url("/zwdt/", 3), "/zwdt/page/3/");
    }
}
