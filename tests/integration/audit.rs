//! `govsite audit DIR`: a govsite build's own output audits clean; pages shaped like a
//! legacy CMS's output fail with the build's codes at the page's file:line; the report a
//! supervisor reads; and the promises about DIR (never written, symlinks out of it not
//! followed, a huge page read without hanging).

use super::common::{build_into, copy_dir, govsite, repo, snapshot, Run, AS_OF};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn audit(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["audit", dir.to_str().unwrap(), "--as-of", AS_OF];
    args.extend_from_slice(extra);
    govsite(&args)
}

fn cms() -> PathBuf {
    repo().join("tests/fixtures/legacy-import/cms")
}

/// The starter site built once for every test that audits it.
fn starter_output() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &OUT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let site = repo().join("starter-site");
        let run = build_into(&site, &out, &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        (tmp, out)
    })
    .1
}

#[test]
fn a_govsite_build_audits_clean() {
    let run = audit(starter_output(), &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.json()["errors"], 0, "{}", run.stdout);
    assert_eq!(run.json()["warnings"], 0, "{}", run.stdout);
}

#[test]
fn legacy_pages_fail_with_codes_at_the_page_file_and_line() {
    let run = audit(&cms(), &["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let codes = run.codes();
    for code in [
        "GOV110", "GOV201", "GOV202", "GOV303", "GOV305", "GOV501", "GOV601",
    ] {
        assert!(
            codes.contains(&code.to_string()),
            "{code} missing: {codes:?}"
        );
    }
    let diagnostics = run.diagnostics();
    // A broken link is placed on the line of the page that holds it.
    let link = diagnostics
        .iter()
        .find(|d| d["code"] == "GOV601" && d["file"] == "zwgk/2021/0305/content_5510.html")
        .expect("GOV601 on the 国务院-style page");
    assert_eq!(link["line"], 11, "{link}");
    assert!(link["message"].as_str().unwrap().contains("/zwgk/"));
    // The help speaks to a legacy site, not to a govsite theme.
    for d in &diagnostics {
        let help = d["help"].as_str().unwrap_or_default();
        assert!(!help.contains("{{") && !help.contains("{%"), "{d}");
    }
}

#[test]
fn human_output_names_code_file_line_and_a_fix() {
    let run = audit(&cms(), &[]);
    assert_eq!(run.code, 1);
    let text = &run.stderr;
    assert!(text.contains("error[GOV601]"), "{text}");
    assert!(
        text.contains("zwgk/2021/0305/content_5510.html:11:"),
        "{text}"
    );
    assert!(text.contains("= help:"), "{text}");
    assert!(text.contains("检查失败"), "{text}");
}

#[test]
fn sarif_output_is_one_run_with_results() {
    let run = audit(&cms(), &["--format", "sarif"]);
    assert_eq!(run.code, 1);
    let sarif = run.json();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.iter().any(|r| r["ruleId"] == "GOV601"));
}

#[test]
fn bad_input_is_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let run = audit(&tmp.path().join("nope"), &["--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(run.codes(), ["GOV006"]);
    let run = govsite(&["audit", cms().to_str().unwrap(), "--as-of", "2026-13-01"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn the_report_has_the_veto_items_deductions_and_freshness() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    let before = snapshot(&cms());
    let run = audit(&cms(), &["--report", out.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(snapshot(&cms()), before, "audit wrote into DIR");

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    let vetoes = json["vetoes"].as_array().unwrap();
    let veto = |item: &str| {
        vetoes
            .iter()
            .find(|v| v["item"].as_str().unwrap().starts_with(item))
            .unwrap_or_else(|| panic!("{item} not in {vetoes:?}"))
    };
    // The fixture's newest item is from 2022: the homepage is stale, which is a veto.
    assert_eq!(veto("首页不更新")["result"], "不合格");
    assert_eq!(veto("首页不更新")["evidence"][0]["code"], "GOV305");
    assert_eq!(veto("站点无法访问")["result"], "未检查");
    assert_eq!(veto("严重表述错误")["result"], "合格");

    let deductions = json["deductions"].as_array().unwrap();
    let links = deductions.iter().find(|d| d["code"] == "GOV601").unwrap();
    assert!(links["elsewhere"].as_u64().unwrap() >= 2, "{links}");
    assert_eq!(links["homepage"], 0, "{links}");

    let columns = json["summary"]["freshness"]["columns"].as_array().unwrap();
    let news = columns.iter().find(|c| c["name"] == "政务动态").unwrap();
    assert_eq!(news["newest"], "2022-04-17");
    assert_eq!(news["status"], "未按周期更新");
    assert_eq!(json["summary"]["identity"]["id_code"], "1101050001");

    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    for text in [
        "单项否决",
        "首页不更新",
        "不合格",
        "政务动态",
        "GOV601",
        "<caption>",
    ] {
        assert!(html.contains(text), "report page lacks {text}");
    }
}

#[test]
fn a_report_folder_inside_dir_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("old");
    copy_dir(&cms(), &dir);
    let before = snapshot(&dir);
    let run = audit(&dir, &["--report", dir.join("report").to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--report"), "{}", run.stderr);
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn symlinks_out_of_dir_are_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("old");
    copy_dir(&cms(), &dir);
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    // A page with a classified marking outside DIR: reading it would raise GOV805.
    std::fs::write(
        outside.join("secret.html"),
        "<html><head><title>内部</title></head><body><p>机密★5年</p></body></html>",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.join("secret.html"), dir.join("secret.html")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("linked")).unwrap();
    let run = audit(&dir, &["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let diagnostics = run.diagnostics();
    assert!(
        !diagnostics.iter().any(
            |d| d["file"].as_str().unwrap_or_default().contains("secret") && d["code"] == "GOV805"
        ),
        "a page outside DIR was read"
    );
}

#[test]
fn a_20_mb_page_is_read_without_hanging_and_a_larger_one_is_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("old");
    copy_dir(&cms(), &dir);
    let text = "政府信息公开工作年度报告。".repeat(520_000);
    let page = format!(
        "<html><head><title>大页面</title></head><body><p>{text}</p><p>联系电话 13812345678</p></body></html>"
    );
    assert!(page.len() > 20_000_000);
    std::fs::write(dir.join("huge.html"), page).unwrap();
    // Past the page size limit (32 MiB): listed as skipped, never read. A sparse file,
    // so the test costs no disk.
    let over = std::fs::File::create(dir.join("over.html")).unwrap();
    over.set_len(40 * 1024 * 1024).unwrap();
    let out = tmp.path().join("report");
    let run = audit(
        &dir,
        &["--format", "json", "--report", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The huge page was checked to its end: the mobile number after 20 MB of text is found.
    assert!(
        run.diagnostics()
            .iter()
            .any(|d| d["code"] == "GOV804" && d["file"] == "huge.html"),
        "{:?}",
        run.codes()
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    let skipped = json["summary"]["skipped"].as_array().unwrap();
    assert!(
        skipped.iter().any(|s| s.to_string().contains("over.html")),
        "{skipped:?}"
    );
}
