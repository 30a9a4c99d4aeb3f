//! Hostile or broken input (issue 10): every case answers with its code, file and line,
//! exit 2 for input errors (1 for rule findings), never a panic and never partial output.
//! The cases already in malformed.rs (impossible date, unclosed fence, invalid UTF-8,
//! symlink out of content/, CRLF + BOM) are not repeated here; docs/robustness.md lists all.

use super::common;
use common::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// An item file in the 政务动态 column with the given front matter lines and body.
fn item(site: &Path, name: &str, front: &str, body: &str) {
    let text = format!("---\ntitle: 标题\ndate: 2026-11-20\n{front}---\n{body}\n");
    write(site, &format!("content/zwdt/{name}"), &text);
}

/// A nine-level alias bomb: 9^9 strings once expanded.
fn alias_bomb(key: &str, indent: &str) -> String {
    let mut text = format!("{key}:\n{indent}- &a [x, x, x, x, x, x, x, x, x]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(", ");
        text.push_str(&format!("{indent}- &{} [{refs}]\n", pair[1]));
    }
    text
}

#[test]
fn an_empty_markdown_file_is_an_item_without_title_or_date() {
    let site = starter_copy();
    write(site.path(), "content/zwdt/empty.md", "");
    let run = build_json(site.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    let file = "content/zwdt/empty.md";
    for code in ["GOV204", "GOV205", "GOV803"] {
        let d = run.diagnostics().into_iter().find(|d| d["code"] == code);
        let d = d.unwrap_or_else(|| panic!("no {code}"));
        assert_eq!(
            (d["file"].as_str(), d["line"].as_u64()),
            (Some(file), Some(1))
        );
    }
}

#[test]
fn a_binary_file_named_md_is_gov006_at_its_first_nul() {
    let site = starter_copy();
    let mut bytes = b"---\ntitle: x\n".to_vec();
    bytes.extend_from_slice(&[0x89, b'P', b'N', b'G', 0, 0, 0, 0x0d]);
    std::fs::write(site.path().join("content/zwdt/photo.md"), bytes).unwrap();
    expect_error(site.path(), "GOV006", "content/zwdt/photo.md", Some(3));
}

#[test]
fn a_binary_attachment_beside_the_markdown_is_published_as_is() {
    let site = starter_copy();
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    std::fs::write(site.path().join("content/zwdt/scan.bin"), &bytes).unwrap();
    let run = build_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    let published = std::fs::read(site.path().join("public/zwdt/scan.bin")).unwrap();
    assert_eq!(published, bytes);
}

/// Raw HTML whose attribute value is best written unquoted and ends in `>`: the minifier
/// panicked on it before the patch in vendor/minify-html-onepass. With the compliance
/// settings such a value is now quoted (it holds `"`, `'` and `>`).
#[test]
fn raw_html_with_an_unquoted_value_ending_in_gt_is_minified() {
    let site = starter_copy();
    let body = "正文。\n\n<a title=';\"&apos;/>' href=\"/\">首页</a>";
    item(site.path(), "2026-11-20-raw.md", "", body);
    let run = build_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    let page = site.path().join("public/zwdt/2026-11-20-raw/index.html");
    let page = std::fs::read_to_string(page).unwrap();
    assert!(
        page.contains("<a title=\";&#34'/>\" href=/>首页</a>"),
        "{page}"
    );
}

/// 4 MB keeps the debug-build suite fast; 50 MB was run by hand (docs/robustness.md).
#[test]
fn a_large_item_builds() {
    let site = starter_copy();
    let paragraph = "本机关依法公开政府信息，接受社会监督。".repeat(40) + "\n\n";
    let body = paragraph.repeat(4 * 1024 * 1024 / paragraph.len());
    item(site.path(), "2026-11-20-large.md", "", &body);
    let run = build_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    let page = site.path().join("public/zwdt/2026-11-20-large/index.html");
    assert!(std::fs::metadata(page).unwrap().len() > 4_000_000);
}

#[test]
fn a_yaml_alias_bomb_in_front_matter_is_gov001_and_fast() {
    let site = starter_copy();
    item(
        site.path(),
        "bomb.md",
        &alias_bomb("keywords", "  "),
        "正文",
    );
    let started = Instant::now();
    // Lines: `---`, title, date, `keywords:`, `&a`; the first alias `*a` is on line 6.
    let d = expect_error(site.path(), "GOV001", "content/zwdt/bomb.md", Some(6));
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(d["message"].as_str().unwrap().contains("YAML 炸弹"), "{d}");
}

/// One wide alias: a 300 KB string repeated a thousand times (a 2.9 GB peak before the
/// expanded-size limit; serde_yaml's repetition limit counts events, not bytes).
#[test]
fn a_wide_alias_bomb_is_gov001() {
    let site = starter_copy();
    let mut front = format!("description: &big {}\nkeywords: [", "字".repeat(100_000));
    front.push_str(&vec!["*big"; 1000].join(", "));
    front.push_str("]\n");
    item(site.path(), "wide.md", &front, "正文");
    // Line 5: `---`, title, date, description, then `keywords:` with the first alias.
    let d = expect_error(site.path(), "GOV001", "content/zwdt/wide.md", Some(5));
    assert!(d["message"].as_str().unwrap().contains("YAML 炸弹"), "{d}");
}

#[test]
fn a_yaml_alias_bomb_in_site_yaml_is_gov001() {
    let site = starter_copy();
    edit(
        site.path(),
        "site.yaml",
        "allow_hosts: []",
        &alias_bomb("allow_hosts", "  "),
    );
    let text = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    let line = text[..text.find("*a").unwrap()].matches('\n').count() as u64 + 1;
    expect_error(site.path(), "GOV001", "site.yaml", Some(line));
}

#[test]
fn deep_nesting_is_gov001() {
    let site = starter_copy();
    let deep = format!("keywords: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    item(site.path(), "deep.md", &deep, "正文");
    let d = expect_error(site.path(), "GOV001", "content/zwdt/deep.md", Some(4));
    assert!(d["message"].as_str().unwrap().contains("嵌套过深"), "{d}");
}

#[test]
fn a_tab_in_front_matter_is_gov001_at_its_line() {
    let site = starter_copy();
    item(site.path(), "tab.md", "source:\n\tname: 办公室\n", "正文");
    expect_error(site.path(), "GOV001", "content/zwdt/tab.md", Some(5));
}

#[test]
fn a_duplicate_key_is_gov001_at_the_second_one() {
    let site = starter_copy();
    item(site.path(), "dup.md", "title: 又一个标题\n", "正文");
    let d = expect_error(site.path(), "GOV001", "content/zwdt/dup.md", Some(4));
    assert_eq!(d["column"], 1, "{d}");
}

#[test]
fn a_duplicate_key_in_site_yaml_is_gov001() {
    let site = starter_copy();
    edit(
        site.path(),
        "site.yaml",
        "theme: default",
        "theme: default\nname: 又一个名称",
    );
    let text = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    let line = text[..text.find("name: 又一个").unwrap()]
        .matches('\n')
        .count() as u64
        + 1;
    expect_error(site.path(), "GOV001", "site.yaml", Some(line));
}

#[test]
fn crlf_line_endings_in_site_yaml_are_accepted() {
    let site = starter_copy();
    let path = site.path().join("site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
    let run = check_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
}

/// Decision: text is published exactly as written, NFC or not (no normalization), so
/// what the editor typed is what the page shows; a compatibility ideograph stays one.
#[test]
fn non_nfc_chinese_text_is_kept_as_written() {
    let site = starter_copy();
    let title = "title: 金\u{F90A}融 cafe\u{301}\n";
    let text = format!("---\n{title}date: 2026-11-20\n---\n正文：\u{F90A}\u{301}\n");
    write(site.path(), "content/zwdt/2026-11-20-nfc.md", &text);
    let run = build_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    let page = site.path().join("public/zwdt/2026-11-20-nfc/index.html");
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.contains("金\u{F90A}融 cafe\u{301}"));
}

/// Found while writing the HTML-scanner fuzz target: `&amp;` followed by Chinese text cut
/// a character in two while looking for an entity's `;`, and the whole build panicked.
#[test]
fn an_ampersand_before_chinese_text_does_not_panic() {
    let site = starter_copy();
    let text = "---\ntitle: A&B 中文合作\ndate: 2026-11-20\n---\nA&B 中文合作，R&D 中心建设。\n";
    write(site.path(), "content/zwdt/2026-11-20-amp.md", text);
    let run = build_json(site.path());
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
}
