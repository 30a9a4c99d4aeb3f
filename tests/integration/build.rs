//! The core pipeline end to end: the starter site builds clean into a complete portal, the
//! JSON contract holds, and a failed build never touches the previous output.

use super::common;
use common::*;

#[test]
fn starter_site_builds_clean_with_every_mandated_element_on_every_page() {
    let site = starter_copy();
    let out = site.path().join("public");
    let run = govsite(&["build", site.path().to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("0 个错误，0 个警告"), "{}", run.stderr);
    for file in [
        "index.html",
        "sitemap.xml",
        "robots.txt",
        "rss.xml",
        "zwdt/rss.xml",
        "sitemap/index.html",
        "search/index.html",
        "search/manifest.json",
        "xxgkml/catalogue.csv",
        "404.html",
        "assets/site.css",
        "files/business-environment-tasks-2026.txt",
    ] {
        assert!(out.join(file).is_file(), "missing {file}");
    }
    let mut pages = 0;
    for (path, bytes) in snapshot(&out) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        let name = path.display();
        assert!(
            html.contains("政府网站标识码：5301000001"),
            "{name}: 标识码"
        );
        assert!(
            html.contains("滇ICP备05000000号-1") && html.contains("beian.miit.gov.cn"),
            "{name}: ICP"
        );
        assert!(
            html.contains("滇公网安备 53010202000123号") && html.contains("beian.mps.gov.cn"),
            "{name}: 公安备案"
        );
        assert_eq!(
            meta(&html, "SiteIDCode").as_deref(),
            Some("5301000001"),
            "{name}: SiteIDCode"
        );
        assert!(html.contains("示例市人民政府办公室"), "{name}: 主办单位");
        assert!(html.contains("_jiucuo_"), "{name}: 找错");
    }
    assert!(pages > 40, "only {pages} pages");
    let item = std::fs::read_to_string(out.join("zcwj/2026-11-12-business-environment/index.html"))
        .unwrap();
    assert!(
        item.contains("ArticleTitle") && item.contains("PubDate") && item.contains("ContentSource")
    );
}

