//! What the GOV4xx and GOV6xx rules share: the references of a page, a finding placed on
//! the Markdown line a reference came from (else on the output page), names for kinds of
//! resources, and the grouping that reports a reference repeated on many pages (a broken
//! navigation link) once, saying whether the homepage is among them.

use super::facts::{PageFacts, PageLink};
use super::{PageView, RuleMeta};
use crate::diagnostics::Diagnostic;
use crate::render::PageKind;
use std::collections::HashMap;
use std::ops::Range;

/// A finding about a reference on `page`: on its source line when it was written in the
/// Markdown (naming the page), else on the output page.
pub fn page_finding(
    page: &PageView,
    meta: &'static RuleMeta,
    message: String,
    span: Option<Range<usize>>,
) -> Diagnostic {
    match (span, page.source) {
        (Some(span), Some(source)) => meta
            .diag(format!("{message}（页面 {}）", first_page_url(page)))
            .at(source.file.clone(), Some(span)),
        _ => page.diag(meta, message),
    }
}

/// The page's URL; for later pages of a column listing, the column's first page, so a
/// finding in the column's introduction (shown on every page) is reported once.
fn first_page_url<'a>(page: &'a PageView) -> &'a str {
    match page.job.kind {
        PageKind::Column { column, .. } => &page.site.columns[column].url,
        _ => &page.job.url,
    }
}

/// What a tag loads, in words: 图片, 脚本, 样式表 …
pub fn resource_name(tag: &str) -> &'static str {
    match tag {
        "img" | "image" | "input" => "图片",
        "script" => "脚本",
        "link" => "样式表或图标",
        "style" => "CSS 引用的文件",
        "iframe" | "frame" => "内嵌页面",
        "video" | "audio" | "source" | "track" => "音视频",
        "object" | "embed" => "插件内容",
        "form" => "表单提交地址",
        _ => "链接",
    }
}

/// Findings of one kind gathered over all pages: a reference written in Markdown is one
/// finding per source place; one coming from the theme is one finding per URL, placed on
/// the homepage when it is there, else on the first page, with the number of pages.
#[derive(Default)]
pub struct Grouped<'a> {
    order: Vec<Key>,
    groups: HashMap<Key, Group<'a>>,
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Source(String, usize),
    Url(String),
}

struct Group<'a> {
    page: &'a PageFacts,
    span: Option<Range<usize>>,
    message: String,
    pages: usize,
    home: bool,
}

impl<'a> Grouped<'a> {
    /// Records that `link` on `page` has the problem described by `message`.
    pub fn add(&mut self, page: &'a PageFacts, link: &PageLink, message: String) {
        let key = match (&link.source_span, &page.source) {
            (Some(span), Some(file)) => Key::Source(file.clone(), span.start),
            _ => Key::Url(message.clone()),
        };
        let is_home = page.kind == "home";
        match self.groups.get_mut(&key) {
            Some(group) => {
                group.pages += 1;
                if is_home && !group.home {
                    group.home = true;
                    group.page = page;
                }
            }
            None => {
                self.order.push(key.clone());
                self.groups.insert(
                    key,
                    Group {
                        page,
                        span: link.source_span.clone(),
                        message,
                        pages: 1,
                        home: is_home,
                    },
                );
            }
        }
    }

    /// The findings, in the order first seen. `help` explains the fix.
    pub fn emit(self, meta: &'static RuleMeta, help: &str, out: &mut Vec<Diagnostic>) {
        let Grouped { order, mut groups } = self;
        for key in order {
            let Some(group) = groups.remove(&key) else {
                continue;
            };
            let prefix = if group.home { "首页" } else { "" };
            let spread = if group.pages > 1 {
                format!("；共 {} 个页面有此问题", group.pages)
            } else {
                String::new()
            };
            let diagnostic = match (&group.span, &group.page.source) {
                (Some(span), Some(file)) => meta
                    .diag(format!(
                        "{prefix}{}（页面 {}{spread}）",
                        group.message, group.page.url
                    ))
                    .at(file.clone(), Some(span.clone())),
                _ => meta
                    .diag(format!("{prefix}{}{spread}", group.message))
                    .at_page(group.page.output.clone()),
            };
            out.push(diagnostic.with_help(help));
        }
    }
}
