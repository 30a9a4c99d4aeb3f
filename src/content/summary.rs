//! An item's listing summary: its description, else the text of its first paragraph.
//! Part of the model rather than of rendering: listings, page metadata, feeds and the
//! search index all show it, and the build cache keeps it with the file it comes from.

use super::Item;

/// The item's description, else the text of its first paragraph, at most 120 characters.
pub fn summary_of(item: &Item) -> &str {
    item.summary.get_or_init(|| match &item.front.description {
        Some(d) => d.0.clone(),
        None => first_paragraph(item),
    })
}

/// The first paragraph of the body as plain text, cut to 120 characters.
fn first_paragraph(item: &Item) -> String {
    let body = item.body.as_str();
    // pulldown-cmark reads a whole document's blocks before the first event, and every
    // item without a description comes here. A blank line always ends a paragraph, so
    // when the text before the first blank line after some content holds a whole
    // paragraph, it is the body's first one, unless the body defines link references
    // (`[id]: url`), which a paragraph may use above their definition.
    let quick = match first_blank_line(body) {
        Some(end) if !body.contains("]:") => paragraph_text(&body[..end]),
        _ => None,
    };
    truncate(
        &quick.unwrap_or_else(|| paragraph_text(body).unwrap_or_default()),
        120,
    )
}

/// The text of the first whole paragraph of `markdown`, if it has one.
fn paragraph_text(markdown: &str) -> Option<String> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut text = String::new();
    let mut in_paragraph = false;
    for event in pulldown_cmark::Parser::new(markdown) {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if in_paragraph => return Some(text),
            Event::Text(t) | Event::Code(t) if in_paragraph => text.push_str(&t),
            _ => {}
        }
    }
    None
}

/// Where the first blank line after a line with content ends.
fn first_blank_line(text: &str) -> Option<usize> {
    let mut seen_content = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        at += line.len();
        // Blank in Markdown: spaces and tabs only (a line of full-width spaces is text).
        if !line.trim_matches([' ', '\t', '\r', '\n']).is_empty() {
            seen_content = true;
        } else if seen_content {
            return Some(at);
        }
    }
    None
}

/// `text` cut to `max` characters, with `…` where it was cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_first_paragraph_read_quickly_is_the_whole_bodys() {
        let bodies = [
            "第一段，\n接着写。\n\n## 二\n\n第二段",
            "## 标题\n\n正文第一段\n\n第二段",
            "\n\n  \n前面有空行\n\n后面",
            "　　全角空格缩进\n　　\n仍是同一段\n\n下一段",
            "```\n代码\n\n仍是代码\n```\n\n段落",
            "标题\n===\n\n段落",
            "见[通知][1]。\n\n[1]: /tzgg/a/",
            "- 列表\n\n- 松散列表\n\n段落",
            "> 引用\n\n段落",
            "<div>\nHTML 块\n\n</div>\n\n段落",
            "没有空行的一段",
            "",
        ];
        for body in bodies {
            let quick = super::first_blank_line(body)
                .filter(|_| !body.contains("]:"))
                .and_then(|end| super::paragraph_text(&body[..end]));
            if let Some(quick) = quick {
                assert_eq!(Some(quick), super::paragraph_text(body), "{body:?}");
            }
        }
    }
}
