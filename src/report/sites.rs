//! The two site tables of the integration notice's attachments, from each site's own
//! site.yaml, with the notice's columns in the notice's order: 附件1, the sites kept
//! (序号, 网站名称, 主办单位, 网址, 联系人, 联系电话), and 附件2, the sites to be taken
//! permanently offline (序号, 网站名称, 主办单位, 网址, 整合迁移去向, 联系人, 联系电话).
//! A site with `lifecycle:` (migration or offline) goes in the second table.

use super::{csv_line, esc, html_page};
use crate::config::{Config, LifecycleKind};

/// One site's line (without its number).
#[derive(Debug, Clone)]
pub struct SiteRow {
    pub name: String,
    pub sponsor: String,
    pub url: String,
    pub person: String,
    pub phone: String,
    /// Where the content went; `None` for kept sites.
    pub destination: Option<String>,
}

/// The two tables.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub kept: Vec<SiteRow>,
    pub offline: Vec<SiteRow>,
}

const KEPT_TITLE: &str = "附件1 保留的政府网站统计表";
const OFFLINE_TITLE: &str = "附件2 需永久下线的政府网站统计表";
const KEPT_HEAD: &[&str] = &["序号", "网站名称", "主办单位", "网址", "联系人", "联系电话"];
const OFFLINE_HEAD: &[&str] = &[
    "序号",
    "网站名称",
    "主办单位",
    "网址",
    "整合迁移去向",
    "联系人",
    "联系电话",
];

/// Sorts the sites into the two tables, in the order given.
pub fn tables(configs: &[Config]) -> Tables {
    let mut tables = Tables::default();
    for config in configs {
        let s = Config::str_of;
        let destination = config.lifecycle.as_ref().map(|l| {
            let name = l.target_name.clone().unwrap_or_default();
            let url = l.target_url.clone().unwrap_or_default();
            let into = match (name.is_empty(), url.is_empty()) {
                (false, false) => format!("{name}（{url}）"),
                (true, true) => String::new(),
                _ => format!("{name}{url}"),
            };
            match l.kind {
                LifecycleKind::Migration => format!("整合迁移至{into}"),
                LifecycleKind::Offline if into.is_empty() => "永久下线".to_string(),
                LifecycleKind::Offline => format!("永久下线，内容迁移至{into}"),
            }
        });
        let row = SiteRow {
            name: config.name().to_string(),
            sponsor: config.sponsor().to_string(),
            url: config.base_url.clone(),
            person: s(&config.yaml.contact.person).to_string(),
            phone: s(&config.yaml.contact.phone).to_string(),
            destination,
        };
        if row.destination.is_some() {
            tables.offline.push(row);
        } else {
            tables.kept.push(row);
        }
    }
    tables
}

/// A row's cells in its table's column order: 整合迁移去向 (offline sites only) comes
/// after 网址 and before the contact, as in the notice's 附件2.
fn fields(number: usize, row: &SiteRow) -> Vec<String> {
    let mut out = vec![
        number.to_string(),
        row.name.clone(),
        row.sponsor.clone(),
        row.url.clone(),
    ];
    if let Some(d) = &row.destination {
        out.push(d.clone());
    }
    out.push(row.person.clone());
    out.push(row.phone.clone());
    out
}

/// The two tables with their titles and column heads.
fn both(tables: &Tables) -> [(&'static str, &'static [&'static str], &[SiteRow]); 2] {
    [
        (KEPT_TITLE, KEPT_HEAD, &tables.kept),
        (OFFLINE_TITLE, OFFLINE_HEAD, &tables.offline),
    ]
}

/// Both tables in one CSV, each under its title line, separated by a blank line.
pub fn to_csv(tables: &Tables) -> String {
    let mut out = String::new();
    for (n, (title, head, rows)) in both(tables).into_iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&csv_line(&[title]));
        out.push_str(&csv_line(head));
        for (i, row) in rows.iter().enumerate() {
            out.push_str(&csv_line(&fields(i + 1, row)));
        }
    }
    out
}

/// Both tables on one page, with header cells for screen readers.
pub fn to_html(tables: &Tables) -> String {
    let mut body = String::new();
    for (title, head, rows) in both(tables) {
        body.push_str(&format!(
            "<table>\n<caption>{}</caption>\n<thead><tr>",
            esc(title)
        ));
        for h in head {
            body.push_str(&format!("<th scope=\"col\">{}</th>", esc(h)));
        }
        body.push_str("</tr></thead>\n<tbody>\n");
        for (i, row) in rows.iter().enumerate() {
            body.push_str("<tr>");
            for (n, f) in fields(i + 1, row).iter().enumerate() {
                let cell = if n == 1 { "th scope=\"row\"" } else { "td" };
                let close = if n == 1 { "th" } else { "td" };
                body.push_str(&format!("<{cell}>{}</{close}>", esc(f)));
            }
            body.push_str("</tr>\n");
        }
        body.push_str("</tbody>\n</table>\n");
    }
    html_page("政府网站信息表", &body)
}
