//! Structure, freshness and text-quality rules (GOV301–GOV312, GOV801–GOV804): each one
//! firing on a small change to the starter site, with its file and line, and staying quiet
//! on a near miss. The starter site is fresh as of 2026-11-27.

use super::common;
use common::*;
use serde_json::Value;
use std::path::Path;

mod rendered;
mod text;

/// Diagnostics of one code.
fn of(run: &Run, code: &str) -> Vec<Value> {
    run.diagnostics()
        .into_iter()
        .filter(|d| d["code"] == code)
        .collect()
}

/// The 1-based line of the first occurrence of `needle` in a site file.
fn line_of(site: &Path, file: &str, needle: &str) -> u64 {
    let text = std::fs::read_to_string(site.join(file)).unwrap();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {file}"));
    text[..at].matches('\n').count() as u64 + 1
}

fn assert_at(d: &Value, site: &Path, file: &str, needle: &str) {
    assert_eq!(d["file"], file, "{d}");
    assert_eq!(d["line"], line_of(site, file, needle), "{d}");
}

/// A column with an `_index.md` (extra front matter lines in `extra`).
fn column(site: &Path, path: &str, column_type: &str, extra: &str) {
    write(
        site,
        &format!("content/{path}/_index.md"),
        &format!("---\ntitle: 栏目{path}\ntype: {column_type}\n{extra}---\n"),
    );
}

/// An item in `column` dated `date`, with `extra` front matter lines and `body`.
fn item(site: &Path, column: &str, name: &str, date: &str, extra: &str, body: &str) -> String {
    let file = format!("content/{column}/{name}.md");
    write(
        site,
        &file,
        &format!("---\ntitle: 信息{name}\ndate: {date}\n{extra}---\n{body}\n"),
    );
    file
}

#[test]
fn gov301_fires_for_a_missing_mandated_column_type() {
    let site = starter_copy();
    std::fs::remove_dir_all(site.path().join("content/xxgkzn")).unwrap();
    let run = check_json(site.path());
    let found = of(&run, "GOV301");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .contains("信息公开指南"));
    assert_at(&found[0], site.path(), "site.yaml", "kind: portal");
    assert_eq!(run.code, 1);
}

#[test]
fn gov301_is_quiet_for_a_platform_column_and_for_special_sites() {
    let site = starter_copy();
    let p = site.path();
    std::fs::remove_dir_all(p.join("content/bsfw")).unwrap();
    column(
        p,
        "bsfw",
        "办事服务",
        "link: https://zwfw.example.gov.cn/\n",
    );
    let run = check_json(p);
    for code in ["GOV301", "GOV302", "GOV303"] {
        assert!(of(&run, code).is_empty(), "{code}: {}", run.stdout);
    }
    std::fs::remove_dir_all(p.join("content/bsfw")).unwrap();
    edit(p, "site.yaml", "kind: portal", "kind: special");
    assert!(of(&check_json(p), "GOV301").is_empty());
}

#[test]
fn gov302_four_empty_columns_are_warnings_five_are_errors() {
    let site = starter_copy();
    let p = site.path();
    for i in 1..=4 {
        column(p, &format!("empty{i}"), "其他", "");
    }
    let run = check_json(p);
    let found = of(&run, "GOV302");
    assert_eq!(found.len(), 4, "{}", run.stdout);
    assert!(found.iter().all(|d| d["severity"] == "warning"));
    assert_at(&found[0], p, "content/empty1/_index.md", "title:");
    assert_eq!(run.code, 0, "{}", run.stdout);

    column(p, "empty5", "其他", "");
    let run = check_json(p);
    let found = of(&run, "GOV302");
    assert_eq!(found.len(), 5);
    assert!(found.iter().all(|d| d["severity"] == "error"));
    assert_eq!(run.code, 1);
}

#[test]
fn gov302_is_quiet_for_parents_of_filled_columns() {
    let site = starter_copy();
    let p = site.path();
    column(p, "zt", "专题专栏", "");
    column(p, "zt/a", "专题专栏", "");
    item(p, "zt/a", "2026-11-20-a", "2026-11-20", "", "正文。");
    assert!(of(&check_json(p), "GOV302").is_empty());
}

