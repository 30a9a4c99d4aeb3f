//! The accessibility rules (GOV501–GOV513) on copies of the starter site. Content-level
//! cases (raw HTML and Markdown in an item) are here; broken templates, theme overrides
//! and the colour contrast of a site theme are in `templates`.

use super::common;
use common::*;
use serde_json::Value;
use std::path::Path;

mod templates;

/// The item whose body the content fixtures extend, and its output page.
const ITEM: &str = "content/zwdt/2026-11-25-executive-meeting.md";
const ITEM_PAGE: &str = "zwdt/2026-11-25-executive-meeting/index.html";

/// The diagnostics of one rule.
fn of(run: &Run, code: &str) -> Vec<Value> {
    run.diagnostics()
        .into_iter()
        .filter(|d| d["code"] == code)
        .collect()
}

/// The findings of `code` on `page`, each with help text; fails when there are none.
fn on_page(run: &Run, code: &str, page: &str) -> Vec<Value> {
    let found: Vec<Value> = of(run, code)
        .into_iter()
        .filter(|d| d["file"] == page)
        .collect();
    assert!(!found.is_empty(), "no {code} on {page}: {}", run.stdout);
    for d in &found {
        assert!(d["help"].as_str().is_some_and(|h| !h.is_empty()), "{d}");
    }
    found
}

fn assert_quiet(run: &Run, code: &str) {
    assert!(of(run, code).is_empty(), "{code} fired: {}", run.stdout);
}

/// A copy of the starter site with `html` appended to the body of [`ITEM`].
fn with_body(html: &str) -> tempfile::TempDir {
    let site = starter_copy();
    append(site.path(), html);
    site
}

fn append(site: &Path, html: &str) {
    let path = site.join(ITEM);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\n\n");
    text.push_str(html);
    text.push('\n');
    std::fs::write(path, text).unwrap();
}

fn severity(d: &Value) -> &str {
    d["severity"].as_str().unwrap_or_default()
}

#[test]
fn the_starter_site_passes_every_accessibility_rule() {
    let run = check_json(&repo().join("starter-site"));
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        !run.diagnostics()
            .iter()
            .any(|d| d["code"].as_str().unwrap().starts_with("GOV5")),
        "{}",
        run.stdout
    );
}

// ---------------------------------------------------------------- GOV501

#[test]
fn gov501_fires_on_an_image_without_alt() {
    let site = with_body("<p><img src=\"/images/favicon.svg\" width=\"32\"></p>");
    let run = check_json(site.path());
    assert_eq!(run.code, 1);
    let found = on_page(&run, "GOV501", ITEM_PAGE);
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .contains("favicon.svg"));
}

#[test]
fn gov501_accepts_empty_alt_and_markdown_images() {
    let site = with_body(
        "<p><img src=\"/images/favicon.svg\" alt=\"\"></p>\n\n![示例市徽标](/images/favicon.svg)",
    );
    let run = check_json(site.path());
    assert_quiet(&run, "GOV501");
}

// ---------------------------------------------------------------- GOV503 (duplicates)

#[test]
fn gov503_warns_when_two_pages_share_a_title() {
    let site = starter_copy();
    edit(
        site.path(),
        "content/zwdt/2026-11-23-winter-safety-meeting.md",
        "title: 全市冬季安全生产工作电视电话会议召开",
        "title: 市人民政府召开第42次常务会议",
    );
    let run = check_json(site.path());
    let found = of(&run, "GOV503");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(severity(&found[0]), "warning");
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("/zwdt/2026-11-25-executive-meeting/"),
        "{message}"
    );
    assert!(
        message.contains("/zwdt/2026-11-23-winter-safety-meeting/"),
        "{message}"
    );
}

#[test]
fn gov503_is_quiet_on_titles_differing_by_one_character() {
    let site = starter_copy();
    edit(
        site.path(),
        "content/zwdt/2026-11-23-winter-safety-meeting.md",
        "title: 全市冬季安全生产工作电视电话会议召开",
        "title: 市人民政府召开第41次常务会议",
    );
    let run = check_json(site.path());
    assert_quiet(&run, "GOV503");
}

