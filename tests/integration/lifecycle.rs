//! Merging and shutting down (site-format.md section 5): a migrating copy of the starter
//! site built before `effective` (banner, notice page), after it (the notice site with a
//! redirect for every old URL and the server maps) and after `until` (GOV705); GOV701–706
//! firing and quiet; announcements; the reports.

use super::common;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;

const TARGET: &str = "https://www.example-prov.gov.cn/sz";
const BEFORE: &str = "2026-11-27";
const AFTER: &str = "2026-11-28";
const LIFECYCLE: &str = "
lifecycle:
  kind: migration
  announced: 2026-10-28
  effective: 2026-11-28
  until: 2026-12-15
  reason: 根据政府网站集约化工作要求，本网站整合至示例省人民政府门户网站
  target:
    name: 示例省人民政府门户网站
    url: https://www.example-prov.gov.cn/sz/
  redirects: redirects.csv
";
const CSV: &str = "old_path,new_url\n/zwdt/,https://www.example-prov.gov.cn/sz/news/\n/art/2019/1/1/art_123.html,https://www.example-prov.gov.cn/sz/old123/\n/files/legacy.pdf,https://www.example-prov.gov.cn/sz/legacy.pdf\n";

/// The starter site about to be merged: with an alias, an HTML attachment, a paginated
/// column and a redirects file.
fn migrating_site() -> tempfile::TempDir {
    let site = starter_copy();
    let p = site.path();
    edit(
        p,
        "site.yaml",
        "allow_hosts: []",
        &format!("allow_hosts: []\npaginate: 5\n{LIFECYCLE}"),
    );
    write(p, "redirects.csv", CSV);
    edit(
        p,
        "content/zwdt/2026-11-13-one-stop-services.md",
        "\ndate:",
        "\naliases: [/old/news/123.html]\ndate:",
    );
    write(
        p,
        "static/old/legacy.html",
        "<!DOCTYPE html><title>旧页面</title><p>旧页面</p>\n",
    );
    site
}

fn run_at(site: &Path, verb: &str, as_of: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        verb,
        site.to_str().unwrap(),
        "--as-of",
        as_of,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    govsite(&args)
}

fn build_to(site: &Path, as_of: &str, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let run = run_at(site, "build", as_of, &["--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.diagnostics().is_empty(), "{}", run.stdout);
    snapshot(out)
        .into_iter()
        .map(|(p, b)| (p.to_string_lossy().replace('\\', "/"), b))
        .collect()
}

fn links_to_notice(html: &str) -> bool {
    html.contains("href=/notice/") || html.contains("href=\"/notice/\"")
}

/// The address of a page's `<meta http-equiv=refresh content="0; url=…">`, if it has one.
fn refresh_target(html: &str) -> Option<String> {
    let at = html
        .find("http-equiv=refresh")
        .or_else(|| html.find("http-equiv=\"refresh\""))?;
    let tag_start = html[..at].rfind('<')?;
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>')?];
    let content = tag.split("content=").nth(1)?;
    let content = content.trim_start_matches('"');
    let end = content.find('"').unwrap_or(content.len());
    let content = &content[..end];
    let url = content
        .strip_prefix("0; url=")
        .or_else(|| content.strip_prefix("0;url="))?;
    Some(url.trim().to_string())
}

/// The URL an output file was published at.
fn url_of(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{path}"),
    }
}

fn csv_map() -> BTreeMap<String, String> {
    CSV.lines()
        .skip(1)
        .filter_map(|l| l.split_once(','))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Where an old URL must go: the redirects file, else the same path under target.url.
fn expected_new(url: &str) -> String {
    csv_map()
        .get(url)
        .cloned()
        .unwrap_or_else(|| format!("{TARGET}{url}"))
}

#[test]
fn before_effective_every_page_shows_the_banner_and_the_notice_page_exists() {
    let site = migrating_site();
    let out = site.path().join("pre");
    let files = build_to(site.path(), BEFORE, &out);
    let mut pages = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") || path.starts_with("old/") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        if refresh_target(&html).is_some() {
            continue;
        }
        pages += 1;
        assert!(
            links_to_notice(&html),
            "{path}: no banner linking to /notice/"
        );
        assert!(html.contains("notice-banner"), "{path}: no banner");
    }
    assert!(pages > 40, "{pages}");
    let notice = String::from_utf8_lossy(&files["notice/index.html"]).into_owned();
    for needle in [
        "关于示例市人民政府门户网站整合迁移的公告",
        "根据政府网站集约化工作要求",
        "示例省人民政府门户网站",
        "https://www.example-prov.gov.cn/sz/",
        "0871-63600000",
        "2026-11-28",
        "2026-12-15",
    ] {
        assert!(notice.contains(needle), "notice page lacks {needle}");
    }
    assert!(
        files.contains_key("zwdt/page/2/index.html"),
        "pagination expected"
    );
    assert!(files.contains_key("rss.xml") && !files.contains_key("_redirects"));
}

