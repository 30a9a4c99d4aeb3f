//! `announcements:` of an upper-level portal become items of its 通知公告 column.
//!
//! This is a dedicated step right after content loading (`pipeline` and `report` call
//! [`publish`]), not part of `content::load`: the content loader stays a plain reading of
//! `content/`, and everything this module adds is visible in one place. The synthesized
//! items are ordinary [`Item`]s, so listings, feeds, the search index, the sitemap and the
//! annual report count them like any other notice. Their source file is `site.yaml`, pointed
//! at the announcement, so findings about them land on the right lines.
//!
//! Announcements that GOV706 rejects, and announcements dated after the as-of day (not yet
//! published), are left out.

use crate::config::{host_of, Announcement, AnnouncementKind, SpanMap, Text};
use crate::content::{Item, ItemFront, Site, SourceFile};

/// The column announcements go into: the first column of type 通知公告, top-level first.
pub fn notice_column(site: &Site) -> Option<usize> {
    let mut ids: Vec<usize> = (0..site.columns.len())
        .filter(|&c| site.columns[c].column_type() == Some("通知公告"))
        .collect();
    site.sort_columns(&mut ids);
    ids.sort_by_key(|&c| site.columns[c].path.matches('/').count());
    ids.first().copied()
}

/// What an announcement lacks (GOV706): the names of the missing keys.
pub fn missing(a: &Announcement) -> Vec<&'static str> {
    let mut out = Vec::new();
    if a.site.is_none() {
        out.push("site");
    }
    if a.url.is_none() {
        out.push("url");
    }
    if a.date.is_none() {
        out.push("date");
    }
    if a.kind != AnnouncementKind::Opening {
        if a.target_name.is_none() {
            out.push("target.name");
        }
        if a.target_url.is_none() {
            out.push("target.url");
        }
    }
    out
}

/// What each kind is called in titles.
pub fn kind_label(kind: AnnouncementKind) -> &'static str {
    match kind {
        AnnouncementKind::Opening => "开通上线",
        AnnouncementKind::Migration => "整合迁移",
        AnnouncementKind::Offline => "永久下线",
    }
}

/// Adds the site's announcements to its 通知公告 column.
pub fn publish(site: &mut Site) {
    let Some(column) = notice_column(site) else {
        return;
    };
    let announcements = site.config.announcements.clone();
    for a in &announcements {
        let Some(date) = a.date else { continue };
        if !missing(a).is_empty() || date.day() > site.as_of.day() {
            continue;
        }
        let item = build_item(site, column, a, date);
        if site.item_by_path.contains_key(&item.path) {
            continue;
        }
        let id = site.items.len();
        site.item_by_path.insert(item.path.clone(), id);
        site.columns[column].items.push(id);
        site.items.push(item);
    }
    let mut ids = std::mem::take(&mut site.columns[column].items);
    site.sort_newest_first(&mut ids);
    site.columns[column].items = ids;
}

fn build_item(site: &Site, column: usize, a: &Announcement, date: crate::config::Date) -> Item {
    let name = a.site.clone().unwrap_or_default();
    let host = a
        .url
        .as_deref()
        .and_then(host_of)
        .map(|h| h.replace('.', "-"))
        .unwrap_or_else(|| format!("{}", a.index + 1));
    let kind = match a.kind {
        AnnouncementKind::Opening => "opening",
        AnnouncementKind::Migration => "migration",
        AnnouncementKind::Offline => "offline",
    };
    let slug = format!("{}-{host}-{kind}", date.ymd());
    let col = &site.columns[column];
    let title = format!("关于{name}{}的公告", kind_label(a.kind));
    let front = ItemFront {
        title: Some(Text(title)),
        date: Some(Text(date.ymd())),
        keywords: vec![Text("公告".into()), Text(kind_label(a.kind).into())],
        description: Some(Text(lead(a, &date.ymd()))),
        ..Default::default()
    };
    let at = site
        .config
        .spans
        .best(&format!("announcements[{}].kind", a.index));
    let mut spans = SpanMap::default();
    spans.whole = at.start..at.start;
    Item {
        column: Some(column),
        path: format!("{}/{slug}", col.path),
        url: format!("{}{slug}/", col.url),
        front,
        date: Some(date),
        written: None,
        asked: None,
        answered: None,
        body: body(site, a, &date.ymd()).into(),
        source: SourceFile::with_spans(crate::config::SITE_FILE.to_string(), spans, at.start),
        summary: Default::default(),
    }
}

/// The first sentence: which site, where, when, and (moves) where the content went.
fn lead(a: &Announcement, day: &str) -> String {
    let site = a.site.as_deref().unwrap_or_default();
    let url = a.url.as_deref().unwrap_or_default();
    let target = a.target_name.as_deref().unwrap_or_default();
    let target_url = a.target_url.as_deref().unwrap_or_default();
    match a.kind {
        AnnouncementKind::Opening => format!("{site}（网址：{url}）于{day}正式开通上线。"),
        AnnouncementKind::Migration => format!(
            "根据政府网站集约化工作要求，{site}（网址：{url}）于{day}整合迁移至{target}（网址：{target_url}）。"
        ),
        AnnouncementKind::Offline => format!(
            "{site}（网址：{url}）于{day}永久下线，原有内容已迁移至{target}（网址：{target_url}）。"
        ),
    }
}

fn body(site: &Site, a: &Announcement, day: &str) -> String {
    let name = escape(a.site.as_deref().unwrap_or_default());
    let url = link(a.url.as_deref().unwrap_or_default());
    let target = escape(a.target_name.as_deref().unwrap_or_default());
    let target_url = link(a.target_url.as_deref().unwrap_or_default());
    let mut out = match a.kind {
        AnnouncementKind::Opening => {
            format!("{name}（网址：{url}）于{day}正式开通上线，欢迎访问。\n\n")
        }
        AnnouncementKind::Migration => format!(
            "根据政府网站集约化工作要求，{name}（网址：{url}）于{day}整合迁移至{target}（网址：{target_url}）。\n\n原网站的内容可在{target}继续访问，原网址将自动跳转到新网站的对应页面。\n\n"
        ),
        AnnouncementKind::Offline => format!(
            "{name}（网址：{url}）于{day}永久下线，原有内容已迁移至{target}（网址：{target_url}）。\n\n原网址将自动跳转到新网站的对应页面。\n\n"
        ),
    };
    if let Some(extra) = &a.body {
        out.push_str(extra);
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "特此公告。\n\n{}  \n{day}\n",
        escape(site.config.sponsor())
    ));
    out
}

/// Text safe to put into Markdown as it is.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown link to `url` showing the address, or the escaped text when it is not a URL.
fn link(url: &str) -> String {
    let usable = (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(['<', '>', '\n', '\r', ' ']);
    if usable {
        format!("[{}](<{url}>)", escape(url))
    } else {
        escape(url)
    }
}
