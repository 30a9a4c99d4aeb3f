//! Output safety (issue 10): a build killed with SIGKILL mid-way leaves the previous output
//! byte for byte as it was, and the next build removes the killed build's staging folder.

use super::common;
use common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Adds `n` small items to the 政务动态 column so a build takes long enough to be killed.
fn add_items(site: &Path, n: usize) {
    let dir = site.join("content/zwdt/gen");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..n {
        let text = format!(
            "---\ntitle: 生成的信息第{i}条\ndate: 2026-11-2{} 09:00\n---\n\n第{i}条正文，用于测试中途终止构建。\n",
            i % 7 + 1
        );
        std::fs::write(dir.join(format!("2026-11-20-gen-{i}.md")), text).unwrap();
    }
}

/// Staging folders beside `public`.
fn staging_dirs(site: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(site)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("govsite-staging"))
        .map(|e| e.path())
        .collect()
}

/// Whether a staging folder holds at least one written page.
fn staging_has_pages(site: &Path) -> bool {
    staging_dirs(site).iter().any(|dir| {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .any(|e| e.file_name() == "index.html")
    })
}

fn build(site: &Path) -> Run {
    govsite(&[
        "build",
        site.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ])
}

#[test]
fn kill_9_mid_build_leaves_the_previous_output_intact() {
    let site = starter_copy();
    assert_eq!(build(site.path()).code, 0);
    let public = site.path().join("public");
    let before = snapshot(&public);

    add_items(site.path(), 600);
    let mut child = Command::new(env!("CARGO_BIN_EXE_govsite"))
        .args(["build", site.path().to_str().unwrap(), "--as-of", AS_OF])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !staging_has_pages(site.path()) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "build ended before it could be killed"
        );
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no staging folder appeared"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    assert_eq!(snapshot(&public), before, "previous output changed");
    assert!(
        !staging_dirs(site.path()).is_empty(),
        "the killed build left no staging folder?"
    );

    std::fs::remove_dir_all(site.path().join("content/zwdt/gen")).unwrap();
    let run = build(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        staging_dirs(site.path()).is_empty(),
        "staging folder left behind"
    );
    assert_eq!(
        snapshot(&public),
        before,
        "rebuild of the same site differs"
    );
}