#[test]
fn after_effective_every_old_url_redirects_to_its_new_place() {
    let site = migrating_site();
    let pre = build_to(site.path(), BEFORE, &site.path().join("pre"));
    let post = build_to(site.path(), AFTER, &site.path().join("post"));
    let netlify = String::from_utf8(post["_redirects"].clone()).unwrap();
    let nginx = String::from_utf8(post["nginx-redirects.conf"].clone()).unwrap();
    let apache = String::from_utf8(post[".htaccess"].clone()).unwrap();
    assert!(nginx.contains("map $uri $govsite_redirect"));
    let mut checked = 0;
    for (path, bytes) in &pre {
        if path == ".govsite-output" {
            continue;
        }
        let url = url_of(path);
        let old = String::from_utf8_lossy(bytes);
        // An alias page used to send visitors to its item: now to the item's new place.
        let new = match refresh_target(&old) {
            Some(local) if local.starts_with('/') => expected_new(&local),
            _ => expected_new(&url),
        };
        if ["index.html", "notice/index.html", "404.html"].contains(&path.as_str()) {
            let html = String::from_utf8_lossy(&post[path]);
            assert!(
                html.contains("整合迁移的公告"),
                "{path} should show the notice"
            );
            continue;
        }
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(
                post.get(path)
                    .unwrap_or_else(|| panic!("no redirect page for {url}")),
            );
            assert_eq!(
                refresh_target(&html).as_deref(),
                Some(new.as_str()),
                "{url}"
            );
            assert!(
                html.contains(&format!("href={new}")) || html.contains(&format!("href=\"{new}\"")),
                "{url}: visible link"
            );
            assert!(
                !html.contains("<script src=/assets"),
                "{url}: redirect pages need no script of their own"
            );
            checked += 1;
        } else if post.get(path) != Some(bytes)
            && !["sitemap.xml", "robots.txt"].contains(&path.as_str())
        {
            assert!(
                netlify.contains(&format!("{url} {new} 301!")),
                "_redirects lacks {url} -> {new}"
            );
            assert!(
                nginx.contains(&format!("\"{url}\" \"{new}\";")),
                "nginx lacks {url}"
            );
            assert!(
                apache.contains(&format!("Redirect 301 \"{url}\" \"{new}\"")),
                ".htaccess lacks {url}"
            );
            assert!(
                !post.contains_key(path),
                "{path} should no longer be published"
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked}");
    // Addresses only the redirects file knows are moved too.
    assert_eq!(
        refresh_target(&String::from_utf8_lossy(&post["art/2019/1/1/art_123.html"])).as_deref(),
        Some("https://www.example-prov.gov.cn/sz/old123/")
    );
    assert!(
        netlify.contains("/files/legacy.pdf https://www.example-prov.gov.cn/sz/legacy.pdf 301!")
    );
    assert!(!netlify.contains("\n/ ") && !netlify.contains("/notice/ "));
    let home = String::from_utf8_lossy(&post["index.html"]);
    assert!(home.contains("https://www.example-prov.gov.cn/sz/") && links_to_notice(&home));
}

#[test]
fn after_until_gov705_warns_with_the_shutdown_checklist() {
    let site = migrating_site();
    let out = site.path().join("late");
    let run = run_at(
        site.path(),
        "build",
        "2026-12-16",
        &["--out", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(out.join("_redirects").is_file(), "still the notice site");
    let d = run
        .diagnostics()
        .into_iter()
        .find(|d| d["code"] == "GOV705")
        .expect("GOV705");
    assert_eq!(d["severity"], "warning");
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (
            Some("site.yaml"),
            Some(line_of(site.path(), "site.yaml", "  until:"))
        )
    );
    let help = d["help"].as_str().unwrap();
    for needle in [
        "标识码",
        "ICP",
        "公安",
        "党政机关网站标识",
        "域名",
        "下线说明",
    ] {
        assert!(help.contains(needle), "checklist lacks {needle}");
    }
    let quiet = run_at(site.path(), "check", "2026-12-15", &[]);
    assert!(
        !quiet.codes().contains(&"GOV705".to_string()),
        "{}",
        quiet.stdout
    );
}

/// The 1-based line of the first line of `file` that starts with `prefix`.
fn line_of(site: &Path, file: &str, prefix: &str) -> u64 {
    let text = std::fs::read_to_string(site.join(file)).unwrap();
    text.lines()
        .position(|l| l.starts_with(prefix))
        .expect(prefix) as u64
        + 1
}

fn find(run: &Run, code: &str) -> serde_json::Value {
    run.diagnostics()
        .into_iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {}", run.stdout))
}

#[test]
fn gov701_fires_on_a_missing_date_and_on_until_before_effective() {
    let site = migrating_site();
    edit(site.path(), "site.yaml", "  until: 2026-12-15\n", "");
    let run = run_at(site.path(), "check", BEFORE, &[]);
    assert_eq!(run.code, 1);
    let d = find(&run, "GOV701");
    assert!(d["message"].as_str().unwrap().contains("until"), "{d}");
    assert_eq!(d["file"], "site.yaml");

    let site = migrating_site();
    edit(
        site.path(),
        "site.yaml",
        "  until: 2026-12-15",
        "  until: 2026-11-27",
    );
    let run = run_at(site.path(), "check", BEFORE, &[]);
    let d = find(&run, "GOV701");
    assert_eq!(
        d["line"].as_u64(),
        Some(line_of(site.path(), "site.yaml", "  until:"))
    );

    let site = migrating_site();
    edit(
        site.path(),
        "site.yaml",
        "    name: 示例省人民政府门户网站\n",
        "",
    );
    let d = find(&run_at(site.path(), "check", BEFORE, &[]), "GOV701");
    assert_eq!(
        d["line"].as_u64(),
        Some(line_of(site.path(), "site.yaml", "  target:"))
    );
}

#[test]
fn gov701_and_gov702_stay_quiet_on_a_complete_lifecycle_of_exactly_30_days() {
    let site = migrating_site();
    edit(
        site.path(),
        "site.yaml",
        "  until: 2026-12-15",
        "  until: 2026-11-27",
    );
    edit(
        site.path(),
        "site.yaml",
        "  effective: 2026-11-28",
        "  effective: 2026-11-27",
    );
    let run = run_at(site.path(), "check", BEFORE, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.diagnostics().is_empty(), "{}", run.stdout);
}

#[test]
fn gov702_fires_on_a_notice_period_of_29_days() {
    let site = migrating_site();
    edit(
        site.path(),
        "site.yaml",
        "  until: 2026-12-15",
        "  until: 2026-11-26",
    );
    edit(
        site.path(),
        "site.yaml",
        "  effective: 2026-11-28",
        "  effective: 2026-11-20",
    );
    let run = run_at(site.path(), "check", "2026-11-21", &[]);
    assert_eq!(run.code, 1);
    let d = find(&run, "GOV702");
    assert_eq!(
        d["line"].as_u64(),
        Some(line_of(site.path(), "site.yaml", "  until:"))
    );
    assert!(d["help"].as_str().unwrap().contains("2026-11-27"), "{d}");
}

#[test]
fn gov703_fires_when_a_template_drops_the_banner_and_is_quiet_before_the_notice() {
    let site = migrating_site();
    write(site.path(), "templates/partials/notice-banner.html", "");
    let run = run_at(site.path(), "check", BEFORE, &[]);
    assert_eq!(run.code, 1);
    let d = find(&run, "GOV703");
    assert!(d["file"].as_str().unwrap().ends_with(".html"), "{d}");
    let notice_page_flagged = run
        .diagnostics()
        .iter()
        .any(|d| d["code"] == "GOV703" && d["file"] == "notice/index.html");
    assert!(
        !notice_page_flagged,
        "the notice page itself needs no banner"
    );
    // Before `announced` there is no notice yet, so no banner is required.
    let quiet = run_at(site.path(), "check", "2026-10-27", &[]);
    assert!(
        !quiet.codes().contains(&"GOV703".to_string()),
        "{}",
        quiet.stdout
    );
}

#[test]
fn gov704_fires_on_a_delayed_redirect_and_on_a_loop() {
    let site = migrating_site();
    let theme =
        std::fs::read_to_string(repo().join("themes/default/templates/redirect.html")).unwrap();
    write(
        site.path(),
        "templates/redirect.html",
        &theme.replace("content=\"0; url=", "content=\"5; url="),
    );
    let run = run_at(site.path(), "check", AFTER, &[]);
    assert_eq!(run.code, 1);
    let d = find(&run, "GOV704");
    assert!(d["message"].as_str().unwrap().contains("延时"), "{d}");
    // Before the switch the same template is not used for old URLs: quiet.
    let quiet = run_at(site.path(), "check", BEFORE, &[]);
    assert!(
        !quiet.codes().contains(&"GOV704".to_string()),
        "{}",
        quiet.stdout
    );

    let site = migrating_site();
    write(
        site.path(),
        "redirects.csv",
        "/zwdt/,https://www.example.gov.cn/zcwj/\n",
    );
    let d = find(&run_at(site.path(), "check", AFTER, &[]), "GOV704");
    assert!(d["message"].as_str().unwrap().contains("循环"), "{d}");
}

#[test]
fn bad_redirects_lines_are_gov003_with_file_and_line() {
    let site = migrating_site();
    write(site.path(), "redirects.csv", "old_path,new_url\n/zwdt/,https://www.example-prov.gov.cn/sz/news/\nzwdt/x,https://a.gov.cn/\n");
    let run = run_at(site.path(), "build", BEFORE, &[]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    let d = find(&run, "GOV003");
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some("redirects.csv"), Some(3))
    );
    assert!(!site.path().join("public").exists());
}

const ANNOUNCEMENT: &str = "
announcements:
  - kind: migration
    site: 示例市数据局网站
    url: http://sjj.example.gov.cn/
    date: 2026-11-01
    target: { name: 示例市人民政府门户网站, url: https://www.example.gov.cn/sjj/ }
";

#[test]
fn announcements_become_items_of_the_notice_column() {
    let site = starter_copy();
    edit(
        site.path(),
        "site.yaml",
        "allow_hosts: []",
        &format!("allow_hosts: []\n{ANNOUNCEMENT}"),
    );
    // The merged site's content lives on under /sjj/; a target that does not exist is a
    // broken link (GOV601).
    write(
        site.path(),
        "content/sjj/_index.md",
        "---\ntitle: 原数据局网站信息\ntype: 其他\n---\n",
    );
    write(
        site.path(),
        "content/sjj/2026-11-20-archive.md",
        "---\ntitle: 原示例市数据局网站信息归档说明\ndate: 2026-11-20\n---\n\n原网站信息已整合至本栏目。\n",
    );
    let out = site.path().join("public");
    let files = build_to(site.path(), common::AS_OF, &out);
    let (path, bytes) = files
        .iter()
        .find(|(p, _)| p.starts_with("tzgg/2026-11-01-") && p.ends_with("/index.html"))
        .expect("announcement item in 通知公告");
    let html = String::from_utf8_lossy(bytes);
    for needle in [
        "关于示例市数据局网站整合迁移的公告",
        "http://sjj.example.gov.cn/",
        "2026-11-01",
        "示例市人民政府门户网站",
        "https://www.example.gov.cn/sjj/",
    ] {
        assert!(html.contains(needle), "{path} lacks {needle}");
    }
    let column = String::from_utf8_lossy(&files["tzgg/index.html"]);
    assert!(column.contains("关于示例市数据局网站整合迁移的公告"));
}

#[test]
fn gov706_fires_on_a_missing_target_and_a_missing_notice_column() {
    let site = starter_copy();
    let partial = ANNOUNCEMENT.replace(
        "    target: { name: 示例市人民政府门户网站, url: https://www.example.gov.cn/sjj/ }\n",
        "",
    );
    edit(
        site.path(),
        "site.yaml",
        "allow_hosts: []",
        &format!("allow_hosts: []\n{partial}"),
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 1);
    let d = find(&run, "GOV706");
    assert!(d["message"].as_str().unwrap().contains("target"), "{d}");
    assert_eq!(
        d["line"].as_u64(),
        Some(line_of(site.path(), "site.yaml", "  - kind: migration"))
    );

    let site = starter_copy();
    edit(
        site.path(),
        "site.yaml",
        "allow_hosts: []",
        &format!("allow_hosts: []\n{ANNOUNCEMENT}"),
    );
    edit(
        site.path(),
        "content/tzgg/_index.md",
        "type: 通知公告",
        "type: 工作动态",
    );
    let d = find(&check_json(site.path()), "GOV706");
    assert!(d["message"].as_str().unwrap().contains("通知公告"), "{d}");

    let site = starter_copy();
    let opening = "\nannouncements:\n  - kind: opening\n    site: 示例市政务服务网\n    url: https://zwfw.example.gov.cn/\n    date: 2026-11-02\n";
    edit(
        site.path(),
        "site.yaml",
        "allow_hosts: []",
        &format!("allow_hosts: []\n{opening}"),
    );
    let run = check_json(site.path());
    assert_eq!(
        run.code, 0,
        "an opening announcement needs no target: {}",
        run.stdout
    );
}

/// Counts of the starter site computed straight from its files.
struct Counts {
    total: u64,
    overview: u64,
    news: u64,
    catalogue: u64,
    text: u64,
    product: u64,
    responses: u64,
    services: u64,
    online: u64,
}

fn front_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| {
        l.trim()
            .strip_prefix(&format!("{key}:"))
            .map(|v| v.trim().to_string())
    })
}

