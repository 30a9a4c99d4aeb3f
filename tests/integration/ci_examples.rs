//! The CI files in `examples/ci/` are run, not just shown: every `govsite` command line
//! of their scripts runs (matrix variables filled in) in a copy of the example platform or
//! the starter site, and what the files then upload or keep must exist.

use super::common::*;
use std::path::Path;
use std::process::Command;

/// Every string of a `script:`/`run:` list or value in the YAML that calls govsite.
fn govsite_lines(yaml: &serde_yaml::Value, out: &mut Vec<String>) {
    match yaml {
        serde_yaml::Value::String(s) if s.trim_start().starts_with("govsite ") => {
            out.push(s.trim().to_string())
        }
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| govsite_lines(v, out)),
        serde_yaml::Value::Mapping(map) => map.values().for_each(|v| govsite_lines(v, out)),
        _ => {}
    }
}

/// Runs `line` with the shell in `dir` (the files' commands are shell lines: quotes,
/// `>` and `|| true`), the built binary first on PATH, the matrix variables set.
fn run_line(line: &str, dir: &Path) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_govsite")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let line = line.replace("${{ matrix.shard }}", "1");
    Command::new("sh")
        .args(["-c", &line])
        .current_dir(dir)
        .env("PATH", path)
        .env("SHARD", "1/4")
        .env("GOVSITE_AS_OF", AS_OF)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn example(name: &str) -> serde_yaml::Value {
    let text = std::fs::read_to_string(repo().join("examples/ci").join(name)).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// Runs every govsite line of the file `name` in `dir`; each must exit with `code`.
fn run_all(name: &str, dir: &Path, code: i32) -> serde_yaml::Value {
    let yaml = example(name);
    let mut lines = Vec::new();
    govsite_lines(&yaml, &mut lines);
    assert!(!lines.is_empty(), "{name} runs no govsite command");
    for line in &lines {
        let output = run_line(line, dir);
        assert_eq!(
            output.status.code(),
            Some(code),
            "{name}: `{line}`:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    yaml
}

#[test]
fn the_github_workflow_uploads_one_sarif_log_with_repository_paths() {
    let p = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples/platform"), p.path());
    // A finding, so the upload has something to show.
    edit(
        &p.path().join("sites/jyj"),
        "content/tzgg/2026-11-20-winter-safety.md",
        "发现安全隐患",
        "发现安全隐患（示例：[旧通知](/ziyuan/old-notice.pdf)）",
    );
    // The job fails on the error (exit 1); the upload step runs `if: always()`.
    let yaml = run_all("github-actions.yml", p.path(), 1);
    let steps = yaml["jobs"]["build"]["steps"].as_sequence().unwrap();
    let sarif = steps
        .iter()
        .find_map(|s| s["with"]["sarif_file"].as_str())
        .unwrap();
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p.path().join(sarif)).unwrap()).unwrap();
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "GitHub refuses several runs of one tool");
    // Shard 1/4 of jyj, lyj, shizf is jyj alone.
    let uris: Vec<&str> = runs[0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(uris.iter().any(|u| u.starts_with("sites/jyj/")), "{uris:?}");
}

#[test]
fn the_gitlab_platform_pipeline_keeps_its_artifacts() {
    let p = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples/platform"), p.path());
    let yaml = run_all("gitlab-ci.yml", p.path(), 0);
    for path in yaml["platform"]["artifacts"]["paths"]
        .as_sequence()
        .unwrap()
    {
        let path = path.as_str().unwrap();
        assert!(p.path().join(path).exists(), "artifact {path} missing");
    }
}

#[test]
fn the_gitlab_site_pipeline_writes_its_reports() {
    let site = starter_copy();
    let yaml = run_all("gitlab-site.yml", site.path(), 0);
    let text = format!("{yaml:?}");
    for report in ["govsite-junit.xml", "gl-code-quality-report.json"] {
        assert!(text.contains(report));
        assert!(site.path().join(report).is_file(), "{report} not written");
    }
    let junit = std::fs::read_to_string(site.path().join("govsite-junit.xml")).unwrap();
    assert!(junit.contains("<testsuites"), "{junit}");
}
