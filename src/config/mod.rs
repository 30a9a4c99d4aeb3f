//! `site.yaml`: read the raw serde types (unknown keys rejected), then validate the forms
//! that must be right before anything can be built (GOV001–GOV003, exit 2). Whether the
//! mandated items are present and well-formed is the rules' business (GOV1xx), so that
//! every missing item is reported at once.

mod aliases;
pub mod date;
pub mod defaults;
mod flow;
pub mod raw;
mod spans;
mod suggest;
pub mod text;
pub mod yaml;

pub use date::Date;
pub use defaults::SiteDefaults;
pub use raw::RawSite;
pub use text::Text;
pub use yaml::SpanMap;

use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// The file name of the site configuration, relative to the site folder.
pub const SITE_FILE: &str = "site.yaml";

/// The three site kinds of the 指引 and the annual report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SiteKind {
    Portal,
    Department,
    Special,
}

impl SiteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SiteKind::Portal => "portal",
            SiteKind::Department => "department",
            SiteKind::Special => "special",
        }
    }

    /// The official Chinese name of the kind.
    pub fn chinese(self) -> &'static str {
        match self {
            SiteKind::Portal => "政府门户网站",
            SiteKind::Department => "部门网站",
            SiteKind::Special => "专项网站",
        }
    }
}

/// What happens to a site that is merged or shut down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LifecycleKind {
    Migration,
    Offline,
}

/// `lifecycle:` with its dates parsed. Missing parts are GOV701's to report.
#[derive(Debug, Clone)]
pub struct Lifecycle {
    pub kind: LifecycleKind,
    pub announced: Option<Date>,
    pub effective: Option<Date>,
    pub until: Option<Date>,
    pub reason: Option<String>,
    pub target_name: Option<String>,
    pub target_url: Option<String>,
    pub redirects: Option<String>,
}

/// The kinds of announcement a portal publishes about other sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnnouncementKind {
    Opening,
    Migration,
    Offline,
}

/// One entry of `announcements:`.
#[derive(Debug, Clone)]
pub struct Announcement {
    pub index: usize,
    pub kind: AnnouncementKind,
    pub site: Option<String>,
    pub url: Option<String>,
    pub date: Option<Date>,
    pub target_name: Option<String>,
    pub target_url: Option<String>,
    pub body: Option<String>,
}

/// A validated site configuration.
#[derive(Debug)]
pub struct Config {
    /// The site folder.
    pub root: PathBuf,
    /// The values as written (trimmed; empty = missing).
    pub yaml: RawSite,
    /// Where each key is in site.yaml.
    pub spans: SpanMap,
    pub kind: SiteKind,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: String,
    pub theme: String,
    pub paginate: usize,
    pub minify: bool,
    pub lifecycle: Option<Lifecycle>,
    pub announcements: Vec<Announcement>,
    /// A platform's shared `themes/` folder, searched after the site's own (platform mode).
    pub shared_themes: Option<PathBuf>,
    /// A platform's shared 资源库 (its `static/` folder), published below the site's own
    /// static files (platform mode).
    pub shared_statics: Option<PathBuf>,
}

impl Config {
    /// The value of an optional text item as `&str` ("" when missing).
    pub fn str_of(value: &Option<Text>) -> &str {
        value.as_ref().map_or("", Text::as_str)
    }

    pub fn name(&self) -> &str {
        Self::str_of(&self.yaml.name)
    }

    pub fn domain(&self) -> &str {
        Self::str_of(&self.yaml.domain)
    }

    pub fn id_code(&self) -> &str {
        Self::str_of(&self.yaml.id_code)
    }

    pub fn sponsor(&self) -> &str {
        Self::str_of(&self.yaml.sponsor)
    }

    /// The host of `base_url`, lowercased.
    pub fn base_host(&self) -> String {
        host_of(&self.base_url).unwrap_or_default()
    }

    /// Whether an off-by-default rule is turned on in `enable:`.
    pub fn enabled_rule(&self, code: &str) -> bool {
        self.yaml
            .enable
            .iter()
            .any(|c| c.as_str().eq_ignore_ascii_case(code))
    }

    /// Whether a rule is waived in `waivers:`.
    pub fn waiver_for(&self, code: &str) -> Option<&str> {
        self.yaml
            .waivers
            .iter()
            .find(|w| {
                w.rule
                    .as_ref()
                    .is_some_and(|r| r.as_str().eq_ignore_ascii_case(code))
            })
            .map(|w| Self::str_of(&w.reason))
    }
}

fn text_or(value: &Option<Text>, default: &str) -> String {
    value
        .as_ref()
        .map_or_else(|| default.to_string(), |t| t.0.clone())
}

/// The lowercased host of an absolute `http(s)://` or protocol-relative URL.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("//"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = match host.rfind(':') {
        Some(i) if !host.ends_with(']') => &host[..i],
        _ => host,
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Reads and validates `site.yaml` in `root`. Input errors are returned all together.
pub fn load(root: &Path) -> Result<(Config, String), Vec<Diagnostic>> {
    let path = root.join(SITE_FILE);
    let text = crate::content::read_text(&path, SITE_FILE).map_err(|d| vec![d])?;
    let parsed = yaml::parse::<RawSite>(SITE_FILE, &text, 0).map_err(|d| vec![d])?;
    let config = validate(root, parsed.value, parsed.spans)?;
    Ok((config, text))
}

