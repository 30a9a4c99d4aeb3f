use super::*;
use crate::diagnostics::Diagnostic;
use crate::rules::facts::PageLink;
use std::sync::Arc;

#[test]
fn the_cache_is_beside_the_output() {
    assert_eq!(
        path_for(Path::new("site/public")),
        Path::new("site/.public.govsite-cache")
    );
    assert_eq!(
        path_for(Path::new("out")),
        Path::new("./.out.govsite-cache")
    );
}

#[test]
fn a_file_that_is_not_a_cache_is_ignored() {
    let (tmp, out) = a_folder_with_an_output();
    let header = Header::current(tmp.path(), &out);
    for bad in [&b""[..], b"garbage", &MAGIC[..10], &[0u8; 64]] {
        assert!(parse(bad, &header).is_err());
    }
}

#[test]
fn a_written_cache_reads_back_and_any_damage_is_detected() {
    let (tmp, out) = a_folder_with_an_output();
    std::fs::write(out.join("a.html"), b"<p>a</p>").unwrap();
    let cache = BuildCache::new(tmp.path(), &out, None);
    let link = PageLink {
        tag: "a",
        url: "/x/".into(),
        target: crate::rules::urls::Target::Internal {
            path: "/x/".into(),
            fragment: None,
        },
        resource: false,
        source_span: Some(3..9),
    };
    let result = PageResult {
        diagnostics: vec![Diagnostic::warning("GOV501", "图片缺少替代文字").at_page("a.html")],
        facts: PageFacts {
            url: "/a.html".into(),
            output: "a.html".into(),
            kind: "item",
            title: "A".into(),
            ids: ["main".to_string()].into_iter().collect(),
            links: vec![Arc::new(link.clone()), Arc::new(link)],
            source: Some("content/a.md".into()),
        },
        search: None,
    };
    let stamp = cache.stamp(7, &result, b"<p>a</p>", None);
    cache.put("a.html", stamp);
    cache.write(None).unwrap();
    let bytes = BuildCache::read(&out).unwrap();

    let again = BuildCache::new(tmp.path(), &out, Some(&bytes));
    assert!(again.ignored.is_none(), "{:?}", again.ignored);
    assert!(again.reuse("a.html", 8).is_none(), "another fingerprint");
    let Reused {
        result: reused,
        path,
        link,
        ..
    } = again.reuse("a.html", 7).unwrap();
    assert_eq!(path, out.join("a.html"));
    assert!(link);
    assert_eq!(reused.diagnostics, result.diagnostics);
    assert_eq!(reused.facts.links, result.facts.links);
    assert!(Arc::ptr_eq(&reused.facts.links[0], &reused.facts.links[1]));
    assert_eq!(reused.facts.ids, result.facts.ids);

    // A page linked elsewhere too is copied, not linked.
    std::fs::hard_link(out.join("a.html"), tmp.path().join("elsewhere.html")).unwrap();
    assert!(!again.reuse("a.html", 7).unwrap().link);
    std::fs::remove_file(tmp.path().join("elsewhere.html")).unwrap();
    // Nor is a page that became a symbolic link, even to the same bytes.
    #[cfg(unix)]
    {
        std::fs::rename(out.join("a.html"), tmp.path().join("real.html")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("real.html"), out.join("a.html")).unwrap();
        assert!(again.reuse("a.html", 7).is_none());
        std::fs::remove_file(out.join("a.html")).unwrap();
        std::fs::rename(tmp.path().join("real.html"), out.join("a.html")).unwrap();
    }
    // The page edited by hand is not reused.
    std::fs::write(out.join("a.html"), b"<p>b</p>").unwrap();
    assert!(again.reuse("a.html", 7).is_none());

    // Every byte matters: truncated or flipped, the file is ignored.
    for cut in [0, 10, 20, bytes.len() / 2, bytes.len() - 1] {
        let c = BuildCache::new(tmp.path(), &out, Some(&bytes[..cut]));
        assert!(c.ignored.is_some(), "cut at {cut}");
    }
    for at in [0, 17, 30, bytes.len() - 1] {
        let mut flipped = bytes.clone();
        flipped[at] ^= 1;
        let c = BuildCache::new(tmp.path(), &out, Some(&flipped));
        assert!(c.ignored.is_some(), "flipped at {at}");
    }
    // Another site's cache.
    let other = tempfile::tempdir().unwrap();
    let c = BuildCache::new(other.path(), &out, Some(&bytes));
    assert!(c.ignored.as_deref().unwrap().contains("另一个网站"));
}

/// The cache of one page `a.html` holding `bytes`, whose file has the stat `stat`.
fn cache_of_one_page(root: &Path, out: &Path, bytes: &[u8], stat: Option<FileStat>) -> Vec<u8> {
    let cache = BuildCache::new(root, out, None);
    let result = PageResult {
        diagnostics: Vec::new(),
        facts: PageFacts {
            url: "/a.html".into(),
            output: "a.html".into(),
            kind: "item",
            title: "A".into(),
            ids: Default::default(),
            links: Vec::new(),
            source: None,
        },
        search: None,
    };
    let stamp = cache.stamp(7, &result, bytes, stat);
    cache.put("a.html", stamp);
    cache.write(None).unwrap();
    BuildCache::read(out).unwrap()
}

