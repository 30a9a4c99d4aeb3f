//! The rule engine. A rule is one small file with static [`RuleMeta`] and up to three
//! checks: over the loaded site model (`check_source`, reporting file:line), over each
//! rendered page (`check_page`, sharing one HTML parse per page), and over facts gathered
//! from every page (`check_site`, e.g. links between pages). The registry is one list that
//! drives execution, `govsite rules`, docs/rules.md and the invariant tests.

pub mod a11y;
pub mod data;
pub mod facts;
pub mod html;
pub mod landmark_memo;
pub mod registry;
pub mod urls;

mod ads_data;
mod link_check;
pub mod site_links;
pub mod structure_data;
pub mod text_memo;
pub mod text_scan;

mod gov101_id_code;
mod gov102_icp;
mod gov103_psb;
mod gov104_psb_province;
mod gov105_sponsor_contact;
mod gov106_domain;
mod gov107_site_name;
mod gov108_conac;
mod gov109_jiucuo;
mod gov110_footer;
mod gov111_header;
mod gov201_site_meta;
mod gov202_column_meta;
mod gov203_article_meta;
mod gov204_title;
mod gov205_date;
mod gov301_mandated_columns;
mod gov302_empty_column;
mod gov303_stale_column;
mod gov304_freshness_veto;
mod gov305_homepage_stale;
mod gov306_interpretation_target;
mod gov307_policy_links;
mod gov308_policy_fields;
mod gov309_service_elements;
mod gov310_letter_unanswered;
mod gov311_sitemap;
mod gov312_search;
mod gov401_ads;
mod gov402_third_party;
mod gov403_plain_http;
mod gov404_content_script;
mod gov405_blank_target;
mod gov501_img_alt;
mod gov502_html_lang;
mod gov503_page_title;
mod gov504_headings;
mod gov505_control_name;
mod gov506_form_label;
mod gov507_table_headers;
mod gov508_zoom;
mod gov509_contrast;
mod gov510_landmarks;
mod gov511_duplicate_id;
mod gov512_elder_controls;
mod gov513_captions;
mod gov601_broken_link;
mod gov602_missing_fragment;
mod gov603_missing_asset;
mod gov604_external_link;
mod gov701_lifecycle;
mod gov702_notice_period;
mod gov703_notice_banner;
mod gov704_redirects;
mod gov705_shutdown;
mod gov706_announcement;
mod gov801_wordlist;
mod gov802_placeholder;
mod gov803_empty_item;
mod gov804_personal_data;
mod gov805_marking;
mod gov806_document_metadata;
mod gov807_unreadable_attachment;
mod gov808_unlinked_attachment;

/// The freshness tests of GOV302–GOV305 on their own, for `govsite audit`, which judges
/// a legacy site's columns with the same tests and thresholds and its own messages.
pub mod freshness {
    pub use super::gov302_empty_column::empty_columns;
    pub use super::gov303_stale_column::{cycle_of, stale_columns, Stale};
    pub use super::gov305_homepage_stale::homepage_columns;
}

use crate::content::{Site, SourceFile};
use crate::diagnostics::{ActiveWaiver, Diagnostic, Severity};
use crate::markdown;
use crate::render::PageJob;
pub use facts::{PageFacts, SiteFacts};
use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
pub use text_memo::TextMemo;

/// What a rule is, for `govsite rules` and for every finding it makes.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    /// kebab-case, e.g. `id-code-invalid`.
    pub name: &'static str,
    pub severity: Severity,
    pub waivable: bool,
    /// One line in Chinese.
    pub summary: &'static str,
    /// Markdown: what it checks / why it is mandated / how to fix / example.
    pub explanation: &'static str,
    /// Off unless a site turns it on (GOV604).
    pub default_off: bool,
}

impl RuleMeta {
    /// A finding of this rule at its default severity.
    pub fn diag(&'static self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, self.severity, message)
    }
}

/// A rendered page as rules see it.
pub struct PageView<'a> {
    pub site: &'a Site,
    pub job: &'a PageJob,
    pub html: &'a str,
    pub dom: &'a tl::VDom<'a>,
    /// Every element of `dom` with its name ([`html::elements`]).
    pub elements: &'a [html::Element<'a>],
    /// The landmarks among the children of `<body>` ([`html::landmarks`]).
    pub landmarks: &'a [html::Landmark],
    /// The page's Markdown body rendered, when it has one.
    pub body: Option<&'a markdown::Rendered>,
    /// The source file of the page's content, when it has one.
    pub source: Option<&'a SourceFile>,
    /// Every URL the page refers to, gathered once for all rules (see `facts::links`).
    pub links: &'a [std::sync::Arc<facts::PageLink>],
    /// The tree view the accessibility rules share, built by the first that asks.
    pub tree: std::cell::OnceCell<a11y::Tree<'a>>,
    /// The page's `<meta name content>` pairs, read by the first metadata rule that asks.
    pub meta: std::cell::OnceCell<Vec<(String, String)>>,
}

