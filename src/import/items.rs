//! Items and loose pages of the new site: their file, new URL, aliases (old URLs that
//! must redirect to them) and front matter, with the site-format.md field names.

use super::layout;
use super::plan::{self, ColumnPlan, Read, Role};
use super::text::normalize_date;
use crate::render::pages::output_path;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The 办事指南 elements (`service:`), site-format.md section 4.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Service {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditions: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub process: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online: Option<String>,
}

/// Item front matter in the order site-format.md lists it.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Front {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interprets: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<Service>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asked: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answered: Option<String>,
}

/// One item or loose page to write.
#[derive(Debug, Clone)]
pub struct ItemPlan {
    /// Index into the pages read.
    pub read: usize,
    /// `zwdt/2026-11-20-x` (content path, without `.md`).
    pub path: String,
    pub url: String,
    pub column_type: Option<String>,
    pub front: Front,
    pub guessed: Vec<String>,
}

/// Plans the items and loose pages; pages without a date are returned as skipped.
pub fn plan(
    reads: &[Read],
    columns: &BTreeMap<String, ColumnPlan>,
) -> (Vec<ItemPlan>, Vec<plan::Skip>) {
    let mut items = Vec::new();
    let mut skipped = Vec::new();
    let mut taken: BTreeSet<String> = columns.values().map(|c| c.folder.clone()).collect();
    for (i, read) in reads.iter().enumerate() {
        let planned = match read.role {
            Role::Item => item(i, read, columns, &mut taken),
            Role::Loose => Ok(loose(i, read, &mut taken)),
            _ => continue,
        };
        match planned {
            Ok(mut item) => {
                if output_path(&read.url) != output_path(&item.url) {
                    item.front.aliases.push(read.url.clone());
                }
                items.push(item);
            }
            Err(reason) => skipped.push(plan::Skip {
                page: read.rel.clone(),
                reason,
            }),
        }
    }
    (items, skipped)
}

fn item(
    i: usize,
    read: &Read,
    columns: &BTreeMap<String, ColumnPlan>,
    taken: &mut BTreeSet<String>,
) -> Result<ItemPlan, String> {
    let column = columns
        .get(&plan::column_key(read))
        .ok_or_else(|| "找不到所属栏目".to_string())?;
    let facts = &read.facts;
    let mut guessed = Vec::new();
    let (title, how) = plan::title(facts);
    let title = title.ok_or_else(|| "找不到标题（ArticleTitle、<h1> 或 <title>）".to_string())?;
    guessed.extend(how.map(str::to_string));
    let date = match facts.meta("PubDate").and_then(normalize_date) {
        Some(d) => d,
        None => {
            let (d, how) = match facts.visible_date.clone() {
                Some(d) => (Some(d), "date 取自页面上的“发布时间”"),
                None => (
                    super::text::date_in_path(&read.rel),
                    "date 取自网址中的日期",
                ),
            };
            guessed.push(how.to_string());
            d.ok_or_else(|| "找不到发布日期（PubDate、发布时间或网址中的日期）".to_string())?
        }
    };
    let stem = unique(
        taken,
        &format!("{}/{}", column.folder, layout::item_stem(&read.rel, &date)),
    );
    let source = facts.meta("ContentSource").map(str::to_string).or_else(|| {
        let s = facts.visible_source.clone();
        if s.is_some() {
            guessed.push("source 取自页面上的“来源”".into());
        }
        s
    });
    let mut front = Front {
        title,
        date: Some(date),
        source,
        keywords: keywords(facts.meta("Keywords")),
        description: facts.meta("Description").map(str::to_string),
        ..Default::default()
    };
    typed_fields(&mut front, read, &column.column_type, &mut guessed);
    Ok(ItemPlan {
        read: i,
        url: format!("/{stem}/"),
        path: stem,
        column_type: Some(column.column_type.clone()),
        front,
        guessed,
    })
}

