//! Tests of [`super::scan`] on real folders.

use super::*;
use std::fs;

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().expect("a file has a parent")).expect("mkdir");
    fs::write(path, bytes).expect("write");
}

#[test]
fn sorts_pages_files_and_skips() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    write(dir, "index.html", b"<html><title>home</title>");
    write(dir, "xxgk/202204/t20220417_974894.SHTML", b"<html>");
    write(dir, "art/2022/4/17/art_1229_974894.html", b"<html>");
    write(dir, "images/logo.png", b"\x89PNG");
    write(dir, "xxgk/list", b"<!DOCTYPE html><html>");
    write(dir, "LICENSE", b"plain text");
    let mut gbk = b"<meta charset=gb2312><p>".to_vec();
    gbk.extend(encoding_rs::GBK.encode("政府信息公开指南").0.iter());
    write(dir, "gbk.htm", &gbk);
    let site = scan(dir, &Limits::default()).expect("scan");
    let pages: Vec<_> = site.pages.iter().map(|p| p.rel.as_str()).collect();
    assert_eq!(
        pages,
        [
            "art/2022/4/17/art_1229_974894.html",
            "gbk.htm",
            "index.html",
            "xxgk/202204/t20220417_974894.SHTML",
            "xxgk/list"
        ]
    );
    let files: Vec<_> = site.files.iter().map(|f| f.rel.as_str()).collect();
    assert_eq!(files, ["LICENSE", "images/logo.png"]);
    let gbk = &site.pages[1];
    assert_eq!(gbk.encoding, "GBK");
    assert!(gbk.html.contains("政府信息公开指南"));
    assert!(site.skipped.is_empty(), "{:?}", site.skipped);
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed() {
    let outside = tempfile::tempdir().expect("tempdir");
    write(outside.path(), "secret.html", b"<html>secret");
    write(outside.path(), "d/inner.html", b"<html>inner");
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    write(dir, "index.html", b"<html>");
    std::os::unix::fs::symlink(outside.path().join("secret.html"), dir.join("s.html"))
        .expect("symlink");
    std::os::unix::fs::symlink(outside.path().join("d"), dir.join("d")).expect("symlink");
    std::os::unix::fs::symlink(dir.join("index.html"), dir.join("same.html")).expect("symlink");
    let site = scan(dir, &Limits::default()).expect("scan");
    assert_eq!(site.pages.len(), 1);
    assert!(site.pages.iter().all(|p| !p.html.contains("secret")));
    let skipped: Vec<_> = site
        .skipped
        .iter()
        .map(|s| (s.rel.as_str(), s.reason.contains("之外")))
        .collect();
    assert_eq!(
        skipped,
        [("d", true), ("s.html", true), ("same.html", false)]
    );
}

#[test]
fn limits_skip_with_a_reason() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    write(dir, "a.html", b"<html>");
    write(dir, "b.html", &[b'x'; 2048]);
    write(dir, "c.html", b"<html>");
    let limits = Limits {
        max_pages: 2,
        max_page_bytes: 1024,
        ..Limits::default()
    };
    let site = scan(dir, &limits).expect("scan");
    assert_eq!(site.pages.len(), 1);
    assert!(
        site.skipped[0].reason.contains("过大"),
        "{:?}",
        site.skipped
    );
    assert!(
        site.skipped[1].reason.contains("上限 2"),
        "{:?}",
        site.skipped
    );
}

#[test]
fn a_missing_folder_is_an_input_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let err = scan(&tmp.path().join("nope"), &Limits::default()).expect_err("missing");
    assert_eq!(err.code, "GOV006");
    assert!(err.message.contains("nope"));
}

#[test]
fn page_names() {
    assert!(is_page_name("a/B.ASPX"));
    assert!(is_page_name("t.jhtml"));
    assert!(!is_page_name("a/.html"));
    assert!(!is_page_name("a/x.css"));
}