#[test]
fn gov303_fires_for_a_stale_column_and_respects_declared_cycles() {
    let site = starter_copy();
    let p = site.path();
    column(p, "bmdt", "工作动态", "");
    item(
        p,
        "bmdt",
        "2026-10-01-a",
        "2026-10-01",
        "",
        "部门动态正文。",
    );
    let run = check_json(p);
    let found = of(&run, "GOV303");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(found[0]["severity"], "warning");
    assert_at(&found[0], p, "content/bmdt/_index.md", "type:");
    assert!(found[0]["message"].as_str().unwrap().contains("14天"));

    edit(
        p,
        "content/bmdt/_index.md",
        "type: 工作动态\n",
        "type: 工作动态\nupdate: 3m\n",
    );
    assert!(of(&check_json(p), "GOV303").is_empty());
}

#[test]
fn gov303_quiet_for_a_fresh_column_and_a_platform_column() {
    let site = starter_copy();
    let p = site.path();
    column(p, "bmdt", "工作动态", "");
    item(
        p,
        "bmdt",
        "2026-11-20-a",
        "2026-11-20",
        "",
        "部门动态正文。",
    );
    column(
        p,
        "ptdt",
        "工作动态",
        "link: https://www.example.gov.cn/platform/\n",
    );
    item(
        p,
        "ptdt",
        "2026-01-05-a",
        "2026-01-05",
        "",
        "旧的平台信息。",
    );
    let run = check_json(p);
    assert!(of(&run, "GOV303").is_empty(), "{}", run.stdout);
    assert!(of(&run, "GOV302").is_empty(), "{}", run.stdout);
}

#[test]
fn gov303_a_malformed_update_cycle_is_an_input_error_at_the_key() {
    let site = starter_copy();
    let p = site.path();
    edit(p, "content/xxgknb/_index.md", "update: 1y", "update: 1年");
    let run = check_json(p);
    let found = of(&run, "GOV003");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_at(&found[0], p, "content/xxgknb/_index.md", "update:");
    assert_eq!(run.code, 2);
}

/// `n` columns of `column_type` whose only item is two months old.
fn stale_columns(site: &Path, prefix: &str, column_type: &str, extra: &str, n: usize) {
    for i in 1..=n {
        let path = format!("{prefix}{i}");
        column(site, &path, column_type, extra);
        item(site, &path, "2026-09-01-a", "2026-09-01", "", "正文。");
    }
}

#[test]
fn gov304_veto_at_five_stale_key_columns_not_four() {
    let site = starter_copy();
    let p = site.path();
    stale_columns(p, "dt", "工作动态", "", 4);
    let run = check_json(p);
    assert_eq!(of(&run, "GOV303").len(), 4, "{}", run.stdout);
    assert!(of(&run, "GOV304").is_empty());

    stale_columns(p, "dt", "工作动态", "", 5);
    let run = check_json(p);
    let found = of(&run, "GOV304");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(found[0]["severity"], "error");
    assert_eq!(found[0]["file"], "content/dt1/_index.md");
    assert_eq!(run.code, 1);
}

#[test]
fn gov304_veto_at_ten_stale_columns_in_all_not_nine() {
    let site = starter_copy();
    let p = site.path();
    stale_columns(p, "qt", "其他", "update: 14d\n", 9);
    let run = check_json(p);
    assert_eq!(of(&run, "GOV303").len(), 9, "{}", run.stdout);
    assert!(of(&run, "GOV304").is_empty());
    stale_columns(p, "qt", "其他", "update: 14d\n", 10);
    assert_eq!(of(&check_json(p), "GOV304").len(), 1);
}

#[test]
fn gov305_fires_when_the_homepage_columns_are_not_updated() {
    let site = starter_copy();
    let p = site.path();
    edit(
        p,
        "content/_index.md",
        "title: 首页\n",
        "title: 首页\ncolumns: [gk, jgzn]\n",
    );
    let run = check_json(p);
    let found = of(&run, "GOV305");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_at(&found[0], p, "content/_index.md", "columns:");

    edit(
        p,
        "content/_index.md",
        "columns: [gk, jgzn]",
        "columns: [gk, zwdt]",
    );
    assert!(of(&check_json(p), "GOV305").is_empty());
}

