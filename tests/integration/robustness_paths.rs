//! Hostile paths and templates (issue 10): symlink loops and links out of the site, slugs
//! and aliases that climb out or take reserved addresses, links escaping the root, an
//! include cycle in a template, unreadable files. Exit 2 with file and line (where the
//! input has one), or exit 1 for rule findings; never a panic, never partial output.

use super::common;
use common::*;
use std::path::Path;

/// An item with `extra` front matter lines: they start on line 4.
fn item(site: &Path, rel: &str, extra: &str) {
    let text = format!("---\ntitle: 标题\ndate: 2026-11-20\n{extra}---\n正文\n");
    write(site, rel, &text);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_gov006() {
    let site = starter_copy();
    std::os::unix::fs::symlink("..", site.path().join("content/zwdt/up")).unwrap();
    let d = expect_error(site.path(), "GOV006", "content/zwdt/up", None);
    assert!(d["message"].as_str().unwrap().contains("循环"), "{d}");
}

#[cfg(unix)]
#[test]
fn a_symlink_to_itself_and_a_dangling_one_are_gov006() {
    let site = starter_copy();
    std::os::unix::fs::symlink("self.md", site.path().join("content/zwdt/self.md")).unwrap();
    std::os::unix::fs::symlink("gone.md", site.path().join("content/zwdt/dangling.md")).unwrap();
    let run = build_json(site.path());
    assert_eq!(run.code, 2, "{}", run.stdout);
    let files: Vec<String> = run
        .diagnostics()
        .iter()
        .map(|d| d["file"].to_string())
        .collect();
    for file in ["content/zwdt/self.md", "content/zwdt/dangling.md"] {
        assert!(files.contains(&format!("\"{file}\"")), "{file}: {files:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_static_symlink_out_of_the_site_is_gov006() {
    let site = starter_copy();
    let link = site.path().join("static/files/passwd.txt");
    std::os::unix::fs::symlink("/etc/passwd", link).unwrap();
    expect_error(site.path(), "GOV006", "static/files/passwd.txt", None);
}

#[test]
fn slugs_that_climb_or_are_absolute_are_gov003_at_the_slug() {
    for slug in ["../../etc", "/etc/passwd", "a/../b", "..\\\\x"] {
        let site = starter_copy();
        item(
            site.path(),
            "content/zwdt/s.md",
            &format!("slug: \"{slug}\"\n"),
        );
        expect_error(site.path(), "GOV003", "content/zwdt/s.md", Some(4));
    }
}

#[test]
fn aliases_that_climb_are_gov003_at_the_alias() {
    for alias in ["/a/../../x", "../x", "//evil.example.com/x"] {
        let site = starter_copy();
        item(
            site.path(),
            "content/zwdt/s.md",
            &format!("aliases:\n  - /ok/\n  - \"{alias}\"\n"),
        );
        expect_error(site.path(), "GOV003", "content/zwdt/s.md", Some(6));
    }
}

#[test]
fn an_alias_on_a_reserved_address_is_gov004_at_the_alias() {
    for alias in [
        "/search/manifest.json",
        "/assets/site.css",
        "/index.html",
        "/sitemap.xml",
    ] {
        let site = starter_copy();
        item(
            site.path(),
            "content/zwdt/s.md",
            &format!("aliases:\n  - {alias}\n"),
        );
        expect_error(site.path(), "GOV004", "content/zwdt/s.md", Some(5));
    }
}

#[test]
fn a_slug_on_a_reserved_page_is_gov004_at_the_slug() {
    let site = starter_copy();
    item(site.path(), "content/s.md", "slug: search\n");
    expect_error(site.path(), "GOV004", "content/s.md", Some(4));
}

/// `/assets/` holds the theme's files, but an item page `assets/index.html` clashes with
/// none of them: allowed.
#[test]
fn a_slug_named_assets_only_adds_a_page() {
    let site = starter_copy();
    item(site.path(), "content/s.md", "slug: assets\n");
    let run = build_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(site.path().join("public/assets/site.css").is_file());
    assert!(site.path().join("public/assets/index.html").is_file());
}

#[test]
fn a_link_climbing_out_of_the_root_is_gov601_not_a_crash() {
    let site = starter_copy();
    let text = "---\ntitle: 标题\ndate: 2026-11-20\n---\n[x](../../../../etc/passwd)\n";
    write(site.path(), "content/zwdt/2026-11-20-up.md", text);
    let run = build_json(site.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    let d = run
        .diagnostics()
        .into_iter()
        .find(|d| d["code"] == "GOV601")
        .unwrap();
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some("content/zwdt/2026-11-20-up.md"), Some(5))
    );
}

#[test]
fn a_template_that_includes_itself_is_gov005_not_a_stack_overflow() {
    let site = starter_copy();
    write(
        site.path(),
        "templates/loop.html",
        "<p>\n{% include \"loop.html\" %}\n",
    );
    let d = expect_error(site.path(), "GOV005", "templates/loop.html", Some(2));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("loop.html → loop.html"),
        "{d}"
    );
}

#[test]
fn an_include_cycle_through_extends_is_gov005() {
    let site = starter_copy();
    let partial = "{% if page_kind == \"item\" %}{% include \"page.html\" %}{% endif %}";
    write(site.path(), "templates/partial.html", partial);
    let page = "{% extends \"base.html\" %}{% block content %}{% include \"partial.html\" %}{% endblock %}";
    write(site.path(), "templates/page.html", page);
    let run = build_json(site.path());
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.codes().contains(&"GOV005".to_string()),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_content_is_gov006_instead_of_a_hang() {
    let site = starter_copy();
    let fifo = site.path().join("content/zwdt/pipe.md");
    let path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
    expect_error(site.path(), "GOV006", "content/zwdt/pipe.md", None);
}

/// Permissions do not stop root (CI runs as root): there the case is skipped; the pipe
/// test above covers a file that cannot be read.
#[cfg(unix)]
#[test]
fn an_unreadable_file_is_gov006() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped: running as root, chmod 000 does not block reads");
        return;
    }
    let site = starter_copy();
    item(site.path(), "content/zwdt/2026-11-20-locked.md", "");
    let locked = site.path().join("content/zwdt/2026-11-20-locked.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let d = expect_error(
        site.path(),
        "GOV006",
        "content/zwdt/2026-11-20-locked.md",
        None,
    );
    assert!(
        d["message"].as_str().unwrap().contains("没有读取权限"),
        "{d}"
    );
}