fn loose(i: usize, read: &Read, taken: &mut BTreeSet<String>) -> ItemPlan {
    let (title, how) = plan::title(&read.facts);
    let last = read.url.trim_matches('/').rsplit('/').next().unwrap_or("");
    let slug = layout::slugify(last.split('.').next().unwrap_or(last));
    let slug = if slug.is_empty() { "page".into() } else { slug };
    let path = unique(taken, &slug);
    ItemPlan {
        read: i,
        url: format!("/{path}/"),
        path,
        column_type: None,
        front: Front {
            title: title.unwrap_or_else(|| last.to_string()),
            description: read.facts.meta("Description").map(str::to_string),
            ..Default::default()
        },
        guessed: how.map(str::to_string).into_iter().collect(),
    }
}

/// `want`, or `want-2`, `want-3`… when taken; recorded as taken.
fn unique(taken: &mut BTreeSet<String>, want: &str) -> String {
    let mut name = want.to_string();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{want}-{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

/// Keywords as CMSs list them: `a,b，c；d、e`.
pub fn keywords(meta: Option<&str>) -> Vec<String> {
    meta.map(|k| {
        k.split([',', '，', ';', '；', '、', ' '])
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

/// The fields of 政策文件, 办事服务 and 咨询投诉 pages, by the column's type.
fn typed_fields(front: &mut Front, read: &Read, column_type: &str, guessed: &mut Vec<String>) {
    let f = &read.facts.fields;
    let get = |k: &str| f.get(k).cloned();
    match column_type {
        "政策文件" => {
            front.doc_number = get("doc_number");
            if front.doc_number.is_none() {
                guessed.push("doc_number 未找到：政策文件必须有发文字号，请补充".into());
            }
            front.issuer = get("issuer");
            if front.issuer.is_none() && front.source.is_some() {
                front.issuer = front.source.clone();
                guessed.push("issuer 取自信息来源".into());
            }
            front.written = get("written").and_then(|d| normalize_date(&d)).map(day);
            front.index_no = get("index_no");
            front.topic = get("topic");
            front.validity =
                get("validity").filter(|v| matches!(v.as_str(), "有效" | "失效" | "废止"));
        }
        "办事服务" if f.keys().any(|k| k.starts_with("service.")) => {
            let s = |k: &str| get(&format!("service.{k}"));
            let mut materials = read.facts.materials.clone();
            if materials.is_empty() {
                materials.extend(s("materials"));
            }
            front.service = Some(Service {
                name: s("name"),
                basis: s("basis"),
                conditions: s("conditions"),
                materials,
                location: s("location"),
                hours: s("hours"),
                phone: s("phone"),
                process: s("process"),
                online: s("online"),
            });
        }
        "政策解读" => {
            front.form = get("form").filter(|v| {
                matches!(
                    v.as_str(),
                    "文字解读" | "图文解读" | "音视频解读" | "媒体评论"
                )
            });
        }
        "咨询投诉" => {
            front.asked = get("asked").and_then(|d| normalize_date(&d)).map(day);
            front.answered = get("answered").and_then(|d| normalize_date(&d)).map(day);
        }
        _ => {}
    }
}

fn day(date: String) -> String {
    date.get(..10).unwrap_or(&date).to_string()
}

/// Fills `interprets:` of every 政策解读 item from the first link in its body to a
/// 政策文件 item. `new_of` maps an old page path to the new item's index.
pub fn link_interpretations(
    items: &mut [ItemPlan],
    reads: &[Read],
    new_of: &dyn Fn(&str, &str) -> Option<usize>,
) {
    for i in 0..items.len() {
        if items[i].column_type.as_deref() != Some("政策解读") {
            continue;
        }
        let read = &reads[items[i].read];
        let Some(body) = &read.body else { continue };
        let target = super::body::links(&body.html)
            .iter()
            .filter_map(|href| new_of(&read.url, href))
            .find(|&t| items[t].column_type.as_deref() == Some("政策文件"));
        match target {
            Some(t) => items[i].front.interprets = Some(items[t].path.clone()),
            None => items[i]
                .guessed
                .push("interprets 未找到：正文中没有指向政策文件的链接，请补充".into()),
        }
    }
}
