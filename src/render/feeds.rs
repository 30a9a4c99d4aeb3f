//! Machine-readable outputs: sitemap.xml (split above 50,000 URLs), robots.txt and RSS 2.0
//! feeds. The search index is `crate::search`.

use super::context::{item_source, summary_of};
use super::pages::{PageJob, PageKind};
use crate::content::Site;
use std::fmt::Write as _;

/// Items in a feed.
const FEED_ITEMS: usize = 20;

/// XML escaping that leaves `/` alone (tera's escapes it, making every URL unreadable).
fn xml(text: &str) -> String {
    super::escape_html(text)
}

fn absolute(site: &Site, url: &str) -> String {
    format!("{}{}", site.config.base_url.trim_end_matches('/'), url)
}

/// URLs per sitemap file (the sitemaps.org limit).
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// The pages a sitemap lists: all but redirects and the 404 page.
fn listed(jobs: &[PageJob]) -> impl Iterator<Item = &PageJob> {
    jobs.iter()
        .filter(|j| !matches!(j.kind, PageKind::Redirect { .. } | PageKind::NotFound))
}

/// The sitemap files for `urls` listed pages: `sitemap.xml` alone, or above `max` URLs a
/// sitemap index `sitemap.xml` and `sitemap-1.xml` … each with at most `max` URLs.
pub fn sitemap_names(urls: usize, max: usize) -> Vec<String> {
    let mut names = vec!["sitemap.xml".to_string()];
    if urls > max {
        names.extend((1..=urls.div_ceil(max.max(1))).map(|n| format!("sitemap-{n}.xml")));
    }
    names
}

/// Every sitemap file (name, XML); see [`sitemap_names`].
pub fn sitemaps(site: &Site, jobs: &[PageJob], max: usize) -> Vec<(String, String)> {
    let max = max.max(1);
    // Each column's newest date once, not once for each of its listing pages.
    let column_dates: Vec<Option<String>> = (0..site.columns.len())
        .map(|c| newest_date(site, site.items_under(c)))
        .collect();
    let entries: Vec<String> = listed(jobs)
        .map(|job| url_entry(site, job, &column_dates))
        .collect();
    let names = sitemap_names(entries.len(), max);
    if names.len() == 1 {
        return vec![(names[0].clone(), urlset(&entries))];
    }
    let newest = newest_date(site, 0..site.items.len());
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut out = Vec::new();
    for (name, part) in names[1..].iter().zip(entries.chunks(max)) {
        let _ = write!(
            index,
            "  <sitemap><loc>{}</loc>",
            xml(&absolute(site, &format!("/{name}")))
        );
        if let Some(day) = &newest {
            let _ = write!(index, "<lastmod>{day}</lastmod>");
        }
        index.push_str("</sitemap>\n");
        out.push((name.clone(), urlset(part)));
    }
    index.push_str("</sitemapindex>\n");
    out.insert(0, (names[0].clone(), index));
    out
}

fn urlset(entries: &[String]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for entry in entries {
        out.push_str(entry);
    }
    out.push_str("</urlset>\n");
    out
}

/// The newest date among `items`, as YYYY-MM-DD.
fn newest_date(site: &Site, items: impl IntoIterator<Item = usize>) -> Option<String> {
    items
        .into_iter()
        .filter_map(|i| site.items[i].date)
        .max()
        .map(|d| d.ymd())
}

/// One `<url>`: an item's lastmod is its date, a column's (and each of its pages') the
/// newest item under it, the homepage's the newest item of the site.
fn url_entry(site: &Site, job: &PageJob, column_dates: &[Option<String>]) -> String {
    let lastmod = match &job.kind {
        PageKind::Item(id) | PageKind::Loose(id) => site.items[*id].date.map(|d| d.ymd()),
        PageKind::Column { column, .. } => column_dates[*column].clone(),
        PageKind::Home => newest_date(site, 0..site.items.len()),
        _ => None,
    };
    let mut out = format!("  <url><loc>{}</loc>", xml(&absolute(site, &job.url)));
    if let Some(lastmod) = lastmod {
        let _ = write!(out, "<lastmod>{lastmod}</lastmod>");
    }
    out.push_str("</url>\n");
    out
}

/// How many URLs the sitemap lists (for naming its files before the build).
pub fn sitemap_url_count(jobs: &[PageJob]) -> usize {
    listed(jobs).count()
}

