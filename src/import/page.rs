//! What one old page says about itself: the 网页标签 meta tags, the visible title, date
//! and source, the labelled fields of policy, service and letter pages, and the footer.
//! Everything here reads an already parsed `scraper::Html`; nothing is written.

use super::text::{clean, label_key, normalize_date, visible_after};
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A CSS selector known to be valid (the strings are constants of this module).
pub(super) fn sel(css: &str) -> Selector {
    // The selectors are literals written here and covered by the unit tests.
    Selector::parse(css).unwrap_or_else(|_| panic!("invalid built-in selector {css}"))
}

static META: LazyLock<Selector> = LazyLock::new(|| sel("meta[name][content]"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
static ROWS: LazyLock<Selector> = LazyLock::new(|| sel("tr"));
static SCRIPT: LazyLock<Selector> = LazyLock::new(|| sel("script[src]"));
static REFRESH: LazyLock<Selector> = LazyLock::new(|| sel("meta[http-equiv][content]"));
static FOOTER: LazyLock<Selector> =
    LazyLock::new(|| sel("footer, .footer, #footer, .site-footer, .foot, #foot, .bottom"));
static NAV_LINKS: LazyLock<Selector> =
    LazyLock::new(|| sel("nav.main-nav a[href], .nav a[href], #nav a[href], .menu a[href]"));
static LEAD: LazyLock<Selector> = LazyLock::new(|| sel("main p.lead"));
static BODY: LazyLock<Selector> = LazyLock::new(|| sel("body"));

/// The labels whose values are kept, by the front-matter field they fill.
const LABELS: &[(&str, &[&str])] = &[
    ("doc_number", &["发文字号", "文号", "发文号"]),
    ("issuer", &["发文机关", "发布机构", "发文单位", "发布机关"]),
    ("index_no", &["索引号"]),
    ("topic", &["主题分类", "主题词分类", "分类"]),
    ("written", &["成文日期", "发文日期"]),
    ("validity", &["有效性", "效力状态", "时效"]),
    ("asked", &["来信时间", "来信日期", "提问时间"]),
    (
        "answered",
        &["答复时间", "回复时间", "答复日期", "回复日期"],
    ),
    ("service.name", &["事项名称"]),
    ("service.basis", &["设定依据"]),
    ("service.conditions", &["申请条件"]),
    ("service.materials", &["办理材料", "申请材料"]),
    ("service.location", &["办理地点"]),
    ("service.hours", &["办理时间"]),
    ("service.phone", &["联系电话", "咨询电话"]),
    ("service.process", &["办理流程"]),
    ("service.online", &["可办理程度"]),
];

/// The field a visible label stands for, if it is one we keep.
pub fn field_of(label: &str) -> Option<&'static str> {
    let key = label_key(label);
    LABELS
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(field, _)| *field)
}

/// The facts of one page, as plain strings (a parsed `Html` is not `Send`).
#[derive(Debug, Default, Clone)]
pub struct PageFacts {
    /// `<meta name=…>` by lower-cased name, first occurrence.
    pub meta: BTreeMap<String, String>,
    pub title_tag: Option<String>,
    pub h1: Option<String>,
    /// Labelled values (`发文字号` → `doc_number`), from table rows and `标签：值` text.
    pub fields: BTreeMap<&'static str, String>,
    /// `办理材料` as a list when the page shows one.
    pub materials: Vec<String>,
    /// The visible `发布时间：…` date, normalised.
    pub visible_date: Option<String>,
    /// The visible `来源：…`.
    pub visible_source: Option<String>,
    pub footer: String,
    pub scripts: Vec<String>,
    /// A 0-second meta refresh target (a redirect page).
    pub refresh: Option<String>,
    pub nav: Vec<String>,
    /// The introduction of a govsite column page.
    pub lead: Option<String>,
    pub body_class: String,
}

