//! Structure, freshness and text-quality rules (GOV301–GOV312, GOV801–GOV804): each one
//! firing on a small change to the starter site, with its file and line, and staying quiet
//! on a near miss. The starter site is fresh as of 2026-11-27.

use super::common;
use common::*;
use serde_json::Value;
use std::path::Path;

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

/// Copies a theme template into the site's `templates/` with one change.
fn override_template(site: &Path, name: &str, from: &str, to: &str) {
    let theme = repo().join("themes/default/templates").join(name);
    let text = std::fs::read_to_string(theme).unwrap();
    assert!(text.contains(from), "{name} lacks {from:?}");
    write(
        site,
        &format!("templates/{name}"),
        &text.replacen(from, to, 1),
    );
}

#[test]
fn gov307_fires_when_a_theme_drops_the_links_between_policy_and_interpretation() {
    let site = starter_copy();
    let p = site.path();
    override_template(
        p,
        "item.html",
        "{% if item.interpretations %}",
        "{% if false %}",
    );
    // The policy's own text links to its interpretation too; take that link out.
    edit(
        p,
        "content/zcwj/2026-10-20-elderly-care.md",
        "](/zcjd/2026-10-20-elderly-care-qa/)",
        "]",
    );
    let run = check_json(p);
    let found = of(&run, "GOV307");
    assert_eq!(
        found
            .iter()
            .map(|d| d["file"].as_str().unwrap())
            .collect::<Vec<_>>(),
        vec!["zcwj/2026-10-20-elderly-care/index.html"],
        "{}",
        run.stdout
    );

    let site = starter_copy();
    let p = site.path();
    override_template(p, "item.html", "{% if item.interprets %}", "{% if false %}");
    // Both interpretations link to their policy in their text; take one of them out.
    let qa = "content/zcjd/2026-11-12-business-environment-qa.md";
    edit(p, qa, "](/zcwj/2026-11-12-business-environment/)", "]");
    let found = of(&check_json(p), "GOV307");
    let files: Vec<&str> = found.iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(
        files,
        vec!["zcjd/2026-11-12-business-environment-qa/index.html"],
        "{found:?}"
    );
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

#[test]
fn gov311_fires_when_the_sitemap_leaves_out_columns() {
    let site = starter_copy();
    let p = site.path();
    override_template(p, "sitemap.html", "{% if top.children %}", "{% if false %}");
    column(p, "zwdt/bm", "工作动态", "");
    item(p, "zwdt/bm", "2026-11-26-a", "2026-11-26", "", "部门动态。");
    let run = check_json(p);
    let found = of(&run, "GOV311");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(found[0]["file"], "sitemap/index.html");
    assert!(found[0]["message"].as_str().unwrap().contains("/zwdt/bm/"));
}

#[test]
fn gov312_fires_when_the_header_has_no_search() {
    let site = starter_copy();
    let p = site.path();
    let theme = repo().join("themes/default/templates/partials/header.html");
    let header = std::fs::read_to_string(theme).unwrap();
    let start = header.find("<form").unwrap();
    let end = header.find("</form>").unwrap() + "</form>".len();
    let without = format!("{}{}", &header[..start], &header[end..]);
    write(p, "templates/partials/header.html", &without);
    let run = check_json(p);
    let found = of(&run, "GOV312");
    assert!(
        found.iter().any(|d| d["file"] == "index.html"),
        "{}",
        run.stdout
    );
    assert!(found.iter().any(|d| d["file"] == "zwdt/index.html"));

    // A search form elsewhere on the page (here: in the footer) does not count.
    let footer_theme = repo().join("themes/default/templates/partials/footer.html");
    let footer = std::fs::read_to_string(footer_theme).unwrap();
    let form = &header[start..end];
    write(
        p,
        "templates/partials/footer.html",
        &footer.replacen("<footer", &format!("{form}<footer"), 1),
    );
    assert!(!of(&check_json(p), "GOV312").is_empty());
}

#[test]
fn gov801_wrong_words_are_errors_with_the_fix_bare_terms_warnings() {
    let site = starter_copy();
    let p = site.path();
    let file = item(
        p,
        "zwdt",
        "2026-11-26-a",
        "2026-11-26",
        "",
        "第一段。\n\n我们要再接再励，做好工作。这份内部资料请勿外传。\n",
    );
    let run = check_json(p);
    let found = of(&run, "GOV801");
    assert_eq!(found.len(), 2, "{}", run.stdout);
    let error = found.iter().find(|d| d["severity"] == "error").unwrap();
    assert_at(error, p, &file, "再接再励");
    assert_eq!(error["column"], 4);
    assert!(error["help"].as_str().unwrap().contains("再接再厉"));
    let warning = found.iter().find(|d| d["severity"] == "warning").unwrap();
    assert_at(warning, p, &file, "内部资料");
}

#[test]
fn gov801_site_lists_apply_to_titles_and_skip_urls() {
    let site = starter_copy();
    let p = site.path();
    let file = item(
        p,
        "zwdt",
        "2026-11-26-a",
        "2026-11-26",
        "",
        "详见[再接再厉](https://www.example.gov.cn/再接再励/)，<a href=\"/明湖新区/\">链接</a>。",
    );
    edit(
        p,
        &file,
        "title: 信息2026-11-26-a",
        "title: 示例市人民政俯召开会议",
    );
    let run = check_json(p);
    let found = of(&run, "GOV801");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_at(&found[0], p, &file, "title:");
    assert!(found[0]["help"]
        .as_str()
        .unwrap()
        .contains("示例市人民政府"));
}

#[test]
fn gov801_bad_word_list_lines_are_input_errors_with_file_and_line() {
    let site = starter_copy();
    let p = site.path();
    write(
        p,
        "wordlists/extra.txt",
        "# 附加词表\n好词=>好词\n=>缺少错词\n",
    );
    let run = check_json(p);
    let found = of(&run, "GOV003");
    assert_eq!(found.len(), 2, "{}", run.stdout);
    assert_eq!(found[0]["file"], "wordlists/extra.txt");
    assert_eq!(found[0]["line"], 2);
    assert_eq!(found[1]["line"], 3);
    assert_eq!(run.code, 2);
}

#[cfg(unix)]
#[test]
fn gov801_a_word_list_linked_from_outside_the_site_is_refused() {
    let site = starter_copy();
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "secret.txt", "机密=>公开\n");
    let link = site.path().join("wordlists/outside.txt");
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), link).unwrap();
    let run = check_json(site.path());
    let found = of(&run, "GOV006");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(found[0]["file"], "wordlists/outside.txt");
    assert_eq!(run.code, 2);
}

