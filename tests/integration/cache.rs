//! The build cache (`govsite build` without `--no-cache`): after each kind of edit, a
//! build that used the cache of the previous build writes exactly what a clean build of the
//! edited site writes, every file byte for byte, with the same findings; a damaged, foreign
//! or stale cache, or an output edited by hand, changes nothing but the time taken.

use crate::common::{self, snapshot, AS_OF};
use std::path::{Path, PathBuf};

const ITEM: &str = "content/zwdt/2026-11-23-winter-safety-meeting.md";

fn build(site: &Path, out: &Path, cache: bool) -> common::Run {
    let extra: &[&str] = if cache {
        &["--format", "json"]
    } else {
        &["--format", "json", "--no-cache"]
    };
    let run = common::build_into(site, out, extra);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    run
}

fn cache_file(out: &Path) -> PathBuf {
    out.parent().unwrap().join(".public.govsite-cache")
}

/// A starter site and a folder for its outputs, built once with the cache.
struct Fixture {
    site: tempfile::TempDir,
    outs: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let fixture = Fixture {
            site: common::starter_copy(),
            outs: tempfile::tempdir().unwrap(),
        };
        build(fixture.site(), &fixture.out(), true);
        assert!(cache_file(&fixture.out()).is_file(), "the cache is written");
        fixture
    }

    /// Waits until the site's files are older than the margin a build wants before it
    /// trusts a content file's stat (`content::memo::SETTLED_NS`, 2 s), then builds again:
    /// the cache then knows the unchanged item files by their stat, and the builds after an
    /// edit leave their bodies on disk until a page needs one (`content::Body`).
    fn settle(&self) {
        std::thread::sleep(std::time::Duration::from_millis(2100));
        build(self.site(), &self.out(), true);
    }

    fn site(&self) -> &Path {
        self.site.path()
    }

    fn out(&self) -> PathBuf {
        self.outs.path().join("public")
    }

    /// Builds with the cache and requires what a clean build writes; returns the cached
    /// build's stderr.
    fn assert_same_as_clean(&self, step: &str) -> String {
        let cached = build(self.site(), &self.out(), true);
        let clean_out = self.outs.path().join("clean");
        let clean = build(self.site(), &clean_out, false);
        assert_eq!(cached.stdout, clean.stdout, "{step}: findings differ");
        let (a, b) = (snapshot(&self.out()), snapshot(&clean_out));
        let names = |s: &[(PathBuf, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        assert_eq!(names(&a), names(&b), "{step}: other files");
        for ((path, x), (_, y)) in a.iter().zip(&b) {
            assert!(x == y, "{step}: {} differs", path.display());
        }
        // An output updated in place leaves no folder a clean build does not make.
        assert_eq!(
            folders(&self.out()),
            folders(&clean_out),
            "{step}: other folders"
        );
        assert!(
            !self.out().join(".public.govsite-cache").exists()
                && !clean_out.join(".clean.govsite-cache").exists(),
            "{step}: the cache is never inside the output"
        );
        assert!(
            !self.outs.path().join(".clean.govsite-cache").exists(),
            "--no-cache writes none"
        );
        std::fs::remove_dir_all(&clean_out).unwrap();
        cached.stderr
    }
}

/// Every folder below `dir`, relative to it, sorted.
fn folders(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    dirs.sort();
    dirs
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap())
}

