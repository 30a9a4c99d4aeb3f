//! 更新时效 of a legacy site, from its pages' own PubDate and ColumnName/ColumnType: the
//! tests and thresholds of GOV302–GOV305 (`rules::freshness`, `structure_data::DATA`)
//! applied to the model, reported at the legacy pages, and a per-column table.

use super::classify::LegacyColumn;
use super::model::Model;
use crate::diagnostics::{Diagnostic, Severity};
use crate::legacy::LegacyPage;
use crate::rules::freshness::{cycle_of, empty_columns, homepage_columns, stale_columns};
use crate::rules::registry;
use crate::rules::structure_data::DATA;

/// One row of the per-column table.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ColumnRow {
    pub name: String,
    pub column_type: Option<String>,
    /// The update cycle in words (“2周”), when the type has one.
    pub cycle: Option<String>,
    pub items: usize,
    pub newest: Option<String>,
    /// 正常, 未按周期更新, 空白栏目 or 无更新周期要求.
    pub status: &'static str,
    /// The column's listing page, else its first item.
    pub page: Option<String>,
}

/// The freshness verdicts.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Freshness {
    pub columns: Vec<ColumnRow>,
    /// The newest date among the columns the homepage shows.
    pub homepage_newest: Option<String>,
    pub homepage_stale: bool,
    pub empty_columns: usize,
    pub empty_veto_at: usize,
    pub stale_columns: usize,
    pub key_stale_columns: usize,
    pub stale_veto: bool,
}

/// Judges the model and returns the table and the findings.
pub fn judge(
    model: &Model,
    columns: &[LegacyColumn],
    pages: &[LegacyPage],
    home: Option<usize>,
) -> (Freshness, Vec<Diagnostic>) {
    let site = &model.site;
    let legacy_of = |m: usize| model.column_ids.iter().position(|&id| id == m);
    let page_of = |m: usize| {
        let c = &columns[legacy_of(m)?];
        c.listing
            .or(c.items.first().copied())
            .map(|i| pages[i].rel.clone())
    };
    let empty = empty_columns(site);
    let stale = stale_columns(site);
    let mut out = Vec::new();
    let mut fresh = Freshness {
        empty_columns: empty.len(),
        empty_veto_at: DATA.empty_columns_error_at,
        stale_columns: stale.len(),
        ..Freshness::default()
    };
    for (c, column) in columns.iter().enumerate() {
        let m = model.column_ids[c];
        let newest = site
            .items_under(m)
            .iter()
            .filter_map(|&i| site.items[i].date)
            .max();
        let cycle = cycle_of(site, m).ok().flatten();
        let status = if empty.contains(&m) {
            "空白栏目"
        } else if stale.iter().any(|s| s.column == m) {
            "未按周期更新"
        } else if cycle.is_none() {
            "无更新周期要求"
        } else {
            "正常"
        };
        fresh.columns.push(ColumnRow {
            name: column.name.clone(),
            column_type: column.column_type.clone(),
            cycle: cycle.map(|c| c.chinese()),
            items: column.items.len(),
            newest: newest.map(|d| d.ymd()),
            status,
            page: page_of(m),
        });
    }
    let severity = |code| registry::find(code).map_or(Severity::Warning, |m| m.severity);
    let empty_severity = if empty.len() >= DATA.empty_columns_error_at {
        Severity::Error
    } else {
        severity("GOV302")
    };
    for &m in &empty {
        let message = format!(
            "栏目“{}”是空白栏目：只有栏目页，没有任何信息（全站共 {} 个空白栏目，{} 个及以上为单项否决）",
            site.columns[m].title(),
            empty.len(),
            DATA.empty_columns_error_at
        );
        out.push(at(
            Diagnostic::new("GOV302", empty_severity, message)
                .with_help("发布该栏目的信息，或撤销不再维护的栏目并删除指向它的链接"),
            page_of(m),
        ));
    }
    for s in &stale {
        let newest = s.newest.map_or(
            "没有注明发布日期（PubDate）的信息".into(),
            |d| format!("最新信息发布于 {}", d.ymd()),
        );
        let message = format!(
            "栏目“{}”未按周期更新：更新周期为{}，{newest}（截至 {}）",
            site.columns[s.column].title(),
            s.cycle.chinese(),
            site.as_of.ymd()
        );
        out.push(at(
            Diagnostic::new("GOV303", severity("GOV303"), message)
                .with_help("按栏目的更新周期发布信息；确已停止更新的栏目应撤销或归并"),
            page_of(s.column),
        ));
    }
    out.extend(veto(model, &stale, &mut fresh, page_of));
    out.extend(homepage(
        model,
        &mut fresh,
        home.map(|h| pages[h].rel.clone()),
    ));
    (fresh, out)
}

fn at(d: Diagnostic, page: Option<String>) -> Diagnostic {
    match page {
        Some(page) => d.at(page, None),
        None => d,
    }
}

/// GOV304: too many key columns, or too many columns in all, are stale.
fn veto(
    model: &Model,
    stale: &[crate::rules::freshness::Stale],
    fresh: &mut Freshness,
    page_of: impl Fn(usize) -> Option<String>,
) -> Option<Diagnostic> {
    let site = &model.site;
    let veto = &DATA.veto;
    let key: Vec<&str> = stale
        .iter()
        .filter(|s| {
            site.column_type_of(s.column)
                .is_some_and(|t| veto.key_types.iter().any(|k| k == t))
        })
        .map(|s| site.columns[s.column].title())
        .collect();
    fresh.key_stale_columns = key.len();
    let message = if key.len() >= veto.key_stale {
        format!(
            "{}类栏目中有 {} 个未按周期更新（{}），达到单项否决的 {} 个",
            veto.key_types.join("、"),
            key.len(),
            key.join("、"),
            veto.key_stale
        )
    } else if stale.len() >= veto.all_stale {
        format!(
            "共有 {} 个栏目应更新未更新，达到单项否决的 {} 个",
            stale.len(),
            veto.all_stale
        )
    } else {
        return None;
    };
    fresh.stale_veto = true;
    let d = Diagnostic::new("GOV304", Severity::Error, message)
        .with_help("逐一更新 GOV303 列出的栏目；确已停止更新的栏目应撤销或归并");
    Some(at(d, page_of(stale[0].column)))
}

/// GOV305: no item of the homepage's columns is dated within the homepage cycle.
fn homepage(model: &Model, fresh: &mut Freshness, home: Option<String>) -> Option<Diagnostic> {
    let site = &model.site;
    let cycle = DATA.homepage_update;
    let since = cycle.before(site.as_of.day())?;
    let newest = homepage_columns(site)
        .iter()
        .flat_map(|&c| site.items_under(c))
        .filter_map(|i| site.items[i].date)
        .max();
    fresh.homepage_newest = newest.map(|d| d.ymd());
    if newest.is_some_and(|d| d.day() >= since) {
        return None;
    }
    fresh.homepage_stale = true;
    let detail = newest.map_or(
        "没有注明发布日期（PubDate）的信息".to_string(),
        |d| format!("最新的信息发布于 {}", d.ymd()),
    );
    let d = Diagnostic::new(
        "GOV305",
        Severity::Error,
        format!(
            "首页超过{}未更新：{detail}（截至 {}）",
            cycle.chinese(),
            site.as_of.ymd()
        ),
    )
    .with_help("在首页展示的栏目中发布新的信息，并在信息页写明 PubDate 网页标签");
    Some(at(d, home))
}
