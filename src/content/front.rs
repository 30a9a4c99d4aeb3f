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
#[derive(Debug, Default, Clone, Hash, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceFront {
    /// 事项名称 (service name).
    #[serde(default, deserialize_with = "text")]
    pub name: Option<Text>,
    /// 设定依据 (legal basis).
    #[serde(default, deserialize_with = "text")]
    pub basis: Option<Text>,
    /// 申请条件 (eligibility).
    #[serde(default, deserialize_with = "text")]
    pub conditions: Option<Text>,
    /// 办理材料 (required documents).
    #[serde(default, deserialize_with = "text_list")]
    #[schemars(with = "crate::schema::TextList")]
    pub materials: Vec<Text>,
    /// 办理地点 (where).
    #[serde(default, deserialize_with = "text")]
    pub location: Option<Text>,
    /// 办理时间 (opening hours).
    #[serde(default, deserialize_with = "text")]
    pub hours: Option<Text>,
    /// 联系电话 (phone).
    #[serde(default, deserialize_with = "text")]
    pub phone: Option<Text>,
    /// 办理流程 (process).
    #[serde(default, deserialize_with = "text")]
    pub process: Option<Text>,
    /// 可办理程度：全程网办、部分网办 或 线下办理 (how far it can be done online).
    #[serde(default, deserialize_with = "text")]
    pub online: Option<Text>,
}

// Serialized (as JSON, which reads back through the same deserializers) for the build
// cache's memo of parsed front matter (`memo::LoadMemo`); a plain comment, as the doc
// comment is the schema's description.
/// Front matter of an item or a loose page.
#[derive(Debug, Default, Clone, Hash, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemFront {
    /// 标题 (title).
    #[serde(default, deserialize_with = "text")]
    pub title: Option<Text>,
    /// 发布日期 YYYY-MM-DD 或 YYYY-MM-DD HH:MM (publication date).
    #[serde(default, deserialize_with = "text")]
    pub date: Option<Text>,
    /// 信息来源 (source).
    #[serde(default, deserialize_with = "text")]
    pub source: Option<Text>,
    /// 作者 (author).
    #[serde(default, deserialize_with = "text")]
    pub author: Option<Text>,
    /// 关键词 (keywords).
    #[serde(default, deserialize_with = "text_list")]
    #[schemars(with = "crate::schema::TextList")]
    pub keywords: Vec<Text>,
    /// 摘要 (description).
    #[serde(default, deserialize_with = "text")]
    pub description: Option<Text>,
    /// 题图 (image).
    #[serde(default, deserialize_with = "text")]
    pub image: Option<Text>,
    /// 草稿，不发布 (draft: not published).
    #[serde(default)]
    pub draft: bool,
    /// 网址中的名称 (URL slug).
    #[serde(default, deserialize_with = "text")]
    pub slug: Option<Text>,
    /// 旧网址，生成跳转 (old URLs that redirect here).
    #[serde(default, deserialize_with = "text_list")]
    #[schemars(with = "crate::schema::TextList")]
    pub aliases: Vec<Text>,
    // 政策文件
    /// 发文字号，如 示府发〔2026〕1号 (document number).
    #[serde(default, deserialize_with = "text")]
    pub doc_number: Option<Text>,
    /// 发文机关 (issuing authority).
    #[serde(default, deserialize_with = "text")]
    pub issuer: Option<Text>,
    /// 成文日期 YYYY-MM-DD (date written).
    #[serde(default, deserialize_with = "text")]
    pub written: Option<Text>,
    /// 索引号 (index number).
    #[serde(default, deserialize_with = "text")]
    pub index_no: Option<Text>,
    /// 主题分类 (topic).
    #[serde(default, deserialize_with = "text")]
    pub topic: Option<Text>,
    /// 有效性：有效、失效 或 废止 (validity).
    #[serde(default, deserialize_with = "text")]
    pub validity: Option<Text>,
    // 政策解读
    /// 所解读的政策文件的内容路径，如 zcwj/2026-11-18-winter (content path of the policy this explains).
    #[serde(default, deserialize_with = "text")]
    pub interprets: Option<Text>,
    /// 解读形式：文字解读、图文解读、音视频解读 或 媒体评论 (form of the interpretation).
    #[serde(default, deserialize_with = "text")]
    pub form: Option<Text>,
    // 办事服务
    /// 办事指南要素 (service guide).
    // Boxed: most items are not service guides, and every item is kept to the end of the
    // build (ten fields fewer per item).
    #[serde(default)]
    pub service: Option<Box<ServiceFront>>,
    // 咨询投诉
    /// 来信日期 YYYY-MM-DD (date asked).
    #[serde(default, deserialize_with = "text")]
    pub asked: Option<Text>,
    /// 答复日期 YYYY-MM-DD (date answered).
    #[serde(default, deserialize_with = "text")]
    pub answered: Option<Text>,
    /// 答复内容 (answer).
    #[serde(default, deserialize_with = "text")]
    pub answer: Option<Text>,
    /// Officials' published hotlines on this page that GOV804 must not flag.
    #[serde(default, deserialize_with = "text_list")]
    #[schemars(with = "crate::schema::TextList")]
    pub public_phones: Vec<Text>,
}

/// Front matter of a column's `_index.md`.
#[derive(Debug, Default, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnFront {
    /// 栏目名称 (column title).
    #[serde(default, deserialize_with = "text")]
    pub title: Option<Text>,
    /// 栏目类型 ColumnType，见 schemas/ 中的栏目类型表 (column type).
    #[serde(default, rename = "type", deserialize_with = "text")]
    pub column_type: Option<Text>,
    /// 栏目说明 (description).
    #[serde(default, deserialize_with = "text")]
    pub description: Option<Text>,
    /// 关键词 (keywords).
    #[serde(default, deserialize_with = "text_list")]
    #[schemars(with = "crate::schema::TextList")]
    pub keywords: Vec<Text>,
    /// 由统一平台提供时的外部链接 (link to a unified platform serving this column).
    #[serde(default, deserialize_with = "text")]
    pub link: Option<Text>,
    /// 排序权重：0 或正整数，小的在前 (sort weight).
    #[serde(default)]
    pub weight: Option<u32>,
    /// 声明的更新周期，如 14d、1m、1y；默认按栏目类型 (declared update cycle).
    #[serde(default, deserialize_with = "text")]
    pub update: Option<Text>,
    /// 草稿，不发布 (draft).
    #[serde(default)]
    pub draft: bool,
    /// 旧网址，生成跳转 (old URLs that redirect here).
    #[serde(default, deserialize_with = "text_list")]
    #[schemars(with = "crate::schema::TextList")]
    pub aliases: Vec<Text>,
}

/// Front matter of the homepage, `content/_index.md`.
#[derive(Debug, Default, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HomeFront {
    /// 首页标题 (title).
    #[serde(default, deserialize_with = "text")]
    pub title: Option<Text>,
    /// 网站说明 (description).
    #[serde(default, deserialize_with = "text")]
    pub description: Option<Text>,
    /// 关键词 (keywords).
    #[serde(default, deserialize_with = "text_list")]
    #[schemars(with = "crate::schema::TextList")]
    pub keywords: Vec<Text>,
    /// Column paths shown as blocks on the homepage (default: every top-level column).
    #[serde(default, deserialize_with = "text_list")]
    #[schemars(with = "crate::schema::TextList")]
    pub columns: Vec<Text>,
    /// 旧网址，生成跳转 (old URLs that redirect here).
    #[serde(default, deserialize_with = "text_list")]
    #[schemars(with = "crate::schema::TextList")]
    pub aliases: Vec<Text>,
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
