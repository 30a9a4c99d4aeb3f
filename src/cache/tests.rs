use super::*;
use crate::diagnostics::Diagnostic;

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
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    std::fs::create_dir(&out).unwrap();
    let header = Header::current(tmp.path(), &out);
    for bad in [&b""[..], b"garbage", &MAGIC[..10], &[0u8; 64]] {
        assert!(parse(bad, &header).is_err());
    }
}

#[test]
fn a_written_cache_reads_back_and_any_damage_is_detected() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    std::fs::create_dir(&out).unwrap();
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
    let stamp = cache.stamp(7, &result, b"<p>a</p>");
    cache.keep(vec![("a.html".into(), stamp)]);
    cache.write().unwrap();
    let bytes = BuildCache::read(&out).unwrap();

    let again = BuildCache::new(tmp.path(), &out, Some(&bytes));
    assert!(again.ignored.is_none(), "{:?}", again.ignored);
    assert!(again.reuse("a.html", 8).is_none(), "another fingerprint");
    let (reused, page, linkable, _) = again.reuse("a.html", 7).unwrap();
    assert_eq!(linkable, Some(out.join("a.html")));
    assert_eq!(page, b"<p>a</p>");
    assert_eq!(reused.diagnostics, result.diagnostics);
    assert_eq!(reused.facts.links, result.facts.links);
    assert!(Arc::ptr_eq(&reused.facts.links[0], &reused.facts.links[1]));
    assert_eq!(reused.facts.ids, result.facts.ids);

    // A page linked elsewhere too is copied, not linked.
    std::fs::hard_link(out.join("a.html"), tmp.path().join("elsewhere.html")).unwrap();
    assert_eq!(again.reuse("a.html", 7).unwrap().2, None);
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
