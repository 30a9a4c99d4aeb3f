//! YAML shared by site.yaml and front matter: typed parsing with serde_yaml (errors become
//! GOV001–GOV003 with a position), and a map from key paths to byte spans (from
//! yaml-rust2's marked events) so that later checks can point at the offending key.

pub use super::spans::{span_map, KeySpan, SpanMap};
use crate::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;

/// The parsed value with the spans of its keys.
pub struct Parsed<T> {
    pub value: T,
    pub spans: SpanMap,
}

/// Parses `text` (which starts at byte `offset` of `file`) into `T`.
/// An empty document is parsed as an empty mapping.
pub fn parse<T: DeserializeOwned>(
    file: &str,
    text: &str,
    offset: usize,
) -> Result<Parsed<T>, Diagnostic> {
    let value = parse_value(file, text, offset)?;
    let spans = span_map(text, offset);
    Ok(Parsed { value, spans })
}

/// [`parse`] without the spans (see `SourceFile::spans`, which works them out when asked).
pub fn parse_value<T: DeserializeOwned>(
    file: &str,
    text: &str,
    offset: usize,
) -> Result<T, Diagnostic> {
    let limit = super::aliases::MAX_EXPANDED_BYTES;
    if text.len() > limit || super::aliases::expanded_size(text, limit) > limit {
        let at = first_alias(text).unwrap_or(0);
        return Err(Diagnostic::error(
            "GOV001",
            format!(
                "YAML 展开后超过 {} MB：别名（*名称）重复引用了大段内容（疑似 YAML 炸弹）",
                limit / (1024 * 1024)
            ),
        )
        .with_label("从这里开始重复引用")
        .with_help("不要用锚点和别名（&名称 / *名称）重复大段文字；正文写在 front matter 之后")
        .at(
            file,
            Some(offset + at..offset + at + token_len(&text[at..]).max(1)),
        ));
    }
    if let Some(unclosed) = super::flow::unclosed_flow(text) {
        return Err(unclosed_diagnostic(file, text, offset, unclosed));
    }
    let source = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str::<T>(source).map_err(|e| to_diagnostic(file, text, offset, &e))
}

/// GOV001 for a `[` or `{` never closed, at the line where YAML parsing stops.
fn unclosed_diagnostic(
    file: &str,
    text: &str,
    offset: usize,
    unclosed: super::flow::Unclosed,
) -> Diagnostic {
    let close = if unclosed.bracket == '[' { ']' } else { '}' };
    // The opening line, named by its key (the position counts from the block, not the file).
    let line_start = text[..unclosed.open].rfind('\n').map_or(0, |n| n + 1);
    let opened = text[line_start..unclosed.open].trim();
    let opened_line = if opened.is_empty() {
        "上一个值".to_string()
    } else {
        format!("`{opened}` 这一行")
    };
    let stop = offset + unclosed.stop;
    let key_len = text[unclosed.stop..].find(':').map_or(1, |n| n + 1);
    Diagnostic::error(
        "GOV001",
        format!(
            "YAML 无法解析：{opened_line}的 `{}` 没有闭合，读到下一个键时出错",
            unclosed.bracket
        ),
    )
    .with_help(format!(
        "在{opened_line}末尾补上 `{close}`；如果 `{}` 是文字的一部分，请给整个值加引号，例如 title: \"[通知]……\"",
        unclosed.bracket
    ))
    .with_label("YAML 解析在这里停止")
    .at(file, Some(stop..stop + key_len))
}

fn to_diagnostic(file: &str, text: &str, offset: usize, error: &serde_yaml::Error) -> Diagnostic {
    let raw = error.to_string();
    // serde_yaml appends " at line L column C"; the position is shown separately.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let duplicate = between(&message, "duplicate field `", "`")
        .or_else(|| between(&message, "duplicate entry with key \"", "\""))
        .and_then(|key| second_key(text, key));
    let span = match (duplicate, error.location()) {
        // serde_yaml points at the mapping; the repeated key is more use.
        (Some(at), _) => Some(offset + at..offset + at + token_len(&text[at..])),
        (None, Some(l)) => {
            let at = floor_char_boundary(text, l.index());
            Some(offset + at..offset + at + token_len(&text[at..]))
        }
        // Errors found while replaying aliases (a YAML bomb) carry no position: point at
        // the first alias, else at the start of the block, so the finding still has a line.
        (None, None) => Some(match first_alias(text) {
            Some(at) => offset + at..offset + at + token_len(&text[at..]),
            None => offset..offset + token_len(text).min(text.len()),
        }),
    };
    let diagnostic = if let Some(unknown) = between(&message, "unknown field `", "`") {
        let expected: Vec<&str> = message
            .split_once("expected one of ")
            .or_else(|| message.split_once("expected "))
            .map(|(_, list)| list.split(", ").map(|s| s.trim_matches('`')).collect())
            .unwrap_or_default();
        let help = match nearest(unknown, &expected) {
            Some(best) => format!("是否应为 `{best}`？可用的键：{}", expected.join("、")),
            None if expected.is_empty() => "删除这个键".to_string(),
            None => format!("可用的键：{}", expected.join("、")),
        };
        Diagnostic::error(
            "GOV002",
            format!("未知的键 `{unknown}`（拼写错误会让必备项被悄悄忽略）"),
        )
        .with_help(help)
        .with_label("未知的键")
    } else if message.contains("invalid type")
        || message.contains("expected a list of strings")
        || message.contains("invalid value")
        || message.contains("unknown variant")
        || message.contains("missing field")
    {
        Diagnostic::error("GOV003", format!("值的类型或格式不正确：{}", translate(&message)))
            .with_help("按 site-format 约定的类型填写；日期写作 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，数字编号请加引号")
    } else {
        Diagnostic::error("GOV001", format!("YAML 无法解析：{}", translate(&message)))
            .with_help("检查缩进（只能用空格，不能用 Tab）、冒号后的空格和引号是否成对")
    };
    diagnostic.at(file, span)
}

