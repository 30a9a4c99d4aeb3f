//! GOV706: an announcement names the site, its address, the date and (for a move) where
//! the content went, and the site has a 通知公告 column to publish it in.

use super::{Rule, RuleMeta};
use crate::config::{AnnouncementKind, SITE_FILE};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};
use crate::notices::announcements::{kind_label, missing, notice_column};

pub static META: RuleMeta = RuleMeta {
    code: "GOV706",
    name: "announcement-incomplete",
    severity: Severity::Error,
    waivable: false,
    summary: "网站开通、整合迁移或下线公告缺少网站名称、网址、日期或内容去向",
    explanation: include_str!("docs/gov706.md"),
    default_off: false,
};

pub struct AnnouncementIncomplete;

impl Rule for AnnouncementIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let config = &site.config;
        for a in &config.announcements {
            let lacks = missing(a);
            let Some(first) = lacks.first() else { continue };
            let help = if a.kind == AnnouncementKind::Opening {
                "开通公告写明 site（网站名称）、url（网址）和 date（日期）"
            } else {
                "整合迁移和下线公告写明 site、url、date，以及 target（内容去向的 name 和 url）"
            };
            out.push(
                META.diag(format!(
                    "{}公告缺少 {}",
                    kind_label(a.kind),
                    lacks.join("、")
                ))
                .at(
                    SITE_FILE,
                    Some(crate::notices::locate(
                        &config.spans,
                        &format!("announcements[{}].{first}", a.index),
                    )),
                )
                .with_help(help),
            );
        }
        if !config.announcements.is_empty() && notice_column(site).is_none() {
            out.push(
                META.diag("有 announcements，但网站没有类型为“通知公告”的栏目来发布这些公告")
                    .at(SITE_FILE, Some(config.spans.best("announcements")))
                    .with_help("新建栏目，例如 content/tzgg/_index.md，front matter 写 title: 通知公告 和 type: 通知公告"),
            );
        }
    }
}