#[test]
fn gov802_placeholders_fire_but_not_inside_longer_words() {
    let site = starter_copy();
    let p = site.path();
    let file = item(
        p,
        "zwdt",
        "2026-11-26-a",
        "2026-11-26",
        "",
        "会议由副市长主持。\n\n联系人：XXX\n",
    );
    let run = check_json(p);
    let found = of(&run, "GOV802");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_at(&found[0], p, &file, "XXX");
    assert_eq!(run.code, 1);

    edit(
        p,
        &file,
        "联系人：XXX",
        "服装尺码有 XL、XXL、XXXL 三种，图片见 ![](/images/xxx.svg)。",
    );
    assert!(of(&check_json(p), "GOV802").is_empty());
}

#[test]
fn gov803_empty_items_warn_unless_they_carry_an_attachment() {
    let site = starter_copy();
    let p = site.path();
    let file = item(p, "zwdt", "2026-11-26-a", "2026-11-26", "", "");
    let run = check_json(p);
    let found = of(&run, "GOV803");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(found[0]["severity"], "warning");
    assert_at(&found[0], p, &file, "title:");

    item(
        p,
        "zwdt",
        "2026-11-26-a",
        "2026-11-26",
        "",
        "[下载附件](/files/business-environment-tasks-2026.txt)",
    );
    assert!(of(&check_json(p), "GOV803").is_empty());
}

#[test]
fn gov804_a_valid_id_number_fires_a_wrong_check_digit_does_not() {
    let site = starter_copy();
    let p = site.path();
    let file = item(
        p,
        "zxts",
        "2026-11-20-a",
        "2026-11-20",
        "asked: 2026-11-20\n",
        "来信人身份证号：530102199001011232。\n",
    );
    assert!(of(&check_json(p), "GOV804").is_empty());
    edit(p, &file, "530102199001011232", "530102199001011231");
    let run = check_json(p);
    let found = of(&run, "GOV804");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(found[0]["severity"], "error");
    assert_at(&found[0], p, &file, "530102199001011231");
    assert!(
        !run.stdout.contains("530102199001011231"),
        "the number is masked"
    );
}

#[test]
fn gov804_mobile_numbers_warn_except_in_urls_and_public_phones() {
    let site = starter_copy();
    let p = site.path();
    let body = "值班手机13987654321。\n\n详见 https://www.example.gov.cn/q?tel=13812345678 和[链接](/a/?m=13712345678)。\n";
    let file = item(p, "tzgg", "2026-11-26-a", "2026-11-26", "", body);
    let run = check_json(p);
    let found = of(&run, "GOV804");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(found[0]["severity"], "warning");
    assert_at(&found[0], p, &file, "13987654321");

    edit(
        p,
        &file,
        "date: 2026-11-26\n",
        "date: 2026-11-26\npublic_phones: [\"139-8765-4321\"]\n",
    );
    assert!(of(&check_json(p), "GOV804").is_empty());
}
