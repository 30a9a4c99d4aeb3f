//! The rebuild loop against clean full builds, on a copy of the starter site: after each
//! edit in a series, what the fast path published must equal a clean full build byte for
//! byte on every page (the whole-site files — feeds, search index — follow with the full
//! rebuild), the fast path must decline every edit that moves an item, and the full
//! rebuild after it must equal the clean build on every file.

use super::*;
use std::collections::BTreeMap;
use std::path::Path;

const ITEM: &str = "content/zwdt/2026-11-23-winter-safety-meeting.md";
const ITEM_PAGE: &str = "zwdt/2026-11-23-winter-safety-meeting/index.html";
const AS_OF: &str = "2026-11-27";

fn starter_copy() -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("starter-site");
    let tmp = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&from).unwrap();
        let target = tmp.path().join(rel);
        if rel.starts_with("public") {
            continue;
        } else if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    tmp
}

fn edit(site: &Path, rel: &str, from: &str, to: &str) {
    let path = site.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} contains {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// A clean full build, as `govsite serve` would build it with no memo.
fn clean_build(site: &Path) -> (BTreeMap<String, Vec<u8>>, bool) {
    let sink = Memory::default();
    let options = RunOptions {
        as_of: Date::parse(AS_OF),
        inject: Some(reload::SCRIPT_TAG.to_string()),
        ..Default::default()
    };
    let outcome = pipeline::run(site, &sink, &options);
    let files = sink.files.into_inner().unwrap();
    let files = files.into_iter().map(|(p, b)| (p, b.to_vec())).collect();
    (files, outcome.exit_code() == 0)
}

/// The files the server shows now.
fn served(state: &State) -> BTreeMap<String, Vec<u8>> {
    let snapshot = state.current();
    let files = snapshot.files.iter();
    files
        .map(|(p, b)| (p.clone(), b.as_ref().to_vec()))
        .collect()
}

/// Paths whose bytes differ between the two builds, or that only one of them has.
fn differing(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let keys = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
    keys.filter(|k| a.get(*k) != b.get(*k)).cloned().collect()
}

fn builder(site: &Path) -> (Builder, Arc<State>) {
    let state = Arc::new(State::default());
    let root = site.canonicalize().unwrap();
    let builder = Builder::new(root, Date::parse(AS_OF), Arc::clone(&state));
    builder.first();
    (builder, state)
}

/// After the full rebuild that follows every batch, the server shows the clean build.
fn full_equals_clean(builder: &Builder, state: &State, site: &Path, step: &str) {
    assert!(builder.full(&[]), "{step}: nothing overtook the rebuild");
    let (clean, good) = clean_build(site);
    assert!(good, "{step}: the site builds");
    assert_eq!(
        differing(&served(state), &clean),
        Vec::<String>::new(),
        "{step}"
    );
}

#[test]
fn a_body_edit_is_shown_at_once_and_equals_a_full_build() {
    let tmp = starter_copy();
    let site = tmp.path();
    let (builder, state) = builder(site);
    let before = state.current().build;
    edit(
        site,
        ITEM,
        "安全生产形势总体平稳",
        "安全生产形势总体平稳向好",
    );
    assert_eq!(
        builder.changed(vec![ITEM.into()]),
        Some(1),
        "one page shown"
    );
    assert_eq!(state.current().build, before + 1, "published (live reload)");
    let (clean, _) = clean_build(site);
    let shown = served(&state);
    assert!(String::from_utf8_lossy(&shown[ITEM_PAGE]).contains("总体平稳向好"));
    // Only the search index, which holds the body text, waits for the full rebuild.
    let stale = differing(&shown, &clean);
    assert!(!stale.is_empty(), "the search index holds the new text");
    assert!(stale.iter().all(|p| p.starts_with("search/")), "{stale:?}");
    full_equals_clean(&builder, &state, site, "body edit");
    assert_eq!(
        state.current().build,
        before + 1,
        "no second reload: no page changed"
    );

    // Saving without a change, and a second body edit on the updated model.
    assert_eq!(builder.changed(vec![ITEM.into()]), Some(0));
    edit(site, ITEM, "总体平稳向好", "总体平稳");
    assert_eq!(builder.changed(vec![ITEM.into()]), Some(1));
    let shown = served(&state);
    let (clean, _) = clean_build(site);
    assert_eq!(shown[ITEM_PAGE], clean[ITEM_PAGE]);
    full_equals_clean(&builder, &state, site, "second body edit");
}

/// The HTML pages that differ between what is shown and the clean build.
fn stale_pages(state: &State, site: &Path) -> Vec<String> {
    let (clean, _) = clean_build(site);
    let stale = differing(&served(state), &clean);
    stale.into_iter().filter(|p| p.ends_with(".html")).collect()
}

#[test]
fn a_listing_edit_re_renders_every_page_that_shows_it() {
    const POLICY: &str = "content/zcwj/2026-10-20-elderly-care.md";
    const READING: &str = "content/zcjd/2026-10-20-elderly-care-qa.md";
    const NEW: &str = "content/zwdt/2026-11-26-new-item.md";
    let tmp = starter_copy();
    let site = tmp.path();
    let (builder, state) = builder(site);
    std::fs::write(site.join(NEW), NEW_ITEM).unwrap();
    assert_eq!(builder.changed(vec![NEW.into()]), None, "a new item waits");
    full_equals_clean(&builder, &state, site, "new item");
    type Step = (&'static str, Vec<&'static str>, Box<dyn Fn(&Path)>);
    let steps: Vec<Step> = vec![
        (
            "title",
            vec![ITEM],
            Box::new(|s| {
                edit(
                    s,
                    ITEM,
                    "title: 全市冬季安全生产工作电视电话会议召开",
                    "title: 全市冬季安全生产工作会议召开",
                )
            }),
        ),
        (
            "source",
            vec![ITEM],
            Box::new(|s| {
                edit(
                    s,
                    ITEM,
                    "source: 示例市应急管理局",
                    "source: 示例市安全生产委员会办公室",
                )
            }),
        ),
        (
            "saved through a scratch file renamed over the item",
            vec!["content/zwdt/sedX1Y2Z3", ITEM],
            Box::new(|s| {
                let text = std::fs::read_to_string(s.join(ITEM)).unwrap();
                let text = text.replace(
                    "source: 示例市安全生产委员会办公室",
                    "source: 示例市应急管理局",
                );
                std::fs::write(s.join("content/zwdt/sedX1Y2Z3"), text).unwrap();
                std::fs::rename(s.join("content/zwdt/sedX1Y2Z3"), s.join(ITEM)).unwrap();
            }),
        ),
        (
            "the first paragraph of an item without description (its listing summary)",
            vec![NEW],
            Box::new(|s| edit(s, NEW, "新增条目的正文。", "新增条目的正文已修改。")),
        ),
        (
            "a 政策文件's title (the 信息公开目录, its interpretation)",
            vec![POLICY],
            Box::new(|s| {
                edit(
                    s,
                    POLICY,
                    "居家社区养老服务的实施意见\n",
                    "居家社区养老服务的实施方案\n",
                )
            }),
        ),
        (
            "an interpretation's title (the policy it interprets)",
            vec![READING],
            Box::new(|s| edit(s, READING, "title: 图解《", "title: 一图读懂《")),
        ),
    ];
    for (step, rels, change) in steps {
        change(site);
        let shown = builder.changed(rels.into_iter().map(String::from).collect());
        assert!(
            shown.is_some_and(|n| n > 1),
            "{step}: shown at once ({shown:?})"
        );
        assert_eq!(stale_pages(&state, site), Vec::<String>::new(), "{step}");
        let build = state.current().build;
        full_equals_clean(&builder, &state, site, step);
        assert_eq!(
            state.current().build,
            build,
            "{step}: every page was already shown"
        );
    }
}

#[test]
fn edits_that_move_an_item_wait_for_the_full_rebuild() {
    let tmp = starter_copy();
    let site = tmp.path();
    let (builder, state) = builder(site);
    const NEW: &str = "content/zwdt/2026-11-26-new-item.md";
    const RENAMED: &str = "content/zwdt/2026-11-26-renamed.md";
    type Step = (&'static str, Vec<&'static str>, Box<dyn Fn(&Path)>);
    let steps: Vec<Step> = vec![
        (
            "new item",
            vec![NEW],
            Box::new(|s| std::fs::write(s.join(NEW), NEW_ITEM).unwrap()),
        ),
        (
            "rename",
            vec![NEW, RENAMED],
            Box::new(|s| std::fs::rename(s.join(NEW), s.join(RENAMED)).unwrap()),
        ),
        (
            "delete",
            vec![RENAMED],
            Box::new(|s| std::fs::remove_file(s.join(RENAMED)).unwrap()),
        ),
        (
            "date",
            vec![ITEM],
            Box::new(|s| edit(s, ITEM, "date: 2026-11-23 17:45", "date: 2026-11-24 17:45")),
        ),
        (
            "slug",
            vec![ITEM],
            Box::new(|s| {
                edit(
                    s,
                    ITEM,
                    "date: 2026-11-24 17:45",
                    "date: 2026-11-24 17:45\nslug: winter-safety",
                )
            }),
        ),
        (
            "aliases",
            vec![ITEM],
            Box::new(|s| {
                edit(
                    s,
                    ITEM,
                    "slug: winter-safety",
                    "slug: winter-safety\naliases: [/old/winter.html]",
                )
            }),
        ),
        (
            "column",
            vec!["content/zwdt/_index.md"],
            Box::new(|s| {
                edit(
                    s,
                    "content/zwdt/_index.md",
                    "title: 政务动态",
                    "title: 政务要闻",
                )
            }),
        ),
        (
            "a body edit with another change in the same batch",
            vec![ITEM, "site.yaml"],
            Box::new(|s| {
                edit(s, ITEM, "安全生产形势总体平稳", "安全生产形势总体平稳向好");
                edit(s, "site.yaml", "0871-63600000", "0871-63600001");
            }),
        ),
    ];
    for (step, rels, change) in steps {
        change(site);
        let before = state.current().build;
        let rels = rels.into_iter().map(String::from).collect();
        assert_eq!(builder.changed(rels), None, "{step}: declined");
        assert_eq!(state.current().build, before, "{step}: nothing published");
        full_equals_clean(&builder, &state, site, step);
    }
}

#[test]
fn a_body_edit_with_a_page_error_waits_for_the_full_rebuild() {
    let tmp = starter_copy();
    let site = tmp.path();
    let (builder, state) = builder(site);
    edit(
        site,
        ITEM,
        "安全生产形势总体平稳",
        "安全生产形势总体平稳\n\n<img src=\"/assets/x.png\">\n",
    );
    assert_eq!(builder.changed(vec![ITEM.into()]), None);
    assert!(builder.full(&[]));
    assert!(
        state.current().overlay.is_some(),
        "the full rebuild shows the error"
    );
    // The fix is not a body-only edit against a good model (there is none): full rebuild.
    edit(site, ITEM, "\n\n<img src=\"/assets/x.png\">\n", "");
    assert_eq!(builder.changed(vec![ITEM.into()]), None);
    full_equals_clean(&builder, &state, site, "fixed");
    assert!(state.current().overlay.is_none());
}

/// A full rebuild overtaken by a batch is not published: it read the files before the
/// batch, and the fast path already showed newer text.
#[test]
fn an_overtaken_full_rebuild_is_not_published() {
    let tmp = starter_copy();
    let site = tmp.path();
    let (builder, state) = builder(site);
    let generation = builder.generation.load(Ordering::SeqCst);
    let built = builder.build();
    edit(
        site,
        ITEM,
        "安全生产形势总体平稳",
        "安全生产形势总体平稳向好",
    );
    assert_eq!(builder.changed(vec![ITEM.into()]), Some(1));
    let shown = state.current().build;
    assert!(!builder.publish(generation, built, &[]), "overtaken");
    assert_eq!(state.current().build, shown);
    let page = String::from_utf8_lossy(&served(&state)[ITEM_PAGE]).into_owned();
    assert!(page.contains("总体平稳向好"), "the newer page stays");
    full_equals_clean(&builder, &state, site, "the next rebuild");
}

const NEW_ITEM: &str = "---\ntitle: 新增的一条政务动态\ndate: 2026-11-26 09:00\nsource: 示例市人民政府办公室\n---\n新增条目的正文。\n";