fn count_starter(year: &str) -> Counts {
    let mut c = Counts {
        total: 0,
        overview: 0,
        news: 0,
        catalogue: 0,
        text: 0,
        product: 0,
        responses: 0,
        services: 0,
        online: 0,
    };
    let content = repo().join("starter-site/content");
    for dir in std::fs::read_dir(&content)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
    {
        let index = std::fs::read_to_string(dir.join("_index.md")).unwrap();
        let kind = front_value(&index, "type").unwrap();
        for file in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
            if file.file_name().unwrap() == "_index.md"
                || file.extension().is_none_or(|e| e != "md")
            {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            if front_value(&text, "draft").as_deref() == Some("true") {
                continue;
            }
            let date = front_value(&text, "date").unwrap();
            if kind == "办事服务" {
                c.services += 1;
                c.online += u64::from(front_value(&text, "online").as_deref() == Some("全程网办"));
            }
            if !date.starts_with(year) {
                continue;
            }
            c.total += 1;
            match kind.as_str() {
                "概况信息" | "机构职能" | "负责人信息" => c.overview += 1,
                "工作动态" | "通知公告" => c.news += 1,
                "信息公开目录" | "政策文件" => c.catalogue += 1,
                "回应关切" => c.responses += 1,
                "政策解读" => match front_value(&text, "form").as_deref() {
                    Some("文字解读") => c.text += 1,
                    Some("图文解读") | Some("音视频解读") => c.product += 1,
                    other => panic!("unexpected form {other:?}"),
                },
                _ => {}
            }
        }
    }
    c
}

