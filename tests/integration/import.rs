//! `govsite import`: the starter site's output imported and rebuilt (the round trip),
//! pages shaped like TRS, 大汉, table-layout and GBK CMS output, and the promises about
//! DIR (never written) and SITE (refused when not empty, never half-written).

use super::common::{copy_dir, govsite, repo, snapshot};
use scraper::{Html, Selector};
use std::collections::BTreeSet;
use std::path::Path;

fn import(dir: &Path, out: &Path) -> super::common::Run {
    govsite(&[
        "import",
        dir.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

fn build(site: &Path, out: &Path) -> super::common::Run {
    super::common::build_into(site, out, &["--format", "json"])
}

fn meta(doc: &Html, name: &str) -> Option<String> {
    let sel = Selector::parse(&format!("meta[name={name}]")).unwrap();
    doc.select(&sel)
        .next()
        .and_then(|m| m.attr("content"))
        .map(str::to_string)
}

/// (url, title, date, column) of every item page, and every column page's (name, type),
/// in a built output.
fn published(out: &Path) -> (BTreeSet<[String; 4]>, BTreeSet<[String; 2]>) {
    let mut items = BTreeSet::new();
    let mut columns = BTreeSet::new();
    for (rel, bytes) in snapshot(out) {
        if rel.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(&bytes));
        let column = meta(&doc, "ColumnName").unwrap_or_default();
        match meta(&doc, "ArticleTitle") {
            Some(title) => {
                items.insert([
                    rel.display().to_string(),
                    title,
                    meta(&doc, "PubDate").unwrap_or_default(),
                    column,
                ]);
            }
            None if !column.is_empty() => {
                columns.insert([column, meta(&doc, "ColumnType").unwrap_or_default()]);
            }
            None => {}
        }
    }
    (items, columns)
}

/// A page's `<main>` and its `<meta name>` tags: what a reader and a checker see.
fn page_content(bytes: &[u8]) -> (String, Vec<(String, String)>) {
    let doc = Html::parse_document(&String::from_utf8_lossy(bytes));
    let main = Selector::parse("main").unwrap();
    let metas = Selector::parse("meta[name]").unwrap();
    (
        doc.select(&main).map(|m| m.html()).collect(),
        doc.select(&metas)
            .map(|m| {
                let attr = |a| m.attr(a).unwrap_or("").to_string();
                (attr("name"), attr("content"))
            })
            .collect(),
    )
}

/// Old output files the new site must serve (itself or as a redirect): everything but
/// what every govsite build writes for itself.
fn old_addresses(out: &Path) -> Vec<String> {
    snapshot(out)
        .into_iter()
        .map(|(rel, _)| rel.display().to_string())
        .filter(|r| {
            !(r.starts_with("assets/")
                || r.starts_with("search/")
                || r.starts_with('.')
                || r.ends_with(".xml")
                || r.ends_with(".csv")
                || r == "robots.txt")
        })
        .collect()
}

#[test]
fn round_trip_of_the_starter_site() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, site, new) = (
        tmp.path().join("old"),
        tmp.path().join("site"),
        tmp.path().join("new"),
    );
    let first = build(&repo().join("starter-site"), &old);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = snapshot(&old);
    let run = import(&old, &site);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("导入完成"), "{}", run.stdout);
    assert_eq!(snapshot(&old), before, "import wrote into DIR");

    let again = build(&site, &new);
    assert_eq!(again.code, 0, "{}\n{}", again.stdout, again.stderr);
    assert_eq!(again.json()["errors"], 0, "{}", again.stdout);
    assert!(!again.codes().contains(&"GOV704".to_string()));

    let (old_items, old_columns) = published(&old);
    let (new_items, new_columns) = published(&new);
    let starter_items = walkdir::WalkDir::new(repo().join("starter-site/content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name.ends_with(".md") && name != "_index.md" && e.depth() > 1
        })
        .count();
    assert_eq!(old_items.len(), starter_items);
    assert_eq!(new_items, old_items, "items: url, title, date, column");
    assert_eq!(new_columns, old_columns, "columns: name, type");

    for address in old_addresses(&old) {
        assert!(
            new.join(&address).is_file(),
            "old address {address} is gone"
        );
    }
    // Bodies, tables, policy/service/letter fields, links: every page reads the same.
    let differ: Vec<String> = snapshot(&old)
        .into_iter()
        .filter(|(rel, _)| rel.extension().is_some_and(|e| e == "html"))
        .filter(|(rel, bytes)| {
            let again = std::fs::read(new.join(rel)).unwrap_or_default();
            page_content(bytes) != page_content(&again)
        })
        .map(|(rel, _)| rel.display().to_string())
        .collect();
    assert!(differ.is_empty(), "pages that read differently: {differ:?}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("import-report.json")).unwrap())
            .unwrap();
    let skipped: Vec<&str> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["page"].as_str().unwrap())
        .collect();
    assert_eq!(
        skipped,
        ["404.html", "search/index.html", "sitemap/index.html"]
    );
}

