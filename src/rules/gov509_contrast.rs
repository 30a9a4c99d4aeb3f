//! GOV509: the colour pairs a theme declares in theme.yaml meet WCAG 2.1 contrast
//! (4.5:1, or 3:1 for large text and non-text parts) in the normal and high-contrast
//! palettes. A source-side check: it reads the theme the build will use.

use super::{Rule, RuleMeta};
use crate::config::yaml::{span_map, SpanMap};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};
use crate::render::theme::{self, ColorPair, ThemeManifest};
use std::collections::BTreeMap;

pub static META: RuleMeta = RuleMeta {
    code: "GOV509",
    name: "color-contrast",
    severity: Severity::Error,
    waivable: false,
    summary: "主题声明的文字与背景颜色对比度不足（普通文字 4.5:1，大字 3:1）",
    explanation: include_str!("docs/gov509.md"),
    default_off: false,
};

pub struct Contrast;

/// An sRGB colour from `#rgb`, `#rrggbb`, `#rrggbbff`, `rgb(r, g, b)`, `black` or `white`.
pub fn parse_color(text: &str) -> Option<[u8; 3]> {
    let t = text.trim().to_ascii_lowercase();
    match t.as_str() {
        "black" => return Some([0, 0, 0]),
        "white" => return Some([255, 255, 255]),
        _ => {}
    }
    if let Some(hex) = t.strip_prefix('#') {
        let digit = |i: usize, n: usize| u8::from_str_radix(hex.get(i..i + n)?, 16).ok();
        return match hex.len() {
            3 => Some([digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17]),
            6 => Some([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?]),
            // Translucent colours depend on what is beneath: only opaque ones are accepted.
            8 if digit(6, 2)? == 255 => Some([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?]),
            _ => None,
        };
    }
    let inner = t.strip_prefix("rgb(")?.strip_suffix(')')?;
    let parts: Vec<u8> = inner
        .split([',', ' '])
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [r, g, b] => Some([*r, *g, *b]),
        _ => None,
    }
}

/// WCAG 2.1 relative luminance.
fn luminance(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

/// WCAG 2.1 contrast ratio of two colours (1 to 21).
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The ratio rounded down to two decimals, so 4.499 never shows as "4.50".
fn shown(ratio: f64) -> String {
    format!("{:.2}", (ratio * 100.0).floor() / 100.0)
}

/// A palette: the normal tokens, or the high-contrast ones over the normal ones (the
/// build's `html.gs-contrast` block only overrides the tokens it names).
struct Mode<'a> {
    key: &'static str,
    label: &'static str,
    tokens: BTreeMap<&'a str, &'a str>,
}

fn modes(manifest: &ThemeManifest) -> [Mode<'_>; 2] {
    let normal: BTreeMap<&str, &str> = manifest
        .colors
        .normal
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut contrast = normal.clone();
    for (k, v) in &manifest.colors.contrast {
        contrast.insert(k.as_str(), v.as_str());
    }
    [
        Mode {
            key: "normal",
            label: "普通模式",
            tokens: normal,
        },
        Mode {
            key: "contrast",
            label: "高对比度模式",
            tokens: contrast,
        },
    ]
}

/// Where findings go: theme.yaml, its text (empty for the built-in theme) and key spans.
struct Place<'a> {
    file: &'a str,
    text: &'a str,
    spans: SpanMap,
}

impl Place<'_> {
    /// At the key `path`, narrowed to `word` when the span holds it (a value span in a
    /// flow mapping `{ fg: x, bg: y }` runs on to the end of the mapping).
    fn at(&self, d: Diagnostic, path: &str, word: &str) -> Diagnostic {
        let mut span = self.spans.best(path);
        if let Some(offset) = self.text.get(span.clone()).and_then(|t| t.find(word)) {
            span = span.start + offset..span.start + offset + word.len();
        }
        d.at(self.file.to_string(), Some(span))
    }
}

/// All findings for one manifest; `text` is theme.yaml's text when it can be read, to
/// point at the offending key in `file`.
pub fn check_manifest(manifest: &ThemeManifest, file: &str, text: &str) -> Vec<Diagnostic> {
    let place = Place {
        file,
        text,
        spans: span_map(text, 0),
    };
    let mut out = Vec::new();
    if manifest.pairs.is_empty() {
        out.push(
            place.at(META.diag("主题没有在 theme.yaml 中声明文字与背景的颜色对，无法检查对比度"), "pairs", "pairs")
                .with_help("在 theme.yaml 的 colors.normal / colors.contrast 中声明颜色，在 pairs 中列出每一种文字/背景组合（参见默认主题）"),
        );
    }
    for (key, colors) in [
        ("normal", &manifest.colors.normal),
        ("contrast", &manifest.colors.contrast),
    ] {
        for (token, value) in colors {
            if parse_color(value).is_none() {
                out.push(
                    place
                        .at(
                            META.diag(format!("颜色 {token} 的值“{value}”无法识别")),
                            &format!("colors.{key}.{token}"),
                            value,
                        )
                        .with_help("颜色写成 #RRGGBB、#RGB 或 rgb(红, 绿, 蓝)，不用半透明色"),
                );
            }
        }
    }
    let modes = modes(manifest);
    for (i, pair) in manifest.pairs.iter().enumerate() {
        check_pair(&place, i, pair, &modes, &mut out);
    }
    out
}