impl<'a> PageView<'a> {
    /// A finding located at this page's output path.
    pub fn diag(&self, meta: &'static RuleMeta, message: impl Into<String>) -> Diagnostic {
        meta.diag(message).at_page(self.job.output.clone())
    }

    /// The page as a tree with parents (see [`a11y::Tree`]), built once per page.
    pub fn tree(&self) -> &a11y::Tree<'a> {
        self.tree
            .get_or_init(|| a11y::Tree::new(self.dom, self.elements))
    }

    /// The page's `<meta name=… content=…>` values, in order, entities decoded.
    pub fn meta_tags(&self) -> &[(String, String)] {
        self.meta.get_or_init(|| html::meta_tags(self.elements))
    }

    /// Every element of the page, in document order.
    pub fn tags(&self) -> impl Iterator<Item = &'a html::Element<'a>> + 'a {
        self.elements.iter()
    }

    /// The elements named `name` (lowercase), in document order.
    pub fn named<'n>(&self, name: &'n str) -> impl Iterator<Item = &'a tl::HTMLTag<'a>> + 'n
    where
        'a: 'n,
    {
        self.elements
            .iter()
            .filter(move |e| e.name == name)
            .map(|e| e.tag)
    }
}

/// A mandated item of site.yaml that must be present and well-formed: the shared shape of
/// GOV101–GOV103 (missing → pointed at where it belongs; malformed → at the value).
pub(crate) struct MandatedItem<'a> {
    pub meta: &'static RuleMeta,
    /// The key in site.yaml, e.g. `icp`.
    pub key: &'a str,
    /// The item's official name, e.g. ICP备案编号.
    pub name: &'a str,
    pub help: &'a str,
}

impl MandatedItem<'_> {
    /// Reports the item missing, or the problem `problem` finds in its value.
    pub fn check(
        &self,
        site: &Site,
        value: Option<&crate::config::Text>,
        problem: impl Fn(&str) -> Option<String>,
        out: &mut Vec<Diagnostic>,
    ) {
        let (key, name, spans) = (self.key, self.name, &site.config.spans);
        let file = crate::config::SITE_FILE;
        let Some(value) = value else {
            out.push(
                self.meta
                    .diag(format!("缺少{name}（{key}）"))
                    .at(file, Some(spans.best(key)))
                    .with_label(where_to_add(key))
                    .with_help(self.help),
            );
            return;
        };
        if let Some(problem) = problem(value.as_str()) {
            out.push(
                self.meta
                    .diag(format!("{name}格式不正确：{problem}"))
                    .at(file, spans.value(key))
                    .with_label(problem)
                    .with_help(self.help),
            );
        }
    }
}

/// What to write, and where, for a missing site.yaml key: `contact.phone` goes under
/// `contact:`, a top-level key on a line of its own like the one shown.
fn where_to_add(key: &str) -> String {
    match key.rsplit_once('.') {
        Some((parent, leaf)) => format!("在 {parent}: 下面添加一行 `{leaf}: …`（缩进两个空格）"),
        None => format!("在顶层（与这一行对齐）添加一行 `{key}: …`"),
    }
}

/// One rule. Implement the checks that apply; the others do nothing.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    fn check_source(&self, _site: &Site, _out: &mut Vec<Diagnostic>) {}

    /// The text-quality checks: the published texts as [`text_scan::Texts`] gives them.
    fn check_texts(&self, _site: &Site, _texts: &text_scan::Texts, _out: &mut Vec<Diagnostic>) {}

    fn check_page(&self, _page: &PageView, _out: &mut Vec<Diagnostic>) {}

    fn check_site(&self, _site: &Site, _facts: &SiteFacts, _out: &mut Vec<Diagnostic>) {}
}

fn active(site: &Site) -> impl Iterator<Item = &'static dyn Rule> + '_ {
    let moved = crate::notices::phase(site) == crate::notices::Phase::Moved;
    registry::RULES.iter().copied().filter(move |rule| {
        let meta = rule.meta();
        let enabled = !meta.default_off || site.config.enabled_rule(meta.code);
        enabled && !(moved && judges_published_content(meta.code))
    })
}

/// Rules about the content a site publishes (page metadata of columns and items, column
/// structure and freshness, text quality). Once a migration or shutdown is effective the
/// site publishes only the notice and redirects, so these no longer apply; identity,
/// safety, accessibility, links and the notice rules still do.
fn judges_published_content(code: &str) -> bool {
    matches!(code, "GOV202" | "GOV203" | "GOV204" | "GOV205")
        || code.starts_with("GOV3")
        || code.starts_with("GOV8")
}

