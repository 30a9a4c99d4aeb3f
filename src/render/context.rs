//! The values templates see (the theme contract, themes/README.md): computed once for the
//! whole site (`site`, `nav`, `assets`) or per page, as small JSON views — never a clone of
//! the whole site per page.

use super::pages::{column_page_url, PageJob, PageKind};
use crate::config::{Config, Text};
pub use crate::content::summary::{summary_of, truncate};
use crate::content::{Item, Site};
use serde_json::{json, Value};

/// The 14 digits of a 公安机关备案号, for the filing-site link.
pub fn psb_code(psb: &str) -> String {
    psb.chars().filter(char::is_ascii_digit).collect()
}

fn s(value: &Option<Text>) -> &str {
    Config::str_of(value)
}

pub fn site_value(config: &Config) -> Value {
    let y = &config.yaml;
    json!({
        "name": s(&y.name),
        "kind": config.kind.as_str(),
        "domain": s(&y.domain),
        "base_url": config.base_url,
        "csp": super::csp::policy(config),
        "language": config.language,
        "id_code": s(&y.id_code),
        "sponsor": s(&y.sponsor),
        "operator": s(&y.operator),
        "contact": {
            "person": s(&y.contact.person),
            "phone": s(&y.contact.phone),
            "email": s(&y.contact.email),
            "address": s(&y.contact.address),
            "postcode": s(&y.contact.postcode),
        },
        "icp": s(&y.icp),
        "psb": s(&y.psb),
        "psb_code": psb_code(s(&y.psb)),
        "conac_script": y.conac.as_ref().map_or("", |c| s(&c.script)),
        "jiucuo": y.jiucuo.unwrap_or(false),
        "chinese_domain": s(&y.chinese_domain),
    })
}

pub fn nav_value(site: &Site) -> Value {
    let nav: Vec<Value> = site
        .top_columns()
        .into_iter()
        .map(|c| {
            let column = &site.columns[c];
            json!({ "title": column.title(), "url": column.url, "type": column.column_type().unwrap_or("") })
        })
        .collect();
    Value::Array(nav)
}

/// One line of a listing.
pub fn item_entry(site: &Site, id: usize, summary: bool) -> Value {
    let item = &site.items[id];
    let mut entry = json!({
        "title": item.title(),
        "url": item.url,
        "date": item.date.map(|d| d.ymd()).unwrap_or_default(),
        "source": item_source(site, item),
        "doc_number": s(&item.front.doc_number),
    });
    if summary {
        entry["summary"] = json!(summary_of(item));
    }
    entry
}

pub fn item_source<'a>(site: &'a Site, item: &'a Item) -> &'a str {
    item.front
        .source
        .as_ref()
        .map_or(site.config.sponsor(), |t| t.as_str())
}

/// The mandated 网页标签 of a page (regulations.md, page metadata).
pub fn meta_tags(site: &Site, job: &PageJob) -> Vec<(String, String)> {
    let config = &site.config;
    let mut meta = vec![
        ("SiteName".to_string(), config.name().to_string()),
        ("SiteDomain".to_string(), config.domain().to_string()),
        ("SiteIDCode".to_string(), config.id_code().to_string()),
    ];
    let mut push = |name: &str, value: String| meta.push((name.to_string(), value));
    match &job.kind {
        PageKind::Home => {
            let home = &site.home.front;
            push("ColumnName", "首页".to_string());
            push(
                "ColumnDescription",
                home.description
                    .as_ref()
                    .map_or(config.name().to_string(), |t| t.0.clone()),
            );
            let keywords: Vec<&str> = home.keywords.iter().map(|k| k.as_str()).collect();
            push(
                "ColumnKeywords",
                if keywords.is_empty() {
                    config.name().to_string()
                } else {
                    keywords.join(",")
                },
            );
            push("ColumnType", "首页".to_string());
        }
        PageKind::Column { column, .. } => column_tags(site, *column, &mut push),
        PageKind::Notice => notice_tags(site, job, &mut push),
        PageKind::Item(id) => {
            let item = &site.items[*id];
            if let Some(column) = item.column {
                column_tags(site, column, &mut push);
            }
            push("ArticleTitle", item.title().to_string());
            push("PubDate", item.date.map(|d| d.ymd_hm()).unwrap_or_default());
            push("ContentSource", item_source(site, item).to_string());
            if !item.front.keywords.is_empty() {
                push(
                    "Keywords",
                    item.front
                        .keywords
                        .iter()
                        .map(|k| k.as_str())
                        .collect::<Vec<_>>()
                        .join(","),
                );
            }
            if let Some(author) = &item.front.author {
                push("Author", author.0.clone());
            }
            push("Description", summary_of(item).to_string());
            if let Some(image) = &item.front.image {
                push("Image", image.0.clone());
            }
            push(
                "Url",
                format!("{}{}", config.base_url.trim_end_matches('/'), item.url),
            );
        }
        _ => {}
    }
    meta
}

/// The notice page: an announcement (ColumnType 通知公告); at `/` it is the homepage.
fn notice_tags(site: &Site, job: &PageJob, push: &mut impl FnMut(&str, String)) {
    let notice = crate::notices::notice_value(site);
    let title = notice["title"].as_str().unwrap_or("网站公告").to_string();
    let home = job.url == "/";
    push(
        "ColumnName",
        if home { "首页" } else { "网站公告" }.to_string(),
    );
    push("ColumnDescription", title.clone());
    push("ColumnKeywords", format!("{},公告", site.config.name()));
    push(
        "ColumnType",
        if home { "首页" } else { "通知公告" }.to_string(),
    );
    push("ArticleTitle", title);
    if let Some(day) = notice["announced"].as_str().filter(|d| !d.is_empty()) {
        push("PubDate", format!("{day} 00:00"));
    }
    push("ContentSource", site.config.sponsor().to_string());
}

