//! Front matter: splitting the `---` fenced YAML block off a Markdown file (tolerant of
//! CRLF), and the serde shapes of item, column and homepage front matter
//! (site-format.md sections 3 and 4).

use crate::config::text::{text, text_list, Text};
use crate::diagnostics::Diagnostic;
use serde::Deserialize;

/// A Markdown file cut into its front matter and body, with byte offsets into the file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub yaml_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

/// Splits `text` at its front matter fences. A file without a leading `---` line has no
/// front matter; an opening fence that is never closed is GOV001.
pub fn split<'a>(text: &'a str, file: &str) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Ok(Split {
            yaml: "",
            yaml_offset: 0,
            body: text,
            body_offset: 0,
        });
    }
    let mut pos = first_line_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: &text[first_line_end..pos],
                yaml_offset: first_line_end,
                body: &text[end..],
                body_offset: end,
            });
        }
        pos = end;
    }
    Err(
        Diagnostic::error("GOV001", "front matter 缺少结束的 `---` 行")
            .at(file, Some(0..3))
            .with_label("从这里开始的 front matter 没有结束")
            .with_help("在 YAML 之后单独加一行 `---`，再写正文"),
    )
}

/// The eight elements of a service guide (办事指南) plus how far it can be done online.
#[derive(Debug, Default, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceFront {
    #[serde(default, deserialize_with = "text")]
    pub name: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub basis: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub conditions: Option<Text>,
    #[serde(default, deserialize_with = "text_list")]
    pub materials: Vec<Text>,
    #[serde(default, deserialize_with = "text")]
    pub location: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub hours: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub phone: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub process: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub online: Option<Text>,
}

/// Front matter of an item or a loose page.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemFront {
    #[serde(default, deserialize_with = "text")]
    pub title: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub date: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub source: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub author: Option<Text>,
    #[serde(default, deserialize_with = "text_list")]
    pub keywords: Vec<Text>,
    #[serde(default, deserialize_with = "text")]
    pub description: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub image: Option<Text>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default, deserialize_with = "text")]
    pub slug: Option<Text>,
    #[serde(default, deserialize_with = "text_list")]
    pub aliases: Vec<Text>,
    // 政策文件
    #[serde(default, deserialize_with = "text")]
    pub doc_number: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub issuer: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub written: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub index_no: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub topic: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub validity: Option<Text>,
    // 政策解读
    #[serde(default, deserialize_with = "text")]
    pub interprets: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub form: Option<Text>,
    // 办事服务
    #[serde(default)]
    pub service: Option<ServiceFront>,
    // 咨询投诉
    #[serde(default, deserialize_with = "text")]
    pub asked: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub answered: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub answer: Option<Text>,
    /// Officials' published hotlines on this page that GOV804 must not flag.
    #[serde(default, deserialize_with = "text_list")]
    pub public_phones: Vec<Text>,
}

/// Front matter of a column's `_index.md`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnFront {
    #[serde(default, deserialize_with = "text")]
    pub title: Option<Text>,
    #[serde(default, rename = "type", deserialize_with = "text")]
    pub column_type: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub description: Option<Text>,
    #[serde(default, deserialize_with = "text_list")]
    pub keywords: Vec<Text>,
    #[serde(default, deserialize_with = "text")]
    pub link: Option<Text>,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default, deserialize_with = "text")]
    pub update: Option<Text>,
    #[serde(default)]
    pub draft: bool,
}

/// Front matter of the homepage, `content/_index.md`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeFront {
    #[serde(default, deserialize_with = "text")]
    pub title: Option<Text>,
    #[serde(default, deserialize_with = "text")]
    pub description: Option<Text>,
    #[serde(default, deserialize_with = "text_list")]
    pub keywords: Vec<Text>,
    /// Column paths shown as blocks on the homepage (default: every top-level column).
    #[serde(default, deserialize_with = "text_list")]
    pub columns: Vec<Text>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_and_crlf_files() {
        let s = split("---\ntitle: a\n---\nbody\n", "a.md").unwrap();
        assert_eq!((s.yaml, s.body, s.yaml_offset), ("title: a\n", "body\n", 4));
        let s = split("---\r\ntitle: a\r\n---\r\nbody", "a.md").unwrap();
        assert_eq!(
            (s.yaml, s.body, s.body_offset),
            ("title: a\r\n", "body", 20)
        );
    }

    #[test]
    fn files_without_front_matter_are_all_body() {
        let s = split("# 标题\n", "a.md").unwrap();
        assert_eq!((s.yaml, s.body), ("", "# 标题\n"));
    }

    #[test]
    fn an_unclosed_fence_is_gov001() {
        assert_eq!(
            split("---\ntitle: a\nbody", "a.md").unwrap_err().code,
            "GOV001"
        );
    }
}
