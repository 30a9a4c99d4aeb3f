//! Helpers for the integration tests: run the real binary on copies of fixture sites.
//! Helpers are shared by several test modules; not every module uses every helper.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The day the starter site is fresh on.
pub const AS_OF: &str = "2026-11-27";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary copy of the starter site.
pub fn starter_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("starter-site"), tmp.path());
    tmp
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        if rel.starts_with("public") {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The output of one run of govsite.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", self.stdout, self.stderr))
    }

    /// The diagnostics of a `--format json` run.
    pub fn diagnostics(&self) -> Vec<serde_json::Value> {
        self.json()["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Codes of the diagnostics, sorted and deduplicated.
    pub fn codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self
            .diagnostics()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect();
        codes.sort();
        codes.dedup();
        codes
    }
}

pub fn govsite(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_govsite"))
        .args(args)
        .env_remove("GOVSITE_AS_OF")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `govsite check SITE --as-of AS_OF --format json`.
pub fn check_json(site: &Path) -> Run {
    govsite(&[
        "check",
        site.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ])
}

/// Replaces `from` with `to` in a file of the site, failing if `from` is not there.
pub fn edit(site: &Path, file: &str, from: &str, to: &str) {
    let path = site.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

pub fn write(site: &Path, file: &str, text: &str) {
    let path = site.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Gives the site its own copy of the default theme's footer with `items` (list items)
/// after its 网站地图 link: something in the footer of every page.
pub fn add_to_theme_footer(site: &Path, items: &str) {
    let footer =
        std::fs::read_to_string(repo().join("themes/default/templates/partials/footer.html"))
            .unwrap();
    let sitemap = "<li><a href=\"/sitemap/\">网站地图</a></li>";
    assert!(
        footer.contains(sitemap),
        "the theme's footer has no {sitemap}"
    );
    let changed = footer.replacen(sitemap, &format!("{sitemap}{items}"), 1);
    write(site, "templates/partials/footer.html", &changed);
}

/// Every file under `dir` with its bytes, for before/after comparisons.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// `govsite build SITE --as-of AS_OF --format json`.
pub fn build_json(site: &Path) -> Run {
    let site = site.to_str().unwrap();
    govsite(&["build", site, "--as-of", AS_OF, "--format", "json"])
}

/// Expects exit 2 with `code` at `file` and `line` (None: the input has no line, e.g. a
/// symlink), no panic and no output folder. Returns the diagnostic.
pub fn expect_error(site: &Path, code: &str, file: &str, line: Option<u64>) -> serde_json::Value {
    let run = build_json(site);
    assert_eq!(
        run.code, 2,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!site.join("public").exists(), "partial output written");
    let d = run
        .diagnostics()
        .into_iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {}", run.stdout));
    assert_eq!(d["file"], file, "{d}");
    assert_eq!(d["line"].as_u64(), line, "{d}");
    d
}

/// `govsite build SITE --as-of AS_OF --out OUT` plus `extra` arguments.
pub fn build_into(site: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "build",
        site.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    govsite(&args)
}
