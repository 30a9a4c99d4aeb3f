//! What a legacy page says about itself: the 网页标签 meta tags (SiteName, ColumnName,
//! PubDate …) and its title, read with html5ever through `scraper`; and [`normalize`],
//! which re-serializes broken CMS markup into the well-formed HTML the rules expect.

use scraper::{Html, Selector};

/// The meta tags and title of one page; `None` where absent or blank.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PageMeta {
    pub site_name: Option<String>,
    pub site_domain: Option<String>,
    pub site_id_code: Option<String>,
    pub column_name: Option<String>,
    pub column_type: Option<String>,
    pub article_title: Option<String>,
    pub pub_date: Option<String>,
    pub content_source: Option<String>,
    pub keywords: Option<String>,
    pub description: Option<String>,
    /// The `<title>` text.
    pub title: Option<String>,
}

/// Reads the meta tags of a parsed page. Names compare case-insensitively (CMSs write
/// `sitename`, `SiteName` and `SITENAME`); the first non-blank value of a name wins.
pub fn page_meta(doc: &Html) -> PageMeta {
    let mut meta = PageMeta::default();
    for element in doc.select(&selector("meta[name]")) {
        let el = element.value();
        let (Some(name), Some(content)) = (el.attr("name"), el.attr("content")) else {
            continue;
        };
        let Some(slot) = slot(&mut meta, name.trim()) else {
            continue;
        };
        let content = content.trim();
        if slot.is_none() && !content.is_empty() {
            *slot = Some(content.to_string());
        }
    }
    meta.title = doc
        .select(&selector("title"))
        .next()
        .map(|t| collapse(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    meta
}

fn slot<'m>(meta: &'m mut PageMeta, name: &str) -> Option<&'m mut Option<String>> {
    let slots: [(&str, &mut Option<String>); 10] = [
        ("SiteName", &mut meta.site_name),
        ("SiteDomain", &mut meta.site_domain),
        ("SiteIDCode", &mut meta.site_id_code),
        ("ColumnName", &mut meta.column_name),
        ("ColumnType", &mut meta.column_type),
        ("ArticleTitle", &mut meta.article_title),
        ("PubDate", &mut meta.pub_date),
        ("ContentSource", &mut meta.content_source),
        ("Keywords", &mut meta.keywords),
        ("Description", &mut meta.description),
    ];
    slots
        .into_iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|(_, slot)| slot)
}

/// A selector written in this file; they are all valid, so a failure is a typo here and
/// the fallback (matching nothing) keeps user input from ever causing a panic.
fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|_| {
        debug_assert!(false, "bad selector {css}");
        Selector::parse("nothing-matches-this").expect("a plain type selector parses")
    })
}

/// Collapses runs of white space into one space and trims.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses the page as a browser would (html5ever) and serializes the result: unclosed
/// `<p>`/`<td>`, stray end tags and misnested inline elements come out well-formed, so the
/// rules see the page the reader's browser shows, not the CMS template's slips.
pub fn normalize(html: &str) -> String {
    serialize(&Html::parse_document(html))
}

/// [`normalize`] for a page already parsed.
pub fn serialize(doc: &Html) -> String {
    let body = doc.html();
    // scraper serializes the document's children without its doctype; keep standards
    // mode for the rules that look for it.
    if body.trim_start().starts_with("<!") {
        body
    } else {
        format!("<!DOCTYPE html>{body}")
    }
}

/// The text a reader sees in the page's body, one entry per text node (scripts, styles
/// and templates left out), white space collapsed.
pub fn visible_text(doc: &Html) -> Vec<String> {
    use ego_tree::iter::Edge;
    let hides = |node: &scraper::Node| {
        node.as_element().is_some_and(|e| {
            matches!(
                e.name(),
                "script" | "style" | "noscript" | "template" | "head"
            )
        })
    };
    let mut out = Vec::new();
    // One walk with a depth counter: a check of every text node's ancestors would be
    // quadratic on a deeply nested page.
    let mut hidden = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) if hides(node.value()) => hidden += 1,
            Edge::Close(node) if hides(node.value()) => hidden -= 1,
            Edge::Open(node) if hidden == 0 => {
                if let Some(text) = node.value().as_text() {
                    let text = collapse(text);
                    if !text.is_empty() {
                        out.push(text);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<HTML><HEAD><TITLE> 关于印发
    管理办法的通知 </TITLE>
<meta name="sitename" content="某某市人民政府">
<META NAME="SiteIDCode" CONTENT="3301000001">
<meta name="ColumnName" content="通知公告"><meta name="columntype" content="通知公告">
<meta name="PubDate" content="2022-04-17 09:30">
<meta name="ContentSource" content="">
<meta name="ContentSource" content="市政府办公厅">
</HEAD><BODY><table><tr><td>正文<p>一段<td>二</table>"#;

    #[test]
    fn reads_meta_case_insensitively() {
        let meta = page_meta(&Html::parse_document(PAGE));
        assert_eq!(meta.site_name.as_deref(), Some("某某市人民政府"));
        assert_eq!(meta.site_id_code.as_deref(), Some("3301000001"));
        assert_eq!(meta.column_type.as_deref(), Some("通知公告"));
        assert_eq!(meta.pub_date.as_deref(), Some("2022-04-17 09:30"));
        assert_eq!(meta.content_source.as_deref(), Some("市政府办公厅"));
        assert_eq!(meta.title.as_deref(), Some("关于印发 管理办法的通知"));
        assert_eq!(meta.article_title, None);
    }

    #[test]
    fn normalize_closes_what_the_cms_left_open() {
        let out = normalize(PAGE);
        assert!(out.starts_with("<!DOCTYPE html>"), "{out}");
        assert!(
            out.contains("<p>一段</p></td><td>二</td></tr></tbody></table>"),
            "{out}"
        );
        assert!(out.ends_with("</body></html>"), "{out}");
    }

    #[test]
    fn visible_text_leaves_out_scripts() {
        let doc = Html::parse_document(
            "<title>t</title><p>一 <b>二</b><script>var x</script><style>p{}</style>",
        );
        assert_eq!(visible_text(&doc), ["一", "二"]);
    }

    #[test]
    fn normalize_keeps_a_doctype() {
        let out = normalize("<!doctype html><html lang=zh-CN><title>x</title>");
        assert_eq!(out.matches("<!DOCTYPE").count(), 1, "{out}");
        assert!(out.contains(r#"<html lang="zh-CN">"#), "{out}");
    }
}
