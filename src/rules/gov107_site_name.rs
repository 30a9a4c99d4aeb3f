//! GOV107: the site name ends like a government site's standard name (指引 名称规范).
//! A warning: the list of endings is practice, and some portals keep a historic brand.

use super::{Rule, RuleMeta};
use crate::config::SITE_FILE;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV107",
    name: "site-name-irregular",
    severity: Severity::Warning,
    waivable: false,
    summary: "网站名称不像规范的政府网站名称",
    explanation: include_str!("docs/gov107.md"),
    default_off: false,
};

pub struct SiteName;

/// Endings of standard names: 示例市人民政府门户网站, 示例市教育局网站, 中国政府网,
/// 示例市人民政府 (portals named after the government), 示例市政府门户.
pub const ENDINGS: &[&str] = &["网站", "网", "人民政府", "门户"];

/// Whether `name` ends like a standard government site name.
pub fn is_regular(name: &str) -> bool {
    ENDINGS.iter().any(|e| name.ends_with(e))
}

impl Rule for SiteName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let config = &site.config;
        let name = config.name();
        // A missing name is GOV111's (an error): no header can show it.
        if name.is_empty() || is_regular(name) {
            return;
        }
        out.push(
            META.diag(format!("网站名称“{name}”不像规范的政府网站名称"))
                .at(SITE_FILE, config.spans.value("name"))
                .with_label("应以“网站”“门户网站”“人民政府”等结尾")
                .with_help("按《政府网站发展指引》名称规范命名：门户网站为“<地方>人民政府门户网站”或“<地方>人民政府网”，部门网站为“<单位全称>网站”"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::is_regular;

    #[test]
    fn standard_names_are_regular() {
        for good in [
            "示例市人民政府门户网站",
            "示例市教育局网站",
            "中国政府网",
            "示例市人民政府",
            "示例县政府门户",
        ] {
            assert!(is_regular(good), "{good}");
        }
        for odd in ["示例市教育局", "首都之窗", "示例发布"] {
            assert!(!is_regular(odd), "{odd}");
        }
    }
}
