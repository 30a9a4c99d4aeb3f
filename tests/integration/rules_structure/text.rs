//! Text-quality rules (GOV801–GOV804) on the starter site: word lists, placeholders, empty
//! items and personal data, each firing at its file and line and quiet on a near miss.

use super::{assert_at, item, of};
use crate::common::*;

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
