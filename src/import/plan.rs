//! The new site's shape, decided from every page read: which page is the homepage, a
//! column page, an item, a loose page or an old redirect; which column folder each
//! column gets; and the new URL of every old one. Bodies are converted later, once
//! every new URL is known.

use super::body::{self, Body};
use super::layout::{self, old_url};
use super::page::{self, PageFacts};
use super::text::clean;
use crate::legacy::LegacyPage;
use scraper::Html;
#[cfg(test)]
use std::collections::BTreeSet;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What a page is in the new site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Home,
    Column,
    Item,
    Loose,
    /// An old redirect page (for example an `aliases` page of a govsite output).
    Redirect(String),
}

/// One page, read and classified.
#[derive(Debug, Clone)]
pub struct Read {
    pub rel: String,
    pub url: String,
    pub encoding: &'static str,
    pub role: Role,
    pub facts: PageFacts,
    pub body: Option<Body>,
}

/// A page that is not imported, and why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Skip {
    pub page: String,
    pub reason: String,
}

/// Reads and classifies one page; `Err` when it is skipped.
pub fn read(page: &LegacyPage) -> Result<Read, Skip> {
    let skip = |reason: &str| Skip {
        page: page.rel.clone(),
        reason: reason.to_string(),
    };
    if let Some(reason) = layout::generated(&page.rel) {
        return Err(skip(reason));
    }
    let doc = Html::parse_document(&page.html);
    let facts = page::read(&doc);
    let url = old_url(&page.rel);
    let role = role_of(&page.rel, &url, &facts);
    let body = match role {
        Role::Home => body::find_first(&doc, "section.home-intro", "govsite 首页简介"),
        Role::Column => body::find_first(&doc, "div.column-intro", "govsite 栏目说明"),
        Role::Redirect(_) => None,
        Role::Item | Role::Loose => body::find(&doc),
    };
    if matches!(role, Role::Item | Role::Loose) && body.is_none() {
        return Err(skip("找不到正文"));
    }
    if role == Role::Loose && facts.meta("ColumnName").is_none() && is_list(&doc) {
        return Err(skip("列表页（链接多于正文），由 govsite 按栏目生成"));
    }
    Ok(Read {
        rel: page.rel.clone(),
        url,
        encoding: page.encoding,
        role,
        facts,
        body,
    })
}

fn role_of(rel: &str, url: &str, facts: &PageFacts) -> Role {
    if let Some(target) = &facts.refresh {
        return Role::Redirect(target.clone());
    }
    let class = facts.body_class.as_str();
    let article = facts.meta("ArticleTitle").is_some() || facts.meta("PubDate").is_some();
    if url == "/" || (layout::is_index_name(rel) && !rel.contains('/')) {
        return Role::Home;
    }
    if class.contains("page-page") {
        return Role::Loose;
    }
    if class.contains("page-column") || (layout::is_index_name(rel) && !article) {
        return Role::Column;
    }
    if article || facts.visible_date.is_some() || super::text::date_in_path(rel).is_some() {
        return Role::Item;
    }
    Role::Loose
}

/// Whether most of the page's text is link text: a list, not an article.
fn is_list(doc: &Html) -> bool {
    let all: usize = doc
        .root_element()
        .text()
        .map(|t| t.trim().chars().count())
        .sum();
    let linked: usize = doc
        .select(&page::sel("a"))
        .flat_map(|a| a.text())
        .map(|t| t.trim().chars().count())
        .sum();
    all > 0 && linked * 10 > all * 6
}

/// A column of the new site.
#[derive(Debug, Clone)]
pub struct ColumnPlan {
    pub folder: String,
    pub title: String,
    pub column_type: String,
    pub description: Option<String>,
    pub keywords: Vec<String>,
    pub weight: Option<u32>,
    /// The column page read for it, if the old site had one.
    pub page: Option<usize>,
    pub guessed: Vec<String>,
}

/// The key that groups pages into one column: ColumnName, else the 大汉 column number,
/// else the directory.
pub fn column_key(read: &Read) -> String {
    if let Some(name) = read.facts.meta("ColumnName") {
        return format!("name:{name}");
    }
    if let Some(col) = layout::dahan_column(&read.rel) {
        return format!("col:{col}");
    }
    format!("dir:{}", layout::column_dir(&read.rel))
}

