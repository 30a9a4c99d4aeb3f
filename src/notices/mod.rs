//! Merging and shutting down a site, and announcing other sites (site-format.md section 5).
//!
//! A site with `lifecycle:` goes through three phases, judged against `--as-of`:
//! - before `announced`: the normal site (the notice is not public yet);
//! - from `announced` until `effective`: the normal site with a notice banner on every page
//!   and the notice page at [`NOTICE_URL`];
//! - from `effective` on: the notice site — the notice as the homepage and at
//!   [`NOTICE_URL`], a redirect page for every old page URL, and 301 server maps for every
//!   old URL ([`plan`], [`maps`]). Past `until` GOV705 reminds of the shutdown checklist.
//!
//! `announcements:` of an upper-level portal become items of its 通知公告 column
//! ([`announcements`]); the `redirects:` CSV is read by [`redirects`].

pub mod announcements;
pub mod maps;
pub mod plan;
pub mod redirects;

use crate::config::{Lifecycle, LifecycleKind};
use crate::content::Site;
use serde_json::{json, Value};

/// Where the notice page is published, in every phase that has one.
pub const NOTICE_URL: &str = "/notice/";

/// Where a site with `lifecycle:` stands on the as-of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No lifecycle, or the notice is not announced yet.
    Normal,
    /// Announced, not yet effective: the normal site plus banner and notice page.
    Notice,
    /// Effective: the notice site with redirects.
    Moved,
}

/// The phase of `site` on its as-of day.
pub fn phase(site: &Site) -> Phase {
    let Some(lifecycle) = &site.config.lifecycle else {
        return Phase::Normal;
    };
    let today = site.as_of.day();
    if lifecycle.effective.is_some_and(|e| today >= e.day()) {
        Phase::Moved
    } else if lifecycle.announced.is_some_and(|a| today < a.day()) {
        Phase::Normal
    } else {
        Phase::Notice
    }
}

/// What the move is called in titles: 整合迁移 or 永久下线.
pub fn kind_label(kind: LifecycleKind) -> &'static str {
    match kind {
        LifecycleKind::Migration => "整合迁移",
        LifecycleKind::Offline => "永久下线",
    }
}

/// The notice's title, e.g. 关于示例市数据局网站整合迁移的公告.
pub fn title(site: &Site, lifecycle: &Lifecycle) -> String {
    format!(
        "关于{}{}的公告",
        site.config.name(),
        kind_label(lifecycle.kind)
    )
}

/// The `notice` template variable (theme contract): null unless the site is in its
/// notice period or moved.
pub fn notice_value(site: &Site) -> Value {
    let Some(lifecycle) = &site.config.lifecycle else {
        return Value::Null;
    };
    if phase(site) == Phase::Normal {
        return Value::Null;
    }
    let day = |d: &Option<crate::config::Date>| d.map(|d| d.ymd()).unwrap_or_default();
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    json!({
        "kind": match lifecycle.kind {
            LifecycleKind::Migration => "migration",
            LifecycleKind::Offline => "offline",
        },
        "title": title(site, lifecycle),
        "url": NOTICE_URL,
        "announced": day(&lifecycle.announced),
        "effective": day(&lifecycle.effective),
        "until": day(&lifecycle.until),
        "reason": text(&lifecycle.reason),
        "target": { "name": text(&lifecycle.target_name), "url": text(&lifecycle.target_url) },
    })
}

/// Where to point a finding about `path` in site.yaml: the value, else the nearest
/// ancestor key that is present (a missing `target.name` points at `target:`, or at the
/// list entry or `lifecycle:` when `target` is missing too).
pub fn locate(spans: &crate::config::SpanMap, path: &str) -> std::ops::Range<usize> {
    if let Some(span) = spans.value(path) {
        return span;
    }
    let mut current = path;
    while let Some((parent, _)) = current.rsplit_once('.') {
        if let Some(span) = spans.key(parent) {
            return span;
        }
        current = parent;
    }
    spans.best(path)
}