/// Pages reused and rendered, from a human-format build's line about the cache.
fn reuse_counts(site: &Path, out: &Path) -> (usize, usize) {
    let run = common::build_into(site, out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("构建缓存："))
        .unwrap_or_else(|| panic!("no cache line in {}", run.stderr));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

#[test]
fn an_unchanged_site_is_all_reused_and_an_edited_body_renders_one_page() {
    let f = Fixture::new();
    f.settle();
    let (reused, rendered) = reuse_counts(f.site(), &f.out());
    assert!(reused > 50 && rendered == 0, "{reused} {rendered}");
    common::edit(
        f.site(),
        ITEM,
        "安全生产形势总体平稳。",
        "安全生产形势总体平稳。缓存测试。",
    );
    let (reused, rendered) = reuse_counts(f.site(), &f.out());
    assert_eq!(rendered, 1, "only the edited item ({reused} reused)");
    f.assert_same_as_clean("body edited");
}

#[cfg(unix)]
#[test]
fn an_output_is_updated_in_place_and_files_added_by_hand_go() {
    let f = Fixture::new();
    let out = f.out();
    let before: Vec<(PathBuf, Vec<u8>, u64)> = snapshot(&out)
        .into_iter()
        .map(|(p, bytes)| {
            let ino = inode(&out.join(&p));
            (p, bytes, ino)
        })
        .collect();
    let folder = inode(&out);
    common::edit(
        f.site(),
        ITEM,
        "安全生产形势总体平稳。",
        "安全生产形势总体平稳。就地更新。",
    );
    f.assert_same_as_clean("body edited");
    // The same folder, and every file whose bytes did not change is the same file: only
    // changed files were written (pages and site files alike).
    assert_eq!(inode(&out), folder, "the output folder was not replaced");
    let mut changed = Vec::new();
    for (path, bytes, ino) in &before {
        if std::fs::read(out.join(path)).ok().as_ref() == Some(bytes) {
            assert_eq!(
                inode(&out.join(path)),
                *ino,
                "{} written again",
                path.display()
            );
        } else {
            changed.push(path.clone());
        }
    }
    // The item, its listings and the search index.
    assert!(
        changed.contains(&PathBuf::from(
            "zwdt/2026-11-23-winter-safety-meeting/index.html"
        )) && changed.len() < before.len() / 10,
        "{changed:?}"
    );

    // Files and folders added by hand are not what a clean build writes: they go.
    std::fs::write(out.join("zwdt/extra.html"), b"x").unwrap();
    std::fs::create_dir_all(out.join("stray/deep")).unwrap();
    std::fs::write(out.join("stray/deep/x.txt"), b"x").unwrap();
    f.assert_same_as_clean("files added by hand");
    assert!(!out.join("zwdt/extra.html").exists() && !out.join("stray").exists());
}

/// One edit of the site.
type Edit = Box<dyn Fn(&Path)>;

#[test]
fn every_kind_of_edit_builds_what_a_clean_build_builds() {
    let f = Fixture::new();
    f.settle();
    let edits: Vec<(&str, Edit)> = vec![
        (
            "item body",
            Box::new(|s| common::edit(s, ITEM, "会议强调", "会议再次强调")),
        ),
        (
            "item title",
            Box::new(|s| {
                common::edit(
                    s,
                    ITEM,
                    "title: 全市冬季安全生产",
                    "title: 全市今冬安全生产",
                )
            }),
        ),
        (
            "item moved to another column",
            Box::new(|s| {
                std::fs::rename(
                    s.join(ITEM),
                    s.join("content/tzgg/2026-11-23-winter-safety-meeting.md"),
                )
                .unwrap()
            }),
        ),
        (
            "template of the theme",
            Box::new(|s| {
                let theme = common::repo().join("themes/default/templates/base.html");
                let text = std::fs::read_to_string(theme).unwrap();
                let text = text.replace("</body>", "<!-- 模板已修改 --></body>");
                common::write(s, "templates/base.html", &text);
            }),
        ),
        (
            "site.yaml",
            Box::new(|s| {
                common::edit(
                    s,
                    "site.yaml",
                    "name: 示例市人民政府门户网站",
                    "name: 示例市人民政府网站",
                )
            }),
        ),
        (
            "item deleted",
            Box::new(|s| {
                std::fs::remove_file(s.join("content/tzgg/2026-11-23-winter-safety-meeting.md"))
                    .unwrap()
            }),
        ),
    ];
    for (step, edit) in edits {
        edit(f.site());
        f.assert_same_as_clean(step);
    }
}

#[test]
fn a_damaged_cache_is_ignored_with_a_note() {
    let f = Fixture::new();
    let cache = cache_file(&f.out());
    let good = std::fs::read(&cache).unwrap();
    let damaged: Vec<(&str, Vec<u8>)> = vec![
        ("truncated", good[..good.len() / 2].to_vec()),
        ("garbage", b"this is not a cache at all".repeat(100)),
        ("empty", Vec::new()),
        ("one byte flipped", {
            let mut b = good.clone();
            let at = b.len() - 100;
            b[at] ^= 0x20;
            b
        }),
    ];
    for (step, bytes) in damaged {
        std::fs::write(&cache, bytes).unwrap();
        common::edit(f.site(), ITEM, "会议强调", "会议还强调");
        let stderr = f.assert_same_as_clean(step);
        assert!(stderr.contains("构建缓存未使用"), "{step}: {stderr}");
        assert_eq!(
            stderr.lines().count(),
            1,
            "{step}: one note, no error: {stderr}"
        );
        common::edit(f.site(), ITEM, "会议还强调", "会议强调");
        // Replaced by a good cache again.
        let (reused, _) = reuse_counts(f.site(), &f.out());
        assert!(reused > 50, "{step}");
    }
}

#[test]
fn a_cache_of_another_site_is_ignored() {
    let f = Fixture::new();
    // Another copy of the site, a page different, built into the same output folder.
    let other = common::starter_copy();
    common::edit(other.path(), ITEM, "会议强调", "另一个网站的会议强调");
    let run = build(other.path(), &f.out(), true);
    assert!(run.stderr.contains("另一个网站"), "{}", run.stderr);
    let clean = f.outs.path().join("clean");
    build(other.path(), &clean, false);
    assert_eq!(snapshot(&f.out()), snapshot(&clean));
}

#[test]
fn a_page_edited_by_hand_in_the_output_is_rendered_again() {
    let f = Fixture::new();
    let page = f
        .out()
        .join("zwdt/2026-11-23-winter-safety-meeting/index.html");
    let original = std::fs::read(&page).unwrap();
    std::fs::write(&page, b"<p>hand edit</p>").unwrap();
    let removed = f.out().join("index.html");
    std::fs::remove_file(&removed).unwrap();
    let (_, rendered) = reuse_counts(f.site(), &f.out());
    assert_eq!(rendered, 2, "the edited and the removed page");
    assert_eq!(std::fs::read(&page).unwrap(), original);
    assert!(removed.is_file());
    f.assert_same_as_clean("hand edit");
}

#[test]
fn a_search_index_edited_by_hand_in_the_output_is_built_again() {
    let f = Fixture::new();
    // The next build patches the previous shards with the edited item's terms: every
    // shard it reads back must be the one the previous build wrote. (An empty shard is a
    // valid one, to which the edit below only adds terms.)
    let shards = f.out().join("search/s");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&shards)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert!(names.len() >= 4, "{names:?}");
    for shard in &names {
        std::fs::write(shard, b"").unwrap();
    }
    let (before, after) = ("形势总体平稳。", "形势总体平稳。营商环境优化。");
    common::edit(f.site(), ITEM, before, after);
    f.assert_same_as_clean("shards edited");
    std::fs::remove_file(&names[1]).unwrap();
    common::edit(f.site(), ITEM, after, before);
    f.assert_same_as_clean("a shard removed");
    // And the index it wrote is patched in the next build.
    common::edit(f.site(), ITEM, "会议强调", "会议再次强调");
    f.assert_same_as_clean("edited again");
}