#[test]
fn annual_report_of_the_starter_site_matches_an_independent_count() {
    let run = govsite(&[
        "report",
        "annual",
        repo().join("starter-site").to_str().unwrap(),
        "--year",
        "2026",
        "--as-of",
        common::AS_OF,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut figures = BTreeMap::new();
    for section in json["sections"].as_array().unwrap() {
        for row in section["rows"].as_array().unwrap() {
            figures.insert(row["key"].as_str().unwrap().to_string(), row.clone());
        }
    }
    let n = |key: &str| {
        figures[key]["value"]
            .as_u64()
            .unwrap_or_else(|| panic!("{key}"))
    };
    let c = count_starter("2026");
    assert_eq!(n("info.total"), c.total);
    assert_eq!(n("info.overview"), c.overview);
    assert_eq!(n("info.news"), c.news);
    assert_eq!(n("info.catalogue"), c.catalogue);
    assert_eq!(n("interpret.material"), c.text);
    assert_eq!(n("interpret.product"), c.product);
    assert_eq!(n("interpret.total"), c.text + c.product);
    assert_eq!(n("response.total"), c.responses);
    assert_eq!(n("service.items"), c.services);
    assert_eq!(n("service.full_online"), c.online);
    assert_eq!((n("topics.maintained"), n("topics.opened")), (0, 0));
    assert!(c.total > 30 && c.online >= 1);
    assert_eq!(figures["site.id_code"]["value"], "5301000001");
    for pending in [
        "site.visits",
        "service.cases_total",
        "interact.letters_received",
        "security.assessments",
    ] {
        assert_eq!(figures[pending]["pending"], true, "{pending}");
        assert!(
            figures[pending]["value"].is_null(),
            "{pending} must not be invented"
        );
    }
    // Another year has nothing published.
    let run = govsite(&[
        "report",
        "annual",
        repo().join("starter-site").to_str().unwrap(),
        "--year",
        "2024",
        "--format",
        "csv",
    ]);
    assert!(run.stdout.contains("信息发布,总数,0,条"), "{}", run.stdout);
    assert!(run.stdout.contains("网站总访问量,待填写"));
    let html = govsite(&[
        "report",
        "annual",
        repo().join("starter-site").to_str().unwrap(),
        "--year",
        "2026",
        "--format",
        "html",
    ])
    .stdout;
    assert!(
        html.contains("<html lang=\"zh-CN\">")
            && html.contains("<th scope=\"row\">政府网站标识码</th>")
    );
}

#[test]
fn report_sites_puts_each_site_in_its_table() {
    let kept = starter_copy();
    let moving = migrating_site();
    edit(
        moving.path(),
        "site.yaml",
        "name: 示例市人民政府门户网站",
        "name: 示例市数据局网站",
    );
    let run = govsite(&[
        "report",
        "sites",
        kept.path().to_str().unwrap(),
        moving.path().to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (first, second) = run.stdout.split_once("\n\n").expect("two tables");
    let first: Vec<&str> = first.lines().collect();
    assert_eq!(first[0], "附件1 保留的政府网站统计表");
    assert_eq!(first[1], "序号,网站名称,主办单位,网址,联系人,联系电话");
    assert_eq!(first[2], "1,示例市人民政府门户网站,示例市人民政府办公室,https://www.example.gov.cn/,杨文静,0871-63600000");
    let second: Vec<&str> = second.lines().collect();
    // 附件2's own column order: the destination comes before the contact.
    assert_eq!(second[0], "附件2 需永久下线的政府网站统计表");
    assert_eq!(
        second[1],
        "序号,网站名称,主办单位,网址,整合迁移去向,联系人,联系电话"
    );
    let cells: Vec<&str> = second[2].split(',').collect();
    assert_eq!(cells[..2], ["1", "示例市数据局网站"], "{}", second[2]);
    assert!(
        cells[4].starts_with("整合迁移至示例省人民政府门户网站"),
        "{}",
        second[2]
    );
    assert_eq!(cells[5..], ["杨文静", "0871-63600000"], "{}", second[2]);
    assert_eq!(first.len() + second.len(), 6);
    let html = govsite(&[
        "report",
        "sites",
        kept.path().to_str().unwrap(),
        "--format",
        "html",
    ]);
    assert!(html
        .stdout
        .contains("<caption>附件1 保留的政府网站统计表</caption>"));
    let bad = govsite(&["report", "sites", "/nonexistent-govsite-site"]);
    assert_eq!(bad.code, 2);
}