/// The CMS fixture copied, with a GBK page added (bytes encoded here with encoding_rs).
fn cms_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("old");
    copy_dir(&repo().join("tests/fixtures/legacy-import/cms"), &dir);
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">\
        <title>关于开展2021年全民健身月活动的通知_示例区人民政府门户网站</title>\
        <meta name=\"ArticleTitle\" content=\"关于开展2021年全民健身月活动的通知\">\
        <meta name=\"PubDate\" content=\"2021-04-10\"><meta name=\"ContentSource\" content=\"区体育局\"></head>\
        <body><div class=\"header\">示例区人民政府门户网站</div>\
        <div class=\"article-content\"><p>全民健身月期间，各街道组织开展健步走、广场舞等群众体育活动。</p></div>\
        <div class=\"footer\">主办单位：北京市示例区人民政府办公室</div></body></html>";
    let (bytes, _, bad) = encoding_rs::GBK.encode(page);
    assert!(!bad);
    let path = dir.join("zwgk/2021/0410/content_5601.html");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, &bytes).unwrap();
    tmp
}

/// The front matter (as YAML) and body of an imported Markdown file.
fn item(site: &Path, file: &str) -> (serde_yaml::Value, String) {
    let text = std::fs::read_to_string(site.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let rest = text.strip_prefix("---\n").unwrap();
    let (yaml, body) = rest.split_once("\n---\n").unwrap();
    (serde_yaml::from_str(yaml).unwrap(), body.to_string())
}

fn imported_cms() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = cms_copy();
    let old = tmp.path().join("old");
    let site = tmp.path().join("site");
    let before = snapshot(&old);
    let run = import(&old, &site);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(snapshot(&old), before, "import wrote into DIR");
    (tmp, site)
}

#[test]
fn a_trs_policy_page_keeps_its_fields_body_images_and_attachments() {
    let (_tmp, site) = imported_cms();
    let (front, body) = item(&site, "content/zcwj/2022-04-17-974894.md");
    assert_eq!(front["title"], "关于印发示例区老旧小区改造实施方案的通知");
    assert_eq!(front["date"], "2022-04-17 09:30");
    assert_eq!(front["source"], "示例区人民政府办公室");
    assert_eq!(front["doc_number"], "示政办发〔2022〕7号");
    assert_eq!(front["issuer"], "北京市示例区人民政府办公室");
    assert_eq!(front["index_no"], "11110105MB0000000X/2022-00012");
    assert_eq!(front["written"], "2022-04-12");
    assert_eq!(front["topic"], "城乡建设、环境保护");
    assert_eq!(front["validity"], "有效");
    assert_eq!(
        front["aliases"][0],
        "/xxgk/zcwj/202204/t20220417_974894.shtml"
    );
    assert!(
        body.contains("![老旧小区改造示意图](/xxgk/zcwj/202204/W020220417123456.jpg)"),
        "{body}"
    );
    assert!(
        body.contains("(/xxgk/zcwj/202204/P020220417123456.pdf)"),
        "{body}"
    );
    assert!(body.contains("| 年度"), "table kept: {body}");
    assert!(
        !body.contains("当前位置") && !body.contains("京ICP备"),
        "{body}"
    );
    assert!(site
        .join("static/xxgk/zcwj/202204/W020220417123456.jpg")
        .is_file());
    assert!(site
        .join("static/xxgk/zcwj/202204/P020220417123456.pdf")
        .is_file());
    let (column, _) = item(&site, "content/zcwj/_index.md");
    assert_eq!(column["type"], "政策文件");
    assert_eq!(column["aliases"][0], "/xxgk/zcwj/index.shtml");
}

