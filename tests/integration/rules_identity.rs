//! The identity and metadata rules (GOV101–GOV111, GOV201–GOV205) on copies of the starter
//! site: each fires with its code, file and line on a broken copy, and stays quiet on a
//! near miss (bm-codes, 10-digit ICP numbers, 贵/黔 and 川/蜀, ports in base_url …).
//! Site identity (site.yaml) is here; page metadata and headers are in `metadata`.

use super::common;
use common::*;
use serde_json::Value;
use std::path::Path;

mod metadata;

/// The diagnostics of one rule.
fn of(run: &Run, code: &str) -> Vec<Value> {
    run.diagnostics()
        .into_iter()
        .filter(|d| d["code"] == code)
        .collect()
}

/// The first diagnostic of `code`, failing with the whole output when there is none.
fn first(run: &Run, code: &str) -> Value {
    of(run, code)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no {code} in {}\n{}", run.stdout, run.stderr))
}

/// The 1-based line of the first line of `file` containing `needle`.
fn line_of(site: &Path, file: &str, needle: &str) -> u64 {
    let text = std::fs::read_to_string(site.join(file)).unwrap();
    let index = text
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{file} has no line with {needle:?}"));
    index as u64 + 1
}

/// Asserts that `code` fires at the line of `file` containing `needle`.
fn assert_at(site: &Path, run: &Run, code: &str, file: &str, needle: &str) -> Value {
    let line = line_of(site, file, needle);
    let found = of(run, code);
    let hit = found
        .iter()
        .find(|d| d["file"] == file && d["line"] == line)
        .unwrap_or_else(|| panic!("no {code} at {file}:{line} in {found:?}\n{}", run.stdout));
    assert!(hit["help"].as_str().is_some_and(|h| !h.is_empty()), "{hit}");
    hit.clone()
}

fn assert_quiet(run: &Run, code: &str) {
    assert!(of(run, code).is_empty(), "{code} fired: {}", run.stdout);
}

