//! 《政府网站工作年度报表》: the figures content can give, counted from the site model, and
//! every other field of the form listed as 待填写 (to be filled from the systems that know:
//! visit statistics, the service platform, the letters system, security logs).
//!
//! Which columns count for which figure is data, here at the top (by national ColumnType,
//! inherited by sub-columns): 概况类 = 概况信息, 机构职能, 负责人信息; 政务动态 = 工作动态,
//! 通知公告; 信息公开目录 = 信息公开目录, 政策文件 (the catalogue lists every policy
//! document). An item counts for the year of its PubDate.

use super::form;
use crate::content::Site;
use serde_json::{json, Value};

const OVERVIEW: &[&str] = &["概况信息", "机构职能", "负责人信息"];
const NEWS: &[&str] = &["工作动态", "通知公告"];
const CATALOGUE: &[&str] = &["信息公开目录", "政策文件"];
const TOPIC: &str = "专题专栏";
const INTERPRETATION: &str = "政策解读";
const RESPONSE: &str = "回应关切";
const SERVICE: &str = "办事服务";
const FULLY_ONLINE: &str = "全程网办";

/// A figure: a count, a yes/no, a text, or 待填写.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    Count(usize),
    YesNo(bool),
    Text(String),
    Pending,
}

impl Figure {
    /// As shown in CSV and HTML: the number, 是/否, the text, or 待填写.
    pub fn display(&self) -> String {
        match self {
            Figure::Count(n) => n.to_string(),
            Figure::YesNo(b) => if *b { "是" } else { "否" }.to_string(),
            Figure::Text(t) => t.clone(),
            Figure::Pending => "待填写".to_string(),
        }
    }

    /// As a JSON value; `null` when pending.
    pub fn json(&self) -> Value {
        match self {
            Figure::Count(n) => json!(n),
            Figure::YesNo(b) => json!(b),
            Figure::Text(t) => json!(t),
            Figure::Pending => Value::Null,
        }
    }
}

/// One line of the form.
#[derive(Debug, Clone)]
pub struct Row {
    /// Stable machine name, e.g. `info.total`.
    pub key: &'static str,
    pub label: &'static str,
    pub value: Figure,
    pub unit: &'static str,
}

/// A block of the form (网站基本信息, 信息发布 …).
#[derive(Debug, Clone)]
pub struct Section {
    pub name: &'static str,
    pub rows: Vec<Row>,
}

/// The computed report.
#[derive(Debug, Clone)]
pub struct AnnualReport {
    pub year: i32,
    pub site_name: String,
    pub sections: Vec<Section>,
}

impl AnnualReport {
    pub fn title(&self) -> String {
        format!("{}工作年度报表（{}年度）", self.site_name, self.year)
    }
}

fn row(key: &'static str, label: &'static str, value: Figure, unit: &'static str) -> Row {
    Row {
        key,
        label,
        value,
        unit,
    }
}

/// Counts the figures of `year`.
pub fn compute(site: &Site, year: i32) -> AnnualReport {
    let mut rows: Vec<(&'static str, Row)> = Vec::new();
    rows.extend(identity(site).into_iter().map(|r| ("网站基本信息", r)));
    rows.extend(publishing(site, year).into_iter().map(|r| ("信息发布", r)));
    rows.extend(topics(site, year).into_iter().map(|r| ("专栏专题", r)));
    rows.extend(
        interpretation(site, year)
            .into_iter()
            .map(|r| ("解读回应", r)),
    );
    rows.extend(services(site, year).into_iter().map(|r| ("办事服务", r)));
    for &(section, key, label, unit) in form::PENDING {
        rows.push((section, row(key, label, Figure::Pending, unit)));
    }
    let sections = form::SECTIONS
        .iter()
        .map(|&name| Section {
            name,
            rows: rows
                .iter()
                .filter(|(s, _)| *s == name)
                .map(|(_, r)| r.clone())
                .collect(),
        })
        .collect();
    AnnualReport {
        year,
        site_name: site.config.name().to_string(),
        sections,
    }
}

fn identity(site: &Site) -> Vec<Row> {
    let c = &site.config;
    let text = |v: &str| Figure::Text(v.to_string());
    let yaml = |v: &Option<crate::config::Text>| text(crate::config::Config::str_of(v));
    vec![
        row("site.name", "网站名称", text(c.name()), ""),
        row("site.url", "首页网址", text(&c.base_url), ""),
        row("site.sponsor", "主办单位", text(c.sponsor()), ""),
        row("site.kind", "网站类型", text(c.kind.chinese()), ""),
        row("site.id_code", "政府网站标识码", text(c.id_code()), ""),
        row("site.icp", "ICP备案号", yaml(&c.yaml.icp), ""),
        row("site.psb", "公安机关备案号", yaml(&c.yaml.psb), ""),
        row("site.visitors", "独立用户访问总量", Figure::Pending, "个"),
        row("site.visits", "网站总访问量", Figure::Pending, "次"),
    ]
}

/// Items (not loose pages) dated in `year`.
fn items_of_year(site: &Site, year: i32) -> impl Iterator<Item = usize> + '_ {
    (0..site.items.len()).filter(move |&i| {
        let item = &site.items[i];
        !item.is_loose()
            && item
                .date
                .is_some_and(|d| chrono::Datelike::year(&d.day()) == year)
    })
}

