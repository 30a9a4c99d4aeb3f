//! Platform mode over a copy of `examples/platform/` (3 sites, one migrating): build all,
//! one failing site, shards, the quarterly sample, the dashboard and a bad platform.yaml.

use super::common;
use common::*;
use std::path::Path;

fn platform_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples/platform"), tmp.path());
    tmp
}

fn platform(args: &[&str], dir: &Path) -> Run {
    let mut all = vec!["platform"];
    all.extend_from_slice(args);
    all.extend_from_slice(&[dir.to_str().unwrap(), "--as-of", AS_OF]);
    govsite(&all)
}

/// The site names of the per-site summary lines (`网站 NAME（…）…`), in order.
fn sites_of(run: &Run) -> Vec<String> {
    run.stderr
        .lines()
        .filter(|l| !l.starts_with("── "))
        .filter_map(|l| l.strip_prefix("网站 ")?.split('（').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn builds_every_site_and_the_dashboard() {
    let p = platform_copy();
    let run = platform(&["build"], p.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(sites_of(&run), ["jyj", "lyj", "shizf"]);
    assert!(
        run.stderr.contains("平台构建：3 个网站，成功 3，失败 0"),
        "{}",
        run.stderr
    );
    for site in ["jyj", "lyj", "shizf"] {
        assert!(p
            .path()
            .join("public")
            .join(site)
            .join("index.html")
            .is_file());
    }
    // jyj's site.yaml has no conac/jiucuo: the platform's shared defaults supply them.
    let jyj = std::fs::read_to_string(p.path().join("public/jyj/index.html")).unwrap();
    assert!(jyj.contains("dcs.conac.cn/js/53/000/0000/60000000/CA530000000600000000.js"));
    let text = std::fs::read_to_string(p.path().join("public/_dashboard/dashboard.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["platform"], "示例市政府网站集约化平台");
    assert_eq!(json["totals"]["sites"], 3);
    let lyj = &json["sites"][1];
    assert_eq!(lyj["name"], "lyj");
    assert_eq!(lyj["id_code"], "5301000003");
    assert_eq!(lyj["lifecycle"], "migration");
    assert_eq!(lyj["status"], "built");
    assert_eq!(json["sites"][0]["lifecycle"], serde_json::Value::Null);
    let html = std::fs::read_to_string(p.path().join("public/_dashboard/index.html")).unwrap();
    assert!(html.contains("整合迁移") && html.contains("5301000002"));
}

#[test]
fn a_failing_site_fails_the_command_and_keeps_its_old_output() {
    let p = platform_copy();
    assert_eq!(platform(&["build"], p.path()).code, 0);
    let out = p.path().join("public");
    let before = snapshot(&out.join("jyj"));
    let sites = p.path().join("sites");
    edit(
        &sites.join("jyj"),
        "site.yaml",
        "sponsor: 示例市人民政府办公室",
        "",
    );
    edit(
        &sites.join("shizf"),
        "site.yaml",
        "name: 示例市人民政府门户网站",
        "name: 示例市人民政府新门户",
    );
    let run = platform(&["build"], p.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("网站 jyj（"), "{}", run.stderr);
    assert!(run.stderr.contains("成功 2，失败 1"), "{}", run.stderr);
    assert_eq!(
        snapshot(&out.join("jyj")),
        before,
        "the failing site's output changed"
    );
    let home = std::fs::read_to_string(out.join("shizf/index.html")).unwrap();
    assert!(
        home.contains("示例市人民政府新门户"),
        "the good site was not rebuilt"
    );
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("_dashboard/dashboard.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["sites"][0]["status"], "errors");
    assert!(json["sites"][0]["errors"].as_u64().unwrap() > 0);
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind");
}

#[test]
fn shards_are_deterministic_and_cover_every_site() {
    let p = platform_copy();
    let mut all = Vec::new();
    for k in ["1/2", "2/2"] {
        let first = platform(&["check", "--shard", k], p.path());
        let again = platform(&["check", "--shard", k], p.path());
        assert_eq!(first.code, 0, "{}", first.stderr);
        assert_eq!(sites_of(&first), sites_of(&again));
        all.extend(sites_of(&first));
    }
    all.sort();
    assert_eq!(all, ["jyj", "lyj", "shizf"]);
    let bad = platform(&["check", "--shard", "3/2"], p.path());
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--shard"), "{}", bad.stderr);
}

#[test]
fn the_sample_is_reproducible_and_at_least_the_ratio() {
    let p = platform_copy();
    let read = |q: &str| -> serde_json::Value {
        let path = p.path().join(format!("public/_sample-{q}/sample.json"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let run = platform(
        &["sample", "--quarter", "2026Q4", "--ratio", "0.5"],
        p.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first = read("2026Q4");
    assert_eq!(
        platform(
            &["sample", "--quarter", "2026Q4", "--ratio", "0.5"],
            p.path()
        )
        .code,
        0
    );
    assert_eq!(read("2026Q4"), first);
    assert_eq!(first["checked"], 2, "⌈0.5 × 3⌉ = 2");
    assert_eq!(first["total_sites"], 3);
    assert_eq!(first["passed"], 2);
    let html = std::fs::read_to_string(p.path().join("public/_sample-2026Q4/index.html")).unwrap();
    assert!(html.contains("抽查结果") && html.contains("合格"));
    let low = platform(
        &["sample", "--quarter", "2026Q4", "--ratio", "0.2"],
        p.path(),
    );
    assert_eq!(low.code, 2, "a ratio under 30 % is refused");
}

#[test]
fn a_bad_platform_yaml_is_exit_2_with_file_and_line() {
    let p = platform_copy();
    let path = p.path().join("platform.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}sitess: [a]\n")).unwrap();
    let line = text.lines().count() + 1;
    let run = platform(&["build"], p.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("platform.yaml:{line}")),
        "{}",
        run.stderr
    );
    assert!(!p.path().join("public").exists(), "nothing is written");
}

#[test]
fn the_supervision_report_counts_sites_changes_and_sampling_rounds() {
    let p = platform_copy();
    assert_eq!(
        platform(&["sample", "--quarter", "2026Q4"], p.path()).code,
        0
    );
    let dir = p.path().to_str().unwrap();
    let run = govsite(&[
        "report",
        "supervision",
        dir,
        "--year",
        "2026",
        "--format",
        "csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in [
        "平台网站情况,平台网站总数,3,个",
        "平台网站情况,部门网站,1,个",
        "网站开设整合情况,本年度整合迁移网站,1,个",
        "抽查情况,抽查轮次,1,次",
        "抽查情况,抽查网站数,1,个次",
    ] {
        assert!(run.stdout.contains(line), "missing {line}:\n{}", run.stdout);
    }
    let next = govsite(&[
        "report",
        "supervision",
        dir,
        "--year",
        "2027",
        "--format",
        "csv",
    ]);
    assert!(
        next.stdout.contains("抽查情况,抽查轮次,0,次"),
        "{}",
        next.stdout
    );
    assert!(
        next.stdout.contains("本年度整合迁移网站,0,个"),
        "{}",
        next.stdout
    );
}

#[test]
fn a_shared_platform_theme_is_used_when_the_site_has_none_of_that_name() {
    let p = platform_copy();
    copy_dir(
        &repo().join("themes/default"),
        &p.path().join("themes/pingtai"),
    );
    edit(
        &p.path().join("themes/pingtai"),
        "templates/base.html",
        "<main id=\"main\" tabindex=\"-1\">",
        "<main id=\"main\" tabindex=\"-1\" data-theme=\"pingtai\">",
    );
    edit(
        &p.path().join("sites/lyj"),
        "site.yaml",
        "theme: default",
        "theme: pingtai",
    );
    let run = platform(&["build"], p.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lyj = std::fs::read_to_string(p.path().join("public/lyj/index.html")).unwrap();
    assert!(lyj.contains("data-theme"), "the shared theme was not used");
    let jyj = std::fs::read_to_string(p.path().join("public/jyj/index.html")).unwrap();
    assert!(
        !jyj.contains("data-theme"),
        "a site on the built-in theme changed"
    );
}

#[test]
fn the_shared_library_serves_the_sites_that_link_it_and_a_site_may_override() {
    let p = platform_copy();
    let run = platform(&["build"], p.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = p.path().join("public");
    // jyj's 冬季安全生产 notice shows /ziyuan/12345-hotline.svg from the platform's static/.
    let shared = std::fs::read(p.path().join("static/ziyuan/12345-hotline.svg")).unwrap();
    assert_eq!(
        std::fs::read(out.join("jyj/ziyuan/12345-hotline.svg")).unwrap(),
        shared
    );
    // shizf links nothing from the library, so it publishes none of it.
    assert!(!out.join("shizf/ziyuan").exists());
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("_dashboard/dashboard.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["sites"][0]["updated"], "2026-11-25");

    // A site's own file of the same path wins over the library's.
    write(
        &p.path().join("sites/jyj"),
        "static/ziyuan/12345-hotline.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>本站</title></svg>",
    );
    assert_eq!(platform(&["build"], p.path()).code, 0);
    let own = std::fs::read_to_string(out.join("jyj/ziyuan/12345-hotline.svg")).unwrap();
    assert!(own.contains("本站"), "{own}");

    // A link to a file the library does not have is still a missing attachment.
    edit(
        &p.path().join("sites/shizf"),
        "content/lxwm.md",
        "\n---\n",
        "\n---\n[服务指南](/ziyuan/no-such-guide.pdf)\n\n",
    );
    let run = platform(&["build"], p.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("GOV603") && run.stderr.contains("no-such-guide.pdf"),
        "{}",
        run.stderr
    );
}