fn column_tags(site: &Site, column: usize, push: &mut impl FnMut(&str, String)) {
    let c = &site.columns[column];
    push("ColumnName", c.title().to_string());
    push("ColumnDescription", c.description().to_string());
    push("ColumnKeywords", c.keywords().join(","));
    push(
        "ColumnType",
        site.column_type_of(column).unwrap_or("").to_string(),
    );
}

/// 首页 › column › … › this page.
pub fn breadcrumbs(site: &Site, job: &PageJob) -> Value {
    let mut trail = vec![("首页".to_string(), "/".to_string())];
    let mut columns = Vec::new();
    let mut current = match &job.kind {
        PageKind::Column { column, .. } => Some(*column),
        PageKind::Item(id) => site.items[*id].column,
        _ => None,
    };
    while let Some(c) = current {
        columns.push(c);
        current = site.columns[c].parent;
    }
    for c in columns.into_iter().rev() {
        trail.push((
            site.columns[c].title().to_string(),
            site.columns[c].url.clone(),
        ));
    }
    match &job.kind {
        PageKind::Home => return json!([]),
        PageKind::Notice if job.url == "/" => return json!([]),
        PageKind::Notice => trail.push(("网站公告".to_string(), job.url.clone())),
        PageKind::Item(id) | PageKind::Loose(id) => {
            trail.push((site.items[*id].title().to_string(), job.url.clone()))
        }
        PageKind::Sitemap => trail.push(("网站地图".to_string(), job.url.clone())),
        PageKind::Search => trail.push(("站内搜索".to_string(), job.url.clone())),
        PageKind::NotFound => trail.push(("页面未找到".to_string(), job.url.clone())),
        PageKind::Redirect { title, .. } => trail.push((title.clone(), job.url.clone())),
        PageKind::Column { .. } => {}
    }
    Value::Array(
        trail
            .into_iter()
            .map(|(title, url)| json!({ "title": title, "url": url }))
            .collect(),
    )
}

/// The `<title>` text.
pub fn page_title(site: &Site, job: &PageJob) -> String {
    let name = site.config.name();
    let own = match &job.kind {
        PageKind::Home => return name.to_string(),
        PageKind::Column { column, page } => {
            let title = site.columns[*column].title();
            if *page > 1 {
                format!("{title}（第{page}页）")
            } else {
                title.to_string()
            }
        }
        PageKind::Item(id) | PageKind::Loose(id) => site.items[*id].title().to_string(),
        PageKind::Sitemap => "网站地图".to_string(),
        PageKind::Search => "站内搜索".to_string(),
        PageKind::NotFound => "页面未找到".to_string(),
        PageKind::Notice => crate::notices::notice_value(site)["title"]
            .as_str()
            .unwrap_or("网站公告")
            .to_string(),
        PageKind::Redirect { title, .. } => format!("页面已迁移：{title}"),
    };
    format!("{own} - {name}")
}

pub fn paginator(column_url: &str, current: usize, total: usize) -> Value {
    if total <= 1 {
        return Value::Null;
    }
    let url = |n: usize| column_page_url(column_url, n);
    json!({
        "current": current,
        "total": total,
        "prev": if current > 1 { url(current - 1) } else { String::new() },
        "next": if current < total { url(current + 1) } else { String::new() },
        "pages": page_window(current, total)
            .into_iter()
            .map(|n| match n {
                Some(n) => json!({ "number": n, "url": url(n) }),
                None => json!({ "number": null, "url": "" }),
            })
            .collect::<Vec<_>>(),
    })
}

/// The page numbers a listing page links to: the first and last, and two on each side of
/// the current one; `None` marks a gap ("…"). Linking every page from every page would
/// make a long column's listings grow with the square of its items.
fn page_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let near = |n: usize| n == 1 || n == total || n.abs_diff(current) <= 2;
    let mut out = Vec::new();
    for n in 1..=total {
        if near(n) {
            out.push(Some(n));
        } else if out.last() != Some(&None) {
            out.push(None);
        }
    }
    out
}

/// The nested column tree for the 网站地图.
pub fn column_tree(site: &Site, ids: &[usize]) -> Value {
    Value::Array(
        ids.iter()
            .map(|&c| {
                let column = &site.columns[c];
                json!({
                    "title": column.title(),
                    "url": column.url,
                    "type": column.column_type().unwrap_or(""),
                    "children": column_tree(site, &column.children),
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn listings_link_the_ends_and_the_pages_near_the_current_one() {
        let numbers =
            |v: Vec<Option<usize>>| v.into_iter().map(|n| n.unwrap_or(0)).collect::<Vec<_>>();
        assert_eq!(numbers(page_window(1, 3)), [1, 2, 3]);
        assert_eq!(numbers(page_window(1, 10)), [1, 2, 3, 0, 10]);
        assert_eq!(numbers(page_window(6, 10)), [1, 0, 4, 5, 6, 7, 8, 0, 10]);
        assert_eq!(numbers(page_window(4, 10)), [1, 2, 3, 4, 5, 6, 0, 10]);
        assert_eq!(page_window(500, 1000).len(), 9);
    }
}