#[test]
fn a_dahan_page_goes_to_its_numbered_column() {
    let (_tmp, site) = imported_cms();
    let (front, body) = item(&site, "content/col1229/2022-04-17-974894.md");
    assert_eq!(front["title"], "区政府召开常务会议");
    assert_eq!(front["date"], "2022-04-17 16:20");
    assert_eq!(front["source"], "示例区政府办");
    assert!(body.contains("研究部署春季安全生产工作"), "{body}");
    assert!(!body.contains("主办单位"), "{body}");
    let (column, _) = item(&site, "content/col1229/_index.md");
    assert_eq!(column["title"], "政务动态");
    assert_eq!(column["type"], "工作动态");
}

#[test]
fn a_table_layout_page_with_a_document_write_header() {
    let (_tmp, site) = imported_cms();
    let (front, body) = item(&site, "content/zwgk/2021-03-05-5510.md");
    assert_eq!(front["title"], "示例区2021年春季植树活动安排");
    assert_eq!(front["date"], "2021-03-05");
    assert_eq!(front["source"], "区园林绿化局");
    assert!(body.contains("今年春季义务植树活动定于3月12日"), "{body}");
    assert!(body.contains("服从现场工作人员指挥"), "{body}");
    for furniture in ["版权所有", "走进示例", "document.write", "政务公开"] {
        assert!(!body.contains(furniture), "{furniture} in {body}");
    }
}

#[test]
fn a_gbk_page_is_read_in_its_encoding() {
    let (_tmp, site) = imported_cms();
    let (front, body) = item(&site, "content/zwgk/2021-04-10-5601.md");
    assert_eq!(front["title"], "关于开展2021年全民健身月活动的通知");
    assert_eq!(front["date"], "2021-04-10");
    assert_eq!(front["source"], "区体育局");
    assert!(body.contains("健步走、广场舞"), "{body}");
    let report = std::fs::read_to_string(site.join("import-report.json")).unwrap();
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    let mapped = report["mapped"].as_array().unwrap();
    let gbk = mapped
        .iter()
        .find(|m| m["page"] == "zwgk/2021/0410/content_5601.html")
        .unwrap();
    assert_eq!(gbk["encoding"], "GBK");
}

#[test]
fn site_yaml_from_meta_and_footer_and_the_report() {
    let (_tmp, site) = imported_cms();
    let text = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(yaml["name"], "示例区人民政府门户网站");
    assert_eq!(yaml["domain"], "www.shiliqu.gov.cn");
    assert_eq!(yaml["id_code"], "1101050001");
    assert_eq!(yaml["sponsor"], "北京市示例区人民政府办公室");
    assert_eq!(yaml["icp"], "京ICP备12345678号");
    assert_eq!(yaml["psb"], "京公网安备 11010502030143号");
    assert_eq!(yaml["contact"]["phone"], "010-68881234");
    let report = std::fs::read_to_string(site.join("import-report.json")).unwrap();
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    let skipped = report["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s["page"] == "xxgk/zcwj/index_1.shtml"
                && s["reason"].as_str().unwrap().contains("分页")),
        "{skipped:?}"
    );
    assert_eq!(report["items"], 4, "{report}");
}

#[test]
fn what_is_not_found_is_listed_in_site_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("old");
    std::fs::create_dir_all(old.join("news")).unwrap();
    std::fs::write(
        old.join("news/a.html"),
        "<title>一条新闻</title><body><div id=zoom><p>发布时间：2024-05-06</p><p>正文内容。</p></div></body>",
    )
    .unwrap();
    let site = tmp.path().join("site");
    let run = import(&old, &site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    for missing in ["网站名称", "主办单位", "ICP备案编号", "公安机关备案号"] {
        assert!(text.contains(&format!("# 未找到：{missing}")), "{text}");
    }
    assert!(
        run.stdout.contains("site.yaml 未找到：主办单位"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_site_folder_that_is_not_empty_is_refused_unless_force() {
    let tmp = cms_copy();
    let old = tmp.path().join("old");
    let site = tmp.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("notes.txt"), "mine").unwrap();
    let run = import(&old, &site);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("已存在且不是空的"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(site.join("notes.txt")).unwrap(),
        "mine"
    );
    let forced = govsite(&[
        "import",
        old.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(site.join("site.yaml").is_file() && !site.join("notes.txt").exists());
}

#[test]
fn bad_input_is_exit_2_and_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join("logo.png"), "x").unwrap();
    let site = tmp.path().join("site");
    let run = import(&empty, &site);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("没有网页"), "{}", run.stderr);
    std::fs::create_dir_all(empty.join("sitemap")).unwrap();
    std::fs::write(empty.join("sitemap/index.html"), "<title>网站地图</title>").unwrap();
    let generated_only = import(&empty, &site);
    assert_eq!(generated_only.code, 2, "{}", generated_only.stderr);
    assert!(
        generated_only.stderr.contains("没有可导入的页面"),
        "{}",
        generated_only.stderr
    );
    let missing = import(&tmp.path().join("nowhere"), &site);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(!site.exists(), "SITE half-written");
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "staging folder left: {left:?}");
}

