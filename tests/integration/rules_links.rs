//! GOV401–GOV405 (ads, third parties, http, script in content, new windows) and
//! GOV601–GOV604 (links, fragments, files, outbound hosts) on fixture pages: each rule
//! firing, and staying quiet on the near misses.

use super::common;
use common::*;
use serde_json::Value;
use std::path::Path;

/// The test page: `content/ceshi.md`, served at `/ceshi/`; its body starts on line 4.
const PAGE: &str = "content/ceshi.md";

/// A starter copy with a loose page whose body is `body`.
fn site_with(body: &str) -> tempfile::TempDir {
    let site = starter_copy();
    write(
        site.path(),
        PAGE,
        &format!("---\ntitle: 测试页\n---\n{body}\n"),
    );
    site
}

fn of(run: &Run, code: &str) -> Vec<Value> {
    run.diagnostics()
        .into_iter()
        .filter(|d| d["code"] == code)
        .collect()
}

fn has(run: &Run, code: &str) -> bool {
    !of(run, code).is_empty()
}

/// Findings of `code` as (file, line, message).
fn places(run: &Run, code: &str) -> Vec<(String, u64, String)> {
    of(run, code)
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn check(site: &Path) -> Run {
    let run = check_json(site);
    assert!(
        run.code == 0 || run.code == 1,
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    run
}

#[test]
fn gov401_fires_on_ad_network_resources_and_affiliate_links() {
    let site = site_with(
        "正文。\n\n<img src=\"https://pos.baidu.com/s?di=1\" alt=\"\">\n\n[优惠券](https://S.Click.Taobao.com/abc)\n",
    );
    let run = check(site.path());
    let found = places(&run, "GOV401");
    assert!(
        found.contains(&(PAGE.into(), 6, found[0].2.clone())),
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.1 == 8 && f.2.contains("淘宝客")),
        "{found:?}"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn gov401_fires_on_ad_markup_and_labelled_blocks() {
    for body in [
        "<div class=\"sidebar ad-banner\">招商</div>",
        "<div id=\"guanggao\">招商</div>",
        "<ins class=\"adsbygoogle\" data-ad-client=\"ca-pub-1\"></ins>",
        "<aside><span>广告</span> 某品牌</aside>",
    ] {
        let run = check(site_with(body).path());
        let found = places(&run, "GOV401");
        assert_eq!(found.len(), 1, "{body}: {found:?}");
        assert_eq!(found[0].0, "ceshi/index.html", "{body}");
    }
}

#[test]
fn gov401_is_quiet_on_words_that_merely_contain_ad() {
    let site = site_with(
        "<div class=\"header download shadow load-more badge\" id=\"address\">下载</div>\n\n禁止发布虚假广告，加强推广应用。\n\n<p>广告法</p>\n",
    );
    let run = check(site.path());
    assert!(!has(&run, "GOV401"), "{:?}", run.diagnostics());
}

#[test]
fn gov402_fires_on_foreign_hosts_in_every_kind_of_reference() {
    let site = site_with(concat!(
        "<img src=\"//CDN.Foreign.COM/a.png\" alt=\"\">\n\n",
        "<img src=\"/images/favicon.svg\" srcset=\"/images/favicon.svg 1x, https://img.foreign.com/b.png 2x\" alt=\"\">\n\n",
        "<p style=\"background: url( 'https://bg.foreign.com/c.png' )\">背景</p>\n\n",
        "<style>@import \"https://css.foreign.com/d.css\";</style>\n\n",
        "<form action=\"https://forms.foreign.com/submit\"><button>提交</button></form>\n",
    ));
    let run = check(site.path());
    let found = places(&run, "GOV402");
    for (line, host) in [
        (4, "cdn.foreign.com"),
        (6, "img.foreign.com"),
        (8, "bg.foreign.com"),
        (12, "forms.foreign.com"),
    ] {
        assert!(
            found
                .iter()
                .any(|f| f.0 == PAGE && f.1 == line && f.2.contains(host)),
            "{host} on line {line}: {found:?}"
        );
    }
    assert!(
        found.iter().any(|f| f.2.contains("css.foreign.com")),
        "{found:?}"
    );
}

#[test]
fn gov402_checks_stylesheets_the_build_writes() {
    let site = starter_copy();
    write(site.path(), "static/css/extra.css", "@import url(\"https://fonts.foreign.com/css?family=x\");\nbody{background:url(../images/favicon.svg)}\n");
    let run = check(site.path());
    let found = places(&run, "GOV402");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "css/extra.css");
    assert!(!has(&run, "GOV603"), "{:?}", run.diagnostics());
}

#[test]
fn gov402_is_quiet_on_the_site_mandated_and_allowed_hosts() {
    let site = site_with(concat!(
        "<img src=\"https://WWW.EXAMPLE.GOV.CN/images/favicon.svg\" alt=\"\">\n\n",
        "<img src=\"//cdn.allowed.gov.cn:8443/a.png\" alt=\"\">\n\n",
        "<img src=\"../images/favicon.svg\" alt=\"\">\n\n",
        "[外部网站](https://www.foreign.com/)\n",
    ));
    edit(
        site.path(),
        "site.yaml",
        "allow_hosts: []",
        "allow_hosts: [CDN.Allowed.gov.cn]",
    );
    let run = check(site.path());
    assert!(!has(&run, "GOV402"), "{:?}", run.diagnostics());
}

#[test]
fn gov403_fires_on_http_resources_and_http_links_to_the_site() {
    let site = site_with(
        "![图](http://www.example.gov.cn/images/favicon.svg)\n\n[联系我们](HTTP://www.example.gov.cn/lxwm/)\n",
    );
    let run = check(site.path());
    let found = places(&run, "GOV403");
    assert_eq!(
        found.iter().map(|f| f.1).collect::<Vec<_>>(),
        vec![4, 6],
        "{found:?}"
    );
    assert!(
        !has(&run, "GOV402"),
        "the site's own host is not a third party"
    );
}

#[test]
fn gov403_is_quiet_on_https_and_on_http_links_elsewhere() {
    let site = site_with(
        "![图](https://www.example.gov.cn/images/favicon.svg)\n\n[旧站](http://old.example.gov.cn/)\n",
    );
    let run = check(site.path());
    assert!(!has(&run, "GOV403"), "{:?}", run.diagnostics());
}

#[test]
fn gov404_points_at_the_markdown_line_of_each_script() {
    let site = site_with(concat!(
        "第一段。\n\n",
        "<a href=\"/lxwm/\" onclick=\"track()\">联系</a>\n\n",
        "[打开](javascript:void(0))\n\n",
        "<script>alert(1)</script>\n\n",
        "<a href=\" JaVaScRiPt:alert(2)\">x</a>\n",
    ));
    let run = check(site.path());
    let found = places(&run, "GOV404");
    let lines: Vec<u64> = found.iter().map(|f| f.1).collect();
    assert_eq!(lines, vec![6, 8, 10, 12], "{found:?}");
    assert!(found.iter().all(|f| f.0 == PAGE));
}

#[test]
fn gov404_fires_on_a_script_link_in_a_body_without_raw_html() {
    let site = site_with("第一段。\n\n[打开](javascript:void(0))\n");
    let run = check(site.path());
    let found = places(&run, "GOV404");
    assert_eq!(
        found.iter().map(|f| f.1).collect::<Vec<_>>(),
        vec![6],
        "{found:?}"
    );
}

#[test]
fn gov404_is_quiet_on_code_and_prose_about_scripts() {
    let site = site_with(
        "```html\n<script>alert(1)</script>\n<a onclick=\"x()\">\n```\n\n用 `onclick=` 和 `javascript:` 写的代码不会执行。one=1 online=yes\n",
    );
    let run = check(site.path());
    assert!(!has(&run, "GOV404"), "{:?}", run.diagnostics());
}

#[test]
fn gov405_warns_on_new_windows_without_noopener() {
    let site = site_with(
        "<a href=\"https://www.gov.cn/\" target=\"_BLANK\">中国政府网</a>\n\n<a href=\"https://www.yn.gov.cn/\" target=\"_blank\" rel=\"noreferrer\">云南</a> <a href=\"/lxwm/\" target=\"_self\">联系</a>\n",
    );
    let run = check(site.path());
    let found = of(&run, "GOV405");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["line"], 4);
    assert_eq!(run.code, 0, "a warning does not fail the build");
}

#[test]
fn gov601_fires_on_missing_pages_with_the_source_line() {
    let site = site_with("[坏链](/zwdt/2026-11-31-nope/)\n\n[相对](../zwdt/nope/index.html)\n");
    let run = check(site.path());
    let found = places(&run, "GOV601");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1), (PAGE, 4));
    assert!(found[1].2.contains("/zwdt/nope/index.html"), "{found:?}");
    assert!(!found[0].2.starts_with("首页"));
}