// ---------------------------------------------------------------- GOV504 (content)

#[test]
fn gov504_fires_on_a_second_h1_in_the_body() {
    let site = with_body("# 另一个一级标题\n\n正文。");
    let run = check_json(site.path());
    assert_eq!(run.code, 1);
    let found = on_page(&run, "GOV504", ITEM_PAGE);
    assert!(
        found
            .iter()
            .any(|d| severity(d) == "error"
                && d["message"].as_str().unwrap().contains("2 个一级标题"))
    );
}

#[test]
fn gov504_warns_on_a_skipped_heading_level() {
    let site = with_body("#### 附件说明\n\n正文。");
    let run = check_json(site.path());
    let found = on_page(&run, "GOV504", ITEM_PAGE);
    assert!(found.iter().all(|d| severity(d) == "warning"), "{found:?}");
    assert!(found[0]["message"].as_str().unwrap().contains("h4"));
}

#[test]
fn gov504_is_quiet_on_headings_that_step_down_one_level() {
    let site = with_body("### 一、会议要求\n\n正文。\n\n## 二、其他事项\n\n正文。");
    let run = check_json(site.path());
    assert_quiet(&run, "GOV504");
}

// ---------------------------------------------------------------- GOV505

#[test]
fn gov505_fires_on_an_icon_link_and_an_empty_button() {
    let site = with_body(
        "<p><a href=\"/zwdt/\"><img src=\"/images/favicon.svg\" alt=\"\"></a> <button type=\"button\"></button></p>",
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 1);
    let found = on_page(&run, "GOV505", ITEM_PAGE);
    let error = found.iter().find(|d| severity(d) == "error").unwrap();
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("<a href=\"/zwdt/\">") && message.contains("<button"),
        "{message}"
    );
}

#[test]
fn gov505_warns_on_vague_link_text() {
    let site = with_body("详见[点击这里](/tzgg/2026-11-20-winter-safety/)，[更多](/zwdt/)");
    let run = check_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    let found = on_page(&run, "GOV505", ITEM_PAGE);
    assert_eq!(found.len(), 1);
    assert_eq!(severity(&found[0]), "warning");
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("点击这里") && message.contains("更多"),
        "{message}"
    );
}

#[test]
fn gov505_accepts_labelled_icons_and_specific_text() {
    let site = with_body(
        "<p><a href=\"/zwdt/\" aria-label=\"政务动态\"><img src=\"/images/favicon.svg\" alt=\"\"></a> \
         <a href=\"/zwdt/\"><img src=\"/images/favicon.svg\" alt=\"政务动态\"></a> \
         <a href=\"/zwdt/\" aria-label=\"更多政务动态\">更多</a> \
         <button type=\"button\" title=\"关闭\"></button></p>\n\n[更多政务动态](/zwdt/)",
    );
    let run = check_json(site.path());
    assert_quiet(&run, "GOV505");
}