#[test]
fn a_site_folder_inside_dir_is_refused() {
    let tmp = cms_copy();
    let old = tmp.path().join("old");
    let before = snapshot(&old);
    let run = import(&old, &old.join("new-site"));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("重叠"), "{}", run.stderr);
    assert_eq!(snapshot(&old), before);
}

/// The page's 0-second refresh target, if it is a redirect page.
fn refresh_target(path: &Path) -> Option<String> {
    let doc = Html::parse_document(&std::fs::read_to_string(path).ok()?);
    let sel = Selector::parse("meta[http-equiv=refresh]").unwrap();
    let content = doc.select(&sel).next()?.attr("content")?.to_string();
    let (delay, url) = content.split_once(';')?;
    assert_eq!(delay.trim(), "0", "{content}");
    Some(url.trim().trim_start_matches("url=").to_string())
}

#[test]
fn old_addresses_that_change_are_redirected() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, site, new) = (
        tmp.path().join("old"),
        tmp.path().join("site"),
        tmp.path().join("new"),
    );
    assert_eq!(build(&repo().join("starter-site"), &old).code, 0);
    // A TRS-style article address and column page, as a CMS export would have them.
    let article = old.join("zxts/202610/t20261009_5001.shtml");
    std::fs::create_dir_all(article.parent().unwrap()).unwrap();
    std::fs::rename(
        old.join("zxts/2026-10-09-bus-route-adjustment/index.html"),
        &article,
    )
    .unwrap();
    std::fs::remove_dir(old.join("zxts/2026-10-09-bus-route-adjustment")).unwrap();
    std::fs::rename(old.join("tzgg/index.html"), old.join("tzgg/index.shtml")).unwrap();
    assert_eq!(import(&old, &site).code, 0);
    let run = build(&site, &new);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        refresh_target(&new.join("zxts/202610/t20261009_5001.shtml")).as_deref(),
        Some("/zxts/2026-10-09-5001/")
    );
    assert!(new.join("zxts/2026-10-09-5001/index.html").is_file());
    assert_eq!(
        refresh_target(&new.join("tzgg/index.shtml")).as_deref(),
        Some("/tzgg/")
    );
    for address in old_addresses(&old) {
        assert!(
            new.join(&address).is_file(),
            "old address {address} is gone"
        );
    }
}

#[test]
fn column_and_homepage_aliases_are_checked_like_item_aliases() {
    let site = super::common::starter_copy();
    super::common::edit(
        site.path(),
        "content/tzgg/_index.md",
        "weight: 50\n",
        "weight: 50\naliases: [/a/../../evil.html]\n",
    );
    super::common::expect_error(site.path(), "GOV003", "content/tzgg/_index.md", Some(8));
    let site = super::common::starter_copy();
    super::common::edit(
        site.path(),
        "content/_index.md",
        "title: 首页\n",
        "title: 首页\naliases: [zwdt.html]\n",
    );
    super::common::expect_error(site.path(), "GOV003", "content/_index.md", Some(4));
}

#[cfg(unix)]
#[test]
fn a_link_out_of_dir_is_skipped_not_copied() {
    let tmp = cms_copy();
    let old = tmp.path().join("old");
    let outside = tmp.path().join("outside.pdf");
    std::fs::write(&outside, "secret").unwrap();
    let page = old.join("xxgk/zcwj/202204/t20220417_974894.shtml");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replace("./P020220417123456.pdf", "./P020220417999999.pdf"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, page.with_file_name("P020220417999999.pdf")).unwrap();
    let site = tmp.path().join("site");
    let run = import(&old, &site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site
        .join("static/xxgk/zcwj/202204/P020220417999999.pdf")
        .exists());
    let report = std::fs::read_to_string(site.join("import-report.json")).unwrap();
    assert!(
        report.contains("xxgk/zcwj/202204/P020220417999999.pdf"),
        "{report}"
    );
}