#[test]
fn findings_of_a_reused_page_are_reported_again() {
    let f = Fixture::new();
    // A link that opens a new window without rel="noopener" (GOV405, a warning).
    common::edit(
        f.site(),
        ITEM,
        "会议强调",
        "<a href=\"/zwdt/\" target=\"_blank\">政务动态</a>会议强调",
    );
    let first = build(f.site(), &f.out(), true);
    let (reused, _) = reuse_counts(f.site(), &f.out());
    assert!(reused > 50);
    let again = build(f.site(), &f.out(), true);
    assert!(again.stdout.contains("GOV405"), "{}", again.stdout);
    assert_eq!(first.stdout, again.stdout);
    f.assert_same_as_clean("warning kept");
}

#[test]
fn no_cache_neither_reads_nor_writes_it() {
    let site = common::starter_copy();
    let outs = tempfile::tempdir().unwrap();
    let out = outs.path().join("public");
    build(site.path(), &out, false);
    assert!(!cache_file(&out).exists());
    // A cache left by an earlier build is not read either (nor replaced).
    std::fs::write(cache_file(&out), b"garbage").unwrap();
    let run = build(site.path(), &out, false);
    assert!(!run.stderr.contains("构建缓存"), "{}", run.stderr);
    assert_eq!(std::fs::read(cache_file(&out)).unwrap(), b"garbage");
}

#[test]
fn a_failed_build_keeps_the_previous_output_and_its_cache() {
    let f = Fixture::new();
    let before = snapshot(&f.out());
    let cache = std::fs::read(cache_file(&f.out())).unwrap();
    common::edit(
        f.site(),
        "site.yaml",
        "id_code: \"5301000001\"",
        "id_code: \"53010000011\"",
    );
    common::edit(f.site(), ITEM, "会议强调", "会议又强调");
    let out = f.out();
    let args = [
        "build",
        f.site().to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--out",
        out.to_str().unwrap(),
    ];
    let run = common::govsite(&args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(snapshot(&f.out()), before, "the output is untouched");
    assert_eq!(
        std::fs::read(cache_file(&f.out())).unwrap(),
        cache,
        "and so is its cache"
    );
    // The pages it had put into the next cache file went with it.
    let left: Vec<String> = std::fs::read_dir(f.outs.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".govsite-cache.tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    common::edit(
        f.site(),
        "site.yaml",
        "id_code: \"53010000011\"",
        "id_code: \"5301000001\"",
    );
    let (reused, rendered) = reuse_counts(f.site(), &f.out());
    assert!(reused > 50 && rendered == 1, "{reused} {rendered}");
    f.assert_same_as_clean("after the fix");
}

#[test]
fn text_findings_follow_edits_of_the_text_and_of_the_word_lists() {
    let f = Fixture::new();
    // The text rules remember which texts hold nothing: a word to review (a warning)
    // written into one item is still found, and only there.
    common::edit(f.site(), ITEM, "会议强调", "仅供领导参阅。会议强调");
    f.assert_same_as_clean("a listed word in an edited item");
    let run = build(f.site(), &f.out(), true);
    assert!(
        run.stdout.contains("仅供领导参阅") && run.stdout.contains("winter-safety-meeting.md"),
        "{}",
        run.stdout
    );
    // A new word in the word list is found in items that did not change.
    let list = f.site().join("wordlists/custom.txt");
    let mut words = std::fs::read_to_string(&list).unwrap();
    words.push_str("便民\n");
    std::fs::write(&list, words).unwrap();
    f.assert_same_as_clean("a word added to the list");
    let run = build(f.site(), &f.out(), true);
    assert!(
        run.stdout.contains("便民") && run.stdout.contains("forest-fire-prevention.md"),
        "{}",
        run.stdout
    );
}
