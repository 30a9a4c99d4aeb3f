//! GOV513: videos carry a captions track.

use super::a11y;
use super::{html, PageView, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV513",
    name: "video-captions-missing",
    severity: Severity::Warning,
    waivable: true,
    summary: "视频没有字幕轨道（<track kind=\"captions\">）",
    explanation: include_str!("docs/gov513.md"),
    default_off: false,
};

pub struct Captions;

impl Rule for Captions {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_page(&self, page: &PageView, out: &mut Vec<Diagnostic>) {
        if page.named("video").next().is_none() {
            return;
        }
        let tree = page.tree();
        let bare: Vec<String> = tree
            .named("video")
            .filter(|(i, _)| {
                !tree.descendants(*i).any(|(j, t)| {
                    tree.name(j) == "track"
                        && html::attr(t, "kind")
                            .is_some_and(|k| k.trim().eq_ignore_ascii_case("captions"))
                })
            })
            .map(|(_, v)| a11y::describe(v))
            .collect();
        if bare.is_empty() {
            return;
        }
        out.push(
            page.diag(&META, format!("视频没有字幕：{}", a11y::list(&bare, 5)))
                .with_help(
                    "为视频制作 WebVTT 字幕文件，在 <video> 内写 <track kind=\"captions\" src=\"字幕.vtt\" srclang=\"zh\" label=\"中文字幕\" default>",
                ),
        );
    }
}
