//! The serde shape of `site.yaml` (site-format.md section 2). Unknown keys are rejected so
//! a typo cannot silently drop a mandated item; every scalar is read as [`Text`] and judged
//! later by the rules, which know what each item is called in the regulations.

use super::text::{text, text_list, Text};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    /// 网站名称，显示在每个页面的页头 (site name).
    #[serde(default, deserialize_with = "text")]
    pub name: Option<Text>,
    /// 网站类型：portal 政府门户网站、department 部门网站、special 专项网站 (site kind; default portal).
    #[serde(default, deserialize_with = "text")]
    #[schemars(with = "Option<crate::schema::SiteKind>")]
    pub kind: Option<Text>,
    /// 网站域名，如 www.example.gov.cn (domain name).
    #[serde(default, deserialize_with = "text")]
    pub domain: Option<Text>,
    /// 完整网址，默认 https://<domain>/ (full base URL).
    #[serde(default, deserialize_with = "text")]
    pub base_url: Option<Text>,
    /// 中文域名，如 示例市.政务 (Chinese domain name).
    #[serde(default, deserialize_with = "text")]
    pub chinese_domain: Option<Text>,
    /// 页面语言，默认 zh-CN (page language).
    #[serde(default, deserialize_with = "text")]
    pub language: Option<Text>,
    /// 政府网站标识码，10 位或带 bm 前缀 (government website ID code).
    #[serde(default, deserialize_with = "text")]
    pub id_code: Option<Text>,
    /// 主办单位 (sponsoring organisation).
    #[serde(default, deserialize_with = "text")]
    pub sponsor: Option<Text>,
    /// 承办单位 (operating organisation).
    #[serde(default, deserialize_with = "text")]
    pub operator: Option<Text>,
    /// 联系方式 (contact details shown in the footer).
    #[serde(default)]
    pub contact: RawContact,
    /// ICP 备案编号，如 滇ICP备12345678号-1 (ICP filing number).
    #[serde(default, deserialize_with = "text")]
    pub icp: Option<Text>,
    /// 公安机关备案号，如 滇公网安备 53010202000001号 (public-security filing number).
    #[serde(default, deserialize_with = "text")]
    pub psb: Option<Text>,
    /// 党政机关网站标识 (CONAC site mark).
    #[serde(default)]
    pub conac: Option<RawConac>,
    /// 是否挂“我为政府网站找错”入口 (show the error-reporting link).
    #[serde(default)]
    pub jiucuo: Option<bool>,
    /// 主题名称 (theme name).
    #[serde(default, deserialize_with = "text")]
    pub theme: Option<Text>,
    /// 允许外链的主机名 (hosts that outgoing links may point to).
    #[serde(default, deserialize_with = "text_list")]
    #[schemars(with = "crate::schema::TextList")]
    pub allow_hosts: Vec<Text>,
    /// 规则豁免，每条写明理由 (rule waivers, each with a reason).
    #[serde(default)]
    pub waivers: Vec<RawWaiver>,
    /// 网站整合迁移或下线 (migration or shutdown of this site).
    #[serde(default)]
    pub lifecycle: Option<RawLifecycle>,
    /// 门户发布的其他网站开通、迁移、下线公告 (announcements about other sites).
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
    #[schemars(with = "crate::schema::TextList")]
    pub enable: Vec<Text>,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    /// 联系人 (contact person).
    #[serde(default, deserialize_with = "text")]
    pub person: Option<Text>,
    /// 联系电话 (phone).
    #[serde(default, deserialize_with = "text")]
    pub phone: Option<Text>,
    /// 电子邮箱 (e-mail).
    #[serde(default, deserialize_with = "text")]
    pub email: Option<Text>,
    /// 通信地址 (postal address).
    #[serde(default, deserialize_with = "text")]
    pub address: Option<Text>,
    /// 邮政编码 (postcode).
    #[serde(default, deserialize_with = "text")]
    pub postcode: Option<Text>,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawConac {
    /// 党政机关网站标识的脚本地址 (CONAC mark script URL).
    #[serde(default, deserialize_with = "text")]
    pub script: Option<Text>,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawWaiver {
    /// 被豁免的规则代码，如 GOV303 (rule code).
    #[serde(default, deserialize_with = "text")]
    pub rule: Option<Text>,
    /// 豁免理由 (reason).
    #[serde(default, deserialize_with = "text")]
    pub reason: Option<Text>,
    /// 只豁免这些文件中的发现（通配符，相对网站文件夹，如 static/files/保密法*.pdf）；
    /// 不写则豁免整条规则 (only findings in these files; globs relative to the site folder).
    #[serde(default, deserialize_with = "text_list")]
    #[schemars(with = "crate::schema::TextList")]
    pub files: Vec<Text>,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    /// 目标网站名称 (target site name).
    #[serde(default, deserialize_with = "text")]
    pub name: Option<Text>,
    /// 目标网站网址 (target site URL).
    #[serde(default, deserialize_with = "text")]
    pub url: Option<Text>,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLifecycle {
    /// migration 整合迁移 或 offline 永久下线.
    #[serde(default, deserialize_with = "text")]
    #[schemars(with = "Option<crate::schema::LifecycleKind>")]
    pub kind: Option<Text>,
    /// 公告日期 YYYY-MM-DD (announcement date).
    #[serde(default, deserialize_with = "text")]
    pub announced: Option<Text>,
    /// 生效日期 YYYY-MM-DD (effective date).
    #[serde(default, deserialize_with = "text")]
    pub effective: Option<Text>,
    /// 公告至少保留到此日期 YYYY-MM-DD，不早于公告日期后 30 天 (notice kept until).
    #[serde(default, deserialize_with = "text")]
    pub until: Option<Text>,
    /// 迁移或下线原因 (reason).
    #[serde(default, deserialize_with = "text")]
    pub reason: Option<Text>,
    /// 迁入的网站 (the site the content moves to).
    #[serde(default)]
    pub target: RawTarget,
    /// 旧网址到新网址的对照文件（old_path,new_url 的 CSV）；默认迁到目标网址下的同一路径 (redirect map).
    #[serde(default, deserialize_with = "text")]
    pub redirects: Option<Text>,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAnnouncement {
    /// opening 开通、migration 整合迁移 或 offline 下线.
    #[serde(default, deserialize_with = "text")]
    #[schemars(with = "Option<crate::schema::AnnouncementKind>")]
    pub kind: Option<Text>,
    /// 被公告的网站名称 (site name).
    #[serde(default, deserialize_with = "text")]
    pub site: Option<Text>,
    /// 被公告的网站网址 (site URL).
    #[serde(default, deserialize_with = "text")]
    pub url: Option<Text>,
    /// 公告日期 YYYY-MM-DD (date).
    #[serde(default, deserialize_with = "text")]
    pub date: Option<Text>,
    /// 迁入的网站（迁移公告） (target of a migration).
    #[serde(default)]
    pub target: RawTarget,
    /// Optional extra text for the announcement body (Markdown).
    #[serde(default, deserialize_with = "text")]
    pub body: Option<Text>,
}