fn count_types(site: &Site, year: i32, types: &[&str]) -> usize {
    items_of_year(site, year)
        .filter(|&i| site.item_type(i).is_some_and(|t| types.contains(&t)))
        .count()
}

fn publishing(site: &Site, year: i32) -> Vec<Row> {
    vec![
        row(
            "info.total",
            "总数",
            Figure::Count(items_of_year(site, year).count()),
            "条",
        ),
        row(
            "info.overview",
            "概况类信息",
            Figure::Count(count_types(site, year, OVERVIEW)),
            "条",
        ),
        row(
            "info.news",
            "政务动态信息",
            Figure::Count(count_types(site, year, NEWS)),
            "条",
        ),
        row(
            "info.catalogue",
            "信息公开目录信息",
            Figure::Count(count_types(site, year, CATALOGUE)),
            "条",
        ),
    ]
}

/// Topic columns: those of type 专题专栏 not nested in another. Maintained in the year =
/// has an item dated in it; opened in the year = its first item is dated in it.
fn topics(site: &Site, year: i32) -> Vec<Row> {
    let in_year = |d: &crate::config::Date| chrono::Datelike::year(&d.day()) == year;
    let (mut maintained, mut opened) = (0, 0);
    for c in 0..site.columns.len() {
        let parent_topic =
            site.columns[c].parent.and_then(|p| site.column_type_of(p)) == Some(TOPIC);
        if site.columns[c].column_type() != Some(TOPIC) || parent_topic {
            continue;
        }
        let dates: Vec<_> = site
            .items_under(c)
            .iter()
            .filter_map(|&i| site.items[i].date)
            .collect();
        if dates.iter().any(in_year) {
            maintained += 1;
        }
        if dates.iter().min().is_some_and(in_year) {
            opened += 1;
        }
    }
    vec![
        row(
            "topics.maintained",
            "维护数量",
            Figure::Count(maintained),
            "个",
        ),
        row("topics.opened", "新开设数量", Figure::Count(opened), "个"),
    ]
}

fn interpretation(site: &Site, year: i32) -> Vec<Row> {
    let (mut material, mut product, mut media, mut other) = (0, 0, 0, 0);
    for i in items_of_year(site, year).filter(|&i| site.item_type(i) == Some(INTERPRETATION)) {
        match site.items[i].front.form.as_ref().map(|f| f.as_str()) {
            Some("文字解读") => material += 1,
            Some("图文解读") | Some("音视频解读") => product += 1,
            Some("媒体评论") => media += 1,
            _ => other += 1,
        }
    }
    let responses = count_types(site, year, &[RESPONSE]);
    vec![
        row(
            "interpret.total",
            "解读信息发布：总数",
            Figure::Count(material + product + media + other),
            "条",
        ),
        row(
            "interpret.material",
            "解读材料数量（文字解读）",
            Figure::Count(material),
            "条",
        ),
        row(
            "interpret.product",
            "解读产品数量（图文解读、音视频解读）",
            Figure::Count(product),
            "条",
        ),
        row(
            "interpret.media",
            "媒体评论文章数量",
            Figure::Count(media),
            "篇",
        ),
        row(
            "interpret.unspecified",
            "未注明解读形式",
            Figure::Count(other),
            "条",
        ),
        row(
            "response.total",
            "回应公众关注热点或重大舆情数量",
            Figure::Count(responses),
            "次",
        ),
    ]
}

/// Service items on the site at the end of the year, and how many are fully online.
fn services(site: &Site, year: i32) -> Vec<Row> {
    let has_column =
        (0..site.columns.len()).any(|c| site.columns[c].column_type() == Some(SERVICE));
    let items: Vec<usize> = (0..site.items.len())
        .filter(|&i| site.item_type(i) == Some(SERVICE))
        .filter(|&i| {
            site.items[i]
                .date
                .is_some_and(|d| chrono::Datelike::year(&d.day()) <= year)
        })
        .collect();
    let online = items
        .iter()
        .filter(|&&i| {
            site.items[i]
                .front
                .service
                .as_ref()
                .and_then(|s| s.online.as_ref())
                .map(|o| o.as_str())
                == Some(FULLY_ONLINE)
        })
        .count();
    vec![
        row(
            "service.catalogue",
            "是否发布服务事项目录",
            Figure::YesNo(has_column),
            "",
        ),
        row(
            "service.items",
            "政务服务事项数量",
            Figure::Count(items.len()),
            "项",
        ),
        row(
            "service.full_online",
            "可全程在线办理政务服务事项数量",
            Figure::Count(online),
            "项",
        ),
    ]
}
