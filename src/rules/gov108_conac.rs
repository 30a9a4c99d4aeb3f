//! GOV108: the 党政机关网站标识 (conac badge) is configured with the script issued to the
//! site. Waivable while the application is pending.

use super::{Rule, RuleMeta};
use crate::config::{host_of, Config, SITE_FILE};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV108",
    name: "conac-missing",
    severity: Severity::Error,
    waivable: true,
    summary: "未配置党政机关网站标识（conac）",
    explanation: include_str!("docs/gov108.md"),
    default_off: false,
};

pub struct Conac;

/// The host that issues the per-site badge scripts.
pub const CONAC_HOST: &str = "dcs.conac.cn";

const HELP: &str = "填写开办单位核发的标识脚本地址，例如 conac: { script: https://dcs.conac.cn/js/53/000/0000/60000000/CA530000000600000000.js }；申请中可在 waivers 中豁免 GOV108 并写明理由";

impl Rule for Conac {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let config = &site.config;
        let script = config
            .yaml
            .conac
            .as_ref()
            .map_or("", |c| Config::str_of(&c.script));
        if script.is_empty() {
            out.push(
                META.diag("未配置党政机关网站标识（conac.script）")
                    .at(SITE_FILE, Some(config.spans.best("conac.script")))
                    .with_help(HELP),
            );
            return;
        }
        let host = host_of(script).unwrap_or_default();
        if host != CONAC_HOST {
            out.push(
                META.diag(format!(
                    "党政机关网站标识脚本“{script}”不是 {CONAC_HOST} 核发的地址"
                ))
                .at(SITE_FILE, config.spans.value("conac.script"))
                .with_label(format!("应为 https://{CONAC_HOST}/…"))
                .with_help(HELP),
            );
        }
    }
}
