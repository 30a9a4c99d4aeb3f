//! Which rules an audit runs and which it cannot: a rule that judges rendered pages, links
//! between them or page text applies to any site; a rule about govsite's own sources
//! (site.yaml, front matter) or about what govsite generates does not, and the report
//! says so with the reason.

use std::collections::BTreeSet;

/// Page rules that do not apply to a legacy page.
const PAGE_RULES_NOT_RUN: &[&str] = &["GOV312", "GOV512", "GOV703", "GOV704"];
/// Whole-site rules that apply to a legacy site.
const SITE_RULES: &[&str] = &["GOV402", "GOV403", "GOV503", "GOV601", "GOV602", "GOV603"];
/// Source rules that read the text of every page and so apply to the model's text.
const TEXT_RULES: &[&str] = &["GOV801", "GOV802", "GOV804", "GOV805"];
/// Source rules an audit replaces with its own judgement of the pages' dates.
const FRESHNESS: &[&str] = &["GOV302", "GOV303", "GOV304", "GOV305"];

pub fn page_rule(code: &str) -> bool {
    !PAGE_RULES_NOT_RUN.contains(&code)
}

pub fn site_rule(code: &str) -> bool {
    SITE_RULES.contains(&code)
}

pub fn text_rule(code: &str) -> bool {
    TEXT_RULES.contains(&code)
}

/// Why a rule is not checked by an audit, or `None` when it is.
pub fn not_checked(code: &str, page: bool, site: bool) -> Option<&'static str> {
    let specific = match code {
        "GOV311" => Some("站点地图由 govsite 生成；旧站的站点地图是否列出全部栏目无法只从页面判断"),
        "GOV312" => Some("站内搜索需要在线访问搜索服务才能判断是否可用"),
        "GOV512" => Some("适老化按钮的 data-gs 约定属于 govsite 主题；旧站的适老化功能（如无障碍浏览插件）须在线人工检查"),
        "GOV509" => Some("文字颜色对比度要计算样式表层叠后的颜色，旧站页面无法可靠判断"),
        "GOV704" => {
            Some("迁移后旧网址的跳转只能在新站构建时核对（govsite import 之后由 GOV704 检查）")
        }
        "GOV301" | "GOV306" | "GOV307" | "GOV308" | "GOV309" | "GOV310" => {
            Some("需要栏目设置和信息的结构化字段（govsite 站点的 front matter），旧站页面不提供")
        }
        "GOV803" => Some("整页文字含导航和页脚，无法区分正文是否为空"),
        "GOV604" => Some("默认不启用的规则"),
        _ => None,
    };
    if specific.is_some() {
        return specific;
    }
    let runs = (page && page_rule(code))
        || site_rule(code)
        || text_rule(code)
        || FRESHNESS.contains(&code);
    (!runs).then_some(if code.starts_with("GOV7") {
        "网站整合迁移、下线的公告由 site.yaml 的 lifecycle 驱动，旧站没有这些设置"
    } else {
        "依据 site.yaml 或 front matter 判断的规则；旧站页面上对应的内容由页面规则（如 GOV110 页脚、GOV201–GOV203 网页标签）检查"
    })
    .filter(|_| !site || !site_rule(code))
}

/// The folder's files plus `dir/index.html` for each folder served by another default
/// document (`index.shtml`, `index.htm`, `default.htm` …), so that a link to `/dir/` is
/// judged as the web server would answer it.
pub fn with_default_documents(files: impl Iterator<Item = String>) -> Vec<String> {
    let files: BTreeSet<String> = files.collect();
    let mut extra = Vec::new();
    for file in &files {
        let (dir, name) = match file.rsplit_once('/') {
            Some((dir, name)) => (format!("{dir}/"), name),
            None => (String::new(), file.as_str()),
        };
        let lower = name.to_ascii_lowercase();
        let stem = lower.rsplit_once('.').map_or(lower.as_str(), |(s, _)| s);
        let index = format!("{dir}index.html");
        if matches!(stem, "index" | "default") && !files.contains(&index) {
            extra.push(index);
        }
    }
    files.into_iter().chain(extra).collect()
}