#[test]
fn gov601_names_the_homepage() {
    let site = starter_copy();
    edit(
        site.path(),
        "content/_index.md",
        "[联系我们](/lxwm/)",
        "[联系我们](/lianxi/)",
    );
    let run = check(site.path());
    let found = places(&run, "GOV601");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "content/_index.md");
    assert!(found[0].2.starts_with("首页链接不可用"), "{found:?}");
}

#[test]
fn gov601_reports_a_theme_link_once_for_all_pages() {
    let site = starter_copy();
    add_to_theme_footer(site.path(), "<li><a href=\"/wzjs/\">网站介绍</a></li>");
    let run = check(site.path());
    let found = places(&run, "GOV601");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "index.html");
    assert!(
        found[0].2.starts_with("首页链接不可用") && found[0].2.contains("个页面"),
        "{found:?}"
    );
}

#[test]
fn gov601_is_quiet_on_every_way_of_writing_a_working_link() {
    let site = site_with(concat!(
        "[a](/zwdt/) [b](/zwdt/index.html) [c](/zwdt) [d](../zwdt/) [e](./../zwdt/index.html)\n",
        "[f](/zwdt/?page=2#main) [g](https://www.example.gov.cn/zwdt/) [h](//www.example.gov.cn/lxwm/)\n",
        "[i](/) [j](/sitemap/) [k](/search/?q=%E9%80%9A%E7%9F%A5) [l](mailto:web@example.gov.cn) [m](tel:0871-63600000)\n",
        "<a href=\"/zwdt/index.html\">n</a> [o](/404.html) [p]() [q](?x=1)\n",
    ));
    let run = check(site.path());
    assert!(!has(&run, "GOV601"), "{:?}", run.diagnostics());
    assert!(!has(&run, "GOV602"), "{:?}", run.diagnostics());
}