/// The columns of the new site, by key, from the items and column pages.
pub fn columns(reads: &[Read], home_nav: &[String]) -> BTreeMap<String, ColumnPlan> {
    let mut dirs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut by_key: BTreeMap<String, ColumnPlan> = BTreeMap::new();
    for (i, read) in reads.iter().enumerate() {
        if !matches!(read.role, Role::Item | Role::Column) {
            continue;
        }
        let key = column_key(read);
        let dir = match read.role {
            Role::Column => column_page_dir(read),
            _ => layout::column_dir(&read.rel),
        };
        // 大汉 items live under art/YYYY/M/D/ whatever their column: the number names it.
        let dir = layout::dahan_column(&read.rel).map_or(dir, |col| format!("col{col}"));
        // A column's own page names its folder better than its items' paths.
        let votes = if read.role == Role::Column { 1000 } else { 1 };
        let list = dirs.entry(key.clone()).or_default();
        list.extend(std::iter::repeat_n(dir, votes));
        let plan = by_key
            .entry(key.clone())
            .or_insert_with(|| new_column(&key));
        if read.role == Role::Column && plan.page.is_none() {
            plan.page = Some(i);
            plan.description = read
                .facts
                .meta("ColumnDescription")
                .map(str::to_string)
                .or_else(|| read.facts.lead.clone());
        }
        if plan.keywords.is_empty() {
            plan.keywords = super::items::keywords(read.facts.meta("ColumnKeywords"));
        }
        fill_type(plan, &read.facts);
    }
    assign_folders(&mut by_key, &dirs);
    for plan in by_key.values_mut() {
        let url = format!("/{}/", plan.folder);
        plan.weight = home_nav
            .iter()
            .position(|h| *h == url)
            .map(|p| (p as u32 + 1) * 10);
        if plan.column_type.is_empty() {
            plan.column_type = guess_type(&plan.title);
            plan.guessed.push(format!(
                "type: {}（由栏目名称推测，请核对）",
                plan.column_type
            ));
        }
    }
    by_key
}

/// The folder a column page stands for: `/zwdt/` → `zwdt`, `/xxgk/zcwj/index.shtml` →
/// `xxgk/zcwj`.
fn column_page_dir(read: &Read) -> String {
    let path = read.url.trim_matches('/');
    if layout::is_index_name(&read.rel) && !read.rel.ends_with("/index.html") {
        path.rsplit_once('/').map_or("", |(dir, _)| dir).to_string()
    } else {
        path.to_string()
    }
}

fn new_column(key: &str) -> ColumnPlan {
    let (kind, value) = key.split_once(':').unwrap_or(("dir", key));
    let mut guessed = Vec::new();
    let title = match kind {
        "name" => value.to_string(),
        _ => {
            guessed.push("title（旧页面没有 ColumnName，取自网址，请改为栏目名称）".into());
            if value.is_empty() {
                "其他".to_string()
            } else {
                value.rsplit('/').next().unwrap_or(value).to_string()
            }
        }
    };
    ColumnPlan {
        folder: String::new(),
        title,
        column_type: String::new(),
        description: None,
        keywords: Vec::new(),
        weight: None,
        page: None,
        guessed,
    }
}

fn fill_type(plan: &mut ColumnPlan, facts: &PageFacts) {
    if !plan.column_type.is_empty() {
        return;
    }
    let allowed = &crate::rules::data::COLUMN_TYPES.allowed;
    if let Some(t) = facts
        .meta("ColumnType")
        .filter(|t| allowed.iter().any(|a| a == t))
    {
        plan.column_type = t.to_string();
    } else if facts.fields.contains_key("doc_number") {
        plan.column_type = "政策文件".into();
        plan.guessed
            .push("type: 政策文件（页面有发文字号，请核对）".into());
    }
}

/// A ColumnType from words in the column's name; 其他 when nothing fits.
pub fn guess_type(name: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("解读", "政策解读"),
        ("政策", "政策文件"),
        ("文件", "政策文件"),
        ("通知", "通知公告"),
        ("公告", "通知公告"),
        ("动态", "工作动态"),
        ("要闻", "工作动态"),
        ("新闻", "工作动态"),
        ("办事", "办事服务"),
        ("服务", "办事服务"),
        ("咨询", "咨询投诉"),
        ("投诉", "咨询投诉"),
        ("信箱", "咨询投诉"),
        ("数据", "数据发布"),
        ("统计", "数据发布"),
        ("年报", "信息公开年报"),
        ("指南", "信息公开指南"),
        ("机构", "机构职能"),
        ("领导", "负责人信息"),
        ("概况", "概况信息"),
        ("关切", "回应关切"),
        ("征集", "征集调查"),
        ("访谈", "在线访谈"),
    ];
    WORDS
        .iter()
        .find(|(w, _)| name.contains(w))
        .map_or("其他", |(_, t)| t)
        .to_string()
}

