//! Rendering: tera templates from the theme, one page at a time, so that the build can
//! render, check, minify and write each page in a single pass (see `lib.rs`).

pub mod assets;
pub mod catalogue;
pub mod context;
pub mod csp;
mod cycles;
pub mod feeds;
pub mod pages;
pub mod theme;

pub use pages::{PageJob, PageKind};

use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::markdown;
use context::{item_entry, item_source};
use serde_json::{json, Value};
use std::collections::HashMap;
use tera::{Context, Tera};

/// A page as rendered, before minification.
pub struct RenderedPage {
    pub html: String,
    /// The Markdown body of items, loose pages, columns and the homepage.
    pub body: Option<markdown::Rendered>,
}

/// Renders pages of one site with one parsed set of templates.
pub struct Renderer<'a> {
    site: &'a Site,
    tera: Tera,
    origins: HashMap<String, String>,
    globals: Context,
    interpretations: HashMap<usize, Vec<usize>>,
    /// The items under each column, newest first ([`Site::items_under`]), worked out once:
    /// every listing page of a column needs them, and a column of N items has N / paginate
    /// pages.
    listings: Vec<Vec<usize>>,
}

impl<'a> Renderer<'a> {
    /// Parses the theme's templates (GOV005 on errors).
    pub fn new(site: &'a Site, theme: &theme::Theme) -> Result<Self, Vec<Diagnostic>> {
        let mut tera = Tera::default();
        tera.set_escape_fn(escape_html);
        let mut origins = HashMap::new();
        let mut sources = Vec::new();
        for file in &theme.templates {
            let text =
                crate::content::decode(file.bytes.clone(), &file.origin).map_err(|d| vec![d])?;
            origins.insert(file.name.clone(), file.origin.clone());
            sources.push((file.name.clone(), text));
        }
        let texts: HashMap<String, String> = sources.iter().cloned().collect();
        tera.add_raw_templates(sources)
            .map_err(|e| vec![template_error(&e, &origins)])?;
        if let Some(cycle) = cycles::include_cycle(&tera) {
            return Err(vec![include_cycle_error(&cycle, &origins, &texts)]);
        }
        let mut globals = Context::new();
        globals.insert("site", &context::site_value(&site.config));
        // The notice site has no columns of its own: its navigation is empty.
        let moved = crate::notices::phase(site) == crate::notices::Phase::Moved;
        let nav = if moved {
            json!([])
        } else {
            context::nav_value(site)
        };
        globals.insert("nav", &nav);
        globals.insert("notice", &crate::notices::notice_value(site));
        // The search page starts loading shards before the manifest arrives.
        globals.insert(
            "search_index",
            &json!({
                "manifest": "/search/manifest.json",
                "shards": crate::search::shard_count(site.items.len()),
            }),
        );
        globals.insert(
            "assets",
            &json!({
                "css": "/assets/site.css",
                "js": "/assets/site.js",
                "prefs": "/assets/prefs.js",
                "search_js": "/assets/search.js",
                "table_sort_js": "/assets/table-sort.js",
                "syntax_css": "/assets/syntax.css",
            }),
        );
        Ok(Renderer {
            site,
            tera,
            origins,
            globals,
            interpretations: site.interpretations(),
            listings: (0..site.columns.len())
                .map(|c| site.items_under(c))
                .collect(),
        })
    }

