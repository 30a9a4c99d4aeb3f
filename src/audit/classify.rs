//! What each legacy page is — the homepage, a column listing, an item or another page —
//! and which column it belongs to, from its own meta tags and, where they are silent, the
//! address shapes of the common CMSs (TRS `t20220417_974894.shtml`, 大汉
//! `art/2022/4/17/art_1229_974894.html`).

use crate::config::Date;
use crate::legacy::{LegacyPage, PageMeta};

/// The role of one page in the site model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Home,
    /// A listing page of column `.0`; `.1` counts from 1.
    Column(usize, usize),
    /// An item of column `.0`.
    Item(usize),
    Loose,
}

/// A column as the pages show it.
#[derive(Debug, Clone, Default)]
pub struct LegacyColumn {
    /// ColumnName, or the folder the column's pages are in.
    pub name: String,
    /// ColumnType as the pages declare it (first non-empty).
    pub column_type: Option<String>,
    /// The page index of its first listing page, if the site has one.
    pub listing: Option<usize>,
    pub items: Vec<usize>,
}

/// One page classified, with the facts the model and the freshness checks need.
#[derive(Debug, Clone)]
pub struct Classified {
    pub role: Role,
    pub meta: PageMeta,
    /// PubDate, else the date the address encodes.
    pub date: Option<Date>,
}

/// Classifies every page; `metas` are the pages' meta tags, in the same order.
pub fn classify(
    pages: &[LegacyPage],
    metas: Vec<PageMeta>,
) -> (Vec<Classified>, Vec<LegacyColumn>) {
    let mut columns: Vec<LegacyColumn> = Vec::new();
    let home = home_index(pages, &metas);
    let shared = shared_folders(pages);
    let mut out = Vec::with_capacity(pages.len());
    for (i, (page, meta)) in pages.iter().zip(metas).enumerate() {
        let date = meta
            .pub_date
            .as_deref()
            .and_then(Date::parse)
            .or_else(|| date_in_address(&page.rel));
        let role = if Some(i) == home {
            Role::Home
        } else if is_item(&page.rel, &meta) {
            let c = column_of(&mut columns, &page.rel, &meta);
            columns[c].items.push(i);
            Role::Item(c)
        } else if meta.column_name.is_some() || (is_listing(&page.rel) && shared(&page.rel)) {
            let c = column_of(&mut columns, &page.rel, &meta);
            let column = &mut columns[c];
            let n = if column.listing.is_none() {
                column.listing = Some(i);
                1
            } else {
                2
            };
            Role::Column(c, n)
        } else {
            Role::Loose
        };
        out.push(Classified { role, meta, date });
    }
    (out, columns)
}

/// The homepage: the folder's own index page, else a page whose ColumnType is 首页.
fn home_index(pages: &[LegacyPage], metas: &[PageMeta]) -> Option<usize> {
    let root_index = pages
        .iter()
        .position(|p| !p.rel.contains('/') && is_index_name(&p.rel));
    root_index.or_else(|| {
        metas
            .iter()
            .position(|m| m.column_type.as_deref() == Some("首页"))
    })
}

fn is_index_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let stem = lower.rsplit_once('.').map_or(lower.as_str(), |(s, _)| s);
    matches!(stem, "index" | "default" | "main")
}

/// Whether a page's folder holds other pages too. A folder's index page with no
/// ColumnName and nothing beside it (联系我们, 网站地图) is a page of its own, not a column.
fn shared_folders(pages: &[LegacyPage]) -> impl Fn(&str) -> bool {
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for page in pages {
        if let Some((first, _)) = page.rel.split_once('/') {
            *counts.entry(first.to_string()).or_default() += 1;
        }
    }
    move |rel: &str| {
        rel.split_once('/')
            .is_none_or(|(first, _)| counts.get(first).is_some_and(|&n| n > 1))
    }
}

/// A listing: the index page of a folder, or a numbered further page (`index_2.shtml`).
fn is_listing(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    is_index_name(&name)
        || name
            .strip_prefix("index_")
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// An item: the page carries article meta, or its address has a CMS article shape.
fn is_item(rel: &str, meta: &PageMeta) -> bool {
    meta.article_title.is_some() || meta.pub_date.is_some() || date_in_address(rel).is_some()
}

/// The date a TRS (`t20220417_974894`) or 大汉 (`art/2022/4/17/art_1229_974894`)
/// address encodes.
pub fn date_in_address(rel: &str) -> Option<Date> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if let Some(rest) = name.strip_prefix('t') {
        let digits = rest.split('_').next().unwrap_or("");
        if digits.len() == 8 && rest.len() > 9 && digits.bytes().all(|b| b.is_ascii_digit()) {
            let ymd = format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..]);
            return Date::parse(&ymd);
        }
    }
    if name.starts_with("art_") {
        let parts: Vec<&str> = rel.split('/').collect();
        if let Some(at) = parts.iter().position(|p| *p == "art") {
            if let [y, m, d, ..] = parts.get(at + 1..)? {
                let ymd = format!("{y}-{:0>2}-{:0>2}", m, d);
                return Date::parse(&ymd);
            }
        }
    }
    None
}

/// The column a page belongs to: by ColumnName, else by its first folder.
fn column_of(columns: &mut Vec<LegacyColumn>, rel: &str, meta: &PageMeta) -> usize {
    let name = meta.column_name.clone().unwrap_or_else(|| folder_of(rel));
    let at = match columns.iter().position(|c| c.name == name) {
        Some(at) => at,
        None => {
            columns.push(LegacyColumn {
                name,
                ..LegacyColumn::default()
            });
            columns.len() - 1
        }
    };
    let column = &mut columns[at];
    if column.column_type.is_none() {
        column.column_type = meta.column_type.clone().filter(|t| t != "首页");
    }
    at
}

fn folder_of(rel: &str) -> String {
    match rel.split_once('/') {
        Some((first, _)) => first.to_string(),
        None => "（根目录）".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_cms_addresses() {
        let day = |rel: &str| date_in_address(rel).map(|d| d.ymd());
        assert_eq!(
            day("xxgk/202204/t20220417_974894.shtml").as_deref(),
            Some("2022-04-17")
        );
        assert_eq!(
            day("art/2022/4/7/art_1229_974894.html").as_deref(),
            Some("2022-04-07")
        );
        assert_eq!(day("col/col1229/index.html"), None);
        assert_eq!(day("tzgg/t2022_1.html"), None);
        assert_eq!(day("xxgk/t20221345_1.shtml"), None);
    }

    #[test]
    fn listings() {
        assert!(is_listing("zwdt/index.shtml"));
        assert!(is_listing("zwdt/index_3.shtml"));
        assert!(!is_listing("zwdt/indexes.html"));
    }
}