#[test]
fn gov602_fires_on_missing_fragments_here_and_on_other_pages() {
    let site = site_with("## 一、总体要求\n\n[同页](#总体要求)\n\n[他页](/lxwm/#不存在)\n");
    let run = check(site.path());
    let found = places(&run, "GOV602");
    assert_eq!(
        found.iter().map(|f| f.1).collect::<Vec<_>>(),
        vec![6, 8],
        "{found:?}"
    );
    assert!(found[1].2.contains("/lxwm/"), "{found:?}");
}

#[test]
fn gov602_is_quiet_on_heading_and_template_ids() {
    let site = site_with(concat!(
        "## 一、总体要求\n\n## Next Steps {#next}\n\n",
        "[a](#一总体要求) [b](#%E4%B8%80%E6%80%BB%E4%BD%93%E8%A6%81%E6%B1%82) [c](#next) [d](#main) [e](#top) [f](#)\n",
        "[g](/lxwm/#网站运维联系方式) [h](/zwdt/#main) [i](/ceshi/#next)\n",
    ));
    let run = check(site.path());
    assert!(!has(&run, "GOV602"), "{:?}", run.diagnostics());
}

#[test]
fn gov603_fires_on_missing_images_and_attachments() {
    let site = site_with("![图](/images/missing.png)\n\n[附件：申请表](/files/申请表.docx)\n\n<video src=\"/media/a.mp4\" poster=\"/images/p.jpg\"></video>\n");
    let run = check(site.path());
    let found = places(&run, "GOV603");
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(
        found[0].2.starts_with("图片不存在") && found[0].1 == 4,
        "{found:?}"
    );
    assert!(
        found[1].2.contains("附件不存在：/files/申请表.docx"),
        "{found:?}"
    );
    assert!(!has(&run, "GOV601"), "files are GOV603, not GOV601");
}

