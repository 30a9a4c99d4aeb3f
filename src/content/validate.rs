//! The checks on one parsed file that the YAML schema cannot express: safe slugs and
//! aliases (no climbing out of the output folder), policy-document values.

use super::parse::ParsedItem;
use super::{Item, SourceFile};
use crate::config::{Date, Text};
use crate::diagnostics::Diagnostic;

/// Parses the item's dates and checks its slug and aliases (GOV003).
pub(super) fn check_item(mut parsed: Box<ParsedItem>) -> Result<Box<ParsedItem>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let item = &mut parsed.item;
    let source = &item.source;
    let mut date = |key: &str, value: &Option<Text>| -> Option<Date> {
        let value = value.as_ref()?;
        let parsed = Date::parse(value.as_str());
        if parsed.is_none() {
            errors.push(
                Diagnostic::error("GOV003", format!("日期 `{value}` 无效"))
                    .at(source.file.clone(), source.spans().value(key))
                    .with_label("不是有效日期")
                    .with_help("写作 YYYY-MM-DD 或 YYYY-MM-DD HH:MM（北京时间），并确认该日期存在（年份在 1900 到 2199 之间）"),
            );
        }
        parsed
    };
    let dates = (
        date("date", &item.front.date),
        date("written", &item.front.written),
        date("asked", &item.front.asked),
        date("answered", &item.front.answered),
    );
    (item.date, item.written, item.asked, item.answered) = dates;
    errors.extend(check_policy_values(item));
    if !is_safe_slug(&parsed.slug) {
        errors.push(
            Diagnostic::error("GOV003", format!("网址片段 `{}` 不可用", parsed.slug))
                .at(item.source.file.clone(), item.source.spans().value("slug"))
                .with_help("slug 只能是一段路径：不含 /、\\、..，不以 . 开头"),
        );
    }
    errors.extend(alias_errors(&item.front.aliases, &item.source));
    if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(errors)
    }
}

/// The values site-format fixes for 政策文件 and 政策解读 fields (GOV003).
fn check_policy_values(item: &Item) -> Vec<Diagnostic> {
    let source = &item.source;
    let mut errors = Vec::new();
    if let Some(validity) = &item.front.validity {
        let value = validity.as_str().trim();
        if !VALIDITY.contains(&value) {
            let near = VALIDITY.iter().find(|v| value.contains(*v));
            let help = match near {
                Some(v) => format!("写作 validity: {v}（只能是 有效、失效 或 废止）"),
                None => "只能是 有效、失效 或 废止".to_string(),
            };
            errors.push(
                Diagnostic::error("GOV003", format!("有效性 `{value}` 不是规定的写法"))
                    .at(source.file.clone(), source.spans().value("validity"))
                    .with_label("应为 有效、失效 或 废止")
                    .with_help(help),
            );
        }
    }
    if let Some(target) = &item.front.interprets {
        let value = target.as_str().trim();
        if let Some(path) = value.strip_suffix(".md") {
            errors.push(
                Diagnostic::error("GOV003", format!("interprets 写了文件名 `{value}`"))
                    .at(source.file.clone(), source.spans().value("interprets"))
                    .with_label("去掉 .md")
                    .with_help(format!(
                        "写政策文件的内容路径，不带 .md：interprets: {path}"
                    )),
            );
        }
    }
    errors
}

/// The three values of 有效性 (site-format).
const VALIDITY: [&str; 3] = ["有效", "失效", "废止"];

fn is_safe_slug(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('.')
        && !slug.contains(['/', '\\', '\0', '?', '#'])
        && !slug.chars().any(char::is_control)
}

/// GOV003 for every alias of an item, column or homepage that could leave the output.
pub(super) fn alias_errors(aliases: &[Text], source: &SourceFile) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (i, alias) in aliases.iter().enumerate() {
        if !is_safe_alias(alias.as_str()) {
            errors.push(
                Diagnostic::error("GOV003", format!("旧网址 `{alias}` 不可用"))
                    .at(
                        source.file.clone(),
                        source.spans().value(&format!("aliases[{i}]")),
                    )
                    .with_help("aliases 写站内的绝对路径，如 /old/path/123.html，不含 .. 和 \\"),
            );
        }
    }
    errors
}

/// An alias is a site-absolute path that cannot climb out of the output folder.
pub fn is_safe_alias(alias: &str) -> bool {
    alias.starts_with('/')
        && !alias.starts_with("//")
        && !alias.contains(['\\', '\0', '?', '#'])
        && !alias.split('/').any(|seg| seg == ".." || seg == ".")
        && alias.len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_aliases_cannot_climb_out() {
        assert!(is_safe_slug("winter-safety"));
        assert!(is_safe_slug("冬季安全"));
        for bad in ["", "../x", "a/b", ".hidden", "a\\b"] {
            assert!(!is_safe_slug(bad), "{bad}");
        }
        assert!(is_safe_alias("/old/path/123.html"));
        for bad in [
            "old/x",
            "/../etc/passwd",
            "/a/../../b",
            "//evil.com/x",
            "/",
            "/a\\b",
        ] {
            assert!(!is_safe_alias(bad), "{bad}");
        }
    }
}
