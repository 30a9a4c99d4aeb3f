//! GOV508: the viewport does not stop users from zooming.

use super::{html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV508",
    name: "zoom-disabled",
    severity: Severity::Error,
    waivable: false,
    summary: "页面禁止缩放（user-scalable=no 或 maximum-scale 小于 2）",
    explanation: include_str!("docs/gov508.md"),
    default_off: false,
};

pub struct Zoom;

/// What in a viewport `content` stops zooming, if anything.
pub fn zoom_blocker(content: &str) -> Option<String> {
    for part in content.split([',', ';']) {
        let Some((key, value)) = part.split_once('=') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
        match key.as_str() {
            "user-scalable" if value == "no" || value == "0" => {
                return Some(format!("user-scalable={value}"));
            }
            "maximum-scale" => {
                if let Ok(scale) = value.parse::<f64>() {
                    if scale < 2.0 {
                        return Some(format!("maximum-scale={value}"));
                    }
                }
            }
            _ => {}
        }
    }
    None
}

impl Rule for Zoom {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        for meta in page.named("meta") {
            let is_viewport =
                html::attr(meta, "name").is_some_and(|n| n.trim().eq_ignore_ascii_case("viewport"));
            if !is_viewport {
                continue;
            }
            let content = html::attr(meta, "content").unwrap_or_default();
            let content = html::decode_entities(&content);
            if let Some(blocker) = zoom_blocker(&content) {
                out.push(
                    page.diag(&META, format!("页面禁止用户缩放：viewport 中有 {blocker}"))
                        .with_help(
                            "viewport 只写 width=device-width, initial-scale=1；不要写 user-scalable=no，maximum-scale 不得小于 2",
                        ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::zoom_blocker;

    #[test]
    fn finds_zoom_blockers() {
        assert_eq!(zoom_blocker("width=device-width, initial-scale=1"), None);
        assert_eq!(
            zoom_blocker("width=device-width, user-scalable=no").as_deref(),
            Some("user-scalable=no")
        );
        assert_eq!(
            zoom_blocker("initial-scale=1,maximum-scale=1.0").as_deref(),
            Some("maximum-scale=1.0")
        );
        assert_eq!(zoom_blocker("maximum-scale=5"), None);
    }
}
