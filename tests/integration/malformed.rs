//! Malformed input: every case exits 2 with the right code, file and line, never a panic,
//! never partial output.

use super::common;
use common::*;

/// Builds the broken site and returns the first diagnostic with `code`.
fn expect_input_error(site: &std::path::Path, code: &str) -> serde_json::Value {
    let run = govsite(&[
        "build",
        site.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    assert_eq!(
        run.code, 2,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!site.join("public").exists(), "partial output written");
    run.diagnostics()
        .into_iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {}", run.stdout))
}

#[test]
fn bad_yaml_in_site_yaml() {
    let site = starter_copy();
    edit(
        site.path(),
        "site.yaml",
        "kind: portal",
        "kind: portal\n\tbad: tab",
    );
    let d = expect_input_error(site.path(), "GOV001");
    assert_eq!(d["file"], "site.yaml");
    assert!(d["line"].as_u64().is_some());
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let site = starter_copy();
    edit(site.path(), "site.yaml", "sponsor:", "sponsr:");
    let d = expect_input_error(site.path(), "GOV002");
    assert_eq!(d["file"], "site.yaml");
    assert!(d["help"].as_str().unwrap().contains("`sponsor`"), "{d}");
}

#[test]
fn impossible_date_in_an_item() {
    let site = starter_copy();
    write(
        site.path(),
        "content/zwdt/bad-date.md",
        "---\ntitle: 标题\ndate: 2026-02-30\n---\n正文\n",
    );
    let d = expect_input_error(site.path(), "GOV003");
    assert_eq!(d["file"], "content/zwdt/bad-date.md");
    assert_eq!(d["line"], 3);
    assert_eq!(d["column"], 7);
}

#[test]
fn unknown_front_matter_key_points_into_the_file() {
    let site = starter_copy();
    write(
        site.path(),
        "content/zwdt/typo.md",
        "---\ntitle: 标题\ndat: 2026-11-20\n---\n正文\n",
    );
    let d = expect_input_error(site.path(), "GOV002");
    assert_eq!(d["file"], "content/zwdt/typo.md");
    assert_eq!(d["line"], 3);
}

#[test]
fn two_sources_for_one_url() {
    let site = starter_copy();
    write(
        site.path(),
        "content/zwdt/copy.md",
        "---\ntitle: 标题\ndate: 2026-11-20\nslug: 2026-11-25-executive-meeting\n---\n正文\n",
    );
    expect_input_error(site.path(), "GOV004");
}

#[test]
fn invalid_utf8() {
    let site = starter_copy();
    std::fs::write(
        site.path().join("content/zwdt/gbk.md"),
        b"---\ntitle: \xB1\xEA\xCC\xE2\n---\n",
    )
    .unwrap();
    let d = expect_input_error(site.path(), "GOV006");
    assert_eq!(d["file"], "content/zwdt/gbk.md");
    assert!(d["message"].as_str().unwrap().contains("第 2 行"));
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_site() {
    let site = starter_copy();
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "secret.md", "---\ntitle: 外部\n---\n");
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        site.path().join("content/zwdt/link.md"),
    )
    .unwrap();
    let d = expect_input_error(site.path(), "GOV006");
    assert_eq!(d["file"], "content/zwdt/link.md");
}

#[test]
fn unclosed_front_matter() {
    let site = starter_copy();
    write(
        site.path(),
        "content/zwdt/open.md",
        "---\ntitle: 标题\n正文\n",
    );
    let d = expect_input_error(site.path(), "GOV001");
    assert_eq!(d["line"], 1);
}

#[test]
fn crlf_and_bom_are_accepted() {
    let site = starter_copy();
    write(
        site.path(),
        "content/zwdt/2026-11-26-crlf.md",
        "\u{feff}---\r\ntitle: 视窗换行\r\ndate: 2026-11-26 10:00\r\n---\r\n\r\n正文段落。\r\n",
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn unclosed_bracket_in_front_matter_is_a_syntax_error_where_parsing_stops() {
    let site = starter_copy();
    write(
        site.path(),
        "content/zwdt/bracket.md",
        "---\ntitle: [通知\ndate: 2026-11-20\nsource: 示例\n---\n正文\n",
    );
    let d = expect_input_error(site.path(), "GOV001");
    assert_eq!(d["file"], "content/zwdt/bracket.md");
    // The line after the `[`, where PyYAML stops too.
    assert_eq!(d["line"], 3, "{d}");
    assert!(d["help"].as_str().unwrap().contains('"'), "{d}");
}

#[test]
fn abbreviated_key_suggests_the_full_one() {
    let site = starter_copy();
    edit(
        site.path(),
        "content/zcwj/2026-10-20-elderly-care.md",
        "doc_number:",
        "doc_no:",
    );
    let d = expect_input_error(site.path(), "GOV002");
    assert!(d["help"].as_str().unwrap().contains("`doc_number`"), "{d}");
}

#[test]
fn values_outside_the_format_are_errors_at_their_line() {
    let cases = [
        (
            "content/zcwj/2026-10-20-elderly-care.md",
            "validity: 有效",
            "validity: 现行有效",
            "有效",
        ),
        (
            "content/zcwj/2026-10-20-elderly-care.md",
            "date: 2026-10-20",
            "date: 0000-10-20",
            "1900",
        ),
        ("content/ldxx/_index.md", "weight: ", "weight: -", "正整数"),
    ];
    for (file, from, to, hint) in cases {
        let site = starter_copy();
        edit(site.path(), file, from, to);
        let d = expect_input_error(site.path(), "GOV003");
        assert_eq!(d["file"], file, "{to}: {d}");
        assert!(d["line"].as_u64().unwrap() > 1, "{to}: {d}");
        let text = format!("{}{}", d["message"], d["help"]);
        assert!(text.contains(hint), "{to}: {d}");
    }
    let site = starter_copy();
    let file = "content/zcjd/2026-11-12-business-environment-qa.md";
    edit(
        site.path(),
        file,
        "interprets: zcwj/2026-11-12-business-environment",
        "interprets: zcwj/2026-11-12-business-environment.md",
    );
    let d = expect_input_error(site.path(), "GOV003");
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .ends_with("interprets: zcwj/2026-11-12-business-environment"),
        "{d}"
    );
}
