//! Incremental rebuilds (serve mode) against clean full builds: after every edit in a
//! series — item body, title, add, rename, delete, column, template, config, static file,
//! an error and its fix — the incremental result must equal a full build byte for byte,
//! findings included.

use crate::common::{self, AS_OF};
use govsite::config::Date;
use govsite::diagnostics::{self, Format};
use govsite::incremental::PageMemo;
use govsite::output::Memory;
use govsite::pipeline::{self, RunOptions};
use std::collections::BTreeMap;
use std::path::Path;

struct Built {
    files: BTreeMap<String, Vec<u8>>,
    report: String,
}

fn build(site: &Path, memo: Option<&PageMemo>) -> Built {
    let sink = Memory::default();
    let options = RunOptions {
        as_of: Date::parse(AS_OF),
        inject: Some(r#"<script src="/__govsite/live.js" defer></script>"#.into()),
        memo,
        ..Default::default()
    };
    if let Some(memo) = memo {
        memo.start_run();
    }
    let outcome = pipeline::run(site, &sink, &options);
    let report = diagnostics::render(&outcome.report, &outcome.sources, Format::Json, false);
    let files = sink
        .files
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|(path, bytes)| (path, bytes.to_vec()))
        .collect();
    Built { files, report }
}

/// Builds incrementally and from scratch and requires the same result.
fn assert_same(site: &Path, memo: &PageMemo, step: &str) -> (usize, usize) {
    let incremental = build(site, Some(memo));
    let stats = memo.stats();
    let full = build(site, None);
    assert_eq!(incremental.report, full.report, "{step}: findings differ");
    let differing: Vec<&String> = full
        .files
        .iter()
        .filter(|(path, bytes)| incremental.files.get(*path) != Some(*bytes))
        .map(|(path, _)| path)
        .chain(
            incremental
                .files
                .keys()
                .filter(|p| !full.files.contains_key(*p)),
        )
        .collect();
    assert!(differing.is_empty(), "{step}: files differ: {differing:?}");
    stats
}

/// One step of the edit series.
type Edit = Box<dyn Fn(&Path)>;

const ITEM: &str = "content/zwdt/2026-11-23-winter-safety-meeting.md";

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let tmp = common::starter_copy();
    let site = tmp.path();
    let memo = PageMemo::default();
    let (_, first) = assert_same(site, &memo, "first build");
    assert!(first > 50, "the first run renders every page");

    // Body text below the first paragraph: only the item itself is rendered again.
    common::edit(
        site,
        ITEM,
        "安全生产形势总体平稳",
        "安全生产形势总体平稳向好",
    );
    let (reused, rendered) = assert_same(site, &memo, "body edit");
    assert_eq!(
        rendered, 1,
        "only the edited item is rendered ({reused} reused)"
    );
    let built = build(site, Some(&memo));
    assert!(String::from_utf8_lossy(
        &built.files["zwdt/2026-11-23-winter-safety-meeting/index.html"]
    )
    .contains("总体平稳向好"));

    let steps: Vec<(&str, Edit)> = vec![
        (
            "first paragraph (the listing summary)",
            Box::new(|s| common::edit(s, ITEM, "各县、区设分会场", "各县（市、区）设分会场")),
        ),
        (
            "title",
            Box::new(|s| {
                common::edit(
                    s,
                    ITEM,
                    "title: 全市冬季安全生产工作电视电话会议召开",
                    "title: 全市冬季安全生产工作会议召开",
                )
            }),
        ),
        (
            "add an item",
            Box::new(|s| common::write(s, "content/zwdt/2026-11-26-new-item.md", NEW_ITEM)),
        ),
        (
            "the first paragraph of an item without description (its summary)",
            Box::new(|s| {
                common::edit(
                    s,
                    "content/zwdt/2026-11-26-new-item.md",
                    "新增条目的正文。",
                    "新增条目的正文已修改。",
                )
            }),
        ),
        (
            "rename an item",
            Box::new(|s| {
                rename(
                    s,
                    "content/zwdt/2026-11-26-new-item.md",
                    "content/zwdt/2026-11-26-renamed.md",
                )
            }),
        ),
        (
            "delete an item",
            Box::new(|s| {
                std::fs::remove_file(s.join("content/zwdt/2026-11-26-renamed.md")).unwrap()
            }),
        ),
        (
            "column",
            Box::new(|s| {
                common::edit(
                    s,
                    "content/zwdt/_index.md",
                    "title: 政务动态",
                    "title: 政务要闻",
                )
            }),
        ),
        (
            "template",
            Box::new(|s| common::write(s, "templates/item.html", &item_template())),
        ),
        (
            "site.yaml",
            Box::new(|s| common::edit(s, "site.yaml", "0871-63600000", "0871-63600001")),
        ),
        (
            "static file",
            Box::new(|s| {
                common::write(
                    s,
                    "static/files/business-environment-tasks-2026.txt",
                    "新的内容\n",
                )
            }),
        ),
        (
            "an error",
            Box::new(|s| {
                common::edit(
                    s,
                    "site.yaml",
                    "id_code: \"5301000001\"",
                    "id_code: \"53010000011\"",
                )
            }),
        ),
        (
            "its fix",
            Box::new(|s| {
                common::edit(
                    s,
                    "site.yaml",
                    "id_code: \"53010000011\"",
                    "id_code: \"5301000001\"",
                )
            }),
        ),
        (
            "template removed",
            Box::new(|s| std::fs::remove_file(s.join("templates/item.html")).unwrap()),
        ),
        (
            "body edit again",
            Box::new(|s| common::edit(s, ITEM, "总体平稳向好", "总体平稳")),
        ),
    ];
    for (step, change) in steps {
        change(site);
        assert_same(site, &memo, step);
    }
}

const NEW_ITEM: &str = "---\ntitle: 新增的一条政务动态\ndate: 2026-11-26 09:00\nsource: 示例市人民政府办公室\n---\n新增条目的正文。\n";

fn rename(site: &Path, from: &str, to: &str) {
    std::fs::rename(site.join(from), site.join(to)).unwrap();
}

/// The theme's item template with a visible change.
fn item_template() -> String {
    let theme =
        std::fs::read_to_string(common::repo().join("themes/default/templates/item.html")).unwrap();
    assert!(theme.contains("<h1>{{ item.title }}</h1>"));
    theme.replace(
        "<h1>{{ item.title }}</h1>",
        "<h1>{{ item.title }}（模板已修改）</h1>",
    )
}