impl PageFacts {
    /// A meta tag's trimmed, non-empty content.
    pub fn meta(&self, name: &str) -> Option<&str> {
        self.meta
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

/// Reads the facts of a page.
pub fn read(doc: &Html) -> PageFacts {
    let mut facts = PageFacts::default();
    for m in doc.select(&META) {
        let (Some(name), Some(content)) = (m.attr("name"), m.attr("content")) else {
            continue;
        };
        let content = clean(content);
        if !content.is_empty() {
            facts
                .meta
                .entry(name.trim().to_ascii_lowercase())
                .or_insert(content);
        }
    }
    facts.title_tag = first_text(doc, &TITLE);
    facts.h1 = first_text(doc, &H1);
    read_fields(doc, &mut facts);
    let all = doc
        .select(&BODY)
        .next()
        .map(|b| text_of(b, " "))
        .unwrap_or_default();
    facts.visible_date = ["发布时间", "发布日期", "日期", "时间"]
        .iter()
        .find_map(|l| visible_after(&all, l).and_then(|v| normalize_date(&v)));
    facts.visible_source = ["信息来源", "来源", "文章来源"]
        .iter()
        .find_map(|l| visible_after(&all, l))
        .map(|s| s.chars().take(60).collect());
    if let Some(form) = visible_after(&all, "解读形式") {
        let form = form.split(' ').next().unwrap_or("").to_string();
        insert(&mut facts, "form", form);
    }
    inline_fields(&all, &mut facts);
    facts.footer = footer_text(doc, &all);
    facts.scripts = doc
        .select(&SCRIPT)
        .filter_map(|s| s.attr("src").map(str::to_string))
        .collect();
    facts.refresh = refresh_target(doc);
    facts.nav = doc
        .select(&NAV_LINKS)
        .filter_map(|a| a.attr("href").map(str::to_string))
        .collect();
    facts.lead = first_text(doc, &LEAD);
    facts.body_class = doc
        .select(&BODY)
        .next()
        .and_then(|b| b.attr("class"))
        .unwrap_or("")
        .to_string();
    facts
}

fn first_text(doc: &Html, selector: &Selector) -> Option<String> {
    doc.select(selector)
        .map(|e| clean(&text_of(e, "")))
        .find(|t| !t.is_empty())
}

/// The element's text, pieces joined by `sep`.
pub fn text_of(element: ElementRef, sep: &str) -> String {
    element.text().collect::<Vec<_>>().join(sep)
}

/// `<tr><th>label<td>value` rows and `label：value` cells.
fn read_fields(doc: &Html, facts: &mut PageFacts) {
    for row in doc.select(&ROWS) {
        // The row's own cells: a table nested in a cell has rows of its own.
        let cells: Vec<ElementRef> = row
            .child_elements()
            .filter(|c| matches!(c.value().name(), "th" | "td"))
            .collect();
        let mut i = 0;
        while i < cells.len() {
            let label = clean(&text_of(cells[i], ""));
            match (field_of(&label), cells.get(i + 1)) {
                (Some(field), Some(value)) => {
                    keep_field(facts, field, *value);
                    i += 2;
                }
                _ => {
                    if let Some((l, v)) = label.split_once(['：', ':']) {
                        if let Some(field) = field_of(l) {
                            insert(facts, field, clean(v));
                        }
                    }
                    i += 1;
                }
            }
        }
    }
}

/// Policy fields written as `索引号：…` in spans or lists rather than table cells.
fn inline_fields(all: &str, facts: &mut PageFacts) {
    const INLINE: &[&str] = &[
        "doc_number",
        "issuer",
        "index_no",
        "topic",
        "written",
        "validity",
    ];
    for (field, names) in LABELS.iter().filter(|(f, _)| INLINE.contains(f)) {
        if facts.fields.contains_key(field) {
            continue;
        }
        // Bare 分类/时效 are too common in running text (垃圾分类：…) to trust there.
        let trusted = names.iter().filter(|n| !matches!(**n, "分类" | "时效"));
        if let Some(value) = trusted.into_iter().find_map(|n| visible_after(all, n)) {
            insert(
                facts,
                field,
                value.split(' ').next().unwrap_or("").to_string(),
            );
        }
    }
}

fn keep_field(facts: &mut PageFacts, field: &'static str, cell: ElementRef) {
    if field == "service.materials" {
        let items: Vec<String> = cell
            .select(&sel("li"))
            .map(|li| clean(&text_of(li, "")))
            .filter(|t| !t.is_empty())
            .collect();
        if !items.is_empty() {
            facts.materials = items;
            return;
        }
    }
    // Multi-line cells (`pre-line`) keep their lines.
    let value = cell
        .text()
        .flat_map(|t| t.split('\n'))
        .map(clean)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    insert(facts, field, value);
}

fn insert(facts: &mut PageFacts, field: &'static str, value: String) {
    if !value.is_empty() {
        facts.fields.entry(field).or_insert(value);
    }
}

/// The footer's text: a footer element, else the last part of the page from the first
/// filing number or 主办 on.
fn footer_text(doc: &Html, all: &str) -> String {
    let footer: Vec<String> = doc.select(&FOOTER).map(|f| text_of(f, " ")).collect();
    if !footer.is_empty() {
        return footer.join(" ");
    }
    let start = ["主办单位", "主办：", "ICP备", "版权所有"]
        .iter()
        .filter_map(|k| all.find(k))
        .min();
    start.map_or(String::new(), |s| all[s..].to_string())
}

fn refresh_target(doc: &Html) -> Option<String> {
    let meta = doc.select(&REFRESH).find(|m| {
        m.attr("http-equiv")
            .is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
    })?;
    let content = meta.attr("content")?;
    let (delay, rest) = content.split_once([';', ','])?;
    if delay.trim().parse::<f64>().ok()? > 0.0 {
        return None;
    }
    let rest = rest.trim();
    let url = match rest.get(..4) {
        Some(p) if p.eq_ignore_ascii_case("url=") => &rest[4..],
        _ => rest,
    };
    Some(url.trim().trim_matches(['\'', '"']).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = r#"<html><head><title>关于印发方案的通知 - 示例网</title>
<meta name="ArticleTitle" content=" 关于印发方案的通知 "><meta NAME="PubDate" content="2022-04-17 09:30">
</head><body><h1>关于印发方案的通知</h1>
<table class="meta-table policy-meta"><tbody><tr><th scope=row>索引号<td>1153/2022-001
<tr><th scope=row>发文字号<td>京政发〔2022〕12号<tr><th scope=row>发文机关<td>示例市人民政府</table>
<table><tr><td>主题分类：城乡建设</td><td>成文日期：2022年4月10日</td></tr></table>
<p>发布时间：2022-04-17　来源：市政府办公厅</p>
<div class=footer>主办单位：示例市人民政府办公厅 京ICP备12345678号</div></body></html>"#;

    #[test]
    fn reads_meta_case_insensitively() {
        let facts = read(&Html::parse_document(POLICY));
        assert_eq!(facts.meta("articletitle"), Some("关于印发方案的通知"));
        assert_eq!(facts.meta("PubDate"), Some("2022-04-17 09:30"));
        assert_eq!(
            facts.title_tag.as_deref(),
            Some("关于印发方案的通知 - 示例网")
        );
    }

    #[test]
    fn reads_labelled_rows_and_cells() {
        let facts = read(&Html::parse_document(POLICY));
        assert_eq!(facts.fields["doc_number"], "京政发〔2022〕12号");
        assert_eq!(facts.fields["issuer"], "示例市人民政府");
        assert_eq!(facts.fields["index_no"], "1153/2022-001");
        assert_eq!(facts.fields["topic"], "城乡建设");
        assert_eq!(facts.fields["written"], "2022年4月10日");
    }

    #[test]
    fn reads_visible_date_source_and_footer() {
        let facts = read(&Html::parse_document(POLICY));
        assert_eq!(facts.visible_date.as_deref(), Some("2022-04-17"));
        assert_eq!(facts.visible_source.as_deref(), Some("市政府办公厅"));
        assert!(facts.footer.contains("京ICP备12345678号"));
    }

    #[test]
    fn finds_a_zero_second_refresh() {
        let doc = Html::parse_document(
            r#"<meta http-equiv="refresh" content="0; url=/zwdt/a/"><a href="/zwdt/a/">x</a>"#,
        );
        assert_eq!(read(&doc).refresh.as_deref(), Some("/zwdt/a/"));
        let slow = Html::parse_document(r#"<meta http-equiv="refresh" content="5; url=/a/">"#);
        assert_eq!(read(&slow).refresh, None);
    }

    #[test]
    fn reads_labels_outside_tables() {
        let doc = Html::parse_document(
            "<ul class=xxgk><li><span>索引号：</span><span>000014349/2021-00012</span></li>\
             <li>文号：国办发〔2021〕3号</li><li>发布机构：国务院办公厅</li></ul>",
        );
        let facts = read(&doc);
        assert_eq!(facts.fields["index_no"], "000014349/2021-00012");
        assert_eq!(facts.fields["doc_number"], "国办发〔2021〕3号");
        assert_eq!(facts.fields["issuer"], "国务院办公厅");
    }

    #[test]
    fn service_materials_are_a_list() {
        let doc = Html::parse_document(
            "<table class=service-table><tr><th>办理材料<td><ol><li>申请表<li>身份证</ol>\
             <tr><th>办理流程<td class=pre-line>申请\n审核</table>",
        );
        let facts = read(&doc);
        assert_eq!(facts.materials, ["申请表", "身份证"]);
        assert_eq!(facts.fields["service.process"], "申请\n审核");
    }
}
