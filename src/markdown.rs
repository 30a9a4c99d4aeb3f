//! Markdown to HTML with pulldown-cmark: GFM tables, footnotes, strikethrough, task lists,
//! heading ids (so `#fragment` links work), and fenced code highlighted by syntect with CSS
//! classes rather than inline styles (so a strict Content-Security-Policy works). Syntect's
//! definitions load lazily, only when a page has a code block.

use pulldown_cmark::{html, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::sync::LazyLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The CSS class prefix of highlighted code (`hl-keyword` …).
pub const HIGHLIGHT_PREFIX: &str = "hl-";
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed {
    prefix: HIGHLIGHT_PREFIX,
};

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// A link or image found in the Markdown, with its byte offset in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    pub url: String,
    pub offset: usize,
}

/// A piece of raw HTML written in the Markdown, with its byte offset in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawHtml {
    pub text: String,
    pub offset: usize,
}

/// The result of rendering one Markdown body.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    /// The text without markup, for search and text checks.
    pub text: String,
    /// The first paragraph's text.
    pub summary: String,
    pub links: Vec<SourceLink>,
    /// Raw HTML blocks and inline tags, for pointing findings in them at their line.
    pub raw_html: Vec<RawHtml>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Opens the scroll box around a table (a focusable region, WCAG 2.1.1 / axe
/// scrollable-region-focusable); the theme styles `.table-scroll`.
const TABLE_SCROLL_OPEN: &str =
    "<div class=\"table-scroll\" role=\"region\" aria-label=\"表格（可左右滚动）\" tabindex=\"0\">\n";

/// Renders `body` to HTML.
pub fn render(body: &str) -> Rendered {
    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut heading: Option<(usize, String)> = None; // (index of Start in events, text)
    let mut code: Option<(String, String)> = None; // (language, text)
    let mut in_first_paragraph = 0u8; // 0 before, 1 inside, 2 after

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if let Some((_, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, text) = code.take().unwrap_or_default();
                    out.text.push_str(&text);
                    out.text.push('\n');
                    events.push(Event::Html(CowStr::from(highlight(&lang, &text))));
                }
                _ => {}
            }
            continue;
        }
        // Wide tables scroll sideways in a box that keyboard users can focus and scroll.
        let table_end = matches!(event, Event::End(TagEnd::Table));
        if matches!(event, Event::Start(Tag::Table(_))) {
            events.push(Event::Html(CowStr::Borrowed(TABLE_SCROLL_OPEN)));
        }
        match &event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
                continue;
            }
            Event::Start(Tag::Heading { .. }) => heading = Some((events.len(), String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, text)) = heading.take() {
                    if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
                        let wanted = id
                            .as_ref()
                            .map_or_else(|| slugify(&text), |i| i.to_string());
                        *id = Some(CowStr::from(unique_id(&mut ids, wanted)));
                    }
                }
                out.text.push('\n');
            }
            Event::Start(Tag::Paragraph) if in_first_paragraph == 0 => in_first_paragraph = 1,
            Event::End(TagEnd::Paragraph) => {
                if in_first_paragraph == 1 {
                    in_first_paragraph = 2;
                }
                out.text.push('\n');
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                out.links.push(SourceLink {
                    url: dest_url.to_string(),
                    offset: range.start,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = heading.as_mut() {
                    text.push_str(t);
                }
                if in_first_paragraph == 1 {
                    out.summary.push_str(t);
                }
                out.text.push_str(t);
            }
            Event::Html(t) | Event::InlineHtml(t) => out.raw_html.push(RawHtml {
                text: t.to_string(),
                offset: range.start,
            }),
            Event::SoftBreak | Event::HardBreak => out.text.push(' '),
            Event::End(TagEnd::TableCell) | Event::End(TagEnd::Item) => out.text.push(' '),
            _ => {}
        }
        events.push(event);
        if table_end {
            events.push(Event::Html(CowStr::Borrowed("</div>\n")));
        }
    }
    html::push_html(&mut out.html, events.into_iter());
    out
}

fn unique_id(ids: &mut HashMap<String, usize>, wanted: String) -> String {
    let count = ids.entry(wanted.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        wanted
    } else {
        format!("{wanted}-{}", *count - 1)
    }
}

/// A heading id: letters (including Chinese) and digits kept, ASCII lowercased, spaces
/// and dashes folded into single `-`, other punctuation dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !out.ends_with('-')
            && !out.is_empty()
        {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

fn highlight(lang: &str, code: &str) -> String {
    let escaped_lang = tera::escape_html(lang);
    let syntax = (!lang.is_empty())
        .then(|| SYNTAXES.find_syntax_by_token(lang))
        .flatten();
    let Some(syntax) = syntax else {
        let escaped = tera::escape_html(code);
        return format!(
            "<pre class=\"code\"><code data-lang=\"{escaped_lang}\">{escaped}</code></pre>\n"
        );
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            break;
        }
    }
    format!(
        "<pre class=\"code\"><code data-lang=\"{escaped_lang}\">{}</code></pre>\n",
        generator.finalize()
    )
}

/// The stylesheet for highlighted code, generated from a syntect theme.
pub fn highlight_css() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    themes
        .themes
        .get("InspiredGitHub")
        .and_then(|theme| syntect::html::css_for_theme_with_class_style(theme, CLASS_STYLE).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_ids() {
        let out = render("## 一、总体要求\n\n## 一、总体要求\n\n### Next Steps {#custom}\n");
        assert!(out.html.contains("<h2 id=\"一总体要求\">"), "{}", out.html);
        assert!(out.html.contains("<h2 id=\"一总体要求-1\">"));
        assert!(out.html.contains("<h3 id=\"custom\">"));
    }

    #[test]
    fn code_is_highlighted_with_classes_not_styles() {
        let out = render("```json\n{\"a\": 1}\n```\n");
        assert!(out.html.contains("class=\"hl-"), "{}", out.html);
        assert!(!out.html.contains("style="));
        let plain = render("```\n<b>\n```\n");
        assert!(plain.html.contains("&lt;b&gt;"));
    }

    #[test]
    fn tables_footnotes_tasks_and_strikethrough() {
        let out =
            render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ [^1]\n\n[^1]: 注\n\n- [x] 完成\n");
        assert!(out.html.contains("<table>"));
        assert!(out
            .html
            .contains("<div class=\"table-scroll\" role=\"region\""));
        assert!(out.html.contains("</table>\n</div>"));
        assert!(out.html.contains("<del>"));
        assert!(out.html.contains("checkbox"));
        assert!(out.html.contains("footnote"));
    }

    #[test]
    fn collects_text_summary_and_links() {
        let out = render("第一段[链接](/a/)。\n\n第二段\n");
        assert_eq!(out.summary, "第一段链接。");
        assert!(out.text.contains("第二段"));
        assert_eq!(
            out.links,
            vec![SourceLink {
                url: "/a/".into(),
                offset: 9
            }]
        );
    }
}