/// Runs every source check; the text rules remember what they found in `memo`, if given.
pub fn check_source(site: &Site, memo: Option<&TextMemo>) -> Vec<Diagnostic> {
    let texts = text_scan::Texts { memo };
    let mut out = Vec::new();
    for rule in active(site) {
        rule.check_source(site, &mut out);
        rule.check_texts(site, &texts, &mut out);
    }
    out
}

/// Runs every page check on one page.
pub fn check_page(page: &PageView) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in active(page.site) {
        rule.check_page(page, &mut out);
    }
    out
}

/// Runs every whole-site check on the facts gathered from all pages and outputs.
pub fn check_site(site: &Site, facts: &SiteFacts) -> Vec<Diagnostic> {
    // The link checks go over every link of every page: run the rules side by side.
    let rules: Vec<&'static dyn Rule> = active(site).collect();
    rules
        .par_iter()
        .flat_map_iter(|rule| {
            let mut out = Vec::new();
            rule.check_site(site, facts, &mut out);
            out
        })
        .collect()
}

/// Applies `waivers:`: drops findings of waived rules and reports waivers that are not
/// allowed (unknown rule, rule not waivable, no reason). Returns the active waivers.
pub fn apply_waivers(site: &Site, diagnostics: &mut Vec<Diagnostic>) -> Vec<ActiveWaiver> {
    let config = &site.config;
    let mut active = Vec::new();
    let mut problems = Vec::new();
    for (i, waiver) in config.yaml.waivers.iter().enumerate() {
        let at = |key: &str| config.spans.best(&format!("waivers[{i}].{key}"));
        let code = waiver
            .rule
            .as_ref()
            .map_or(String::new(), |r| r.as_str().to_ascii_uppercase());
        let Some(meta) = registry::find(&code) else {
            let codes: Vec<&str> = registry::RULES.iter().map(|r| r.meta().code).collect();
            let mut d = Diagnostic::error("GOV003", format!("豁免的规则 `{code}` 不存在"))
                .at(crate::config::SITE_FILE, Some(at("rule")));
            if let Some(best) = crate::config::yaml::nearest(&code, &codes) {
                d = d.with_help(format!("是否应为 {best}？用 govsite rules 查看全部规则"));
            }
            problems.push(d);
            continue;
        };
        if !meta.waivable {
            problems.push(
                Diagnostic::error(
                    "GOV003",
                    format!("{} 不可豁免：{}", meta.code, meta.summary),
                )
                .at(crate::config::SITE_FILE, Some(at("rule")))
                .with_help("删除这条豁免并补齐该项；只有 rules.md 标明可豁免的规则才能豁免"),
            );
            continue;
        }
        let reason = waiver.reason.as_ref().map_or("", |r| r.as_str());
        if reason.is_empty() {
            problems.push(
                Diagnostic::error("GOV003", format!("豁免 {} 缺少理由", meta.code))
                    .at(crate::config::SITE_FILE, Some(at("rule")))
                    .with_help("写明 reason，例如：党政机关网站标识申请中，预计2026年12月完成"),
            );
            continue;
        }
        let files = match waiver_files(&waiver.files) {
            Ok(files) => files,
            Err(d) => {
                problems.push(d.at(crate::config::SITE_FILE, Some(at("files"))));
                continue;
            }
        };
        active.push((
            ActiveWaiver {
                rule: meta.code.to_string(),
                reason: reason.to_string(),
                files: waiver
                    .files
                    .iter()
                    .map(|f| f.as_str().to_string())
                    .collect(),
            },
            files,
        ));
    }
    diagnostics.retain(|d| {
        !active.iter().any(|(w, files)| {
            w.rule == d.code
                && files
                    .as_ref()
                    .is_none_or(|f| d.location.as_ref().is_some_and(|l| f.is_match(&l.file)))
        })
    });
    diagnostics.extend(problems);
    active.into_iter().map(|(w, _)| w).collect()
}

/// The `files:` of one waiver as a glob set; `None` when it has none (the whole rule).
fn waiver_files(patterns: &[crate::config::Text]) -> Result<Option<GlobSet>, Diagnostic> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut set = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern.as_str()).map_err(|e| {
            Diagnostic::error(
                "GOV003",
                format!("豁免的文件通配符 `{}` 无效：{}", pattern.as_str(), e.kind()),
            )
            .with_help("写相对网站文件夹的路径，可用 * 和 **，如 static/files/保密法*.pdf")
        })?;
        set.add(glob);
    }
    set.build().map(Some).map_err(|e| {
        Diagnostic::error("GOV003", format!("豁免的文件通配符无效：{e}"))
            .with_help("写相对网站文件夹的路径，可用 * 和 **，如 static/files/保密法*.pdf")
    })
}