fn stat_of(path: &Path) -> Option<FileStat> {
    FileStat::of(&std::fs::symlink_metadata(path).unwrap())
}

#[cfg(unix)]
#[test]
fn a_settled_page_is_known_by_its_stat_and_a_fresh_one_by_its_hash() {
    let (tmp, out) = a_folder_with_an_output();
    let page = out.join("a.html");
    let set_mtime = |when: std::time::SystemTime| {
        let file = std::fs::File::options().write(true).open(&page).unwrap();
        file.set_modified(when).unwrap();
    };

    // Written a minute before the cache: its length, time and inode stand for its bytes,
    // so the file is not read (bytes changed behind an unchanged stat go unseen, as in git
    // and make; govsite itself never does that).
    std::fs::write(&page, b"<p>a</p>").unwrap();
    let a_minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    set_mtime(a_minute_ago);
    let settled = stat_of(&page);
    let bytes = cache_of_one_page(tmp.path(), &out, b"<p>a</p>", settled);
    std::fs::write(&page, b"<p>b</p>").unwrap();
    set_mtime(a_minute_ago);
    assert_eq!(stat_of(&page), settled);
    let again = BuildCache::new(tmp.path(), &out, Some(&bytes));
    assert_eq!(again.reuse("a.html", 7).unwrap().stamp.stat, settled);

    // Touched since: read and checked; the same bytes are reused with the new stat.
    std::fs::write(&page, b"<p>a</p>").unwrap();
    let touched = stat_of(&page);
    assert_ne!(touched, settled);
    let reused = again.reuse("a.html", 7).unwrap();
    assert_eq!(reused.stamp.stat, touched);
    // … and other bytes are not.
    std::fs::write(&page, b"<p>c</p>").unwrap();
    assert!(again.reuse("a.html", 7).is_none());

    // Written within a clock tick of the cache (here: just now), the same stat is not
    // enough: the bytes are checked.
    std::fs::write(&page, b"<p>a</p>").unwrap();
    let fresh = stat_of(&page);
    let bytes = cache_of_one_page(tmp.path(), &out, b"<p>a</p>", fresh);
    let mtime = std::fs::metadata(&page).unwrap().modified().unwrap();
    std::fs::write(&page, b"<p>d</p>").unwrap();
    set_mtime(mtime);
    assert_eq!(stat_of(&page), fresh);
    let again = BuildCache::new(tmp.path(), &out, Some(&bytes));
    assert!(again.reuse("a.html", 7).is_none());
}

#[test]
fn a_temporary_cache_file_of_a_killed_build_is_removed() {
    let (tmp, out) = a_folder_with_an_output();
    // No process has this id (above the kernel's limit of 2^22).
    let stale = tmp.path().join(".public.govsite-cache.tmp-4999999");
    std::fs::write(&stale, b"half a cache").unwrap();
    cache_of_one_page(tmp.path(), &out, b"<p>a</p>", None);
    assert!(!stale.exists());
    let names = names_in(tmp.path());
    assert_eq!(names.len(), 2, "the output and the cache: {names:?}");
}

/// A new folder (the site's root) holding an empty output folder, `public`.
fn a_folder_with_an_output() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    std::fs::create_dir(&out).unwrap();
    (tmp, out)
}

/// The names in the folder `dir` (the output and what lies beside it).
fn names_in(dir: &Path) -> Vec<std::ffi::OsString> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect()
}

#[test]
fn tables_put_while_the_cache_is_finished_do_not_open_it_again() {
    // The build puts the tables and finishes the file on two threads at once: whichever
    // comes second must find the file as the first one left it.
    let (tmp, out) = a_folder_with_an_output();
    let cache = BuildCache::new(tmp.path(), &out, None);
    cache.put_tables();
    cache.write(None).unwrap();
    cache.put_tables();
    let names = names_in(tmp.path());
    assert_eq!(
        names.len(),
        2,
        "the output and the cache, no new temporary file: {names:?}"
    );
    assert!(
        BuildCache::new(tmp.path(), &out, BuildCache::read(&out).as_deref())
            .ignored
            .is_none()
    );
}

#[test]
fn a_page_put_after_the_tables_stops_the_cache_file() {
    // The tables are read from where the pages end: a page behind them would be misread.
    let (tmp, out) = a_folder_with_an_output();
    let cache = BuildCache::new(tmp.path(), &out, None);
    cache.put_tables();
    let result = PageResult {
        diagnostics: Vec::new(),
        facts: PageFacts::default(),
        search: None,
    };
    cache.put("a.html", cache.stamp(7, &result, b"<p>a</p>", None));
    assert!(cache.write(None).is_err());
    assert!(BuildCache::read(&out).is_none(), "no cache file is written");
}