fn validate(root: &Path, yaml: RawSite, spans: SpanMap) -> Result<Config, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut bad = |path: &str, message: String, help: &str| {
        errors.push(
            Diagnostic::error("GOV003", message)
                .at(SITE_FILE, Some(spans.best(path)))
                .with_help(help.to_string()),
        );
    };
    let kind = match Config::str_of(&yaml.kind) {
        "" | "portal" => SiteKind::Portal,
        "department" => SiteKind::Department,
        "special" => SiteKind::Special,
        other => {
            bad(
                "kind",
                format!("网站类型 `{other}` 无效"),
                "kind 取 portal（政府门户网站）、department（部门网站）或 special（专项网站）",
            );
            SiteKind::Portal
        }
    };
    let domain = Config::str_of(&yaml.domain).to_ascii_lowercase();
    let base_url = match &yaml.base_url {
        Some(url) => {
            if host_of(url.as_str()).is_none() || url.as_str().starts_with("//") {
                bad(
                    "base_url",
                    format!("base_url `{url}` 不是完整的网址"),
                    "写作 https://www.example.gov.cn/",
                );
            }
            let mut url = url.as_str().to_string();
            if !url.ends_with('/') {
                url.push('/');
            }
            url
        }
        None => format!("https://{domain}/"),
    };
    let lifecycle = yaml.lifecycle.as_ref().and_then(|l| {
        let kind = match Config::str_of(&l.kind) {
            "migration" => LifecycleKind::Migration,
            "offline" => LifecycleKind::Offline,
            other => {
                bad(
                    "lifecycle.kind",
                    format!("lifecycle.kind `{other}` 无效"),
                    "取 migration（整合迁移）或 offline（永久下线）",
                );
                return None;
            }
        };
        let mut date = |key: &str, value: &Option<Text>| {
            let value = value.as_ref()?;
            let parsed = Date::parse(value.as_str());
            if parsed.is_none() {
                bad(
                    &format!("lifecycle.{key}"),
                    format!("日期 `{value}` 无效"),
                    "写作 YYYY-MM-DD，例如 2026-11-15",
                );
            }
            parsed
        };
        Some(Lifecycle {
            kind,
            announced: date("announced", &l.announced),
            effective: date("effective", &l.effective),
            until: date("until", &l.until),
            reason: l.reason.as_ref().map(|t| t.0.clone()),
            target_name: l.target.name.as_ref().map(|t| t.0.clone()),
            target_url: l.target.url.as_ref().map(|t| t.0.clone()),
            redirects: l.redirects.as_ref().map(|t| t.0.clone()),
        })
    });
    let mut announcements = Vec::new();
    for (index, a) in yaml.announcements.iter().enumerate() {
        let path = format!("announcements[{index}]");
        let kind = match Config::str_of(&a.kind) {
            "opening" => AnnouncementKind::Opening,
            "migration" => AnnouncementKind::Migration,
            "offline" => AnnouncementKind::Offline,
            other => {
                bad(
                    &format!("{path}.kind"),
                    format!("公告类型 `{other}` 无效"),
                    "取 opening（开通）、migration（整合迁移）或 offline（下线）",
                );
                continue;
            }
        };
        let date = a.date.as_ref().and_then(|d| {
            let parsed = Date::parse(d.as_str());
            if parsed.is_none() {
                bad(
                    &format!("{path}.date"),
                    format!("日期 `{d}` 无效"),
                    "写作 YYYY-MM-DD",
                );
            }
            parsed
        });
        announcements.push(Announcement {
            index,
            kind,
            site: a.site.as_ref().map(|t| t.0.clone()),
            url: a.url.as_ref().map(|t| t.0.clone()),
            date,
            target_name: a.target.name.as_ref().map(|t| t.0.clone()),
            target_url: a.target.url.as_ref().map(|t| t.0.clone()),
            body: a.body.as_ref().map(|t| t.0.clone()),
        });
    }
    let paginate = yaml.paginate.unwrap_or(20);
    if paginate == 0 {
        bad(
            "paginate",
            "paginate 不能为 0".to_string(),
            "每页条目数，例如 20",
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Config {
        root: root.to_path_buf(),
        kind,
        base_url,
        language: text_or(&yaml.language, "zh-CN"),
        theme: text_or(&yaml.theme, "default"),
        paginate: paginate.max(1),
        minify: yaml.minify.unwrap_or(true),
        lifecycle,
        announcements,
        yaml,
        spans,
        shared_themes: None,
        shared_statics: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_lowercased_without_port_or_path() {
        assert_eq!(
            host_of("https://WWW.Example.gov.cn:8443/a?b").as_deref(),
            Some("www.example.gov.cn")
        );
        assert_eq!(
            host_of("//cdn.example.com/x.js").as_deref(),
            Some("cdn.example.com")
        );
        assert_eq!(host_of("/local/path"), None);
    }
}
