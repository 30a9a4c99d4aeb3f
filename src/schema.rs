//! JSON Schemas for editors (yaml-language-server): `schemas/site.schema.json` for
//! site.yaml and one schema per kind of front matter, generated from the serde types the
//! loader reads, so the editor and the build never disagree about which keys exist.
//! A test keeps the committed files in sync (`GOVSITE_BLESS=1` rewrites them).

use crate::config::raw::RawSite;
use crate::config::text::Text;
use crate::content::front::{ColumnFront, HomeFront, ItemFront};
use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// The schema files: name under `schemas/`, and its JSON text.
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        ("site.schema.json", render::<RawSite>("site.yaml")),
        (
            "front-matter.schema.json",
            render::<ItemFront>("信息与页面的 front matter（content/**/*.md）"),
        ),
        (
            "column.schema.json",
            render::<ColumnFront>("栏目的 front matter（content/<栏目>/_index.md）"),
        ),
        (
            "home.schema.json",
            render::<HomeFront>("首页的 front matter（content/_index.md）"),
        ),
    ]
}

/// Draft-07, the dialect every yaml-language-server release understands.
fn render<T: JsonSchema>(title: &str) -> String {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "文本：任何 YAML 标量（字符串、数字或布尔值）都按去掉首尾空白的字符串读取；空值视为未填写。",
            "type": ["string", "number", "boolean", "null"]
        })
    }
}

/// The schema of a field read with `text_list`: one scalar or a list of scalars.
pub struct TextList;

impl JsonSchema for TextList {
    fn schema_name() -> Cow<'static, str> {
        "TextList".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>();
        json_schema!({
            "description": "一个或多个文本：可以写成列表，也可以只写一个值。",
            "anyOf": [text, { "type": "array", "items": text }]
        })
    }
}

/// 网站类型 (site kind).
// An `enum` in the schema because the loader rejects other values (GOV003).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)] // only its schema is used
pub enum SiteKind {
    /// 政府门户网站 (government portal)
    Portal,
    /// 部门网站 (department site)
    Department,
    /// 专项网站 (special-topic site)
    Special,
}

/// 迁移或下线 (lifecycle kind).
// The loader rejects other values (GOV003).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum LifecycleKind {
    /// 整合迁移：本站内容迁入其他网站 (migration into another site)
    Migration,
    /// 永久下线 (permanent shutdown)
    Offline,
}

/// 公告类型 (announcement kind).
// The loader rejects other values (GOV003).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum AnnouncementKind {
    /// 开通公告 (a new site opens)
    Opening,
    /// 整合迁移公告 (a site migrates)
    Migration,
    /// 下线公告 (a site goes offline)
    Offline,
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