    /// Renders one page.
    pub fn render(&self, job: &PageJob) -> Result<RenderedPage, Diagnostic> {
        let site = self.site;
        let mut ctx = self.globals.clone();
        ctx.insert("current_path", &job.url);
        ctx.insert("page_kind", job.kind_name());
        ctx.insert("title", &context::page_title(site, job));
        let meta: Vec<Value> = context::meta_tags(site, job)
            .into_iter()
            .map(|(name, content)| json!({ "name": name, "content": content }))
            .collect();
        ctx.insert("meta", &meta);
        ctx.insert("breadcrumbs", &context::breadcrumbs(site, job));
        let (template, body) = match &job.kind {
            PageKind::Home => ("index.html", Some(self.home(&mut ctx))),
            PageKind::Column { column, page } => {
                ("column.html", Some(self.column(&mut ctx, *column, *page)))
            }
            PageKind::Item(id) => ("item.html", Some(self.item(&mut ctx, *id))),
            PageKind::Loose(id) => ("page.html", Some(self.item(&mut ctx, *id))),
            PageKind::Sitemap => {
                ctx.insert("tree", &context::column_tree(site, &site.top_columns()));
                ("sitemap.html", None)
            }
            PageKind::Search => ("search.html", None),
            PageKind::NotFound => ("404.html", None),
            PageKind::Notice => ("notice.html", None),
            PageKind::Redirect { target, title } => {
                ctx.insert("redirect", &json!({ "url": target, "title": title }));
                ("redirect.html", None)
            }
        };
        // Rendered into bytes and checked here rather than by `Tera::render`: simdutf8 is
        // faster on a page of Chinese text.
        let mut bytes = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, &ctx, &mut bytes)
            .map_err(|e| template_error(&e, &self.origins))?;
        let html = crate::utf8::string_from(bytes).map_err(|e| {
            Diagnostic::error(
                "GOV005",
                format!("模板 {template} 生成的页面不是 UTF-8 文本：{e}"),
            )
            .at_page(job.output.clone())
        })?;
        Ok(RenderedPage { html, body })
    }

    fn home(&self, ctx: &mut Context) -> markdown::Rendered {
        let site = self.site;
        let body = markdown::render(&site.home.body);
        let chosen: Vec<usize> = if site.home.front.columns.is_empty() {
            site.top_columns()
        } else {
            site.home
                .front
                .columns
                .iter()
                .filter_map(|p| site.columns.iter().position(|c| c.path == p.as_str()))
                .collect()
        };
        let blocks: Vec<Value> = chosen
            .into_iter()
            .map(|c| {
                let column = &site.columns[c];
                let items: Vec<Value> = self.listings[c].iter().take(6).map(|&i| item_entry(site, i, false)).collect();
                json!({ "title": column.title(), "url": column.url, "type": column.column_type().unwrap_or(""), "items": items })
            })
            .collect();
        ctx.insert(
            "home",
            &json!({ "intro_html": body.html, "blocks": blocks }),
        );
        body
    }

    fn column(&self, ctx: &mut Context, id: usize, page: usize) -> markdown::Rendered {
        let site = self.site;
        let column = &site.columns[id];
        let body = markdown::render(&column.body);
        let all = &self.listings[id];
        let per_page = site.config.paginate;
        let total = all.len().div_ceil(per_page).max(1);
        let slice: Vec<Value> = all
            .iter()
            .skip((page - 1) * per_page)
            .take(per_page)
            .map(|&i| item_entry(site, i, true))
            .collect();
        let children: Vec<Value> = column
            .children
            .iter()
            .map(|&c| json!({ "title": site.columns[c].title(), "url": site.columns[c].url }))
            .collect();
        ctx.insert(
            "column",
            &json!({
                "title": column.title(),
                "url": column.url,
                "type": site.column_type_of(id).unwrap_or(""),
                "description": column.description(),
                "intro_html": body.html,
                "link": column.front.link.as_ref().map_or("", |l| l.as_str()),
                "children": children,
            }),
        );
        ctx.insert("items", &slice);
        ctx.insert("paginator", &context::paginator(&column.url, page, total));
        if catalogue::shown_on(site, id, page) {
            ctx.insert("catalogue", &catalogue::value(&catalogue::rows(site)));
            ctx.insert(
                "catalogue_csv",
                &format!("{}{}", column.url, catalogue::CSV_NAME),
            );
        }
        body
    }

    fn item(&self, ctx: &mut Context, id: usize) -> markdown::Rendered {
        let site = self.site;
        let item = &site.items[id];
        let body = markdown::render(&item.body);
        let kind = match site.item_type(id) {
            Some("政策文件") => "policy",
            Some("政策解读") => "interpretation",
            Some("办事服务") => "service",
            Some("咨询投诉") => "letter",
            _ => "plain",
        };
        let s = |t: &Option<crate::config::Text>| t.as_ref().map_or(String::new(), |t| t.0.clone());
        let link = |i: usize| json!({ "title": site.items[i].title(), "url": site.items[i].url, "form": s(&site.items[i].front.form) });
        let interpretations: Vec<Value> = self
            .interpretations
            .get(&id)
            .map_or(Vec::new(), |v| v.iter().map(|&i| link(i)).collect());
        let interprets = item
            .front
            .interprets
            .as_ref()
            .and_then(|p| site.find_item(p.as_str()))
            .map(link);
        let (prev, next) = item.column.map_or((Value::Null, Value::Null), |c| {
            let list = &site.columns[c].items;
            let pos = list.iter().position(|&i| i == id).unwrap_or(0);
            let around = |i: Option<&usize>| {
                i.map_or(
                    Value::Null,
                    |&i| json!({ "title": site.items[i].title(), "url": site.items[i].url }),
                )
            };
            (
                around(pos.checked_sub(1).and_then(|p| list.get(p))),
                around(list.get(pos + 1)),
            )
        });
        let letter = (kind == "letter").then(|| {
            let answer_html = match &item.front.answer {
                Some(a) => markdown::render(a.as_str()).html,
                None => String::new(),
            };
            json!({
                "asked": item.asked.map(|d| d.ymd()).unwrap_or_default(),
                "answered": item.answered.map(|d| d.ymd()).unwrap_or_default(),
                "answer_html": answer_html,
            })
        });
        let column = item.column.map(|c| {
            json!({ "title": site.columns[c].title(), "url": site.columns[c].url, "type": site.column_type_of(c).unwrap_or("") })
        });
        ctx.insert(
            "item",
            &json!({
                "title": item.title(),
                "url": item.url,
                "date": item.date.map(|d| d.ymd_hm()).unwrap_or_default(),
                "day": item.date.map(|d| d.ymd()).unwrap_or_default(),
                "source": item_source(site, item),
                "author": s(&item.front.author),
                "keywords": item.front.keywords,
                "body_html": body.html,
                "kind": kind,
                "column": column,
                "policy": (kind == "policy").then(|| json!({
                    "index_no": s(&item.front.index_no),
                    "issuer": s(&item.front.issuer),
                    "doc_number": s(&item.front.doc_number),
                    "written": item.written.map(|d| d.ymd()).unwrap_or_default(),
                    "topic": s(&item.front.topic),
                    "validity": s(&item.front.validity),
                })),
                "interpretations": interpretations,
                "interprets": interprets,
                "form": s(&item.front.form),
                "service": item.front.service,
                "letter": letter,
                "prev": prev,
                "next": next,
            }),
        );
        body
    }
}

