//! GOV705: the notice period is over — remind of the shutdown checklist.

use super::{Rule, RuleMeta};
use crate::config::SITE_FILE;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV705",
    name: "notice-period-over",
    severity: Severity::Warning,
    waivable: false,
    summary: "公告保留期已过：应完成网站关停的注销和备案手续",
    explanation: include_str!("docs/gov705.md"),
    default_off: false,
};

/// What a closed site still has to do (regulations.md, merging and closing).
pub const CHECKLIST: &str = "关停检查清单：1. 在全国政府网站信息报送系统注销政府网站标识码，并确认已填报下线说明；2. 注销 ICP 备案；3. 注销公安机关备案；4. 注销党政机关网站标识；5. 注销或停止解析网站域名，确认网站已无法访问；6. 确认原网站内容已备份并迁移，杜绝只关停不迁移";

pub struct ShutdownDue;

impl Rule for ShutdownDue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let Some(until) = site.config.lifecycle.as_ref().and_then(|l| l.until) else {
            return;
        };
        if site.as_of.day() > until.day() {
            out.push(
                META.diag(format!(
                    "公告保留期已于 {} 结束，网站应按程序关停",
                    until.ymd()
                ))
                .at(SITE_FILE, Some(site.config.spans.best("lifecycle.until")))
                .with_help(CHECKLIST),
            );
        }
    }
}