pub fn robots_txt(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        absolute(site, "/sitemap.xml")
    )
}

/// RSS 2.0 of a column (with its sub-columns), or of the whole site when `column` is None.
pub fn rss(site: &Site, column: Option<usize>) -> String {
    let (title, link, mut ids) = match column {
        Some(c) => (
            format!("{} - {}", site.columns[c].title(), site.config.name()),
            site.columns[c].url.clone(),
            site.items_under(c),
        ),
        None => {
            let mut all: Vec<usize> = (0..site.items.len())
                .filter(|&i| !site.items[i].is_loose())
                .collect();
            site.sort_newest_first(&mut all);
            (site.config.name().to_string(), "/".to_string(), all)
        }
    };
    ids.truncate(FEED_ITEMS);
    let self_url = format!("{link}rss.xml");
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    let _ = writeln!(out, "<title>{}</title>", xml(&title));
    let _ = writeln!(out, "<link>{}</link>", xml(&absolute(site, &link)));
    let _ = writeln!(out, "<description>{}</description>", xml(&title));
    let _ = writeln!(out, "<language>{}</language>", xml(&site.config.language));
    let _ = writeln!(
        out,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        xml(&absolute(site, &self_url))
    );
    for id in ids {
        let item = &site.items[id];
        let url = absolute(site, &item.url);
        out.push_str("<item>\n");
        let _ = writeln!(out, "<title>{}</title>", xml(item.title()));
        let _ = writeln!(out, "<link>{}</link>", xml(&url));
        let _ = writeln!(out, "<guid isPermaLink=\"true\">{}</guid>", xml(&url));
        if let Some(date) = item.date {
            let _ = writeln!(out, "<pubDate>{}</pubDate>", date.rfc2822());
        }
        let _ = writeln!(
            out,
            "<source url=\"{}\">{}</source>",
            xml(&absolute(site, "/rss.xml")),
            xml(item_source(site, item))
        );
        let _ = writeln!(out, "<description>{}</description>", xml(summary_of(item)));
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{self, Date};
    use std::path::Path;

    fn starter() -> Site {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("starter-site");
        let (config, _) = config::load(&root).unwrap();
        crate::content::load(config, Date::parse("2026-11-27").unwrap()).unwrap()
    }

    #[test]
    fn sitemap_names_split_only_above_the_limit() {
        assert_eq!(sitemap_names(10, 10), ["sitemap.xml"]);
        assert_eq!(
            sitemap_names(11, 10),
            ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]
        );
    }

    #[test]
    fn a_large_sitemap_becomes_an_index_of_parts() {
        let site = starter();
        let jobs = super::super::pages::plan(&site).unwrap();
        let urls = sitemap_url_count(&jobs);
        let whole = sitemaps(&site, &jobs, SITEMAP_MAX_URLS);
        assert_eq!(whole.len(), 1);
        assert_eq!(whole[0].1.matches("<url>").count(), urls);

        let parts = sitemaps(&site, &jobs, 10);
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, sitemap_names(urls, 10));
        let index = &parts[0].1;
        assert!(index.contains("<sitemapindex"));
        assert_eq!(index.matches("<sitemap>").count(), parts.len() - 1);
        assert!(index.contains("<loc>https://www.example.gov.cn/sitemap-1.xml</loc>"));
        let mut listed = 0;
        for (_, part) in &parts[1..] {
            let n = part.matches("<url>").count();
            assert!((1..=10).contains(&n));
            listed += n;
        }
        assert_eq!(listed, urls, "every page in exactly one part");
        // GOV004 knows the part files before they are written.
        let generated = super::super::pages::generated_files(&site, &jobs);
        assert!(generated.iter().any(|f| f == "sitemap.xml"));
    }

    #[test]
    fn lastmod_of_a_column_is_its_newest_item() {
        let site = starter();
        let jobs = super::super::pages::plan(&site).unwrap();
        let xml = &sitemaps(&site, &jobs, SITEMAP_MAX_URLS)[0].1;
        let c = site.columns.iter().position(|c| c.url == "/zwdt/").unwrap();
        let newest = newest_date(&site, site.items_under(c)).unwrap();
        assert!(xml.contains(&format!(
            "<loc>https://www.example.gov.cn/zwdt/</loc><lastmod>{newest}</lastmod>"
        )));
    }
}