#[test]
fn gov603_is_quiet_on_static_generated_and_theme_files_with_chinese_names() {
    let site = site_with(concat!(
        "[通知](/files/%E9%80%9A%E7%9F%A5.txt) [通知](/files/通知.txt) [通知](../files/通知.txt?v=2)\n\n",
        "![标志](/images/favicon.svg) [样式](/assets/site.css) [订阅](/rss.xml) [栏目订阅](/zwdt/rss.xml)\n",
        "[地图](/sitemap.xml) [索引](/search/manifest.json) [robots](/robots.txt)\n",
    ));
    write(site.path(), "static/files/通知.txt", "通知全文\n");
    let run = check(site.path());
    assert!(!has(&run, "GOV603"), "{:?}", run.diagnostics());
    assert!(!has(&run, "GOV601"), "{:?}", run.diagnostics());
}

#[test]
fn gov604_is_off_by_default_and_warns_once_enabled() {
    let body = "[商业网站](https://www.foreign.com/a) [中国政府网](https://WWW.GOV.CN/)\n";
    let site = site_with(body);
    assert!(!has(&check(site.path()), "GOV604"));
    std::fs::write(
        site.path().join("site.yaml"),
        std::fs::read_to_string(site.path().join("site.yaml"))
            .unwrap()
            .replace(
                "allow_hosts: []",
                "allow_hosts: [www.gov.cn]\nenable: [GOV604]",
            ),
    )
    .unwrap();
    let run = check(site.path());
    let found = of(&run, "GOV604");
    assert_eq!(
        found.len(),
        1,
        "footer filing links and allowed hosts are quiet: {found:?}"
    );
    assert_eq!(found[0]["severity"], "warning");
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .contains("www.foreign.com"));
}

#[test]
fn every_page_carries_a_csp_allowing_only_self_mandated_and_allowed_hosts() {
    let site = starter_copy();
    edit(
        site.path(),
        "site.yaml",
        "allow_hosts: []",
        "allow_hosts: [Tongji.Example.gov.cn]",
    );
    let run = govsite(&["build", site.path().to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (path, bytes) in snapshot(&site.path().join("public")) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        // The content of the `<meta http-equiv=Content-Security-Policy>` tag.
        let at = html.find("http-equiv=Content-Security-Policy").unwrap_or(0);
        let tag_start = html[..at].rfind('<').unwrap_or(0);
        let tag = &html[tag_start..at + html[at..].find('>').unwrap_or(0)];
        let csp = tag
            .split("content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or("");
        assert!(
            csp.starts_with("default-src 'self'"),
            "{}: {csp}",
            path.display()
        );
        for host in ["dcs.conac.cn", "zfwzgl.www.gov.cn", "tongji.example.gov.cn"] {
            assert!(csp.contains(host), "{}: {host} in {csp}", path.display());
        }
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-eval") && !csp.contains('*'),
            "{csp}"
        );
    }
}

#[test]
fn gov603_checks_files_named_in_stylesheets() {
    let site = starter_copy();
    write(
        site.path(),
        "static/css/extra.css",
        ".a{background:url(\"../images/nope.png\")}\n.b{background:url(/images/favicon.svg)}\n",
    );
    let run = check(site.path());
    let found = places(&run, "GOV603");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "css/extra.css");
    assert!(found[0].2.contains("/images/nope.png"), "{found:?}");
}