#[test]
fn gov306_fires_for_missing_or_wrong_interprets() {
    let site = starter_copy();
    let p = site.path();
    let file = "content/zcjd/2026-10-20-elderly-care-qa.md";
    edit(
        p,
        file,
        "interprets: zcwj/2026-10-20-elderly-care",
        "interprets: tzgg/2026-11-20-winter-safety",
    );
    let run = check_json(p);
    let found = of(&run, "GOV306");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_at(&found[0], p, file, "interprets:");
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .contains("不在政策文件栏目中"));

    edit(p, file, "interprets: tzgg/2026-11-20-winter-safety\n", "");
    let found = of(&check_json(p), "GOV306");
    assert_eq!(found.len(), 1);
    assert!(found[0]["message"].as_str().unwrap().contains("没有注明"));
}

#[test]
fn structure_rules_are_quiet_on_the_starter_site() {
    let run = check_json(&repo().join("starter-site"));
    for code in [
        "GOV306", "GOV307", "GOV308", "GOV309", "GOV310", "GOV311", "GOV312",
    ] {
        assert!(of(&run, code).is_empty(), "{code}: {}", run.stdout);
    }
}

#[test]
fn gov308_policy_fields_errors_and_index_number_warning() {
    let site = starter_copy();
    let p = site.path();
    let file = "content/zcwj/2026-09-10-waste-sorting.md";
    let text = std::fs::read_to_string(p.join(file)).unwrap();
    let doc_line = text
        .lines()
        .find(|l| l.starts_with("doc_number:"))
        .unwrap()
        .to_string();
    let index_line = text
        .lines()
        .find(|l| l.starts_with("index_no:"))
        .unwrap()
        .to_string();
    edit(p, file, &format!("{doc_line}\n"), "");
    edit(p, file, &format!("{index_line}\n"), "");
    let run = check_json(p);
    let found = of(&run, "GOV308");
    assert_eq!(found.len(), 2, "{}", run.stdout);
    let severities: Vec<&str> = found
        .iter()
        .map(|d| d["severity"].as_str().unwrap())
        .collect();
    assert!(severities.contains(&"error") && severities.contains(&"warning"));
    assert!(found.iter().all(|d| d["file"] == file));
    assert_eq!(run.code, 1);
}

#[test]
fn gov309_fires_for_a_service_guide_missing_an_element() {
    let site = starter_copy();
    let p = site.path();
    let file = "content/bsfw/2026-08-18-marriage-registration.md";
    let text = std::fs::read_to_string(p.join(file)).unwrap();
    let hours = text
        .lines()
        .find(|l| l.trim_start().starts_with("hours:"))
        .unwrap()
        .to_string();
    edit(p, file, &format!("{hours}\n"), "");
    let run = check_json(p);
    let found = of(&run, "GOV309");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert!(found[0]["message"].as_str().unwrap().contains("办理时间"));
    assert_at(&found[0], p, file, "service:");
}

#[test]
fn gov310_letters_89_and_92_days_unanswered_are_quiet_93_fires() {
    let site = starter_copy();
    let p = site.path();
    // As of 2026-11-27: 89 days back is 08-30; 92 days back (08-27) is exactly three
    // calendar months, so not yet "more than 3 months"; 93 days back (08-26) is.
    item(
        p,
        "zxts",
        "2026-08-30-a",
        "2026-08-30",
        "asked: 2026-08-30\n",
        "来信内容。",
    );
    item(
        p,
        "zxts",
        "2026-08-27-b",
        "2026-08-27",
        "asked: 2026-08-27\n",
        "来信内容。",
    );
    let late = item(
        p,
        "zxts",
        "2026-08-26-c",
        "2026-08-26",
        "asked: 2026-08-26\n",
        "来信内容。",
    );
    item(
        p,
        "zxts",
        "2026-08-01-d",
        "2026-08-01",
        "asked: 2026-08-01\nanswered: 2026-08-20\n",
        "来信内容。",
    );
    let run = check_json(p);
    let found = of(&run, "GOV310");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_at(&found[0], p, &late, "asked:");
    assert!(found[0]["message"].as_str().unwrap().contains("93 天"));
}
