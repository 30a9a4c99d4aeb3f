//! Command-line usage errors in Chinese. clap finds them (an unknown verb or option, a
//! missing argument, a value outside the list) and knows the nearest spelling; only its
//! wording is English, so the error is rebuilt from clap's own parts.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The message, help lines and usage line for a usage error, as the terminal shows them.
/// `None` for `--help` and `--version`, which clap prints itself.
pub fn chinese(error: &clap::Error) -> Option<String> {
    let context = |kind| error.get(kind).map(value_text);
    let headline = match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::InvalidSubcommand => {
            format!(
                "没有 `{}` 这个命令",
                context(ContextKind::InvalidSubcommand)?
            )
        }
        ErrorKind::UnknownArgument => {
            format!("不认识的参数 `{}`", context(ContextKind::InvalidArg)?)
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必填的参数：{}", context(ContextKind::InvalidArg)?)
        }
        ErrorKind::MissingSubcommand => "缺少子命令".to_string(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "参数 {} 的值 `{}` 不可用",
            context(ContextKind::InvalidArg)?,
            context(ContextKind::InvalidValue).unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => format!(
            "参数 {} 不能与 {} 同时使用",
            context(ContextKind::InvalidArg)?,
            context(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues => {
            format!("多余的参数 `{}`", context(ContextKind::InvalidValue)?)
        }
        _ => return None,
    };
    let mut text = format!("错误：{headline}\n");
    if let Some(valid) = context(ContextKind::ValidValue) {
        text.push_str(&format!("\n  可用的值：{valid}\n"));
    }
    for kind in [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg] {
        if let Some(suggested) = context(kind) {
            text.push_str(&format!("\n  提示：是否想输入 `{suggested}`？\n"));
        }
    }
    if let Some(usage) = context(ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        text.push_str(&format!("\n用法：{usage}\n"));
    }
    text.push_str("\n查看全部参数：govsite --help（或 govsite 命令 --help）\n");
    Some(text)
}

fn value_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join("、"),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、"),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        ContextValue::None => String::new(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn error_of(args: &[&str]) -> String {
        let error = crate::cli::Cli::try_parse_from(args).expect_err("a usage error");
        chinese(&error).expect("a Chinese message")
    }

    #[test]
    fn usage_errors_read_in_chinese_with_clap_suggestions() {
        let text = error_of(&["govsite", "report", "sites"]);
        assert!(text.starts_with("错误：缺少必填的参数：<SITES>"), "{text}");
        assert!(text.contains("用法：govsite report sites"), "{text}");
        let text = error_of(&["govsite", "bulid"]);
        assert!(
            text.contains("没有 `bulid` 这个命令") && text.contains("`build`"),
            "{text}"
        );
        let text = error_of(&["govsite", "build", "--formt", "json"]);
        assert!(
            text.contains("`--formt`") && text.contains("`--format`"),
            "{text}"
        );
        let text = error_of(&["govsite", "check", "--format", "xml"]);
        assert!(text.contains("可用的值：human"), "{text}");
    }

    #[test]
    fn help_is_left_to_clap() {
        let error = crate::cli::Cli::try_parse_from(["govsite", "--help"]).unwrap_err();
        assert_eq!(chinese(&error), None);
    }
}