/// Gives every column a unique folder: the most common old directory of its pages,
/// flattened to its last part unless its parent is a column too.
fn assign_folders(by_key: &mut BTreeMap<String, ColumnPlan>, dirs: &BTreeMap<String, Vec<String>>) {
    let mut wanted: BTreeMap<String, String> = BTreeMap::new();
    for (key, list) in dirs {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for d in list {
            *counts.entry(d.as_str()).or_default() += 1;
        }
        let best = counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .map_or("", |(d, _)| d);
        wanted.insert(key.clone(), best.to_string());
    }
    let all: HashSet<String> = wanted.values().cloned().collect();
    let mut taken: HashSet<String> = HashSet::new();
    for (n, (key, dir)) in wanted.iter().enumerate() {
        let nested = dir
            .rsplit_once('/')
            .is_some_and(|(parent, _)| all.contains(parent));
        let safe: Vec<String> = dir.split('/').map(layout::slugify).collect();
        let mut folder = if nested {
            safe.join("/")
        } else {
            safe.last().cloned().unwrap_or_default()
        };
        if folder.is_empty() || folder.split('/').any(str::is_empty) {
            folder = format!("lanmu{}", n + 1);
        }
        if taken.contains(&folder) {
            folder = safe.join("-");
        }
        let base = folder.clone();
        let mut i = 2;
        while taken.contains(&folder) || folder.is_empty() {
            folder = format!("{base}-{i}");
            i += 1;
        }
        taken.insert(folder.clone());
        if let Some(plan) = by_key.get_mut(key) {
            plan.folder = folder;
        }
    }
}

/// The item's title: ArticleTitle, else the page heading, else `<title>` without the
/// site name. The second value says which, when it was not ArticleTitle.
pub fn title(facts: &PageFacts) -> (Option<String>, Option<&'static str>) {
    if let Some(t) = facts.meta("ArticleTitle") {
        return (Some(t.to_string()), None);
    }
    if let Some(h1) = facts.h1.clone() {
        return (Some(h1), Some("title 取自页面标题 <h1>"));
    }
    let tag = facts.title_tag.as_deref().map(|t| {
        let cut = [" - ", "_", "|", " — ", "--"]
            .iter()
            .filter_map(|s| t.find(s))
            .min()
            .unwrap_or(t.len());
        clean(&t[..cut])
    });
    (tag.filter(|t| !t.is_empty()), Some("title 取自 <title>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(rel: &str, html: &str) -> Read {
        let page = LegacyPage {
            rel: rel.into(),
            html: html.into(),
            encoding: "UTF-8",
            bytes: html.len() as u64,
        };
        super::read(&page).unwrap_or_else(|s| panic!("{rel}: {}", s.reason))
    }

    const ARTICLE: &str =
        "<meta name=PubDate content=2022-04-17><body><div id=zoom><p>正文</p></div>";

    #[test]
    fn pages_get_their_roles() {
        assert_eq!(read("index.shtml", "<title>首页</title>").role, Role::Home);
        assert_eq!(read("xxgk/index.shtml", "<p>列表</p>").role, Role::Column);
        assert_eq!(read("xxgk/t20220417_1.shtml", ARTICLE).role, Role::Item);
        let redirect = read(
            "old.html",
            "<meta http-equiv=refresh content='0; url=/zwdt/a/'>",
        );
        assert_eq!(redirect.role, Role::Redirect("/zwdt/a/".into()));
        let list = LegacyPage {
            rel: "links.html".into(),
            html: "<body><a href=/a>第一条很长的链接标题</a><a href=/b>第二条很长的链接标题</a>短</body>".into(),
            encoding: "UTF-8",
            bytes: 0,
        };
        assert!(super::read(&list).is_err());
    }

    #[test]
    fn folders_flatten_unless_the_parent_is_a_column() {
        let reads = vec![
            read("xxgk/zcwj/202204/t20220417_1.shtml", ARTICLE),
            read("bmxx/zcwj/202204/t20220417_2.shtml", ARTICLE),
            read("zwdt/202204/t20220417_3.shtml", ARTICLE),
            read("zwdt/tpxw/202204/t20220417_4.shtml", ARTICLE),
        ];
        let columns = columns(&reads, &[]);
        let folders: BTreeSet<&str> = columns.values().map(|c| c.folder.as_str()).collect();
        assert_eq!(
            folders,
            BTreeSet::from(["zcwj", "xxgk-zcwj", "zwdt", "zwdt/tpxw"]),
            "{columns:?}"
        );
    }

    #[test]
    fn types_from_column_names() {
        assert_eq!(guess_type("政策解读"), "政策解读");
        assert_eq!(guess_type("区政府文件"), "政策文件");
        assert_eq!(guess_type("图片新闻"), "工作动态");
        assert_eq!(guess_type("专题"), "其他");
    }
}
