//! Small text helpers for reading old pages: whitespace, labels (`发文字号：`), dates as
//! CMSs print them (`2022年4月17日`, `2022/04/17 09:30:00`), and values after a label.

use chrono::NaiveDate;

/// Trims and collapses every run of whitespace (including 全角空格 and `&nbsp;`) to one
/// space.
pub fn clean(text: &str) -> String {
    text.split(char::is_whitespace)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A label as written beside a value, without spaces, brackets and the colon:
/// `【发文字号】`, `文　　号：` → `发文字号`, `文号`.
pub fn label_key(label: &str) -> String {
    label
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_matches(['：', ':', '【', '】', '[', ']', '〔', '〕'])
        .to_string()
}

/// The value after `label：` in running text, up to the next separator (a wide space, two
/// spaces, `|`, a bracket or another label). `None` when the label is absent or empty.
pub fn visible_after(text: &str, label: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = text[from..].find(label) {
        let rest = &text[from + at + label.len()..];
        let rest = rest.trim_start_matches([' ', '\u{3000}']);
        if let Some(value) = rest.strip_prefix(['：', ':']) {
            let value = cut_value(value.trim_start());
            if !value.is_empty() {
                return Some(value);
            }
        }
        from += at + label.len();
    }
    None
}

const STOPS: &[&str] = &[
    "来源",
    "发布时间",
    "发布日期",
    "作者",
    "浏览",
    "点击",
    "字号",
    "阅读",
    "编辑",
    "【",
];

fn cut_value(value: &str) -> String {
    let mut end = value.len();
    for (i, c) in value.char_indices() {
        let double_space = c == ' ' && value[i + 1..].starts_with(' ');
        if matches!(c, '\u{3000}' | '|' | '】' | '\n' | '\t') || double_space {
            end = i;
            break;
        }
    }
    let mut value = &value[..end];
    for stop in STOPS {
        if let Some(i) = value.find(stop) {
            value = &value[..i];
        }
    }
    value.trim().chars().take(80).collect()
}

/// A date as CMSs print it, as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (what front matter
/// takes). Reads the date at the start of `text`; `None` when there is none.
pub fn normalize_date(text: &str) -> Option<String> {
    let text = text.trim();
    let (year, rest) = digits(text, 4, 4)?;
    let rest = rest.strip_prefix(['-', '/', '.', '年'])?;
    let (month, rest) = digits(rest, 1, 2)?;
    let rest = rest.strip_prefix(['-', '/', '.', '月'])?;
    let (day, rest) = digits(rest, 1, 2)?;
    let rest = rest.strip_prefix('日').unwrap_or(rest);
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    let day = date.format("%Y-%m-%d").to_string();
    let time = rest.trim_start_matches([' ', '\u{3000}', 'T']);
    let clock = digits(time, 1, 2).and_then(|(h, r)| {
        let (m, _) = digits(r.strip_prefix([':', '：', '时'])?, 2, 2)?;
        (h < 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
    });
    Some(match clock {
        Some(clock) => format!("{day} {clock}"),
        None => day,
    })
}

/// Between `min` and `max` ASCII digits at the start of `text`, and the rest.
fn digits(text: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let n = text.bytes().take_while(u8::is_ascii_digit).count();
    if n < min || n > max {
        return None;
    }
    Some((text[..n].parse().ok()?, &text[n..]))
}

/// The date a CMS wrote into a page's path: TRS `t20220417_974894.shtml`, 大汉
/// `art/2022/4/17/art_1229_974894.html`, `202204/…`.
pub fn date_in_path(rel: &str) -> Option<String> {
    let parts: Vec<&str> = rel.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        let stem = part.split('.').next().unwrap_or(part);
        if let Some(d) = stem.strip_prefix('t').filter(|d| d.len() >= 8) {
            if let Some(date) = compact_date(&d[..8]) {
                return Some(date);
            }
        }
        if part.len() == 4 && i + 2 < parts.len() {
            let joined = format!("{}-{}-{}", part, parts[i + 1], parts[i + 2]);
            if let Some(date) = normalize_date(&joined) {
                return Some(date);
            }
        }
    }
    None
}

fn compact_date(d: &str) -> Option<String> {
    if !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    normalize_date(&format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_cms_print_them() {
        for (text, want) in [
            ("2022-04-17", "2022-04-17"),
            ("2022-04-17 09:30", "2022-04-17 09:30"),
            ("2022-04-17 09:30:15", "2022-04-17 09:30"),
            ("2022年4月17日", "2022-04-17"),
            ("2022/4/7 8:05", "2022-04-07 08:05"),
            ("2022.04.17　来源：x", "2022-04-17"),
        ] {
            assert_eq!(normalize_date(text).as_deref(), Some(want), "{text}");
        }
        for bad in ["2022-02-30", "17/04/2022", "今天", "20220417"] {
            assert_eq!(normalize_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn values_after_labels() {
        let text = "发布时间：2022-04-17 09:30  来源： 市发展改革委 【字号：大 中 小】";
        assert_eq!(
            visible_after(text, "发布时间").as_deref(),
            Some("2022-04-17 09:30")
        );
        assert_eq!(visible_after(text, "来源").as_deref(), Some("市发展改革委"));
        assert_eq!(
            visible_after("日期:2022-1-2 来源:市政府", "日期").as_deref(),
            Some("2022-1-2")
        );
        assert_eq!(visible_after("来源", "来源"), None);
    }

    #[test]
    fn labels_lose_spaces_brackets_and_colons() {
        assert_eq!(label_key("文　　号："), "文号");
        assert_eq!(label_key("【发文字号】"), "发文字号");
    }

    #[test]
    fn dates_in_cms_paths() {
        assert_eq!(
            date_in_path("xxgk/zcwj/202204/t20220417_974894.shtml").as_deref(),
            Some("2022-04-17")
        );
        assert_eq!(
            date_in_path("art/2022/4/17/art_1229_974894.html").as_deref(),
            Some("2022-04-17")
        );
        assert_eq!(date_in_path("zwdt/index.html"), None);
    }
}
