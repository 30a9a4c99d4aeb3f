//! GOV303: stale columns — the newest item is older than the column's update cycle (its
//! own `update:`, or the default of its type). Also the shared staleness test of GOV304.

use super::structure_data::{Cycle, DATA};
use super::{Rule, RuleMeta};
use crate::config::Date;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV303",
    name: "stale-column",
    severity: Severity::Warning,
    waivable: false,
    summary: "栏目更新不及时：最新信息超过更新周期",
    explanation: include_str!("docs/gov303.md"),
    default_off: false,
};

pub struct StaleColumn;

/// A column that is not updated within its cycle.
#[derive(Debug)]
pub struct Stale {
    pub column: usize,
    pub cycle: Cycle,
    /// The newest dated item, if any item has a date.
    pub newest: Option<Date>,
}

/// The column's update cycle: its `update:` (when well-formed) or its type's default.
/// `Err` carries the message for a malformed `update:`.
pub fn cycle_of(site: &Site, column: usize) -> Result<Option<Cycle>, String> {
    let front = &site.columns[column].front;
    if let Some(update) = &front.update {
        return Cycle::parse(update.as_str()).map(Some);
    }
    Ok(site.columns[column]
        .column_type()
        .and_then(|t| DATA.freshness.get(t).copied()))
}

/// Every stale column. Columns served by a platform (`link:`) are fresh by definition;
/// columns without any item are empty columns (GOV302), not stale ones. Items without a
/// date count as not updated.
pub fn stale_columns(site: &Site) -> Vec<Stale> {
    let today = site.as_of.day();
    let mut out = Vec::new();
    for (c, column) in site.columns.iter().enumerate() {
        if column.front.link.is_some() || !column.has_index {
            continue;
        }
        let Ok(Some(cycle)) = cycle_of(site, c) else {
            continue;
        };
        let items = site.items_under(c);
        if items.is_empty() {
            continue;
        }
        let newest = items.iter().filter_map(|&i| site.items[i].date).max();
        let fresh = newest
            .and_then(|d| cycle.after(d.day()))
            .is_some_and(|due| due >= today);
        if !fresh {
            out.push(Stale {
                column: c,
                cycle,
                newest,
            });
        }
    }
    out
}

impl Rule for StaleColumn {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        for (c, column) in site.columns.iter().enumerate() {
            if let Err(problem) = cycle_of(site, c) {
                out.push(
                    Diagnostic::error("GOV003", problem)
                        .at(
                            column.source.file.clone(),
                            column.source.spans().value("update"),
                        )
                        .with_label("更新周期")
                        .with_help(
                            "写作数字加单位：14d（天）、6m（月）或 1y（年），例如 `update: 14d`",
                        ),
                );
            }
        }
        for stale in stale_columns(site) {
            let column = &site.columns[stale.column];
            let newest = stale.newest.map_or("没有注明日期的信息".to_string(), |d| {
                format!("最新信息发布于 {}", d.ymd())
            });
            let key = if column.front.update.is_some() {
                "update"
            } else {
                "type"
            };
            out.push(
                META.diag(format!(
                    "栏目“{}”超过{}未更新：{newest}（截至 {}）",
                    column.title(),
                    stale.cycle.chinese(),
                    site.as_of.ymd()
                ))
                .at(column.source.file.clone(), Some(column.source.spans().best(key)))
                .with_help("按更新周期发布新的信息；栏目实际更新周期更长时，在 _index.md 中用 `update:`（如 1y）声明"),
            );
        }
    }
}
