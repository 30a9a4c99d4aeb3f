//! GOV309: a service guide (办事指南) in a 办事服务 column has all eight elements.

use super::{Rule, RuleMeta};
use crate::content::{ServiceFront, Site};
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV309",
    name: "service-elements-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "办事指南缺少必备要素",
    explanation: include_str!("docs/gov309.md"),
    default_off: false,
};

pub struct ServiceElements;

/// The eight elements: (key, official name, present).
fn elements(s: &ServiceFront) -> [(&'static str, &'static str, bool); 8] {
    [
        ("name", "事项名称", s.name.is_some()),
        ("basis", "设定依据", s.basis.is_some()),
        ("conditions", "申请条件", s.conditions.is_some()),
        ("materials", "办理材料", !s.materials.is_empty()),
        ("location", "办理地点", s.location.is_some()),
        ("hours", "办理时间", s.hours.is_some()),
        ("phone", "联系电话", s.phone.is_some()),
        ("process", "办理流程", s.process.is_some()),
    ]
}

impl Rule for ServiceElements {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let empty = ServiceFront::default();
        for (i, item) in site.items.iter().enumerate() {
            if site.item_type(i) != Some("办事服务") {
                continue;
            }
            let service = item.front.service.as_deref().unwrap_or(&empty);
            let missing: Vec<(&str, &str, bool)> =
                elements(service).into_iter().filter(|e| !e.2).collect();
            let Some(&(first, _, _)) = missing.first() else {
                continue;
            };
            let names: Vec<&str> = missing.iter().map(|e| e.1).collect();
            let keys: Vec<&str> = missing.iter().map(|e| e.0).collect();
            out.push(
                META.diag(format!("办事指南“{}”缺少要素：{}", item.title(), names.join("、")))
                    .at(item.source.file.clone(), Some(item.source.spans().best(&format!("service.{first}"))))
                    .with_help(format!(
                        "在 front matter 的 `service:` 中补齐 {}（事项名称、设定依据、申请条件、办理材料、办理地点、办理时间、联系电话、办理流程八要素缺一不可）",
                        keys.join("、")
                    )),
            );
        }
    }
}