/// Replaces the `key:` line of site.yaml with `line` (or deletes it when `line` is empty).
fn set_line(site: &Path, key: &str, line: &str) {
    let path = site.join("site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut found = false;
    let lines: Vec<&str> = text
        .lines()
        .filter_map(|l| {
            if !found && l.starts_with(&format!("{key}:")) {
                found = true;
                return (!line.is_empty()).then_some(line);
            }
            Some(l)
        })
        .collect();
    assert!(found, "site.yaml has no {key}:");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
}

/// A copy of the starter site with site.yaml `key:` set to `line`, checked.
fn check_with(key: &str, line: &str) -> (tempfile::TempDir, Run) {
    let site = starter_copy();
    set_line(site.path(), key, line);
    let run = check_json(site.path());
    (site, run)
}

// ---------------------------------------------------------------- GOV101

#[test]
fn gov101_accepts_bm_codes_and_rejects_prefixes_missing_from_the_data() {
    let (_site, run) = check_with("id_code", "id_code: \"bm01000001\"");
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_quiet(&run, "GOV101");
    let (site, run) = check_with("id_code", "id_code: \"1601000001\"");
    let d = assert_at(site.path(), &run, "GOV101", "site.yaml", "id_code:");
    assert!(d["message"].as_str().unwrap().contains("16"), "{d}");
}

#[test]
fn waiving_a_rule_that_is_not_waivable_is_an_error() {
    let site = starter_copy();
    let yaml = site.path().join("site.yaml");
    let mut text = std::fs::read_to_string(&yaml).unwrap();
    text.push_str("waivers:\n  - rule: GOV101\n    reason: 标识码申请中\n");
    std::fs::write(&yaml, text).unwrap();
    let run = check_json(site.path());
    assert_eq!(run.code, 2, "{}", run.stdout);
    let d = assert_at(site.path(), &run, "GOV003", "site.yaml", "rule: GOV101");
    assert!(d["message"].as_str().unwrap().contains("GOV101"), "{d}");
}

// ---------------------------------------------------------------- GOV102

#[test]
fn gov102_fires_on_missing_and_malformed_icp_numbers() {
    let (site, run) = check_with("icp", "");
    assert_eq!(run.code, 1);
    assert_eq!(first(&run, "GOV102")["file"], "site.yaml");
    assert!(first(&run, "GOV102")["line"].as_u64().is_some());
    drop(site);
    for (bad, hint) in [
        ("贵ICP备2022000001号", "黔"),
        ("甘ICP备19000001号-1", "陇"),
        ("滇ICP备1234号", "5–10"),
        ("滇ICP备05000000号－1", "-"),
        ("滇icp备05000000号-1", "大写"),
    ] {
        let (site, run) = check_with("icp", &format!("icp: {bad}"));
        let d = assert_at(site.path(), &run, "GOV102", "site.yaml", "icp:");
        assert!(d["message"].as_str().unwrap().contains(hint), "{bad}: {d}");
    }
}

#[test]
fn gov102_accepts_8_and_10_digit_numbers_with_or_without_a_sequence_number() {
    for good in [
        "滇ICP备2021001234号-2",
        "滇ICP备2021001234号-12",
        "京ICP备05070602号",
        "蜀ICP备2021001234号",
        "川ICP备05000000号-1",
        "黔ICP备2022000001号-3",
    ] {
        let (_site, run) = check_with("icp", &format!("icp: {good}"));
        assert_eq!(run.code, 0, "{good}: {}", run.stdout);
        assert_quiet(&run, "GOV102");
    }
}

// ---------------------------------------------------------------- GOV103, GOV104

#[test]
fn gov103_fires_on_missing_and_malformed_psb_numbers() {
    let (_site, run) = check_with("psb", "");
    assert_eq!(first(&run, "GOV103")["file"], "site.yaml");
    for (bad, hint) in [
        ("蜀公网安备 51010402000001号", "川"),
        ("陇公网安备 62010202000001号", "甘"),
        ("滇公网安备 5301020200012号", "14"),
        ("滇公网安备 53010202000123", "号"),
    ] {
        let (site, run) = check_with("psb", &format!("psb: {bad}"));
        let d = assert_at(site.path(), &run, "GOV103", "site.yaml", "psb:");
        assert!(d["message"].as_str().unwrap().contains(hint), "{bad}: {d}");
        assert_quiet(&run, "GOV104");
    }
}

#[test]
fn gov103_and_gov104_accept_both_guizhou_abbreviations_and_sichuan_chuan() {
    for good in [
        "贵公网安备 52010202000001号",
        "黔公网安备 52010202000001号",
        "川公网安备 51010402000001号",
        "滇公网安备53010202000123号",
    ] {
        let (_site, run) = check_with("psb", &format!("psb: {good}"));
        assert_eq!(run.code, 0, "{good}: {}", run.stdout);
        assert_quiet(&run, "GOV103");
        assert_quiet(&run, "GOV104");
    }
}

#[test]
fn gov104_warns_when_the_number_belongs_to_another_province() {
    let (site, run) = check_with("psb", "psb: 滇公网安备 11010502030143号");
    assert_eq!(
        run.code, 0,
        "a warning must not fail the build: {}",
        run.stdout
    );
    let d = assert_at(site.path(), &run, "GOV104", "site.yaml", "psb:");
    assert_eq!(d["severity"], "warning");
    assert!(d["message"].as_str().unwrap().contains("北京市"), "{d}");
    assert_quiet(&run, "GOV103");
    let (_site, run) = check_with("psb", "psb: 贵公网安备 51010402000001号");
    assert_eq!(of(&run, "GOV104").len(), 1, "{}", run.stdout);
}

// ---------------------------------------------------------------- GOV105

#[test]
fn gov105_fires_without_sponsor_and_only_once() {
    let (_site, run) = check_with("sponsor", "");
    assert_eq!(run.code, 1);
    let d = first(&run, "GOV105");
    assert_eq!(d["file"], "site.yaml");
    // Item pages fall back to the sponsor for ContentSource: the missing sponsor is
    // reported once at its source, not as an empty tag on every page.
    assert_quiet(&run, "GOV203");
    assert_quiet(&run, "GOV110");
}

#[test]
fn gov105_fires_on_a_contact_without_phone_or_email_and_on_a_bad_phone() {
    let site = starter_copy();
    edit(site.path(), "site.yaml", "  phone: \"0871-63600000\"\n", "");
    edit(
        site.path(),
        "site.yaml",
        "  email: web@example.gov.cn\n",
        "",
    );
    let run = check_json(site.path());
    let d = first(&run, "GOV105");
    assert_eq!(d["file"], "site.yaml");
    assert!(d["message"].as_str().unwrap().contains("电话或邮箱"), "{d}");

    let site = starter_copy();
    edit(site.path(), "site.yaml", "\"0871-63600000\"", "李四");
    let run = check_json(site.path());
    assert_at(site.path(), &run, "GOV105", "site.yaml", "phone: 李四");
}

#[test]
fn gov105_is_quiet_with_an_email_only() {
    let site = starter_copy();
    edit(site.path(), "site.yaml", "  phone: \"0871-63600000\"\n", "");
    let run = check_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_quiet(&run, "GOV105");
}

// ---------------------------------------------------------------- GOV106

#[test]
fn gov106_fires_on_a_non_gov_cn_domain_and_a_foreign_base_url() {
    let (site, run) = check_with("domain", "domain: www.example.com");
    assert_at(site.path(), &run, "GOV106", "site.yaml", "domain:");
    let (site, run) = check_with(
        "domain",
        "domain: www.example.gov.cn\nbase_url: https://www.example.com/",
    );
    let d = assert_at(site.path(), &run, "GOV106", "site.yaml", "base_url:");
    assert!(
        d["message"].as_str().unwrap().contains("www.example.com"),
        "{d}"
    );
    let (site, run) = check_with("chinese_domain", "chinese_domain: 示例市人民政府.中国");
    assert_at(site.path(), &run, "GOV106", "site.yaml", "chinese_domain:");
}

#[test]
fn gov106_compares_base_url_hosts_without_case_or_port() {
    let (_site, run) = check_with(
        "domain",
        "domain: www.example.gov.cn\nbase_url: https://WWW.Example.GOV.CN:8443/portal",
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_quiet(&run, "GOV106");
}

// ---------------------------------------------------------------- GOV107, GOV111 (source)

#[test]
fn gov107_warns_on_an_irregular_name_and_accepts_a_government_name() {
    let (site, run) = check_with("name", "name: 示例发布");
    assert_eq!(run.code, 0, "{}", run.stdout);
    let d = assert_at(site.path(), &run, "GOV107", "site.yaml", "name:");
    assert_eq!(d["severity"], "warning");
    let (_site, run) = check_with("name", "name: 示例市人民政府");
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_quiet(&run, "GOV107");
}

#[test]
fn a_missing_name_is_gov111_at_site_yaml_not_a_warning_on_every_page() {
    let (_site, run) = check_with("name", "");
    assert_eq!(run.code, 1);
    let found = of(&run, "GOV111");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["file"], "site.yaml");
    assert_quiet(&run, "GOV107");
}

// ---------------------------------------------------------------- GOV108, GOV109, waivers

#[test]
fn gov108_fires_without_conac_and_on_a_script_from_elsewhere() {
    let site = starter_copy();
    edit(
        site.path(),
        "site.yaml",
        "  script: https://dcs.conac.cn/js/53/000/0000/60000000/CA530000000600000000.js\n",
        "",
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 1);
    assert_eq!(first(&run, "GOV108")["file"], "site.yaml");

    let site = starter_copy();
    edit(
        site.path(),
        "site.yaml",
        "https://dcs.conac.cn/js/53/000/0000/60000000/",
        "https://cdn.example.com/",
    );
    let run = check_json(site.path());
    assert_at(site.path(), &run, "GOV108", "site.yaml", "script:");
}

#[test]
fn a_waiver_of_gov108_silences_it_and_is_listed_in_the_report() {
    let site = starter_copy();
    edit(
        site.path(),
        "site.yaml",
        "conac:                               # 党政机关网站标识（按开办单位核发的脚本地址填写）\n  script: https://dcs.conac.cn/js/53/000/0000/60000000/CA530000000600000000.js\n",
        "waivers:\n  - rule: GOV108\n    reason: 党政机关网站标识申请中，预计2026年12月完成\n",
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_quiet(&run, "GOV108");
    assert_quiet(&run, "GOV110");
    let waivers = run.json()["waivers"].clone();
    assert_eq!(waivers[0]["rule"], "GOV108", "{waivers}");
    assert!(waivers[0]["reason"].as_str().unwrap().contains("申请中"));
}

#[test]
fn a_waiver_without_a_reason_is_an_error() {
    let site = starter_copy();
    let yaml = site.path().join("site.yaml");
    let mut text = std::fs::read_to_string(&yaml).unwrap();
    text.push_str("waivers:\n  - rule: GOV108\n");
    std::fs::write(&yaml, text).unwrap();
    let run = check_json(site.path());
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_at(site.path(), &run, "GOV003", "site.yaml", "rule: GOV108");
}

#[test]
fn gov109_fires_when_jiucuo_is_off_and_its_waiver_silences_it() {
    let (site, run) = check_with("jiucuo", "jiucuo: false");
    assert_eq!(run.code, 1);
    assert_at(site.path(), &run, "GOV109", "site.yaml", "jiucuo:");
    let (_site, run) = check_with(
        "jiucuo",
        "jiucuo: false\nwaivers:\n  - rule: gov109\n    reason: 找错平台注册中",
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_quiet(&run, "GOV109");
    assert_eq!(run.json()["waivers"][0]["rule"], "GOV109");
}

#[test]
fn a_missing_filing_number_is_one_error_and_leaves_no_empty_link() {
    let site = starter_copy();
    let text = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("icp:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(site.path().join("site.yaml"), without).unwrap();
    // A page finding too, to see the order: the body's missing image comes after.
    edit(
        site.path(),
        "content/bsfw/2026-10-09-sole-proprietor-registration.md",
        "\n---\n",
        "\n---\n<img src=\"/nope.png\" alt=\"图\">\n",
    );
    let run = check_json(site.path());
    let codes: Vec<String> = run
        .diagnostics()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes, ["GOV102", "GOV603"], "{}", run.stdout);
}
