//! Machine-readable outputs: sitemap.xml, robots.txt, RSS 2.0 feeds and the search index.

use super::context::{item_source, summary_of, truncate};
use super::pages::{PageJob, PageKind};
use crate::content::Site;
use serde_json::{json, Value};
use std::fmt::Write as _;

/// Items in a feed.
const FEED_ITEMS: usize = 20;

fn xml(text: &str) -> String {
    tera::escape_html(text)
}

fn absolute(site: &Site, url: &str) -> String {
    format!("{}{}", site.config.base_url.trim_end_matches('/'), url)
}

/// sitemap.xml over every listed page (not redirects or the 404 page).
pub fn sitemap_xml(site: &Site, jobs: &[PageJob]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for job in jobs {
        let lastmod = match &job.kind {
            PageKind::Redirect { .. } | PageKind::NotFound => continue,
            PageKind::Item(id) | PageKind::Loose(id) => site.items[*id].date.map(|d| d.ymd()),
            _ => None,
        };
        let _ = write!(out, "  <url><loc>{}</loc>", xml(&absolute(site, &job.url)));
        if let Some(lastmod) = lastmod {
            let _ = write!(out, "<lastmod>{lastmod}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
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
        let _ = writeln!(out, "<description>{}</description>", xml(&summary_of(item)));
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// The search entry of an item: title, URL, date, column, document number, excerpt.
pub fn search_entry(site: &Site, id: usize, text: &str) -> Value {
    let item = &site.items[id];
    let column = item.column.map_or("", |c| site.columns[c].title());
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    json!({
        "t": item.title(),
        "u": item.url,
        "d": item.date.map(|d| d.ymd()).unwrap_or_default(),
        "c": column,
        "n": item.front.doc_number.as_ref().map_or("", |n| n.as_str()),
        "x": truncate(&collapsed, 300),
    })
}
