//! Shared defaults a 集约化 platform sets once for all its sites (platform.yaml
//! `defaults:`). They merge *under* a site's own values: a site that writes `conac` or
//! `jiucuo` keeps its own; `allow_hosts` is the union of both lists.

use super::raw::{RawConac, RawSite};
use super::text::{text, text_list, Text};
use super::Config;
use serde::Deserialize;
use std::path::PathBuf;

/// `defaults:` of platform.yaml.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteDefaults {
    /// 党政机关网站标识：脚本地址 (used when a site's site.yaml has no `conac`).
    #[serde(default)]
    pub conac: Option<DefaultConac>,
    /// 是否挂“我为政府网站找错”入口 (used when a site's site.yaml has no `jiucuo`).
    #[serde(default)]
    pub jiucuo: Option<bool>,
    /// Hosts every site may load resources from, added to each site's own list.
    #[serde(default, deserialize_with = "text_list")]
    pub allow_hosts: Vec<Text>,
    /// The platform's shared `themes/` folder (not written in YAML: set by the platform
    /// when the folder exists).
    #[serde(skip)]
    pub themes: Option<PathBuf>,
    /// The platform's shared 资源库, its `static/` folder (set by the platform when the
    /// folder exists).
    #[serde(skip)]
    pub statics: Option<PathBuf>,
}

/// `defaults.conac`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultConac {
    /// 党政机关网站标识的脚本地址.
    #[serde(default, deserialize_with = "text")]
    pub script: Option<Text>,
}

impl SiteDefaults {
    /// Fills what the site leaves out and adds the shared theme folder as a fallback.
    pub fn apply(&self, config: &mut Config) {
        self.apply_raw(&mut config.yaml);
        config.shared_themes = self.themes.clone();
        config.shared_statics = self.statics.clone();
    }

    /// Fills what `site` leaves out; never overrides a value the site wrote.
    pub fn apply_raw(&self, site: &mut RawSite) {
        if site.conac.is_none() {
            if let Some(conac) = &self.conac {
                site.conac = Some(RawConac {
                    script: conac.script.clone(),
                });
            }
        }
        if site.jiucuo.is_none() {
            site.jiucuo = self.jiucuo;
        }
        for host in &self.allow_hosts {
            if !site.allow_hosts.contains(host) {
                site.allow_hosts.push(host.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_gaps_but_never_override() {
        let defaults: SiteDefaults = serde_yaml::from_str(
            "conac: {script: https://dcs.conac.cn/js/p.js}\njiucuo: true\nallow_hosts: [cdn.example.gov.cn]",
        )
        .unwrap();
        let mut bare: RawSite = serde_yaml::from_str("name: 甲").unwrap();
        defaults.apply_raw(&mut bare);
        assert_eq!(
            bare.conac.unwrap().script.unwrap().as_str(),
            "https://dcs.conac.cn/js/p.js"
        );
        assert_eq!(bare.jiucuo, Some(true));
        let mut own: RawSite =
            serde_yaml::from_str("jiucuo: false\nallow_hosts: [a.gov.cn, cdn.example.gov.cn]")
                .unwrap();
        defaults.apply_raw(&mut own);
        assert_eq!(own.jiucuo, Some(false));
        assert_eq!(own.allow_hosts.len(), 2);
    }
}