/// One declared pair in both modes.
fn check_pair(
    place: &Place,
    i: usize,
    pair: &ColorPair,
    modes: &[Mode],
    out: &mut Vec<Diagnostic>,
) {
    let unknown: Vec<&str> = [pair.fg.as_str(), pair.bg.as_str()]
        .into_iter()
        .filter(|t| !modes.iter().any(|m| m.tokens.contains_key(t)))
        .collect();
    if !unknown.is_empty() {
        out.push(
            place
                .at(
                    META.diag(format!("颜色对引用了未声明的颜色：{}", unknown.join("、"))),
                    &format!("pairs[{i}]"),
                    unknown[0],
                )
                .with_help("在 colors.normal 中声明这些颜色，或改正颜色名"),
        );
        return;
    }
    let need = if pair.large { 3.0 } else { 4.5 };
    let role = if pair.role.is_empty() {
        String::new()
    } else {
        format!("（{}）", pair.role)
    };
    for mode in modes {
        let value = |t: &str| mode.tokens.get(t).copied().unwrap_or_default();
        let (fv, bv) = (value(&pair.fg), value(&pair.bg));
        let (Some(fg), Some(bg)) = (parse_color(fv), parse_color(bv)) else {
            continue;
        };
        let ratio = contrast_ratio(fg, bg);
        if ratio >= need {
            continue;
        }
        out.push(
            place
                .at(
                    META.diag(format!(
                        "{}下 {} {fv} 与 {} {bv}{role}的对比度只有 {}:1，至少需要 {}:1",
                        mode.label, pair.fg, pair.bg, shown(ratio), need
                    )),
                    &format!("pairs[{i}].fg"),
                    &pair.fg,
                )
                .with_label(format!("{}:1", shown(ratio)))
                .with_help(format!(
                    "加深或调浅 colors.{}.{} 或 colors.{}.{}，使对比度达到 {need}:1（可用 WCAG 对比度工具核对）",
                    mode.key, pair.fg, mode.key, pair.bg
                )),
        );
    }
}

impl Rule for Contrast {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        // The pipeline loads the theme too and reports a theme that cannot be loaded.
        let Ok(theme) = theme::load(&site.config) else {
            return;
        };
        // Spans only for a theme inside the site; the built-in theme is checked by tests.
        let text = std::fs::read_to_string(site.config.root.join(&theme.manifest_origin))
            .unwrap_or_default();
        out.extend(check_manifest(
            &theme.manifest,
            &theme.manifest_origin,
            &text,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_colours() {
        assert_eq!(parse_color("#fff"), Some([255, 255, 255]));
        assert_eq!(parse_color("#9E1B20"), Some([0x9e, 0x1b, 0x20]));
        assert_eq!(parse_color("rgb(1, 2, 3)"), Some([1, 2, 3]));
        assert_eq!(parse_color("#00000080"), None);
        assert_eq!(parse_color("bluish"), None);
        assert_eq!(parse_color("#12345"), None);
    }

    #[test]
    fn computes_wcag_ratios() {
        let ratio = contrast_ratio([0, 0, 0], [255, 255, 255]);
        assert!((ratio - 21.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        assert_eq!(shown(contrast_ratio([0x76; 3], [255; 3])), "4.54");
        assert_eq!(shown(contrast_ratio([0x77; 3], [255; 3])), "4.47");
    }

    #[test]
    fn the_default_theme_passes() {
        let text = include_str!("../../themes/default/theme.yaml");
        let manifest: ThemeManifest = serde_yaml::from_str(text).unwrap();
        let found = check_manifest(&manifest, "theme.yaml", text);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn flags_low_contrast_unknown_tokens_and_bad_colours() {
        let text = "colors:\n  normal: { text: \"#999\", bg: \"#fff\", odd: \"teal-ish\" }\n  contrast: { text: \"#fff\", bg: \"#000\" }\npairs:\n  - { fg: text, bg: bg }\n  - { fg: text, bg: nope }\n";
        let manifest: ThemeManifest = serde_yaml::from_str(text).unwrap();
        let found = check_manifest(&manifest, "theme.yaml", text);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(found.len(), 3, "{messages:#?}");
        assert!(messages
            .iter()
            .any(|m| m.contains("普通模式下 text #999 与 bg #fff") && m.contains("2.84:1")));
        assert!(messages.iter().any(|m| m.contains("未声明的颜色：nope")));
        assert!(messages.iter().any(|m| m.contains("teal-ish")));
    }
}