#[test]
fn gov505_and_gov401_find_what_the_theme_footer_holds_on_every_page() {
    // The footer is the same bytes on every page: after the first page its findings come
    // from each rule's memo (`rules::landmark_memo`), and every page must have them.
    let site = starter_copy();
    let out = tempfile::tempdir().unwrap();
    assert_eq!(
        build_into(site.path(), &out.path().join("public"), &[]).code,
        0
    );
    let mut with_footer: Vec<String> = walkdir::WalkDir::new(out.path().join("public"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter(|e| {
            std::fs::read_to_string(e.path())
                .unwrap()
                .contains("site-footer")
        })
        .map(|e| {
            let rel = e.path().strip_prefix(out.path().join("public")).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    with_footer.sort();
    assert!(with_footer.len() > 20, "{with_footer:?}");
    add_to_theme_footer(
        site.path(),
        "<li><a href=\"/search/\"><img src=\"/images/gongan.svg\" alt=\"\"></a></li><li class=\"ad-slot\">x</li>",
    );
    let run = check_json(site.path());
    for code in ["GOV505", "GOV401"] {
        let mut pages: Vec<String> = of(&run, code)
            .iter()
            .map(|d| d["file"].as_str().unwrap().to_string())
            .collect();
        pages.sort();
        assert_eq!(pages, with_footer, "{code}");
    }
    let found = on_page(&run, "GOV505", ITEM_PAGE);
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("<a href=\"/search/\">"), "{message}");
}

// ---------------------------------------------------------------- GOV506

#[test]
fn gov506_fires_on_an_input_with_only_a_placeholder() {
    let site = with_body(
        "<form action=\"/search/\"><input type=\"text\" name=\"q\" placeholder=\"请输入\"><select name=\"s\"><option>全部</option></select><input type=\"submit\" value=\"查询\"></form>",
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 1);
    let message = on_page(&run, "GOV506", ITEM_PAGE)[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("<input name=\"q\">"), "{message}");
    assert!(message.contains("<select name=\"s\">"), "{message}");
    assert!(!message.contains("submit"), "{message}");
}

#[test]
fn gov506_accepts_every_kind_of_label() {
    let site = with_body(
        "<form action=\"/search/\">\
         <label for=\"f-name\">姓名</label><input type=\"text\" id=\"f-name\" name=\"n\">\
         <label>电话 <input type=\"tel\" name=\"t\"></label>\
         <input type=\"text\" name=\"a\" aria-label=\"地址\">\
         <span id=\"f-mail-label\">邮箱</span><input type=\"email\" name=\"m\" aria-labelledby=\"f-mail-label\">\
         <textarea name=\"c\" title=\"留言内容\"></textarea>\
         <input type=\"hidden\" name=\"token\" value=\"1\"><button type=\"submit\">提交</button></form>",
    );
    let run = check_json(site.path());
    assert_quiet(&run, "GOV506");
}

// ---------------------------------------------------------------- GOV507

#[test]
fn gov507_warns_on_a_table_without_header_cells() {
    let site = with_body(
        "<table><tr><td>地区生产总值</td><td>5.2%</td></tr><tr><td>固定资产投资</td><td>3.1%</td></tr></table>",
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    let found = on_page(&run, "GOV507", ITEM_PAGE);
    assert_eq!(severity(&found[0]), "warning");
}

#[test]
fn gov507_accepts_markdown_tables_and_layout_tables() {
    let site = with_body(
        "| 指标 | 增长 |\n|---|---|\n| 地区生产总值 | 5.2% |\n\n\
         <table role=\"presentation\"><tr><td>左</td><td>右</td></tr></table>",
    );
    let run = check_json(site.path());
    assert_quiet(&run, "GOV507");
}

// ---------------------------------------------------------------- GOV511

#[test]
fn gov511_fires_when_body_html_reuses_a_theme_id() {
    let site = with_body("<p id=\"main\">正文中的段落</p>");
    let run = check_json(site.path());
    assert_eq!(run.code, 1);
    let found = on_page(&run, "GOV511", ITEM_PAGE);
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .contains("“main”（2 次）"));
}

#[test]
fn gov511_is_quiet_on_unique_ids() {
    let site = with_body("<p id=\"main-note\">正文中的段落</p>\n\n## 会议要求\n\n## 会议要求\n");
    let run = check_json(site.path());
    assert_quiet(&run, "GOV511");
}

// ---------------------------------------------------------------- GOV513

fn with_video(inner: &str) -> tempfile::TempDir {
    let site = with_body(&format!(
        "<video controls src=\"/media/briefing.mp4\">{inner}</video>"
    ));
    write(site.path(), "static/media/briefing.mp4", "");
    write(site.path(), "static/media/briefing.vtt", "WEBVTT\n");
    site
}

#[test]
fn gov513_warns_on_a_video_without_captions() {
    let site = with_video(
        "<track kind=\"descriptions\" src=\"/media/briefing.vtt\" srclang=\"zh\" label=\"描述\">",
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    let found = on_page(&run, "GOV513", ITEM_PAGE);
    assert_eq!(severity(&found[0]), "warning");
}

#[test]
fn gov513_is_quiet_with_a_captions_track() {
    let site = with_video(
        "<track kind=\"captions\" src=\"/media/briefing.vtt\" srclang=\"zh\" label=\"中文字幕\" default>",
    );
    let run = check_json(site.path());
    assert_quiet(&run, "GOV513");
}