/// Keeps serde's English detail but names the common cases in Chinese first.
fn translate(message: &str) -> String {
    let hints = [
        (
            "found character that cannot start any token",
            "含有不能作为开头的字符（常见原因：用了 Tab 缩进）",
        ),
        ("duplicate entry", "重复的键"),
        ("did not find expected", "结构不完整"),
        (
            "mapping values are not allowed",
            "这里不能出现冒号（值中含冒号时请加引号）",
        ),
        (
            "repetition limit exceeded",
            "别名展开过多（疑似 YAML 炸弹）",
        ),
        ("recursion limit exceeded", "嵌套过深"),
        ("expected u32", "应为 0 或正整数"),
    ];
    for (english, chinese) in hints {
        if message.contains(english) {
            return format!("{chinese}（{message}）");
        }
    }
    message.to_string()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

pub use super::suggest::nearest;

/// `index` moved back to the nearest character boundary of `text` (and into it).
fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut at = index.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Byte offset of the second line that starts `key:` (after any indentation).
fn second_key(text: &str, key: &str) -> Option<usize> {
    let mut start = 0;
    let mut found = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let rest = &line[indent..];
        let rest = rest.trim_start_matches(['"', '\'']);
        if rest.starts_with(key)
            && rest[key.len()..]
                .trim_start_matches(['"', '\''])
                .starts_with(':')
        {
            found += 1;
            if found == 2 {
                return Some(start + indent);
            }
        }
        start += line.len();
    }
    None
}

/// Byte offset of the first alias (`*name`) in `text`.
fn first_alias(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| {
        bytes[i] == b'*'
            && bytes.get(i + 1).is_some_and(|b| !b.is_ascii_whitespace())
            && (i == 0 || matches!(bytes[i - 1], b' ' | b'[' | b',' | b'\n' | b'\t' | b'{'))
    })
}

/// Length in bytes of the token starting `text`: up to the end of the line, trimmed.
pub(super) fn token_len(text: &str) -> usize {
    let line = text.split('\n').next().unwrap_or("");
    let line = match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    };
    line.trim_end().len().max(1).min(text.len().max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Two {
        a: Option<String>,
        b: Option<serde_yaml::Value>,
    }

    #[test]
    fn positionless_and_duplicate_errors_still_have_a_place() {
        let err = parse::<Two>("x.md", "a: 1\nb: [x]\na: 2\n", 4)
            .err()
            .unwrap();
        assert_eq!(err.code, "GOV001");
        assert_eq!(err.location.unwrap().span, Some(4 + 12..4 + 16));
        let mut bomb = String::from("b:\n  - &a [x,x,x,x,x,x,x,x,x]\n");
        for (n, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            bomb.push_str(&format!(
                "  - &{n} [{}]\n",
                vec![format!("*{prev}"); 9].join(",")
            ));
        }
        let err = parse::<Two>("x.md", &bomb, 0).err().unwrap();
        assert_eq!(err.code, "GOV001");
        let span = err.location.unwrap().span.unwrap();
        assert!(bomb[span].starts_with("*a"));
    }

    #[test]
    fn error_positions_inside_chinese_text_do_not_panic() {
        for text in [
            "标题: 标题\n\t坏",
            "a: 标题标题\n\tb",
            "a: \"标题",
            "a: [标题\n",
        ] {
            assert!(parse::<Two>("x.md", text, 0).is_err());
        }
    }

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(nearest("nmae", &["name", "kind", "domain"]), Some("name"));
        assert_eq!(nearest("zzzzzz", &["name", "kind"]), None);
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Small {
        name: Option<String>,
    }

    #[test]
    fn unknown_keys_are_gov002_with_a_suggestion() {
        let err = parse::<Small>("site.yaml", "nmae: x\n", 0).err().unwrap();
        assert_eq!(err.code, "GOV002");
        assert!(err.help.unwrap().contains("`name`"));
        assert_eq!(err.location.unwrap().span.unwrap().start, 0);
    }

    #[test]
    fn syntax_errors_are_gov001_with_a_position() {
        let err = parse::<Small>("site.yaml", "name: a\n\tkind: b\n", 0)
            .err()
            .unwrap();
        assert_eq!(err.code, "GOV001");
        assert!(err.location.unwrap().span.is_some());
    }
}
