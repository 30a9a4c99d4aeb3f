//! `govsite init DIR`: a new site from the bundled starter site, its dates shifted so that
//! it is fresh on the day it is created.

use crate::config::Date;
use include_dir::{include_dir, Dir};
use std::path::Path;

static STARTER: Dir = include_dir!("$CARGO_MANIFEST_DIR/starter-site");

/// The day the starter site's content is fresh on (the README builds with this `--as-of`).
pub const STARTER_AS_OF: &str = "2026-11-27";

/// Front matter keys whose dates move with the shift.
const DATE_KEYS: &[&str] = &["date:", "written:", "asked:", "answered:"];

/// Writes the starter site into `dir` (which must not exist or be empty).
pub fn create(dir: &Path, today: Date) -> Result<(), String> {
    if dir.exists() && std::fs::read_dir(dir).map_or(true, |mut d| d.next().is_some()) {
        return Err(format!("{} 已存在且不是空文件夹", dir.display()));
    }
    let pinned = Date::parse(STARTER_AS_OF).ok_or("内置日期无效")?;
    let shift = pinned.days_until(&today);
    write_dir(&STARTER, dir, shift)?;
    write_schemas(dir)
}

/// Where a new site keeps its copies of the editor schemas (the starter site's modelines
/// point into the repository's `schemas/`, which a new site does not have).
pub const SCHEMA_DIR: &str = ".govsite/schemas";

const MODELINE: &str = "# yaml-language-server: $schema=";

fn write_schemas(dir: &Path) -> Result<(), String> {
    let target = dir.join(SCHEMA_DIR);
    std::fs::create_dir_all(&target).map_err(|e| format!("无法创建 {}：{e}", target.display()))?;
    for (name, text) in crate::schema::files() {
        let path = target.join(name);
        std::fs::write(&path, text).map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
    }
    Ok(())
}

/// Points the yaml-language-server modelines of `text` at [`SCHEMA_DIR`]: the starter site
/// sits one folder below the repository root, so `../../schemas/x` becomes
/// `../.govsite/schemas/x` in the new site.
pub fn relocate_modelines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        let moved = line
            .strip_prefix(MODELINE)
            .and_then(|path| path.strip_prefix("../"))
            .and_then(|path| {
                let ups = path.len() - path.trim_start_matches("../").len();
                let rest = path[ups..].strip_prefix("schemas/")?;
                Some(format!("{MODELINE}{}{SCHEMA_DIR}/{rest}", &path[..ups]))
            });
        out.push_str(moved.as_deref().unwrap_or(line));
    }
    out
}

fn write_dir(source: &Dir, target: &Path, shift: i64) -> Result<(), String> {
    for file in source.files() {
        let path = target.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("无法创建 {}：{e}", parent.display()))?;
        }
        let extension = file.path().extension().and_then(|e| e.to_str());
        let bytes = match (extension, file.contents_utf8()) {
            (Some("md"), Some(text)) => relocate_modelines(&shift_dates(text, shift)).into_bytes(),
            (Some("yaml"), Some(text)) => relocate_modelines(text).into_bytes(),
            _ => file.contents().to_vec(),
        };
        std::fs::write(&path, bytes).map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
    }
    for sub in source.dirs() {
        if sub.path().file_name().is_some_and(|n| n == "public") {
            continue;
        }
        write_dir(sub, target, shift)?;
    }
    Ok(())
}

/// Moves every front-matter date in `text` by `days`.
pub fn shift_dates(text: &str, days: i64) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let key = DATE_KEYS.iter().find(|k| line.starts_with(*k));
        let shifted = key.and_then(|k| {
            let value = line[k.len()..].trim().trim_matches('"');
            let date = Date::parse(value)?.plus_days(days);
            let ending = if line.ends_with('\n') { "\n" } else { "" };
            Some(format!("{k} {date}{ending}"))
        });
        out.push_str(shifted.as_deref().unwrap_or(line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts_front_matter_dates_only() {
        let text = "---\ndate: 2026-11-20 09:30\nasked: 2026-11-01\ntitle: 2026-11-20\n---\ndate: in body stays? no\n";
        let out = shift_dates(text, 3);
        assert!(out.contains("date: 2026-11-23 09:30\n"));
        assert!(out.contains("asked: 2026-11-04\n"));
        assert!(out.contains("title: 2026-11-20\n"));
    }

    #[test]
    fn modelines_point_at_the_new_sites_schema_copies() {
        let site = "# yaml-language-server: $schema=../schemas/site.schema.json\nname: a\n";
        assert_eq!(
            relocate_modelines(site),
            "# yaml-language-server: $schema=.govsite/schemas/site.schema.json\nname: a\n"
        );
        let item =
            "---\n# yaml-language-server: $schema=../../../schemas/front-matter.schema.json\n";
        assert_eq!(
            relocate_modelines(item),
            "---\n# yaml-language-server: $schema=../../.govsite/schemas/front-matter.schema.json\n"
        );
        let other = "# yaml-language-server: $schema=https://example.com/s.json\n";
        assert_eq!(relocate_modelines(other), other);
    }
}