#[test]
fn check_prints_the_json_contract_and_writes_nothing() {
    let site = starter_copy();
    let run = check_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    let json = run.json();
    assert_eq!(json["ok"], true);
    assert_eq!(json["errors"], 0);
    assert_eq!(json["warnings"], 0);
    assert!(json["diagnostics"].as_array().unwrap().is_empty());
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = starter_copy();
    let path = site.path().to_str().unwrap();
    assert_eq!(govsite(&["build", path, "--as-of", AS_OF]).code, 0);
    let before = snapshot(&site.path().join("public"));
    edit(
        site.path(),
        "site.yaml",
        "id_code: \"5301000001\"",
        "id_code: \"53010000011\"",
    );
    let run = govsite(&["build", path, "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let gov101 = run
        .diagnostics()
        .into_iter()
        .find(|d| d["code"] == "GOV101")
        .expect("GOV101");
    assert_eq!(gov101["file"], "site.yaml");
    assert!(gov101["line"].as_u64().unwrap() > 1);
    assert_eq!(snapshot(&site.path().join("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "staging folder left behind");
}

#[test]
fn refuses_to_replace_a_folder_that_is_not_a_govsite_output() {
    let site = starter_copy();
    let out = site.path().join("docs");
    write(&out, "thesis.txt", "keep me");
    let run = govsite(&[
        "build",
        site.path().to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(out.join("thesis.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn init_creates_a_site_that_is_fresh_today() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new-site");
    let run = govsite(&["init", dir.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = govsite(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert_modelines_resolve(&dir);
    assert_eq!(
        govsite(&["init", dir.to_str().unwrap()]).code,
        2,
        "refuses a non-empty folder"
    );
}

/// Every yaml-language-server modeline in the new site names a schema file that exists
/// (init writes them under `.govsite/schemas/`).
fn assert_modelines_resolve(dir: &std::path::Path) {
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if !path.extension().is_some_and(|e| e == "md" || e == "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for line in text.lines().take(2) {
            if let Some(target) = line.strip_prefix("# yaml-language-server: $schema=") {
                let schema = path.parent().unwrap().join(target);
                assert!(schema.is_file(), "{}: {target}", path.display());
                seen += 1;
            }
        }
    }
    assert!(seen > 10, "only {seen} modelines");
}

#[test]
fn rules_lists_and_explains() {
    let list = govsite(&["rules"]);
    assert_eq!(list.code, 0);
    assert!(list.stdout.contains("GOV101"));
    let one = govsite(&["rules", "GOV101"]);
    assert!(one.stdout.contains("如何修改"));
    assert_eq!(govsite(&["rules", "GOV999"]).code, 2);
}

/// The content of `<meta name=NAME>`, read with an HTML parser.
fn meta(html: &str, name: &str) -> Option<String> {
    let dom = tl::parse(html, tl::ParserOptions::default()).unwrap();
    dom.nodes().iter().filter_map(|n| n.as_tag()).find_map(|t| {
        let attrs = t.attributes();
        let is_it = t.name().as_utf8_str() == "meta"
            && attrs
                .get("name")
                .flatten()
                .is_some_and(|v| v.as_utf8_str() == name);
        is_it.then(|| {
            attrs
                .get("content")
                .flatten()
                .map(|v| v.as_utf8_str().into_owned())
                .unwrap_or_default()
        })
    })
}

#[test]
fn repeated_findings_are_grouped_unless_verbose() {
    let site = starter_copy();
    for i in 0..8 {
        write(
            site.path(),
            &format!("content/zwdt/2026-11-2{}-same.md", i % 6),
            "---\ntitle: 同一标题\ndate: 2026-11-20\nsource: 示例\n---\n<img src=\"/images/gongan.svg\">\n",
        );
        write(
            site.path(),
            &format!("content/zwdt/2026-11-1{i}-item.md"),
            "---\ntitle: 另一标题\ndate: 2026-11-19\nsource: 示例\n---\n<img src=\"/images/gongan.svg\">\n",
        );
    }
    let dir = site.path().to_str().unwrap();
    let count = |text: &str| text.matches("[GOV501]").count();
    let grouped = govsite(&["check", dir, "--as-of", AS_OF]);
    let all = govsite(&["check", dir, "--as-of", AS_OF, "--verbose"]);
    let json = govsite(&["check", dir, "--as-of", AS_OF, "--format", "json"]);
    let in_json = json
        .diagnostics()
        .iter()
        .filter(|d| d["code"] == "GOV501")
        .count();
    assert_eq!(in_json, 14, "{}", json.stdout);
    assert_eq!(count(&all.stderr), 14, "{}", all.stderr);
    assert_eq!(count(&grouped.stderr), 5, "{}", grouped.stderr);
    assert!(
        grouped.stderr.contains("GOV501 另有 9 条"),
        "{}",
        grouped.stderr
    );
    assert_eq!((grouped.code, all.code), (json.code, json.code));
}

#[test]
fn junit_and_codequality_reports_carry_every_finding() {
    let site = starter_copy();
    let dir = site.path().to_str().unwrap();
    write(
        site.path(),
        "content/zwdt/2026-11-20-img.md",
        "---\ntitle: 图片\ndate: 2026-11-20\nsource: 示例\n---\n<img src=\"/nope.png\" alt=\"图\">\n",
    );
    let junit = govsite(&["check", dir, "--as-of", AS_OF, "--format", "junit"]);
    assert_eq!(junit.code, 1, "{}", junit.stderr);
    assert!(junit.stdout.starts_with("<?xml"), "{}", junit.stdout);
    assert!(
        junit.stdout.contains("<failure type=\"GOV603\""),
        "{}",
        junit.stdout
    );
    assert!(
        junit
            .stdout
            .contains("name=\"GOV603 content/zwdt/2026-11-20-img.md:6\""),
        "{}",
        junit.stdout
    );
    let quality = govsite(&["check", dir, "--as-of", AS_OF, "--format", "codequality"]);
    let issues: serde_json::Value = serde_json::from_str(&quality.stdout).unwrap();
    let issue = issues
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["check_name"] == "GOV603")
        .unwrap();
    assert_eq!(issue["location"]["path"], "content/zwdt/2026-11-20-img.md");
    assert_eq!(issue["location"]["lines"]["begin"], 6);
    assert_eq!(issue["severity"], "major");
    assert_eq!(issue["fingerprint"].as_str().unwrap().len(), 16);
    let clean = govsite(&[
        "check",
        repo().join("starter-site").to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "junit",
    ]);
    assert_eq!(clean.code, 0);
    assert!(clean.stdout.contains("全部规则通过"), "{}", clean.stdout);
}
