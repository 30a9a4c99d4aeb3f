//! The serde shape of `site.yaml` (site-format.md section 2). Unknown keys are rejected so
//! a typo cannot silently drop a mandated item; every scalar is read as [`Text`] and judged
//! later by the rules, which know what each item is called in the regulations.

use super::text::{text, text_list, Text};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    #[serde(default, deserialize_with = "text")]
    pub name: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub kind: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub domain: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub base_url: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub chinese_domain: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub language: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub id_code: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub sponsor: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub operator: Option<Text>,
    #[serde(default)]
    pub contact: RawContact,
    #[serde(default, deserialize_with = "text")]
    pub icp: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub psb: Option<Text>,
    #[serde(default)]
    pub conac: Option<RawConac>,
    #[serde(default)]
    pub jiucuo: Option<bool>,
    #[serde(default, deserialize_with = "text")]
    pub theme: Option<Text>,
    #[serde(default, deserialize_with = "text_list")]
    pub allow_hosts: Vec<Text>,
    #[serde(default)]
    pub waivers: Vec<RawWaiver>,
    #[serde(default)]
    pub lifecycle: Option<RawLifecycle>,
    #[serde(default)]
    pub announcements: Vec<RawAnnouncement>,
    /// Items per column page (default 20).
    #[serde(default)]
    pub paginate: Option<usize>,
    /// Minify HTML and CSS (default true).
    #[serde(default)]
    pub minify: Option<bool>,
    /// Rules that are off by default and that this site turns on (e.g. GOV604).
    #[serde(default, deserialize_with = "text_list")]
    pub enable: Vec<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    #[serde(default, deserialize_with = "text")]
    pub person: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub phone: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub email: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub address: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub postcode: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConac {
    #[serde(default, deserialize_with = "text")]
    pub script: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWaiver {
    #[serde(default, deserialize_with = "text")]
    pub rule: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub reason: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    #[serde(default, deserialize_with = "text")]
    pub name: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub url: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLifecycle {
    #[serde(default, deserialize_with = "text")]
    pub kind: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub announced: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub effective: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub until: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub reason: Option<Text>,
    #[serde(default)]
    pub target: RawTarget,
    #[serde(default, deserialize_with = "text")]
    pub redirects: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAnnouncement {
    #[serde(default, deserialize_with = "text")]
    pub kind: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub site: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub url: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub date: Option<Text>,
    #[serde(default)]
    pub target: RawTarget,
    /// Optional extra text for the announcement body (Markdown).
    #[serde(default, deserialize_with = "text")]
    pub body: Option<Text>,
}
