//! GOV304: the national veto on stale columns — too many key columns (工作动态, 通知公告,
//! 政策文件) or too many columns in all are not updated in their cycle.

use super::gov303_stale_column::stale_columns;
use super::structure_data::DATA;
use super::{Rule, RuleMeta};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV304",
    name: "stale-columns-veto",
    severity: Severity::Error,
    waivable: false,
    summary: "应更新未更新的栏目数量达到单项否决标准",
    explanation: include_str!("docs/gov304.md"),
    default_off: false,
};

pub struct FreshnessVeto;

impl Rule for FreshnessVeto {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let veto = &DATA.veto;
        let stale = stale_columns(site);
        let key: Vec<&str> = stale
            .iter()
            .filter(|s| {
                site.columns[s.column]
                    .column_type()
                    .is_some_and(|t| veto.key_types.iter().any(|k| k == t))
            })
            .map(|s| site.columns[s.column].title())
            .collect();
        let message = if key.len() >= veto.key_stale {
            format!(
                "{}类栏目中有 {} 个未按周期更新（{}），达到单项否决的 {} 个",
                veto.key_types.join("、"),
                key.len(),
                key.join("、"),
                veto.key_stale
            )
        } else if stale.len() >= veto.all_stale {
            let all: Vec<&str> = stale
                .iter()
                .map(|s| site.columns[s.column].title())
                .collect();
            format!(
                "共有 {} 个栏目应更新未更新（{}），达到单项否决的 {} 个",
                stale.len(),
                all.join("、"),
                veto.all_stale
            )
        } else {
            return;
        };
        // Point at the first stale column; GOV303 lists each of them at its own file.
        let first = &site.columns[stale[0].column];
        out.push(
            META.diag(message)
                .at(
                    first.source.file.clone(),
                    Some(first.source.spans().best("type")),
                )
                .with_help("逐一更新 GOV303 列出的栏目；确已停止更新的栏目应撤销或归并"),
        );
    }
}
