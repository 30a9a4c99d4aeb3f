//! GOV109: the “我为政府网站找错” entry (`jiucuo: true`) is enabled. Waivable, e.g. for a
//! site not yet registered with the national 找错 platform.

use super::{Rule, RuleMeta};
use crate::config::SITE_FILE;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV109",
    name: "jiucuo-disabled",
    severity: Severity::Error,
    waivable: true,
    summary: "未启用“我为政府网站找错”入口（jiucuo）",
    explanation: include_str!("docs/gov109.md"),
    default_off: false,
};

pub struct Jiucuo;

impl Rule for Jiucuo {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let config = &site.config;
        let message = match config.yaml.jiucuo {
            Some(true) => return,
            Some(false) => "“我为政府网站找错”入口已关闭（jiucuo: false）",
            None => "未启用“我为政府网站找错”入口（jiucuo）",
        };
        out.push(
            META.diag(message)
                .at(SITE_FILE, Some(config.spans.best("jiucuo")))
                .with_help("在 site.yaml 中写 jiucuo: true；页脚会加载全国政府网站找错平台的脚本，sitecode 即 id_code"),
        );
    }
}