/// HTML escaping without tera's `/` → `&#x2F;`, which is legal but makes every URL in the
/// output unreadable (and every URL check decode first).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut plain = 0;
    // The special characters are ASCII, so the text between them is copied whole.
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[plain..at]);
        out.push_str(entity);
        plain = at + 1;
    }
    out.push_str(&text[plain..]);
    out
}

/// A cycle of includes as GOV005, at the first template of the cycle.
fn include_cycle_error(
    cycle: &[String],
    origins: &HashMap<String, String>,
    texts: &HashMap<String, String>,
) -> Diagnostic {
    let first = cycle.first().map(String::as_str).unwrap_or_default();
    let next = cycle.get(1).map(String::as_str).unwrap_or_default();
    let file = origins
        .get(first)
        .cloned()
        .unwrap_or_else(|| "templates".to_string());
    let span = texts
        .get(first)
        .and_then(|text| cycles::edge_span(text, next));
    Diagnostic::error(
        "GOV005",
        format!("模板互相包含，渲染会无限递归：{}", cycle.join(" → ")),
    )
    .at(file, span)
    .with_label("从这里开始循环")
    .with_help("删除形成循环的 {% include %}；需要递归输出（如栏目树）时用带终止条件的宏")
}

/// A tera error as GOV005, naming the template file and tera's whole explanation.
fn template_error(error: &tera::Error, origins: &HashMap<String, String>) -> Diagnostic {
    let mut chain = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        chain.push(inner.to_string());
        source = inner.source();
    }
    let detail = chain.join("：");
    let file = origins
        .iter()
        .find(|(name, _)| detail.contains(&format!("'{name}'")))
        .map_or_else(|| "templates".to_string(), |(_, origin)| origin.clone());
    Diagnostic::error("GOV005", format!("模板错误：{detail}"))
        .at(file, None)
        .with_help("检查模板语法和变量名；可用变量见 themes/README.md")
}
